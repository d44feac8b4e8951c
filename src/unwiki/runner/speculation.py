"""Converting a dump's pages while its template pre-pass still runs (runner/prepass.py).

The workers are forked before the pass ends, with no templates. What they return is held
back until the pass has ended: when the dump has no template pages the results stand and
are written; otherwise the pool is replaced by one forked with the templates and every task
sent so far is converted again, in the order it was sent. No new task is sent once the pass
has met a template page, so the work thrown away is what was in flight then.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from unwiki.runner.convert import Outcome
from unwiki.runner.pool import WorkerPool
from unwiki.runner.prepass import PrePass
from unwiki.runner.tasks import Task

Result = tuple[int, Any, Outcome]


class Speculation:
    def __init__(self, prepass: PrePass) -> None:
        self.prepass = prepass
        self.active = True                  # the pass has not been settled yet
        self.tasks: list[Task] = []         # sent while active, in order
        self.held: list[Result] = []        # their results (and crash records), not yet written
        self.redone = 0                     # tasks converted again with the templates

    def may_submit(self) -> bool:
        """New tasks are sent unless they would surely be converted again."""
        return not self.active or not self.prepass.template_seen

    def waiting(self) -> bool:
        """Active, and nothing more can happen until the pass ends."""
        return self.active and not self.may_submit()

    def sent(self, task: Task) -> None:
        if self.active:
            self.tasks.append(task)

    def take(self, results: list[Result]) -> list[Result]:
        """The results to write now (the others are held)."""
        if not self.active:
            return results
        self.held.extend(results)
        return []

    def settle(self, pool: WorkerPool, new_pool: Callable[[Mapping[str, str]], WorkerPool]
               ) -> tuple[WorkerPool, list[Result]]:
        """Once the pass has ended: the pool to go on with and the results that stand."""
        if self.prepass.error is not None:
            raise self.prepass.error
        self.active = False
        templates = self.prepass.templates
        held, self.held = self.held, []
        tasks, self.tasks = self.tasks, []
        if not templates:
            return pool, held
        pool.terminate()            # everything it holds is converted again
        pool = new_pool(templates)
        pool.retry.extend(tasks)
        self.redone = len(tasks)
        return pool, []
