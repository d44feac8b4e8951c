"""Units of work for the workers, and the filters the parent applies before dispatching.

A task is small to send: a slice of the decompressed dump with page spans (sequential
dumps), a stream's file range (multistream dumps: the worker reads and decompresses it,
unless the parent had a spare core to do it and sends the XML), or a list of page files.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from unwiki.site.config import SiteConfig
from unwiki.site.title import ucfirst


@dataclass(slots=True)
class Task:
    seq: int
    kind: str                                   # "xml" | "stream" | "files" | "texts" | "pages"
    data: bytes = b""                           # xml: the chunk's bytes; stream: its XML, if read
    spans: list[tuple[int, int]] = field(default_factory=list)   # xml: pages to convert
    offsets: list[int] = field(default_factory=list)              # xml: dump offset of each page
    path: str = ""                              # stream: the dump file
    start: int = 0                              # stream: byte range in the file
    end: int = 0
    entries: tuple[tuple[int, str], ...] = ()   # stream: (page id, title) of each page to convert
    passed: frozenset[int] = frozenset()        # stream: ids the index lists there, not to convert
    items: list[tuple[str, Any]] = field(default_factory=list)  # files/texts/pages: (title, path|text|PageData)
    exclude: frozenset[int] = frozenset()       # unit indices not to retry (crashed there)
    retried: bool = False                       # re-sent once after its worker died outside a page
    input_pos: int = 0                          # compressed bytes of the input consumed so far
    text_bytes: int = 0
    source: str = ""

    @property
    def size(self) -> int:
        if self.kind == "xml":
            return len(self.spans)
        if self.kind == "stream":
            return len(self.entries)
        return len(self.items)


def normalize_title(title: str, site: SiteConfig | None = None) -> str:
    """Title comparison key: `_` as space, trimmed, first letter upper (first-letter wikis)."""
    text = " ".join(title.replace("_", " ").split())
    upper = site is None or site.first_letter_case
    if ":" in text and site is not None:
        head, rest = text.split(":", 1)
        ns = site.ns_id(head)
        if ns is not None:      # any spelling of the namespace -> the wiki's own name
            rest = rest.strip()
            return f"{site.ns_name(ns)}:{ucfirst(rest) if upper else rest}" if ns else rest
    return ucfirst(text) if upper else text


@dataclass(slots=True)
class PageFilter:
    """--ns, --titles, --limit and --resume's done set, applied to what the reader peeks."""

    namespaces: frozenset[int] | None = frozenset({0})
    titles: frozenset[str] | None = None
    limit: int | None = None
    done: set[str] | None = None
    redirects: str = "skip"
    taken: int = 0

    @staticmethod
    def load_titles(path: str) -> list[str]:
        with open(path, encoding="utf-8-sig") as fh:
            return [line.rstrip("\r\n") for line in fh if line.strip()]

    def with_site_titles(self, raw: Iterable[str] | None, site: SiteConfig | None) -> PageFilter:
        if raw is not None:
            self.titles = frozenset(normalize_title(t, site) for t in raw)
        return self

    @property
    def exhausted(self) -> bool:
        return self.limit is not None and self.taken >= self.limit

    def check(self, title: str, ns: int, key: str, site: SiteConfig | None, *,
              redirect: bool = False) -> str | None:
        """None to convert the page, "done" when an earlier run did it, else the skip reason."""
        if self.done is not None and key in self.done:
            return "done"
        if self.namespaces is not None and ns not in self.namespaces:
            return "namespace"
        if self.titles is not None and normalize_title(title, site) not in self.titles:
            return "filter"
        if redirect and self.redirects == "skip":
            return "redirect"
        if self.exhausted:
            return "limit"
        return None
