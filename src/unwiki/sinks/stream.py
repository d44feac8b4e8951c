"""One page (or a stream of pages) to stdout or to one file: `unwiki convert page.wiki`."""
from __future__ import annotations

import json
import os
import sys
from typing import Any

from unwiki.sinks.base import Sink


class StreamSink(Sink):
    """Text, Markdown or JSON of each page to a stream; pages separated by a blank line."""

    def __init__(self, kind: str, path: str | None = None) -> None:
        self.kind = kind
        self.path = path
        self._fh = None
        self._first = True

    @property
    def needs(self) -> str:  # type: ignore[override]
        return "dict" if self.kind == "json" else self.kind

    def encode(self, records: list[dict[str, Any]]) -> list[str]:
        if self.kind == "json":
            return [json.dumps(r, ensure_ascii=False, indent=2) + "\n" for r in records]
        return [r[self.kind] for r in records]

    def _out(self):
        if self._fh is None:
            if self.path:
                os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            self._fh = open(self.path, "w", encoding="utf-8") if self.path else sys.stdout
        return self._fh

    def write(self, payload: list[str], keys: list[str]) -> None:
        out = self._out()
        for body in payload:
            if not self._first:
                out.write("\n")
            out.write(body)
            self._first = False
        out.flush()

    def close(self) -> None:
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        self._fh = None

    @property
    def files(self) -> list[str]:
        return [self.path] if self.path else []
