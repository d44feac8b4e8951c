"""Inline nodes: runs of text inside a block, with the markup a reader sees as style or link."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Text:
    """Plain visible text, entities already decoded."""

    text: str


@dataclass(slots=True)
class Bold:
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Italic:
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    """An internal link `[[target|label]]` (label with link trail already appended)."""

    target: str
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class ExtLink:
    """An external link. `children is None` for a bare `[http://x]` (MediaWiki shows `[1]`)."""

    url: str
    children: list[Inline] | None = None


@dataclass(slots=True)
class LineBreak:
    """`<br>`: a new line inside the same block."""


@dataclass(slots=True)
class Math:
    """Inline `<math>`; shown as `$tex$` in text."""

    tex: str


@dataclass(slots=True)
class Code:
    """Inline code (`<code>`, inline `<syntaxhighlight>`, `<tt>`)."""

    text: str


@dataclass(slots=True)
class Span:
    """Any other inline HTML element whose content stays visible (`<sup>`, `<small>`, `<u>`, …)."""

    tag: str
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class RefMarker:
    """Where a `<ref>` stood; `index` points into `Document.references`. Invisible in text."""

    index: int


Inline = Text | Bold | Italic | Link | ExtLink | LineBreak | Math | Code | Span | RefMarker
