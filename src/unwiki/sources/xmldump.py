"""Streaming MediaWiki XML export reader: splits the byte stream at `<page>` boundaries.

The reader never parses pages: it finds `<page>`…`</page>` spans with `bytes.find` (in
well-formed XML a literal `<` in text is always `&lt;`, so those tags cannot occur inside
text), peeks at title/ns/id with anchored regexes for filtering, and hands slices of the
decompressed buffer to the workers, which parse each page with lxml's safe parser. Memory
is one read block plus the pages of one chunk, whatever the size of the dump.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from unwiki.sources.compression import open_input
from unwiki.sources.encoding import Utf8Reader
from unwiki.sources.siteinfo import SiteInfo, parse_header
from unwiki.sources.spill import Spill, TeeInput

# Read sizes (decompressed bytes). Everything read before the first chunk is cut is serial
# start-up: with 4 MB reads the first task of a .bz2 dump waited 0.35 s of CPU, with 1 MB
# reads 0.13 s (jawiki head; total reading time the same). The header (<siteinfo>) is read
# in still smaller pieces.
BLOCK = 1 << 20
HEADER_BLOCK = 64 << 10
# what a decompressing reader raises where its input is cut off or corrupt (indexed_bzip2
# raises RuntimeError on a cut-off file)
_READ_ERRORS = (OSError, EOFError, ValueError, RuntimeError)


def _read_failure(exc: Exception) -> str:
    """What a read error means: a decoder's complaint about the text (a UTF-16 dump cut inside
    a character) or the decompressor's (a compressed file cut off or damaged)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"the text is cut off inside a character or is not {exc.encoding} ({exc.reason})"
    return f"the compressed stream is corrupt or cut off ({exc})"


# The first chunks are smaller (then doubling up to chunk_bytes), so that every worker
# has pages soon after the start instead of waiting for a whole chunk each.
FIRST_CHUNK = 128 << 10
_PAGE_OPEN = re.compile(rb"<page[\s>]")
_PAGE_CLOSE = b"</page>"
_END = b"</mediawiki>"
_TITLE = re.compile(rb"<title>([^<]*)</title>")
_NS = re.compile(rb"<ns>(-?\d+)</ns>")
_ID = re.compile(rb"<id>(\d+)</id>")
_REDIRECT = re.compile(rb"<redirect\s+title=\"([^\"]*)\"")
_REVISION = b"<revision"
# the layout every MediaWiki export writes; one match instead of four searches per page
_HEAD = re.compile(rb"<page>\s*<title>([^<]*)</title>\s*<ns>(-?\d+)</ns>\s*<id>(\d+)</id>\s*"
                   rb"(?:<redirect\s+title=\"([^\"]*)\"\s*/>\s*)?")
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def xml_unescape(text: str) -> str:
    """The five XML entities and character references (nothing else exists in a dump)."""
    if "&" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name[0] == "#":
            try:
                return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
            except (ValueError, OverflowError):
                return m.group(0)
        return _NAMED[name]

    return _ENTITY.sub(sub, text)


class DumpError(Exception):
    """The dump cannot be read on: truncated, corrupt or not a MediaWiki export."""

    def __init__(self, message: str, *, path: str, offset: int | None, compressed_offset: int | None = None,
                 last_title: str | None = None, last_id: int | None = None) -> None:
        """`offset`: in the decompressed dump (None where it is not known: a multistream dump
        read by stream); `compressed_offset`: in the file."""
        super().__init__(message)
        self.path = path
        self.offset = offset
        self.compressed_offset = compressed_offset
        self.last_title = last_title
        self.last_id = last_id

    def describe(self) -> str:
        where = ", ".join(([f"byte {self.offset:,} (decompressed)"] if self.offset is not None else [])
                          + ([f"byte {self.compressed_offset:,} of the file"]
                             if self.compressed_offset is not None else []))
        last = (f"last complete page: {self.last_title!r} (id {self.last_id})"
                if self.last_title is not None else "no complete page before it")
        return f"{self.path}: {self}{', at ' + where if where else ''}; {last}"


@dataclass(slots=True)
class PageHead:
    """What the reader learns about a page without parsing it."""

    title: str
    ns: int | None
    page_id: int | None
    redirect: str | None


