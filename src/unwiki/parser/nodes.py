"""Fast constructors for the model nodes a page makes by the thousand (Text, Link, LinkRef,
Bold, Italic, RefMarker, Paragraph, Heading, ListItem, TableRow, TableCell, Reference,
TemplateUse).

The model's dataclass `__init__`s are generated with exec, so they run as interpreted Python
even in a compiled build; a node made here (object.__new__, then its slots set) costs about a
third less. Each constructor sets every field of its class, in the class's order; the check
at import fails loudly if the model's fields ever change, so the two cannot drift apart."""
from __future__ import annotations

from dataclasses import fields

from unwiki.model import (
    Bold,
    Heading,
    Inline,
    Italic,
    Link,
    LinkRef,
    ListItem,
    Paragraph,
    Reference,
    RefMarker,
    TableCell,
    TableRow,
    TemplateUse,
    Text,
)

_new = object.__new__


def new_text(text: str) -> Text:
    """`Text(text)`."""
    node = _new(Text)
    node.text = text
    return node


def new_link(target: str, children: list[Inline]) -> Link:
    """`Link(target, children)`."""
    node = _new(Link)
    node.target = target
    node.children = children
    return node


def new_link_ref(target: str, text: str) -> LinkRef:
    """`LinkRef(target, text)`."""
    node = _new(LinkRef)
    node.target = target
    node.text = text
    return node


def new_bold() -> Bold:
    """`Bold()`."""
    node = _new(Bold)
    node.children = []
    return node


def new_italic() -> Italic:
    """`Italic()`."""
    node = _new(Italic)
    node.children = []
    return node


def new_ref_marker(index: int) -> RefMarker:
    """`RefMarker(index)`."""
    node = _new(RefMarker)
    node.index = index
    return node


def new_paragraph(children: list[Inline]) -> Paragraph:
    """`Paragraph(children)`."""
    node = _new(Paragraph)
    node.children = children
    return node


def new_heading(level: int, children: list[Inline]) -> Heading:
    """`Heading(level, children)`."""
    node = _new(Heading)
    node.level = level
    node.children = children
    return node


def new_list_item(kind: str) -> ListItem:
    """`ListItem(kind)`: no text, no nested blocks yet."""
    node = _new(ListItem)
    node.kind = kind
    node.children = []
    node.blocks = []
    return node


def new_table_row() -> TableRow:
    """`TableRow()`."""
    node = _new(TableRow)
    node.cells = []
    return node


def new_table_cell(header: bool) -> TableCell:
    """`TableCell(header)`: spans of 1, no blocks yet."""
    node = _new(TableCell)
    node.header = header
    node.colspan = 1
    node.rowspan = 1
    node.blocks = []
    return node


def new_reference(name: str | None) -> Reference:
    """`Reference(name)`: no content, template, fields, URL or title yet."""
    node = _new(Reference)
    node.name = name
    node.content = []
    node.template = None
    node.fields = {}
    node.url = None
    node.title = None
    return node


def new_template_use(name: str, how: str, count: int) -> TemplateUse:
    """`TemplateUse(name, how, count)`."""
    node = _new(TemplateUse)
    node.name = name
    node.how = how
    node.count = count
    return node


def _check_fields() -> None:
    """The constructors above set these fields, in this order: the model must still have them.
    (`parser.inline.tokenize` and `build` inline `new_text`, `new_link` and `new_link_ref` in
    their hottest branches: a change here is made there too.)"""
    expected: dict[type, tuple[str, ...]] = {
        Text: ("text",),
        Link: ("target", "children"),
        LinkRef: ("target", "text"),
        Bold: ("children",),
        Italic: ("children",),
        RefMarker: ("index",),
        Paragraph: ("children",),
        Heading: ("level", "children"),
        TableRow: ("cells",),
        Reference: ("name", "content", "template", "fields", "url", "title"),
        TemplateUse: ("name", "how", "count"),
        ListItem: ("kind", "children", "blocks"),
        TableCell: ("header", "colspan", "rowspan", "blocks"),
    }
    for cls, names in expected.items():
        actual = tuple(f.name for f in fields(cls))
        if actual != names:
            raise RuntimeError(f"unwiki.parser.nodes: {cls.__name__} has fields {actual}, "
                               f"its fast constructor sets {names}")


_check_fields()
