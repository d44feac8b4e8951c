"""A folder with one file per page: `.txt` (clean text), `.md` (Markdown) or `.json`.

File names follow the corpus convention (spaces -> `_`, `/ \\ : * ? " < > | % #` and
controls percent-encoded), so `unquote(stem).replace("_", " ")` gives the title back.
A second page with the same title gets `~<page id>` before the extension.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from unwiki.sinks.base import Sink

_UNSAFE = set('/\\:*?"<>|%#')
MAX_NAME_BYTES = 200


def filename_for(title: str) -> str:
    """A portable file stem for a page title."""
    out = []
    for ch in title.replace(" ", "_"):
        if ch in _UNSAFE or ord(ch) < 32 or ch == "\x7f":
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    stem = "".join(out) or "_"
    if stem.startswith("."):
        stem = "%2E" + stem[1:]
    raw = stem.encode("utf-8")
    if len(raw) > MAX_NAME_BYTES:
        digest = hashlib.sha1(raw).hexdigest()[:12]
        stem = raw[: MAX_NAME_BYTES - 13].decode("utf-8", "ignore") + "~" + digest
    return stem


class FolderSink(Sink):
    """Pages as files; every file is complete once written, so all writes are durable."""

    def __init__(self, folder: str, kind: str) -> None:
        self.folder = folder
        self.kind = kind
        self.ext = {"text": ".txt", "markdown": ".md", "json": ".json"}[kind]
        self._durable: list[str] = []
        self.count = 0

    @property
    def needs(self) -> str:  # type: ignore[override]
        return "dict" if self.kind == "json" else self.kind

    def encode(self, records: list[dict[str, Any]]) -> list[tuple[str, str | None, bytes]]:
        out = []
        for r in records:
            if self.kind == "json":
                body = json.dumps(r, ensure_ascii=False, indent=1) + "\n"
            else:
                body = r[self.kind]
            out.append((filename_for(r.get("title") or ""), r.get("page_id"), body.encode("utf-8")))
        return out

    def write(self, payload: list[tuple[str, Any, bytes]], keys: list[str]) -> None:
        os.makedirs(self.folder, exist_ok=True)
        for stem, page_id, body in payload:
            path = os.path.join(self.folder, stem + self.ext)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                path = os.path.join(self.folder, f"{stem}~{page_id}{self.ext}")
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            self.count += 1
        self._durable.extend(keys)

    def take_durable(self) -> list[str]:
        out, self._durable = self._durable, []
        return out
