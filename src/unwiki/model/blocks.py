"""Block nodes: what MediaWiki lays out as separate boxes on the page."""
from __future__ import annotations

from dataclasses import dataclass, field

from unwiki.model.inlines import Inline


@dataclass(slots=True)
class Heading:
    level: int
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    """One paragraph; `LineBreak` inlines split it into lines of the same block."""

    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class ListItem:
    """One item. `kind`: "bullet" (`*`), "ordered" (`#`), "term" (`;`), "definition" (`:`).

    `children` is the item's own inline text; `blocks` holds what nests inside it
    (sub-lists, and rarely tables or preformatted text)."""

    kind: str
    children: list[Inline] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ListBlock:
    """A run of list items of one kind: "bullet", "ordered" or "definition" (`;`/`:` items)."""

    kind: str
    items: list[ListItem] = field(default_factory=list)


@dataclass(slots=True)
class TableCell:
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class TableRow:
    cells: list[TableCell] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    caption: list[Inline] | None = None
    rows: list[TableRow] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class InfoboxField:
    """One non-empty infobox parameter: raw `key`, display `label`, parsed `value`."""

    key: str
    label: str
    value: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Infobox:
    """An infobox template captured as structure (FORMAT.md rule 7)."""

    template: str
    title: str
    fields: list[InfoboxField] = field(default_factory=list)
    title_key: str | None = None        # the parameter the title came from (not repeated as a row)


@dataclass(slots=True)
class Preformatted:
    """`<pre>`, `<syntaxhighlight>`/`<source>` or leading-space text: lines kept as they are."""

    children: list[Inline] = field(default_factory=list)
    code: bool = False
    lang: str | None = None


@dataclass(slots=True)
class MathBlock:
    """Displayed math (`:<math>` line, `display=block`); shown as `$$tex$$` on its own line."""

    tex: str


@dataclass(slots=True)
class HorizontalRule:
    pass


@dataclass(slots=True)
class BlockQuote:
    """`<blockquote>` and other visible block containers: their blocks in order."""

    blocks: list[Block] = field(default_factory=list)


Block = (Heading | Paragraph | ListBlock | Table | Infobox | Preformatted | MathBlock | HorizontalRule
         | BlockQuote)
