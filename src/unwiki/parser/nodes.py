# cython: annotation_typing=False
"""Fast constructors for the model nodes a page makes by the thousand (Text, Link, LinkRef,
Bold, Italic, RefMarker, Paragraph, Heading, ListItem, ListBlock, TableRow, TableCell,
Reference, TemplateUse, ExtLink, ExternalLinkRef, LineBreak, Span, Image, InfoboxField).

The model's dataclass `__init__`s are generated with exec, so they run as interpreted Python
even in a compiled build; a node made here costs a fraction of that: `t.__new__(t)` with `t`
a local typed `type` (cython.locals) compiles to a direct call of the class's tp_new (about
100 instructions against about 600 for `object.__new__(T)`, a builtin called with an
argument tuple), then its slots are set by direct stores (_put). Plain Python runs it as written. Each constructor sets every field of its class, in the class's order; the check
at import fails loudly if the model's fields ever change, so the two cannot drift apart.

Compiled, nodes.pxd declares _put and _get (inline C functions, their bodies there) and the
constructors (cpdef), so that the parser modules that cimport them (`if cython.compiled:`;
plain Python imports them from here) call them as C functions. The first line turns off
annotation typing: the constructors test no argument type, as in plain Python, and the
.pxd's untyped signatures match them."""
from __future__ import annotations

import ctypes
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

# (class, slot offset) -> field name: how plain Python (no direct stores) sets a field
FIELD_NAMES: dict[tuple[type, int], str] = {}


def slot_offset(cls: type, name: str) -> int:
    """The byte offset of the slot `name` in a `cls` object, where compiled code stores and
    reads it directly (a generic setattr, a type look-up then the member descriptor, costs
    about 140 instructions; the store, a dozen). Found by probing a fresh instance: no layout
    rule is assumed."""
    probe = cls.__new__(cls)
    marker = object()
    setattr(probe, name, marker)
    word = ctypes.sizeof(ctypes.c_void_p)
    for offset in range(2 * word, cls.__basicsize__, word):
        if ctypes.c_void_p.from_address(id(probe) + offset).value == id(marker):
            FIELD_NAMES[cls, offset] = name
            return offset
    raise TypeError(f"no slot {name!r} in {cls.__name__}")


def field_by_name(obj: object, cls: type, slot: int) -> object:
    """`obj.<field>`, the field of `cls` at `slot` read by its name (`_field`'s other way)."""
    return getattr(obj, FIELD_NAMES[cls, slot])


if not cython.compiled:  # compiled, _put, _get and _field are nodes.pxd's inline C functions
    def _field(obj: object, cls: type, slot: int) -> object:
        """`obj.<field>` of a `cls` object, the field's `slot` from slot_offset."""
        return field_by_name(obj, cls, slot)

    def _put(obj: object, slot: int, value: object) -> None:
        """`obj.<field> = value`, the field's `slot` from slot_offset."""
        setattr(obj, FIELD_NAMES[type(obj), slot], value)

    def _get(obj: object, slot: int) -> object:
        """`obj.<field>`, the field's `slot` from slot_offset."""
        return getattr(obj, FIELD_NAMES[type(obj), slot])


