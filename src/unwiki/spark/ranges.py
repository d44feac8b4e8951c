"""Cutting one dump file into byte ranges that executors read on their own.

A multistream dump is a chain of independent bz2 streams (about 100 pages each) and its
index gives where each starts, so any run of consecutive streams can be decompressed after
a `seek` (sources.multistream reads the index and the streams). An uncompressed UTF-8 XML
file can be cut anywhere: a range owns the pages whose `<page` tag starts inside it.
Anything else (one-stream .bz2, .gz, UTF-16) is one range, read by sources.xmldump.XmlDump.
Streams after the last one an index lists (an index cut short) are one more range, read in
order.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

from unwiki.sources.compression import compression_of
from unwiki.sources.encoding import sniff_encoding
from unwiki.sources.multistream import MultistreamDump, TailInput, read_header, read_stream
from unwiki.sources.xmldump import DumpError, XmlDump, page_spans

WHOLE = "whole"              # the whole file, streamed by XmlDump
STREAMS = "streams"          # [start, end) is a run of whole bz2 streams; `cuts` are their starts
XML_SLICE = "xml"            # [start, end) of an uncompressed UTF-8 file, pages starting inside
TAIL = "tail"                # streams from `start` on that the index does not list; `header` ends stream 0

_READ = 1 << 20
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ByteRange:
    """What one Spark partition reads: `kind` says how, offsets are bytes of the file."""

    path: str
    kind: str
    start: int = 0
    end: int = 0
    cuts: tuple[int, ...] = ()
    header: int = 0           # TAIL: where the `<siteinfo>` stream ends, read to start the XML


def _group(bounds: list[tuple[int, int]], parts: int) -> list[list[tuple[int, int]]]:
    """Consecutive runs of streams about equal in compressed bytes, at most `parts` runs."""
    if not bounds:
        return []
    parts = max(1, min(parts, len(bounds)))
    target = (bounds[-1][1] - bounds[0][0]) / parts
    out: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for bound in bounds:
        run.append(bound)
        if run[-1][1] - run[0][0] >= target and len(out) < parts - 1:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def plan_streams(dump: MultistreamDump, parts: int) -> list[ByteRange]:
    """The dump's page streams (stream 0 is the `<siteinfo>` header) in `parts` runs."""
    bounds = [(s.start, s.end) for s in dump.streams]
    ranges = [ByteRange(dump.path, STREAMS, run[0][0], run[-1][1], tuple(b[0] for b in run))
              for run in _group(bounds, parts)]
    if dump.tail is not None:
        ranges.append(ByteRange(dump.path, TAIL, dump.tail, dump.size, header=dump.header_end))
    return ranges


def plan_xml(path: str, parts: int, min_bytes: int = 8 << 20) -> list[ByteRange]:
    """Equal slices of an uncompressed UTF-8 export, each at least `min_bytes` long."""
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        encoding, _ = sniff_encoding(fh.read(4))
    parts = min(parts, size // max(1, min_bytes))
    if encoding != "utf-8" or parts <= 1:
        return [ByteRange(path, WHOLE)]
    cuts = [size * i // parts for i in range(parts + 1)]
    return [ByteRange(path, XML_SLICE, s, e) for s, e in zip(cuts, cuts[1:])]


def plan_file(path: str, parts: int, min_bytes: int = 8 << 20) -> list[ByteRange]:
    """Ranges of a dump without a multistream index: sliced when plain UTF-8 XML, else whole."""
    if compression_of(path) == "":
        return plan_xml(path, parts, min_bytes)
    return [ByteRange(path, WHOLE)]


def range_pages(rng: ByteRange, chunk_pages: int = 64) -> Iterator[bytes]:
    """The `<page>` elements (raw bytes) of one range, in file order."""
    if rng.kind == STREAMS:
        ends = (*rng.cuts[1:], rng.end)
        for start, end in zip(rng.cuts, ends):
            try:
                buf = read_stream(rng.path, start, end)
            except DumpError as exc:
                # one corrupt stream: say which, go on with the next, as for a broken dump below
                log.warning("%s: %s at byte %s of the file; the pages of that stream are skipped",
                            rng.path, exc, f"{exc.compressed_offset:,}")
                continue
            for s, e in page_spans(buf):
                yield buf[s:e]
    elif rng.kind == XML_SLICE:
        yield from _slice_pages(rng.path, rng.start, rng.end)
    else:
        tail = (TailInput(rng.path, read_header(rng.path, rng.header), rng.start)
                if rng.kind == TAIL else None)
        dump = XmlDump(rng.path, chunk_pages=chunk_pages, source=tail)
        try:
            for chunk in dump.chunks():
                for s, e in chunk.spans:
                    yield chunk.data[s:e]
        except DumpError as exc:
            # every complete page before the break was read; say where it broke, as the
            # local runner does, rather than failing the whole job
            log.warning("%s", exc.describe())
        finally:
            dump.close()


def _slice_pages(path: str, start: int, end: int) -> Iterator[bytes]:
    """Pages whose `<page` lies in [start, end), reading past `end` to finish the last one."""
    limit = end - start
    buf = b""
    base = 0  # offset of buf[0] from `start`
    with open(path, "rb") as fh:
        fh.seek(start)
        while True:
            data = fh.read(_READ)
            buf += data
            done = 0
            for s, e in page_spans(buf):
                if base + s >= limit:
                    return
                yield buf[s:e]
                done = e
            if not data:
                return
            if done:
                buf = buf[done:]
                base += done
            else:
                first = buf.find(b"<page")
                keep = first if first != -1 else max(0, len(buf) - 16)
                buf = buf[keep:]
                base += keep
                if first == -1 and base >= limit:
                    return  # past the slice with no page in sight
