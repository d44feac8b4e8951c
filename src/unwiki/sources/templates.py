"""Template and module sources for expansion: from the dump itself (a first pass over its
Template:/Module: pages) or from a folder of page files named by full title."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial

from unwiki.site.config import CANONICAL_NAMESPACES, SiteConfig
from unwiki.sources.files import page_files, read_page_file, title_from_filename
from unwiki.sources.multistream import MultistreamDump, read_stream, streams_ahead
from unwiki.sources.page import ns_of_title, parse_page
from unwiki.sources.xmldump import DumpError, XmlDump, page_head, page_spans

TEMPLATE_NAMESPACES = (10, 828)


def _add(table: dict[str, str], title: str, ns: int, text: str) -> None:
    """Key by the title as the dump writes it and by the canonical English prefix."""
    table[title] = text
    if ":" in title:
        rest = title.split(":", 1)[1]
        table[f"{CANONICAL_NAMESPACES[ns]}:{rest}"] = text


def templates_from_dump(path: str, site: SiteConfig, index: str | None = None,
                        threads: int = 1) -> dict[str, str]:
    """Every Template: and Module: page of the dump (latest revision). A dump that breaks off
    gives what was read before the break (the conversion pass reports the break).

    The pass runs before the worker pool starts, so a multistream dump's streams are
    decompressed on `threads` threads (bz2 releases the GIL). A single-stream .bz2 is read
    serially: indexed_bzip2's parallel decoder measured slower (4 x 2 dumps: 11.0 s vs 8.6 s
    wall) on two cores shared with other work, and loses the last read of a cut-off file.
    """
    if index:
        return templates_from_streams(MultistreamDump(path, index), site, threads)
    return templates_from_xml(XmlDump(path), site)


def templates_from_streams(dump: MultistreamDump, site: SiteConfig, threads: int = 1) -> dict[str, str]:
    """The Template:/Module: pages of a multistream dump whose index is read: only the
    streams the index lists such a page in are decompressed, and the streams after the
    index's last one, if they hold pages."""
    table: dict[str, str] = {}
    wanted = [s for s in dump.streams
              if any(ns_of_title(e.title, site) in TEMPLATE_NAMESPACES for e in s.entries)]
    if threads <= 1:
        bufs: Iterator[Callable[[], bytes]] = (partial(read_stream, dump.path, st.start, st.end)
                                              for st in wanted)
    else:
        bufs = (future.result for _, future in
                streams_ahead(dump.path, wanted, lambda st: (st.start, st.end), threads))
    for read in bufs:
        try:
            buf = read()
        except DumpError:
            continue            # a corrupt stream: its pages are reported when converted
        for s, e in page_spans(buf):
            _take(table, buf, s, e, site)
    tail = dump.tail_input()
    if tail is not None:        # pages after the index's end: read in order
        table.update(templates_from_xml(XmlDump(dump.path, source=tail), site))
    return table


def templates_from_xml(dump: XmlDump, site: SiteConfig) -> dict[str, str]:
    """The Template:/Module: pages of an opened dump, read to its end (then closed)."""
    table: dict[str, str] = {}
    try:
        for chunk in dump.chunks():
            for (s, e), head in zip(chunk.spans, chunk.heads):
                ns = head.ns if head.ns is not None else ns_of_title(head.title, site)
                if ns in TEMPLATE_NAMESPACES:
                    _take(table, chunk.data, s, e, site)
    except DumpError:
        pass
    finally:
        dump.close()
    return table


def _take(table: dict[str, str], buf: bytes, s: int, e: int, site: SiteConfig) -> None:
    head = page_head(buf, s, e)
    ns = head.ns if head.ns is not None else ns_of_title(head.title, site)
    if ns not in TEMPLATE_NAMESPACES:
        return
    try:
        page = parse_page(buf[s:e], site)[0]
    except Exception:  # noqa: BLE001 - a broken template page is reported when converted
        return
    if page.model in (None, "", "wikitext", "Scribunto"):
        _add(table, page.title, ns, page.text)


def templates_from_folder(folder: str, site: SiteConfig) -> dict[str, str]:
    """Page files named `Template%3AX.wiki` / `Module%3AY…` (the corpus naming) -> sources."""
    table: dict[str, str] = {}
    for root, _dirs, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(".lua"):
                _from_file(table, os.path.join(root, name), name[:-4], site)
    for path in page_files(folder):
        _from_file(table, path, None, site)
    return table


def _from_file(table: dict[str, str], path: str, stem: str | None, site: SiteConfig) -> None:
    title = title_from_filename(stem if stem is not None else path)
    ns = ns_of_title(title, site)
    if ns in TEMPLATE_NAMESPACES:
        _add(table, title, ns, read_page_file(path))