# The fields the constructors set.
_TEXT_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(Text, "text"))
_LINK_TARGET = cython.declare(cython.Py_ssize_t, slot_offset(Link, "target"))
_LINK_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Link, "children"))
_LINK_REF_TARGET = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "target"))
_LINK_REF_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "text"))
_BOLD_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Bold, "children"))
_ITALIC_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Italic, "children"))
_ROW_CELLS = cython.declare(cython.Py_ssize_t, slot_offset(TableRow, "cells"))
_EXT_URL = cython.declare(cython.Py_ssize_t, slot_offset(ExtLink, "url"))
_EXT_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(ExtLink, "children"))
_EXT_REF_URL = cython.declare(cython.Py_ssize_t, slot_offset(ExternalLinkRef, "url"))
_EXT_REF_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(ExternalLinkRef, "text"))
_SPAN_TAG = cython.declare(cython.Py_ssize_t, slot_offset(Span, "tag"))
_SPAN_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Span, "children"))
_IMAGE_FILE = cython.declare(cython.Py_ssize_t, slot_offset(Image, "file"))
_IMAGE_CAPTION = cython.declare(cython.Py_ssize_t, slot_offset(Image, "caption"))
_FIELD_KEY = cython.declare(cython.Py_ssize_t, slot_offset(InfoboxField, "key"))
_FIELD_LABEL = cython.declare(cython.Py_ssize_t, slot_offset(InfoboxField, "label"))
_FIELD_VALUE = cython.declare(cython.Py_ssize_t, slot_offset(InfoboxField, "value"))
_PARAGRAPH_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Paragraph, "children"))
_HEADING_LEVEL = cython.declare(cython.Py_ssize_t, slot_offset(Heading, "level"))
_HEADING_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Heading, "children"))
_ITEM_KIND = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "kind"))
_ITEM_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "children"))
_ITEM_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "blocks"))
_LIST_KIND = cython.declare(cython.Py_ssize_t, slot_offset(ListBlock, "kind"))
_LIST_ITEMS = cython.declare(cython.Py_ssize_t, slot_offset(ListBlock, "items"))
_CELL_HEADER = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "header"))
_CELL_COLSPAN = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "colspan"))
_CELL_ROWSPAN = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "rowspan"))
_CELL_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "blocks"))
_REF_NAME = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "name"))
_REF_CONTENT = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "content"))
_REF_TEMPLATE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "template"))
_REF_FIELDS = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "fields"))
_REF_URL = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "url"))
_REF_TITLE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "title"))
_MARKER_INDEX = cython.declare(cython.Py_ssize_t, slot_offset(RefMarker, "index"))
_USE_NAME = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "name"))
_USE_HOW = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "how"))
_USE_COUNT = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "count"))


@cython.locals(t=type)
def new_text(text: str) -> Text:
    """`Text(text)`."""
    t = Text
    node = t.__new__(t)
    _put(node, _TEXT_TEXT, text)
    return node


@cython.locals(t=type)
def new_link(target: str, children: list[Inline]) -> Link:
    """`Link(target, children)`."""
    t = Link
    node = t.__new__(t)
    _put(node, _LINK_TARGET, target)
    _put(node, _LINK_CHILDREN, children)
    return node


@cython.locals(t=type)
def new_link_ref(target: str, text: str) -> LinkRef:
    """`LinkRef(target, text)`."""
    t = LinkRef
    node = t.__new__(t)
    _put(node, _LINK_REF_TARGET, target)
    _put(node, _LINK_REF_TEXT, text)
    return node


@cython.locals(t=type)
def new_bold() -> Bold:
    """`Bold()`."""
    t = Bold
    node = t.__new__(t)
    _put(node, _BOLD_CHILDREN, [])
    return node


@cython.locals(t=type)
def new_italic() -> Italic:
    """`Italic()`."""
    t = Italic
    node = t.__new__(t)
    _put(node, _ITALIC_CHILDREN, [])
    return node


@cython.locals(t=type)
def new_ref_marker(index: int) -> RefMarker:
    """`RefMarker(index)`."""
    t = RefMarker
    node = t.__new__(t)
    _put(node, _MARKER_INDEX, index)
    return node


@cython.locals(t=type)
def new_paragraph(children: list[Inline]) -> Paragraph:
    """`Paragraph(children)`."""
    t = Paragraph
    node = t.__new__(t)
    _put(node, _PARAGRAPH_CHILDREN, children)
    return node


@cython.locals(t=type)
def new_heading(level: int, children: list[Inline]) -> Heading:
    """`Heading(level, children)`."""
    t = Heading
    node = t.__new__(t)
    _put(node, _HEADING_LEVEL, level)
    _put(node, _HEADING_CHILDREN, children)
    return node


