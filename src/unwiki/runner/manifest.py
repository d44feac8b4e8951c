"""`--resume`: an append-only manifest of commits. Each line says which pages became durable
(written, skipped or failed), where the sink and side files stood, and the counts; a
resumed run cuts every file back to the last commit and skips the pages listed."""
from __future__ import annotations

import json
import os
from typing import Any


class Manifest:
    def __init__(self, path: str) -> None:
        self.path = path
        self._fh = None

    def load(self) -> tuple[set[str], dict[str, Any] | None, dict[str, Any]]:
        """(done keys, last commit line, summed counts) of earlier runs; torn last line ignored."""
        done: set[str] = set()
        last: dict[str, Any] | None = None
        counts: dict[str, Any] = {"read": 0, "written": 0, "records": 0, "skipped": {}, "failed": {},
                                  "redirects_mapped": 0}
        if not os.path.exists(self.path):
            return done, None, counts
        good = 0
        with open(self.path, "rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    line = json.loads(raw)
                except ValueError:
                    break
                good += len(raw)
                done.update(line.get("keys", []))
                c = line.get("counts", {})
                for k in ("read", "written", "records", "redirects_mapped"):
                    counts[k] += c.get(k, 0)
                for k in ("skipped", "failed"):
                    for reason, n in c.get(k, {}).items():
                        counts[k][reason] = counts[k].get(reason, 0) + n
                last = line
        with open(self.path, "r+b") as fh:
            fh.truncate(good)
        return done, last, counts

    def reset(self) -> None:
        if os.path.exists(self.path):
            os.remove(self.path)

    def commit(self, line: dict[str, Any]) -> None:
        if self._fh is None:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            self._fh = open(self.path, "ab")
        self._fh.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
