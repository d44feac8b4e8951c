"""What every sink does: encode records in the worker, write them in the parent, and say
which pages are durably written (for `--resume`)."""
from __future__ import annotations

from typing import Any, ClassVar


class Sink:
    """Base of the sinks. `encode` runs in worker processes (so the parent only copies
    bytes); `write`, `take_durable`, `close` run in the parent, in that order."""

    #: what a worker must render for each page: "dict" (FORMAT.md JSON), "text" or "markdown"
    needs: ClassVar[str] = "dict"

    @staticmethod
    def encode(records: list[dict[str, Any]]) -> Any:
        return records

    def write(self, payload: Any, keys: list[str]) -> None:
        raise NotImplementedError

    @staticmethod
    def worker_init() -> None:
        """Run once in each worker process, before its first `encode`."""

    def warm_up(self) -> None:
        """Load in the parent, before the workers fork, what `encode` would otherwise load
        in every worker on its first task."""

    def take_durable(self) -> list[str]:
        """Keys of pages written since the last call that would survive a crash now."""
        return []

    def state(self) -> dict[str, Any]:
        """Where the output stands after the last durable point (for the resume manifest)."""
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        """Undo anything written after `state` (a resumed run starts from there)."""

    def close(self) -> None:
        """Flush and close; everything written becomes durable."""

    @property
    def files(self) -> list[str]:
        return []