@cython.locals(t=type)
def new_list_item(kind: str) -> ListItem:
    """`ListItem(kind)`: no text, no nested blocks yet."""
    t = ListItem
    node = t.__new__(t)
    _put(node, _ITEM_KIND, kind)
    _put(node, _ITEM_CHILDREN, [])
    _put(node, _ITEM_BLOCKS, [])
    return node


@cython.locals(t=type)
def new_list_block(kind: str) -> ListBlock:
    """`ListBlock(kind)`: no items yet."""
    t = ListBlock
    node = t.__new__(t)
    _put(node, _LIST_KIND, kind)
    _put(node, _LIST_ITEMS, [])
    return node


@cython.locals(t=type)
def new_table_row() -> TableRow:
    """`TableRow()`."""
    t = TableRow
    node = t.__new__(t)
    _put(node, _ROW_CELLS, [])
    return node


@cython.locals(t=type)
def new_table_cell(header: bool, blocks: list[Block]) -> TableCell:
    """`TableCell(header, blocks=blocks)`: spans of 1."""
    t = TableCell
    node = t.__new__(t)
    _put(node, _CELL_HEADER, header)
    _put(node, _CELL_COLSPAN, 1)
    _put(node, _CELL_ROWSPAN, 1)
    _put(node, _CELL_BLOCKS, blocks)
    return node


@cython.locals(t=type)
def new_span_cell(header: bool, colspan: int, rowspan: int, blocks: list[Block]) -> TableCell:
    """`TableCell(header, colspan, rowspan, blocks)`."""
    t = TableCell
    node = t.__new__(t)
    _put(node, _CELL_HEADER, header)
    _put(node, _CELL_COLSPAN, colspan)
    _put(node, _CELL_ROWSPAN, rowspan)
    _put(node, _CELL_BLOCKS, blocks)
    return node


@cython.locals(t=type)
def new_reference(name: str | None) -> Reference:
    """`Reference(name)`: no content, template, fields, URL or title yet."""
    t = Reference
    node = t.__new__(t)
    _put(node, _REF_NAME, name)
    _put(node, _REF_CONTENT, [])
    _put(node, _REF_TEMPLATE, None)
    _put(node, _REF_FIELDS, {})
    _put(node, _REF_URL, None)
    _put(node, _REF_TITLE, None)
    return node


@cython.locals(t=type)
def new_template_use(name: str, how: str, count: int) -> TemplateUse:
    """`TemplateUse(name, how, count)`."""
    t = TemplateUse
    node = t.__new__(t)
    _put(node, _USE_NAME, name)
    _put(node, _USE_HOW, how)
    _put(node, _USE_COUNT, count)
    return node


@cython.locals(t=type)
def new_ext_link(url: str, children: list[Inline] | None) -> ExtLink:
    """`ExtLink(url, children)`."""
    t = ExtLink
    node = t.__new__(t)
    _put(node, _EXT_URL, url)
    _put(node, _EXT_CHILDREN, children)
    return node


@cython.locals(t=type)
def new_external_link_ref(url: str, text: str | None) -> ExternalLinkRef:
    """`ExternalLinkRef(url, text)`."""
    t = ExternalLinkRef
    node = t.__new__(t)
    _put(node, _EXT_REF_URL, url)
    _put(node, _EXT_REF_TEXT, text)
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
    _put(node, _SPAN_TAG, tag)
    _put(node, _SPAN_CHILDREN, [])
    return node


@cython.locals(t=type)
def new_image(file: str, caption: str) -> Image:
    """`Image(file, caption)`."""
    t = Image
    node = t.__new__(t)
    _put(node, _IMAGE_FILE, file)
    _put(node, _IMAGE_CAPTION, caption)
    return node


@cython.locals(t=type)
def new_infobox_field(key: str, label: str, value: list[Inline]) -> InfoboxField:
    """`InfoboxField(key, label, value)`."""
    t = InfoboxField
    node = t.__new__(t)
    _put(node, _FIELD_KEY, key)
    _put(node, _FIELD_LABEL, label)
    _put(node, _FIELD_VALUE, value)
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
