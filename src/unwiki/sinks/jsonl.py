"""JSONL: one FORMAT.md JSON object per line, optionally gzip or zstd compressed.

Compressed output is written as a series of complete gzip members / zstd frames (one per
commit), which every reader of those formats concatenates; that is what lets a resumed run
cut the file back to its last commit and append.
"""
from __future__ import annotations

import gzip
import io
import json
import os
from typing import Any, ClassVar

import orjson

from unwiki.sinks.base import Sink


def _line(record: dict[str, Any]) -> bytes:
    """One compact JSON line. orjson encodes the records ~4.5x faster than `json` (jawiki
    head: 0.125 s -> 0.027 s), about 8 % of a worker's time per page; a record it refuses
    (a lone surrogate, an integer beyond 64 bits) is written by `json` instead."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
            "utf-8", "replace")


def encode_jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join([_line(r) for r in records])


def compression_for(path: str, compression: str | None) -> str:
    if compression:
        return "" if compression == "none" else compression
    if path.endswith(".gz"):
        return "gz"
    if path.endswith(".zst"):
        return "zst"
    return ""


class JsonlSink(Sink):
    needs: ClassVar[str] = "dict"

    def __init__(self, path: str, *, compression: str | None = None, commit_bytes: int = 32 << 20,
                 stream: io.BufferedIOBase | None = None) -> None:
        self.path = path
        self.compression = compression_for(path, compression)
        self.commit_bytes = commit_bytes
        self._stream = stream          # stdout: no commits, no compression
        self._raw = None
        self._enc = None
        self._pending: list[str] = []
        self._durable: list[str] = []
        self._since = 0
        self._length = 0

    encode = staticmethod(encode_jsonl)

    def _encoder(self):
        if self._stream is not None:
            return self._stream
        if self._enc is None:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            self._raw = open(self.path, "ab")
            if self.compression == "gz":
                self._enc = gzip.GzipFile(fileobj=self._raw, mode="ab", compresslevel=6)
            elif self.compression == "zst":
                import zstandard

                self._enc = zstandard.ZstdCompressor(level=3).stream_writer(self._raw, closefd=True)
            else:
                self._enc = self._raw
        return self._enc

    def write(self, payload: bytes, keys: list[str]) -> None:
        self._encoder().write(payload)
        self._pending.extend(keys)
        self._since += len(payload)
        if self._since >= self.commit_bytes:
            self._commit()

    def _commit(self) -> None:
        if self._stream is not None:
            self._stream.flush()
        elif self._enc is not None:
            if self._enc is not self._raw:
                self._enc.close()     # ends the gzip member / zstd frame (the zstd writer closes the file too)
                if not self._raw.closed:
                    self._raw.close()
                self._raw = self._enc = None
                self._length = os.path.getsize(self.path)
            else:
                self._raw.flush()
                self._length = self._raw.tell()
        self._durable.extend(self._pending)
        self._pending = []
        self._since = 0

    def take_durable(self) -> list[str]:
        out, self._durable = self._durable, []
        return out

    def state(self) -> dict[str, Any]:
        return {"length": self._length}

    def restore(self, state: dict[str, Any]) -> None:
        length = int(state.get("length", 0))
        if os.path.exists(self.path):
            with open(self.path, "r+b") as fh:
                fh.truncate(length)
        self._length = length

    def close(self) -> None:
        if self._stream is None and self._enc is None and not os.path.exists(self.path):
            self._encoder()               # no page written: still leave a (valid, empty) file
        self._commit()
        if self._raw is not None:
            self._raw.close()
            self._raw = self._enc = None

    @property
    def files(self) -> list[str]:
        return [self.path] if self._stream is None else []