@dataclass(slots=True)
class RawChunk:
    """Consecutive pages as one bytes slice; `spans` are (start, end) of each page in `data`."""

    data: bytes
    spans: list[tuple[int, int]] = field(default_factory=list)
    heads: list[PageHead] = field(default_factory=list)
    offset: int = 0                # decompressed offset of data[0] in the dump
    compressed_offset: int = 0     # file position reached when the chunk was cut


def page_head(buf: bytes, start: int, end: int) -> PageHead:
    """Title, ns, id and redirect target from the page's opening lines (before `<revision`)."""
    m = _HEAD.match(buf, start, end)
    if m is not None:
        redirect = m.group(4)
        if redirect is not None or buf.startswith(_REVISION, m.end()):
            return PageHead(xml_unescape(m.group(1).decode("utf-8", "replace")), int(m.group(2)),
                            int(m.group(3)),
                            xml_unescape(redirect.decode("utf-8", "replace")) if redirect is not None else None)
    return _page_head_any_order(buf, start, end)


def _page_head_any_order(buf: bytes, start: int, end: int) -> PageHead:
    """The general case of `page_head`: each field searched for on its own."""
    rev = buf.find(_REVISION, start, end)
    stop = rev if rev != -1 else end
    m = _TITLE.search(buf, start, stop)
    title = xml_unescape(m.group(1).decode("utf-8", "replace")) if m else ""
    m = _NS.search(buf, start, stop)
    ns = int(m.group(1)) if m else None
    m = _ID.search(buf, start, stop)
    page_id = int(m.group(1)) if m else None
    m = _REDIRECT.search(buf, start, stop)
    redirect = xml_unescape(m.group(1).decode("utf-8", "replace")) if m else None
    return PageHead(title, ns, page_id, redirect)


