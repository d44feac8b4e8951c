"""Wikimedia multistream dumps: many concatenated bz2 streams plus an index of
`offset:page_id:title` lines, so independent streams can be decompressed in parallel.

The parent reads only the index and the header stream; each worker opens the dump,
seeks to its stream and decompresses it (no bytes travel through the parent). When the run
leaves cores without a worker, the parent decompresses the streams ahead on threads of its
own instead (`streams_ahead`) and hands the workers XML, as a dump's own reader would.
"""
from __future__ import annotations

import bz2
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from unwiki.sources.compression import CountingReader, Decompressing, open_input
from unwiki.sources.siteinfo import SiteInfo, parse_header
from unwiki.sources.xmldump import _PAGE_OPEN, DumpError, xml_unescape

T = TypeVar("T")

# where a bz2 stream starts: "BZh", the block size, then the first block's magic (the
# digits of pi) or, in an empty stream, the end-of-stream magic (those of sqrt(pi))
_STREAM_HEAD = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")
_SCAN = 1 << 20


@dataclass(slots=True)
class IndexEntry:
    page_id: int
    title: str


@dataclass(slots=True)
class Stream:
    """One bz2 stream of the dump: [start, end) bytes of the file and the pages it holds."""

    start: int
    end: int
    entries: list[IndexEntry] = field(default_factory=list)


def index_beside(path: str) -> str | None:
    """`…-multistream-index.txt[.bz2]` next to `…-multistream.xml.bz2`, when it exists."""
    base = os.path.basename(path)
    folder = os.path.dirname(path) or "."
    if "multistream" not in base:
        return None
    stem = base.split(".xml", 1)[0]
    for ext in (".txt.bz2", ".txt"):
        cand = os.path.join(folder, stem + "-index" + ext)
        if os.path.exists(cand):
            return cand
    return None


def read_index(path: str) -> Iterator[tuple[int, int, str]]:
    """(offset, page_id, title) per index line; titles are XML-escaped in the index."""
    stream = open_input(path)
    pending = b""
    try:
        while True:
            block = stream.read(1 << 20)
            if not block:
                break
            lines = (pending + block).split(b"\n")
            pending = lines.pop()
            for line in lines:
                if line.strip():
                    yield _index_line(line, path)
        if pending.strip():
            yield _index_line(pending, path)
    finally:
        stream.close()


def _index_line(line: bytes, path: str) -> tuple[int, int, str]:
    try:
        offset, page_id, title = line.rstrip(b"\r").split(b":", 2)
        return int(offset), int(page_id), xml_unescape(title.decode("utf-8"))
    except ValueError as exc:
        raise ValueError(f"{path}: malformed index line {line[:80]!r}") from exc


class BadIndex(ValueError):
    """The multistream index cannot be read (cut off, corrupt, or not an index): the dump
    itself is still one readable `.bz2`, to be read in order without it."""


class MultistreamDump:
    """A multistream `.xml.bz2` with its index, served stream by stream."""

    def __init__(self, path: str, index: str) -> None:
        self.path = path
        self.index = index
        self.size = os.path.getsize(path)
        self.streams = self._streams()
        self.header_end = self.streams[0].start if self.streams else self.size
        self.siteinfo: SiteInfo = self._header(self.header_end)
        self.cut_off = self._cut_off()
        self.tail = self._tail()

    def _cut_off(self) -> DumpError | None:
        """Where the file ends before the streams the index lists do (a download cut short):
        each page of those streams gets an error record of its own, and this is the run's
        message about the file."""
        cut = next((i for i, s in enumerate(self.streams) if s.end > self.size or s.start >= self.size), None)
        if cut is None:
            return None
        lost = sum(len(s.entries) for s in self.streams[cut:])
        last = self.streams[cut - 1].entries[-1] if cut else None
        return DumpError(f"the file is cut off: it ends at byte {self.size:,}, but the index puts "
                         f"{lost:,} pages in bz2 streams from byte {self.streams[cut].start:,} on "
                         "(each has an error record, kind dump)", path=self.path, offset=None,
                         compressed_offset=self.size, last_title=last.title if last else None,
                         last_id=last.page_id if last else None)

    def _tail(self) -> int | None:
        """Where pages the index does not list begin: the first bz2 stream after the last
        indexed one, when that stream holds a `<page>`, else None. An index cut short at a
        line's end reads like a whole one, and the last stream's range (to the end of the
        file) would hide the pages after it; those are read in order (`tail_input`).
        Wikimedia's dumps end with one stream that holds only `</mediawiki>`. The last
        indexed stream's range is cut back to where that stream ends."""
        if not self.streams or self.cut_off is not None:
            return None
        last = self.streams[-1]
        with open(self.path, "rb") as fh:
            pos = last.start + 1
            while (start := _stream_head(fh, pos, self.size)) is not None:
                xml = _first_stream(fh, start)
                if xml is not None:
                    last.end = start
                    return start if _PAGE_OPEN.search(xml) else None
                pos = start + 1         # those bytes only looked like a stream's start
        return None

    def tail_input(self) -> TailInput | None:
        """The pages after the index's last stream as an XML stream for `XmlDump` (None when
        the index lists every page)."""
        return None if self.tail is None else TailInput(self.path, self.header_xml, self.tail)

    def _streams(self) -> list[Stream]:
        streams: list[Stream] = []
        try:
            for offset, page_id, title in read_index(self.index):
                if not streams or streams[-1].start != offset:
                    if streams and offset < streams[-1].start:
                        raise ValueError(f"{self.index}: offsets go backwards at {offset}")
                    streams.append(Stream(offset, 0))
                streams[-1].entries.append(IndexEntry(page_id, title))
        except (OSError, EOFError, ValueError, RuntimeError) as exc:
            raise BadIndex(f"{self.index}: unreadable multistream index ({exc})") from exc
        for cur, nxt in zip(streams, streams[1:]):
            cur.end = nxt.start
        if streams:
            streams[-1].end = self.size
        return streams

    def _header(self, end: int) -> SiteInfo:
        self.header_xml = read_header(self.path, end)
        try:
            return parse_header(self.header_xml)
        except Exception as exc:
            raise DumpError(f"unreadable <siteinfo> ({exc})", path=self.path, offset=0) from exc


