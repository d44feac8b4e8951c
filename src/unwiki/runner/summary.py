"""Run accounting: every page read ends up written, skipped (with a reason) or failed (with
a kind), so `read == written + skipped + failed` is checkable from summary.json."""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    records: int = 0                      # rows written (> written with --revisions all)
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    redirects_mapped: int = 0
    resumed: int = 0                      # pages done by an earlier run (not read again)
    input_bytes: int = 0                  # bytes of input files (compressed) consumed
    text_bytes: int = 0                   # decompressed XML/wikitext converted (sent to workers or read by them)
    started: float = field(default_factory=time.time)
    finished: float | None = None
    fatal: list[dict[str, Any]] = field(default_factory=list)   # dumps that broke off
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    workers: int = 0
    outputs_summary: bool = False         # a summary.json is written (not a single page to stdout)

    def add(self, other: dict[str, Any]) -> None:
        """Fold in the counts of an earlier (resumed) run's committed work."""
        self.read += other.get("read", 0)
        self.written += other.get("written", 0)
        self.records += other.get("records", 0)
        self.skipped.update(other.get("skipped", {}))
        self.failed.update(other.get("failed", {}))
        self.redirects_mapped += other.get("redirects_mapped", 0)

    @property
    def elapsed(self) -> float:
        return (self.finished or time.time()) - self.started

    def to_dict(self) -> dict[str, Any]:
        elapsed = max(self.elapsed, 1e-9)
        return {
            "pages_read": self.read,
            "written": self.written,
            "records": self.records,
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_total": sum(self.skipped.values()),
            "failed": dict(sorted(self.failed.items())),
            "failed_total": sum(self.failed.values()),
            "redirects_mapped": self.redirects_mapped,
            "resumed_from_earlier_run": self.resumed,
            "elapsed_s": round(elapsed, 3),
            "pages_per_s": round(self.read / elapsed, 1),
            "input_mb_per_s": round(self.input_bytes / elapsed / 1e6, 3),
            "text_mb_per_s": round(self.text_bytes / elapsed / 1e6, 3),
            "workers": self.workers,
            "complete": not self.fatal,
            "fatal": self.fatal,
            "inputs": self.inputs,
            "outputs": self.outputs,
        }

    def describe(self) -> str:
        d = self.to_dict()
        skipped = ", ".join(f"{k} {v:,}" for k, v in d["skipped"].items()) or "none"
        failed = ", ".join(f"{k} {v:,}" for k, v in d["failed"].items()) or "none"
        lines = [
            f"unwiki: {d['pages_read']:,} pages read, {d['written']:,} written, "
            f"{d['skipped_total']:,} skipped ({skipped}), {d['failed_total']:,} failed ({failed})",
            f"unwiki: {d['elapsed_s']:.1f} s, {d['pages_per_s']:,.1f} pages/s, "
            f"{d['input_mb_per_s']:.2f} MB/s input, {d['text_mb_per_s']:.2f} MB/s text, {self.workers} workers",
        ]
        if self.resumed:
            lines.append(f"unwiki: {self.resumed:,} pages were done by the interrupted run (counts include them)")
        for f in self.fatal:
            lines.append(f"unwiki: INPUT INCOMPLETE: {f['message']}")
        return "\n".join(lines)

    def save(self, path: str) -> None:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, path)
