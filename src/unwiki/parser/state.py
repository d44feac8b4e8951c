"""Per-page parsing state: the document being filled, strip items, site knowledge, ref registry."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from unwiki.model import Block, Document, Inline, PageError
from unwiki.preprocessor.strip import StripItem
from unwiki.site import SiteConfig, Title


def matching_end(pairs: re.Pattern[str], opener: str, text: str, start: int, depth: int = 0) -> int:
    """Index just past the closer that brings `depth` open delimiters (matched by `pairs`,
    whose openers equal `opener`) back to zero, scanning from `start`; -1 when none does."""
    for m in pairs.finditer(text, start):
        depth += 1 if m[0] == opener else -1
        if depth == 0:
            return m.end()
    return -1


MAX_DEPTH = 30          # inline nesting (links in labels, markers in markers) parsed at most


@dataclass(slots=True)
class ParseState:
    """What every parser module reads and fills for one page."""

    doc: Document
    site: SiteConfig
    items: list[StripItem]
    title: Title | None = None
    trail: re.Pattern[str] | None = None     # SiteConfig.link_trail_re(): letters a link swallows
    langconv: bool = False
    # the letters of a one-class link trail (`[a-z]+`), "" for another trail or none
    # (inline._link_setup, on first use)
    trail_letters: str | None = None
    # file link source (to its line's end) -> (end - start, title, params) or None; the block
    # pass reads every file link to see whether it is a block image, then the inline parser
    # reads it again
    file_links: dict[str, tuple | None] = field(default_factory=dict)
    quotes: int = 0                           # apostrophe runs met so far (inline.tokenize)
    refs_by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    depth: int = 0
    in_ref: int = 0
    in_infobox: int = 0
    blocks_fn: Callable[[str, ParseState], list[Block]] | None = None
    inline_fn: Callable[[str, ParseState], list[Inline]] | None = None

    def blocks(self, text: str) -> list[Block]:
        return self.blocks_fn(text, self)  # type: ignore[misc]

    def inline(self, text: str) -> list[Inline]:
        return self.inline_fn(text, self)  # type: ignore[misc]

    def error(self, kind: str, message: str) -> None:
        if len(self.doc.errors) < 200:
            self.doc.errors.append(PageError(kind=kind, message=message))

    def item(self, index: int) -> StripItem | None:
        """The strip item a marker's index names (never negative: read from its digits)."""
        try:
            return self.items[index]
        except IndexError:
            return None
