"""Append-only JSONL/TSV side files (errors.jsonl, redirects) whose committed length is
recorded so a resumed run can cut off what an interrupted one wrote after that point."""
from __future__ import annotations

import json
import os
from typing import Any


class LogFile:
    def __init__(self, path: str, *, tsv: bool = False) -> None:
        self.path = path
        self.tsv = tsv
        self._fh = None
        self.count = 0

    def open(self):
        if self._fh is None:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            self._fh = open(self.path, "ab")
        return self._fh

    def add(self, record: dict[str, Any]) -> None:
        fh = self.open()
        if self.tsv:
            fields = [str(record.get(k) if record.get(k) is not None else "")
                      for k in ("title", "target", "page_id")]
            fh.write(("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n").encode())
        else:
            fh.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.count += 1

    def flush(self) -> int:
        """Flush to the OS; the committed length."""
        if self._fh is None:
            return os.path.getsize(self.path) if os.path.exists(self.path) else 0
        self._fh.flush()
        return self._fh.tell()

    def restore(self, length: int) -> None:
        if os.path.exists(self.path):
            with open(self.path, "r+b") as fh:
                fh.truncate(length)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