class XmlDump:
    """A MediaWiki XML export file (plain, .bz2, .gz; UTF-8 or UTF-16), read once, in order."""

    def __init__(self, path: str, *, bz2_threads: int = 0, chunk_bytes: int = 1 << 20,
                 chunk_pages: int = 64, source: Any = None, spill: Spill | None = None) -> None:
        """`source`: the decompressed stream to read instead of opening `path` (a spill read
        back); `spill`: a spill that receives every byte read, for a second pass."""
        self.path = path
        self.chunk_bytes = chunk_bytes
        self.chunk_pages = chunk_pages
        raw = source if source is not None else open_input(path, bz2_threads=bz2_threads)
        self._raw = TeeInput(raw, spill) if spill is not None else raw
        self._buf = b""
        self._base = 0          # dump offset (UTF-8 stream) of self._buf[0]
        self._eof = False
        self._broken: DumpError | None = None
        self.pages_read = 0
        self.last_head: PageHead | None = None
        try:  # the reader sniffs the encoding from the first bytes, so it reads already
            self._stream = Utf8Reader(self._raw)
        except _READ_ERRORS as exc:
            raise self._error(_read_failure(exc), 0) from exc
        self.siteinfo: SiteInfo = self._read_header()

    @property
    def size(self) -> int:
        return self._raw.size

    @property
    def compressed_offset(self) -> int:
        return self._raw.compressed_offset

    @property
    def broken(self) -> DumpError | None:
        """Where the compressed stream broke off (once read that far), else None."""
        return self._broken

    def _error(self, message: str, offset: int) -> DumpError:
        last = self.last_head
        return DumpError(message, path=self.path, offset=offset,
                         compressed_offset=self._raw.compressed_offset if self._raw.size else None,
                         last_title=last.title if last else None, last_id=last.page_id if last else None)

    def _fill(self, size: int = 0) -> bool:
        """Append up to `size` (default BLOCK) bytes to the buffer; False at end of input."""
        if self._eof:
            return False
        try:
            data = self._stream.read(size or BLOCK)
        except _READ_ERRORS as exc:
            # reported by chunks() once the pages before the break have been handed out
            self._eof = True
            self._broken = self._error(_read_failure(exc), self._base + len(self._buf))
            return False
        if not data:
            self._eof = True
            return False
        self._buf += data
        return True

    def _read_header(self) -> SiteInfo:
        while True:
            m = _PAGE_OPEN.search(self._buf)
            if m:
                header = self._buf[: m.start()]
                break
            if not self._fill(HEADER_BLOCK):
                if self._broken is not None:    # cut off before the first page: say so, not
                    raise self._broken          # that the part read is no valid <siteinfo>
                header = self._buf
                break
        stripped = header.lstrip()
        if not stripped.startswith((b"<mediawiki", b"<?xml")):
            raise self._error("not a MediaWiki XML export (no <mediawiki> root element)", 0)
        end = header.rfind(_END)
        if end != -1:
            header = header[:end]
        try:
            return parse_header(header)
        except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
            raise self._error(f"unreadable <siteinfo> ({exc})", 0) from exc

    def _drop(self, n: int) -> int:
        """Forget the first `n` buffered bytes (done only before a fill, so each byte of the
        dump is copied a bounded number of times however small the chunks); returns `n`."""
        if n:
            self._base += n
            self._buf = self._buf[n:]
        return n

    def chunks(self) -> Iterator[RawChunk]:
        """Chunks of whole pages in dump order; raises DumpError where the dump breaks off,
        after every complete page before that point has been yielded."""
        pos = 0                 # scan position in self._buf
        chunk_start = -1        # self._buf index where the chunk being gathered starts
        spans: list[tuple[int, int]] = []
        heads: list[PageHead] = []
        closed = False
        limit = min(self.chunk_bytes, max(FIRST_CHUNK, self.chunk_bytes >> 3))
        while True:
            m = _PAGE_OPEN.search(self._buf, pos)
            if m is None:
                if self._buf.find(_END, pos) != -1:
                    closed = True
                    if not self._eof and self._fill():
                        continue
                    break
                # keep a short tail: "<page" may straddle the block boundary
                shift = self._drop(chunk_start if chunk_start != -1 else max(pos, len(self._buf) - 16))
                pos -= shift
                if chunk_start != -1:
                    chunk_start -= shift
                if not self._fill():
                    break
                continue
            start, open_end = m.start(), m.end()
            end = self._buf.find(_PAGE_CLOSE, open_end)
            while end == -1:
                search_from = max(open_end, len(self._buf) - len(_PAGE_CLOSE))
                # drop what lies before this chunk (or page): the buffer holds a chunk, not the dump
                shift = self._drop(chunk_start if chunk_start != -1 else start)
                start, open_end, search_from = start - shift, open_end - shift, search_from - shift
                if chunk_start != -1:
                    chunk_start -= shift
                if not self._fill():
                    if spans:
                        yield self._cut(chunk_start, spans, heads)
                    if self._broken is not None:
                        raise self._broken
                    raise self._error(f"the dump ends inside a <page> (started at byte {self._base + start:,})",
                                      self._base + len(self._buf))
                end = self._buf.find(_PAGE_CLOSE, search_from)
            end += len(_PAGE_CLOSE)
            if chunk_start == -1:
                chunk_start = start
            head = page_head(self._buf, start, end)
            spans.append((start - chunk_start, end - chunk_start))
            heads.append(head)
            self.last_head = head
            self.pages_read += 1
            pos = end
            if end - chunk_start >= limit or len(spans) >= self.chunk_pages:
                limit = min(limit * 2, self.chunk_bytes)
                yield self._cut(chunk_start, spans, heads)
                chunk_start = -1
                spans, heads = [], []
        if spans:
            yield self._cut(chunk_start, spans, heads)
        if self._broken is not None:
            raise self._broken
        if not closed:
            raise self._error("the dump ends without </mediawiki> (truncated?)", self._base + len(self._buf))

    def _cut(self, chunk_start: int, spans: list[tuple[int, int]], heads: list[PageHead]) -> RawChunk:
        end = spans[-1][1] + chunk_start
        return RawChunk(self._buf[chunk_start:end], list(spans), list(heads),
                        self._base + chunk_start, self._raw.compressed_offset)

    def close(self) -> None:
        self._stream.close()


def page_spans(buf: bytes) -> list[tuple[int, int]]:
    """(start, end) of every complete `<page>` element in an in-memory piece of a dump."""
    spans = []
    pos = 0
    while True:
        m = _PAGE_OPEN.search(buf, pos)
        if m is None:
            return spans
        end = buf.find(_PAGE_CLOSE, m.end())
        if end == -1:
            return spans
        end += len(_PAGE_CLOSE)
        spans.append((m.start(), end))
        pos = end
