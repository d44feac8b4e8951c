"""Decompress a plain `.bz2` dump once, not twice.

A dump without a multistream index is read twice: the template pre-pass reads all of it
for its Template:/Module: pages, then the conversion pass reads it again. bz2 decodes at
~40 MB/s on one core, so the second decompression costs the parent process as much CPU as
the first. The pre-pass therefore tees the decompressed bytes into a spill file, each read
compressed with zstd level 1 (jawiki head: 10.2 MB -> 4.1 MB in 0.03 s, read back in
0.04 s, against 0.85 s for bz2 on the same loaded machine), and the conversion pass reads
the spill instead of the dump.

The spill replays the stream exactly: the same bytes, the compressed offset the dump had
reached after each read (progress, error messages), and the error the dump ended with, if
it was cut off or corrupt. It is made only where the disk has room for it, and a write that
fails (disk full) drops it: the conversion pass then reads the dump itself.

The first `MEMORY_LIMIT` bytes are held in memory, uncompressed; only a dump larger than
that goes to disk (its held reads first). A dump of a few tens of MB is then read back
without compressing and decompressing it (jawiki head, 10.2 MB: 0.05 s less of serial
pre-pass, 0.04 s less for the parent while the workers convert), and the parent's memory
stays bounded by the limit, whatever the size of the dump.
"""
from __future__ import annotations

import os
import shutil
import struct
import tempfile
from typing import Any

# per read: decompressed length, zstd length, compressed offset of the dump after the read
_FRAME = struct.Struct("<IIQ")
# zstd level 1 keeps a dump's XML at ~30-40 % of its size, about 1.6x the .bz2; room for
# three times the .bz2 plus a margin is asked before a spill is made
_ROOM_FACTOR = 3
_ROOM_MARGIN = 1 << 30
# decompressed bytes held in memory before the spill goes to disk
MEMORY_LIMIT = 32 << 20


def _compressor() -> Any:
    # zstandard, not pyarrow's codec: importing pyarrow (and numpy) cost the parent 0.12 s
    # of serial start-up on every run, while zstandard imports in a few milliseconds
    import zstandard

    return zstandard.ZstdCompressor(level=1)


def _decompressor() -> Any:
    import zstandard

    return zstandard.ZstdDecompressor()


def spill_room(dump_path: str, folder: str | None = None) -> bool:
    """True when `folder` (default: the system temp folder) has room for the spill of `dump_path`."""
    try:
        free = shutil.disk_usage(folder or tempfile.gettempdir()).free
        return free >= _ROOM_FACTOR * os.path.getsize(dump_path) + _ROOM_MARGIN
    except OSError:
        return False


class Spill:
    """A decompressed stream kept for one replay: in memory up to `memory_limit` bytes,
    beyond that in a temporary file of zstd frames. Written once, read once."""

    def __init__(self, folder: str | None = None, memory_limit: int | None = None) -> None:
        self._folder = folder
        self._limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        # (data, compressed offset) per read while in memory; None once on disk
        self.held: list[tuple[bytes, int] | None] | None = []
        self._held_bytes = 0
        self.path: str | None = None     # the file, once the stream outgrew memory
        self._out: Any = None
        self._codec: Any = None
        self.ok = True                   # False once a write failed: the spill is not used
        self.error: BaseException | None = None   # what the stream raised at its end
        self.error_offset = 0

    def write(self, data: bytes, compressed_offset: int) -> None:
        if not self.ok or not data:
            return
        if self.held is not None:
            if self._held_bytes + len(data) <= self._limit:
                self.held.append((data, compressed_offset))
                self._held_bytes += len(data)
                return
            if not self._to_disk():
                return
        self._write_frame(data, compressed_offset)

    def _to_disk(self) -> bool:
        """Open the file and write what memory held; False when that failed (dropped)."""
        held, self.held, self._held_bytes = self.held or [], None, 0
        try:
            fd, self.path = tempfile.mkstemp(prefix="unwiki-spill-", suffix=".zst", dir=self._folder)
        except OSError:
            self.discard()
            return False
        self._out = os.fdopen(fd, "wb")
        self._codec = _compressor()
        for frame in held:
            if frame is not None:
                self._write_frame(*frame)
        return self.ok

    def _write_frame(self, data: bytes, compressed_offset: int) -> None:
        packed = self._codec.compress(data)
        try:
            self._out.write(_FRAME.pack(len(data), len(packed), compressed_offset))
            self._out.write(packed)
        except OSError:
            self.discard()

    def fail(self, error: BaseException, compressed_offset: int) -> None:
        """The stream raised `error`: the reader raises it again at the same point."""
        self.error, self.error_offset = error, compressed_offset

    def finish(self) -> None:
        if self.ok and self._out is not None:
            try:
                self._out.close()
            except OSError:
                self.discard()

    def discard(self) -> None:
        self.ok = False
        self.held = None
        if self._out is not None:
            try:
                self._out.close()
            except OSError:
                pass
        self.remove()

    def remove(self) -> None:
        self.held = None
        if self.path is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def reader(self, path: str, size: int) -> SpillInput:
        return SpillInput(self, path, size)


class SpillInput:
    """The spilled stream read back, with `InputStream`'s interface (read, offset,
    compressed_offset, size, path, close)."""

    def __init__(self, spill: Spill, path: str, size: int) -> None:
        self.path = path
        self.size = size
        self.offset = 0
        self.compressed_offset = 0
        self._spill = spill
        self._held = spill.held          # entries are dropped as they are read back
        self._next_held = 0
        self._in: Any = open(spill.path, "rb") if self._held is None and spill.path else None
        self._codec: Any = _decompressor() if self._in is not None else None
        self._buf = b""

    def _next(self) -> tuple[bytes, int] | None:
        """The next read of the stream, with the dump's compressed offset after it."""
        if self._held is not None:
            if self._next_held == len(self._held):
                return None
            frame, self._held[self._next_held] = self._held[self._next_held], None
            self._next_held += 1
            return frame
        if self._in is None:
            return None
        head = self._in.read(_FRAME.size)
        if len(head) < _FRAME.size:
            return None
        raw_len, packed_len, offset = _FRAME.unpack(head)
        return self._codec.decompress(self._in.read(packed_len), max_output_size=raw_len), offset

    def read(self, n: int) -> bytes:
        parts = [self._buf] if self._buf else []
        have = len(self._buf)
        while have < n:
            frame = self._next()
            if frame is None:
                break
            data, self.compressed_offset = frame
            parts.append(data)
            have += len(data)
        buf = b"".join(parts)
        if not buf and self._spill.error is not None:
            err, self._spill.error = self._spill.error, None
            self.compressed_offset = self._spill.error_offset
            raise err
        out, self._buf = buf[:n], buf[n:]
        self.offset += len(out)
        return out

    def close(self) -> None:
        self._held = None
        if self._in is not None:
            self._in.close()
        self._spill.remove()


class TeeInput:
    """An `InputStream` whose every read is also written to a spill."""

    def __init__(self, source: Any, spill: Spill) -> None:
        self._source = source
        self._spill = spill
        self.path = source.path
        self.size = source.size

    @property
    def offset(self) -> int:
        return int(self._source.offset)

    @property
    def compressed_offset(self) -> int:
        return int(self._source.compressed_offset)

    def read(self, n: int) -> bytes:
        try:
            data = self._source.read(n)
        except BaseException as exc:
            self._spill.fail(exc, self._source.compressed_offset)
            raise
        self._spill.write(data, self._source.compressed_offset)
        return data

    def close(self) -> None:
        self._source.close()
        self._spill.finish()