def read_header(path: str, end: int) -> bytes:
    """The dump's XML before its first page (`<mediawiki>` and `<siteinfo>`), from the
    streams in [0, end) of the file."""
    with open(path, "rb") as fh:
        data = fh.read(end)
    text = decompress_streams(data, path, 0)
    m = _PAGE_OPEN.search(text)
    if m:
        text = text[: m.start()]
    return text.split(b"</mediawiki>", 1)[0]


def _stream_head(fh, pos: int, size: int) -> int | None:
    """The file offset of the first bz2 stream header at or after `pos`, or None."""
    while pos < size:
        fh.seek(pos)
        data = fh.read(_SCAN + 9)       # 9: a header cut by the end of this read is found whole
        m = _STREAM_HEAD.search(data)
        if m is not None:
            return pos + m.start()
        pos += _SCAN
    return None


def _first_stream(fh, start: int) -> bytes | None:
    """The decompressed content of the one bz2 stream at `start`; None when it is not one."""
    fh.seek(start)
    dec = bz2.BZ2Decompressor()
    out = []
    try:
        while not dec.eof:
            data = fh.read(_SCAN)
            if not data:
                return None
            out.append(dec.decompress(data))
    except (OSError, ValueError):
        return None
    return b"".join(out)


class TailInput:
    """The dump's header (`read_header`), then the streams from `start` to the end of the
    file, decompressed, as one stream with `InputStream`'s interface. Its decompressed
    offsets count from that header, not from the dump's beginning (the length of the
    streams before `start` is not known without decompressing them)."""

    def __init__(self, path: str, header: bytes, start: int) -> None:
        self.path = path
        self.size = os.path.getsize(path)
        self.offset = 0
        self._start = start
        self._head = header
        raw = open(path, "rb")
        raw.seek(start)
        self._counter = CountingReader(raw)
        self._stream = Decompressing(self._counter, "bz2")

    @property
    def compressed_offset(self) -> int:
        return self._start + self._counter.count

    def read(self, n: int) -> bytes:
        if self._head:
            data, self._head = self._head[:n], self._head[n:]
        else:
            data = self._stream.read(n)
        self.offset += len(data)
        return data

    def close(self) -> None:
        self._stream.close()


def decompress_streams(data: bytes, path: str, file_offset: int) -> bytes:
    """Decompress concatenated bz2 streams, naming the file position if one is corrupt."""
    out = []
    pos = 0
    while pos < len(data):
        dec = bz2.BZ2Decompressor()
        try:
            out.append(dec.decompress(data[pos:] if pos else data))
        except (OSError, EOFError, ValueError) as exc:
            raise DumpError(f"corrupt bz2 stream ({exc})", path=path, offset=0,
                            compressed_offset=file_offset + pos) from exc
        if not dec.eof:
            raise DumpError("bz2 stream cut off", path=path, offset=0, compressed_offset=file_offset + pos)
        pos = len(data) - len(dec.unused_data)
        if not dec.unused_data.strip(b"\x00"):
            break
    return b"".join(out)


def read_stream(path: str, start: int, end: int) -> bytes:
    """The decompressed XML of the stream at [start, end) of the file (in a worker, or on a
    read-ahead thread of the parent)."""
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(max(0, end - start))
        if not data or len(data) < end - start:
            raise DumpError(f"the file ends at byte {os.fstat(fh.fileno()).st_size:,} (cut off), before "
                            "the end of the bz2 stream", path=path, offset=None, compressed_offset=start)
    return decompress_streams(data, path, start)


def streams_ahead(path: str, items: Iterable[T], span: Callable[[T], tuple[int, int]],
                  threads: int) -> Iterator[tuple[T, Future[bytes]]]:
    """Each item with the future of its stream's XML (`span(item)`: the stream's byte range),
    decompressed on `threads` threads (bz2 releases the GIL), at most 2 x `threads` streams
    ahead of the consumer: memory stays bounded however long the dump."""
    threads = max(1, threads)
    with ThreadPoolExecutor(threads) as pool:
        ahead: deque[tuple[T, Future[bytes]]] = deque()
        for item in items:
            start, end = span(item)
            ahead.append((item, pool.submit(read_stream, path, start, end)))
            if len(ahead) >= 2 * threads:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()
