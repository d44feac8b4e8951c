"""A process pool that survives its workers: one pipe pair per worker, so the parent knows
which task each worker holds; a dead worker (crash, OOM kill, watchdog) is replaced and its
task re-sent without the page it died on, which is recorded as failed.

Back-pressure: at most `prefetch` tasks per worker are in flight, and the parent reads the
input only when a worker has room, so memory does not grow with the dump.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from typing import Any

from unwiki.runner.convert import Outcome, error_record
from unwiki.runner.tasks import Task
from unwiki.runner.worker import Status, WorkerState, fail_units, page_key, set_state, worker_main

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class _Worker:
    proc: Any
    task_conn: Any
    result_conn: Any
    status: Status
    tasks: deque = field(default_factory=deque)       # sent, not answered, in order
    killed_for: str | None = None
    broken: bool = False        # its task pipe failed: dead, not yet replaced (its sentinel will be)


class WorkerPool:
    def __init__(self, n: int, state: WorkerState, *, prefetch: int = 2, page_timeout: float = 0.0,
                 max_rss_mb: int = 0, kill_after: float | None = None) -> None:
        self.n = max(1, n)
        self.state = state
        self.prefetch = prefetch
        self.page_timeout = page_timeout
        self.max_rss = max_rss_mb * (1 << 20)
        # the in-worker timer normally ends a slow page; this is for code that ignores signals
        self.kill_after = kill_after if kill_after is not None else page_timeout * 2 + 5
        methods = mp.get_all_start_methods()
        self.ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self.workers: list[_Worker] = []
        self.crashes = 0
        self.retry: deque[Task] = deque()
        set_state(state)
        for _ in range(self.n):
            self.workers.append(self._start())
        self._last_watch = time.monotonic()

    def _start(self) -> _Worker:
        task_r, task_w = self.ctx.Pipe(duplex=False)
        res_r, res_w = self.ctx.Pipe(duplex=False)
        status = self.ctx.Value(Status, lock=False)
        status.unit = -1
        if self.ctx.get_start_method() == "fork":
            others = tuple(fd for w in self.workers for fd in (w.task_conn.fileno(), w.result_conn.fileno()))
            args = (task_r, res_w, status, None, others + (task_w.fileno(), res_r.fileno()))
        else:
            args = (task_r, res_w, status, self.state)
        proc = self.ctx.Process(target=worker_main, args=args, daemon=True)
        proc.start()
        task_r.close()
        res_w.close()
        return _Worker(proc, task_w, res_r, status)

    @property
    def in_flight(self) -> int:
        return sum(len(w.tasks) for w in self.workers)

    def has_room(self) -> bool:
        return any(len(w.tasks) < self.prefetch and not w.broken for w in self.workers)

    def submit(self, task: Task) -> None:
        """Send `task` to the least busy live worker (call only when `has_room`). A worker
        that died since the last look (its pipe breaks) is left for its sentinel to
        replace, and the task goes to the retry queue, so no page is lost."""
        worker = min((w for w in self.workers if not w.broken), key=lambda w: len(w.tasks))
        try:
            worker.task_conn.send(task)
        except OSError:             # BrokenPipeError: the worker is gone
            worker.broken = True
            self.retry.appendleft(task)
            return
        worker.tasks.append(task)

    def resubmit_pending(self) -> None:
        while self.retry and self.has_room():
            self.submit(self.retry.popleft())

    def results(self, timeout: float = 0.5) -> list[tuple[int, Any, Outcome]]:
        """Results that have arrived (waiting up to `timeout`); handles dead workers."""
        self.resubmit_pending()
        conns = {w.result_conn: w for w in self.workers}
        sentinels = {w.proc.sentinel: w for w in self.workers}
        out: list[tuple[int, Any, Outcome]] = []
        ready = wait(list(conns) + list(sentinels), timeout)
        for obj in ready:
            if obj in conns:
                worker = conns[obj]
                try:
                    while obj.poll():
                        seq, payload, outcome = obj.recv()
                        done = worker.tasks.popleft()
                        if done.seq != seq:  # cannot happen: pipes are ordered
                            raise RuntimeError(f"worker answered task {seq}, expected {done.seq}")
                        out.append((seq, payload, outcome))
                except (EOFError, OSError):
                    pass  # the sentinel handles the death
        for obj in ready:
            if obj in sentinels and sentinels[obj] in self.workers:
                out.extend(self._replace(sentinels[obj]))
        self._watchdog(out)
        return out

    def _watchdog(self, out: list) -> None:
        now = time.monotonic()
        if now - self._last_watch < 0.25:
            return
        self._last_watch = now
        for w in list(self.workers):
            st = w.status
            if st.unit < 0 or not w.proc.is_alive():
                continue
            if self.page_timeout > 0 and now - st.started > self.kill_after:
                w.killed_for = "timeout"
            elif self.max_rss and rss_bytes(w.proc.pid) > self.max_rss:
                w.killed_for = "memory"
            else:
                continue
            os.kill(w.proc.pid, signal.SIGKILL)
            w.proc.join(5)
            out.extend(self._replace(w))

    def _replace(self, w: _Worker) -> list[tuple[int, Any, Outcome]]:
        """A worker died: record its current page, re-send its tasks without that page."""
        w.proc.join(1)
        # drain answers that made it into the pipe before the death
        answered: list[tuple[int, Any, Outcome]] = []
        try:
            while w.result_conn.poll():
                seq, payload, outcome = w.result_conn.recv()
                w.tasks.popleft()
                answered.append((seq, payload, outcome))
        except (EOFError, OSError):
            pass
        self.workers.remove(w)
        for conn in (w.task_conn, w.result_conn):
            conn.close()
        self.crashes += 1
        kind = w.killed_for or "crash"
        pending = list(w.tasks)
        if pending:
            st = w.status
            current = pending[0]
            if st.seq != current.seq or st.unit < 0:
                again = self._died_outside_a_page(current, kind, w.proc.exitcode, answered)
                self.retry.extendleft(reversed(([again] if again else []) + pending[1:]))
                self.workers.append(self._start())
                return answered
            unit = st.unit
            title = st.title.decode("utf-8", "replace")
            page_id = st.page_id if st.page_id >= 0 else None
            if kind == "timeout":
                message = f"page ran past --page-timeout {self.page_timeout:g} s and its worker was killed"
            elif kind == "memory":
                message = f"worker memory passed {self.max_rss >> 20} MB on this page; worker restarted"
            else:
                message = f"worker process died (exit code {w.proc.exitcode}) on this page; worker restarted"
            failed = Outcome(pages=1)
            offset = current.offsets[unit] if current.kind == "xml" and unit < len(current.offsets) else None
            failed.errors.append(error_record(None, kind, message, title=title or None, page_id=page_id,
                                              source=current.source, offset=offset))
            key = page_key(page_id, title)
            if current.kind == "files" and unit < len(current.items):
                key = f"f:{current.items[unit][1]}"
            failed.failures.append((kind, key))
            answered.append((-1, None, failed))
            self.retry.appendleft(replace(current, exclude=current.exclude | {unit}))
            for t in reversed(pending[1:]):
                self.retry.insert(1, t)
        self.workers.append(self._start())
        return answered

    @staticmethod
    def _died_outside_a_page(task: Task, kind: str, exitcode: int | None,
                             answered: list[tuple[int, Any, Outcome]]) -> Task | None:
        """A worker died while no page of `task` was being converted (reading the task's
        input, or encoding its records): the task to send again, once; when that one dies
        too, each of its pages gets an error record (in `answered`) instead of a third try."""
        if not task.retried:
            return replace(task, retried=True)
        failed = Outcome()
        fail_units(task, failed, kind, "worker process died twice on this task outside any page, while "
                   f"reading its input or encoding its records (exit code {exitcode})")
        answered.append((task.seq, None, failed))
        return None

    def close(self) -> None:
        for w in self.workers:
            try:
                w.task_conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 10
        for w in self.workers:
            w.proc.join(max(0.1, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(1)
            for conn in (w.task_conn, w.result_conn):
                conn.close()
        self.workers = []

    def terminate(self) -> None:
        for w in self.workers:
            if w.proc.is_alive():
                w.proc.kill()
        for w in self.workers:
            w.proc.join(2)
        self.workers = []
