"""Fast constructors for the model nodes a page makes by the thousand (Text, Link, LinkRef,
Bold, Italic, RefMarker, Paragraph, Heading, ListItem, ListBlock, TableRow, TableCell,
Reference, TemplateUse, ExtLink, ExternalLinkRef, LineBreak, Span, Image, InfoboxField).

The model's dataclass `__init__`s are generated with exec, so they run as interpreted Python
even in a compiled build; a node made here costs a fraction of that: `t.__new__(t)` with `t`
a local typed `type` (cython.locals) compiles to a direct call of the class's tp_new (about
100 instructions against about 600 for `object.__new__(T)`, a builtin called with an
argument tuple), then its slots are set. Plain Python runs it as written. Each constructor sets every field of its class, in the class's order; the check
at import fails loudly if the model's fields ever change, so the two cannot drift apart."""
from __future__ import annotations

from dataclasses import fields

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import (
    Block,
    Bold,
    ExternalLinkRef,
    ExtLink,
    Heading,
    Image,
    InfoboxField,
    Inline,
    Italic,
    LineBreak,
    Link,
    LinkRef,
    ListBlock,
    ListItem,
    Paragraph,
    Reference,
    RefMarker,
    Span,
    TableCell,
    TableRow,
    TemplateUse,
    Text,
)


@cython.locals(t=type)
def new_text(text: str) -> Text:
    """`Text(text)`."""
    t = Text
    node = t.__new__(t)
    node.text = text
    return node


@cython.locals(t=type)
def new_link(target: str, children: list[Inline]) -> Link:
    """`Link(target, children)`."""
    t = Link
    node = t.__new__(t)
    node.target = target
    node.children = children
    return node


@cython.locals(t=type)
def new_link_ref(target: str, text: str) -> LinkRef:
    """`LinkRef(target, text)`."""
    t = LinkRef
    node = t.__new__(t)
    node.target = target
    node.text = text
    return node


@cython.locals(t=type)
def new_bold() -> Bold:
    """`Bold()`."""
    t = Bold
    node = t.__new__(t)
    node.children = []
    return node


@cython.locals(t=type)
def new_italic() -> Italic:
    """`Italic()`."""
    t = Italic
    node = t.__new__(t)
    node.children = []
    return node


@cython.locals(t=type)
def new_ref_marker(index: int) -> RefMarker:
    """`RefMarker(index)`."""
    t = RefMarker
    node = t.__new__(t)
    node.index = index
    return node


@cython.locals(t=type)
def new_paragraph(children: list[Inline]) -> Paragraph:
    """`Paragraph(children)`."""
    t = Paragraph
    node = t.__new__(t)
    node.children = children
    return node


@cython.locals(t=type)
def new_heading(level: int, children: list[Inline]) -> Heading:
    """`Heading(level, children)`."""
    t = Heading
    node = t.__new__(t)
    node.level = level
    node.children = children
    return node


@cython.locals(t=type)
def new_list_item(kind: str) -> ListItem:
    """`ListItem(kind)`: no text, no nested blocks yet."""
    t = ListItem
    node = t.__new__(t)
    node.kind = kind
    node.children = []
    node.blocks = []
    return node


@cython.locals(t=type)
def new_list_block(kind: str) -> ListBlock:
    """`ListBlock(kind)`: no items yet."""
    t = ListBlock
    node = t.__new__(t)
    node.kind = kind
    node.items = []
    return node


@cython.locals(t=type)
def new_table_row() -> TableRow:
    """`TableRow()`."""
    t = TableRow
    node = t.__new__(t)
    node.cells = []
    return node


@cython.locals(t=type)
def new_table_cell(header: bool, blocks: list[Block]) -> TableCell:
    """`TableCell(header, blocks=blocks)`: spans of 1."""
    t = TableCell
    node = t.__new__(t)
    node.header = header
    node.colspan = 1
    node.rowspan = 1
    node.blocks = blocks
    return node


@cython.locals(t=type)
def new_span_cell(header: bool, colspan: int, rowspan: int, blocks: list[Block]) -> TableCell:
    """`TableCell(header, colspan, rowspan, blocks)`."""
    t = TableCell
    node = t.__new__(t)
    node.header = header
    node.colspan = colspan
    node.rowspan = rowspan
    node.blocks = blocks
    return node


@cython.locals(t=type)
def new_reference(name: str | None) -> Reference:
    """`Reference(name)`: no content, template, fields, URL or title yet."""
    t = Reference
    node = t.__new__(t)
    node.name = name
    node.content = []
    node.template = None
    node.fields = {}
    node.url = None
    node.title = None
    return node


@cython.locals(t=type)
def new_template_use(name: str, how: str, count: int) -> TemplateUse:
    """`TemplateUse(name, how, count)`."""
    t = TemplateUse
    node = t.__new__(t)
    node.name = name
    node.how = how
    node.count = count
    return node


@cython.locals(t=type)
def new_ext_link(url: str, children: list[Inline] | None) -> ExtLink:
    """`ExtLink(url, children)`."""
    t = ExtLink
    node = t.__new__(t)
    node.url = url
    node.children = children
    return node


@cython.locals(t=type)
def new_external_link_ref(url: str, text: str | None) -> ExternalLinkRef:
    """`ExternalLinkRef(url, text)`."""
    t = ExternalLinkRef
    node = t.__new__(t)
    node.url = url
    node.text = text
    return node


@cython.locals(t=type)
def new_line_break() -> LineBreak:
    """`LineBreak()`."""
    t = LineBreak
    return t.__new__(t)


@cython.locals(t=type)
def new_span(tag: str) -> Span:
    """`Span(tag)`."""
    t = Span
    node = t.__new__(t)
    node.tag = tag
    node.children = []
    return node


@cython.locals(t=type)
def new_image(file: str, caption: str) -> Image:
    """`Image(file, caption)`."""
    t = Image
    node = t.__new__(t)
    node.file = file
    node.caption = caption
    return node


@cython.locals(t=type)
def new_infobox_field(key: str, label: str, value: list[Inline]) -> InfoboxField:
    """`InfoboxField(key, label, value)`."""
    t = InfoboxField
    node = t.__new__(t)
    node.key = key
    node.label = label
    node.value = value
    return node


def _check_fields() -> None:
    """The constructors above set these fields, in this order: the model must still have them.
    (`parser.inline.parse_inline`, `tokenize` and `build` inline `new_text`, `new_link` and `new_link_ref` in
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
        ListBlock: ("kind", "items"),
        ExtLink: ("url", "children"),
        ExternalLinkRef: ("url", "text"),
        LineBreak: (),
        Span: ("tag", "children"),
        Image: ("file", "caption"),
        InfoboxField: ("key", "label", "value"),
    }
    for cls, names in expected.items():
        actual = tuple(f.name for f in fields(cls))
        if actual != names:
            raise RuntimeError(f"unwiki.parser.nodes: {cls.__name__} has fields {actual}, "
                               f"its fast constructor sets {names}")


_check_fields()
