"""JSON renderer: FORMAT.md's JSON object, built from the model with text.py's helpers.

Only plain dicts, lists, str, int, bool and None, so `json.dumps` and pyarrow take it as is.
`sections` lists every heading of the page (a section the text omits because it is empty,
such as "References", is listed with text ""); `tables` lists the tables that stand as
blocks (also inside lists and block quotes), not tables nested inside another table's cell,
whose cells the outer table already carries.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.gcpause import gc_paused
from unwiki.model import (
    Block,
    BlockQuote,
    Document,
    Infobox,
    Inline,
    Link,
    LinkRef,
    ListBlock,
    Paragraph,
    Reference,
    Table,
    TemplateUse,
    Text,
)
from unwiki.parser.nodes import slot_offset
from unwiki.render.text import (
    caption_text,
    clean_line,
    done_with,
    infobox_fields,
    inline_text,
    page_layout,
    text_cell_infoboxes,
    text_table_layout,
)

if cython.compiled:  # a C call (declared in parser/nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import _field
else:
    from unwiki.parser.nodes import _field

# The fields of the model's items a page has by the hundred (links, references, templates).
_LINK_TARGET = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "target"))
_LINK_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "text"))
_REF_NAME = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "name"))
_REF_CONTENT = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "content"))
_REF_TEMPLATE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "template"))
_REF_FIELDS = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "fields"))
_REF_URL = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "url"))
_REF_TITLE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "title"))
_USE_NAME = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "name"))
_USE_HOW = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "how"))
_USE_COUNT = cython.declare(cython.Py_ssize_t, slot_offset(TemplateUse, "count"))
# Their types, as C globals (compiled: no module dictionary look-up per item, and `_field`
# gets a C type).
_LINK_REF_T = cython.declare(type, LinkRef)
_REFERENCE_T = cython.declare(type, Reference)
_TEMPLATE_USE_T = cython.declare(type, TemplateUse)


def link_targets(inlines: Iterable[Inline]) -> list[str]:
    """Targets of the internal links in some inline content, in order."""
    out: list[str] = []
    _add_link_targets(inlines, out)
    return out


def _add_link_targets(inlines: Iterable[Inline], out: list[str]) -> None:
    for node in inlines:
        kind = type(node)
        if kind is Text:        # most nodes: no link, nothing inside
            continue
        if kind is Link:
            out.append(node.target)
        children = getattr(node, "children", None)
        if children:
            _add_link_targets(children, out)


def walk_blocks(blocks: Iterable[Block], into_cells: bool) -> Iterator[Block]:
    """Every block in document order, descending into lists and block quotes (and table cells
    when `into_cells`)."""
    for block in blocks:
        yield block
        kind = type(block)
        if kind is BlockQuote:
            yield from walk_blocks(block.blocks, into_cells)
        elif kind is ListBlock:
            for item in block.items:
                yield from walk_blocks(item.blocks, into_cells)
        elif kind is Table and into_cells:
            for row in block.rows:
                for cell in row.cells:
                    yield from walk_blocks(cell.blocks, into_cells)


def blocks_of(blocks: Iterable[Block], kind: type, into_cells: bool, out: list[Block]) -> list[Block]:
    """The blocks of type `kind` that `walk_blocks` would give, in order, without a generator
    per nested block list (most of a page's blocks are never of the kind looked for)."""
    for block in blocks:
        t = type(block)
        if t is kind:
            out.append(block)
        if t is ListBlock:
            for item in block.items:
                if item.blocks:
                    blocks_of(item.blocks, kind, into_cells, out)
        elif t is BlockQuote:
            blocks_of(block.blocks, kind, into_cells, out)
        elif t is Table and into_cells:
            for row in block.rows:
                for cell in row.cells:
                    inner = cell.blocks
                    # Most cells hold one paragraph, which holds no blocks.
                    if inner and (len(inner) > 1 or type(inner[0]) is not Paragraph
                                  or kind is Paragraph):
                        blocks_of(inner, kind, into_cells, out)
    return out


def str_fields(fields: dict[str, str]) -> dict[str, str]:
    """A copy of a reference's fields with str keys and values: copied as is when they are
    all str already (as the parser makes them), converted one by one otherwise."""
    for k, v in fields.items():
        if type(k) is not str or type(v) is not str:
            return {str(k): str(v) for k, v in fields.items()}
    return dict(fields)


def find_blocks(blocks: Iterable[Block], tables: list[Table] | None, infoboxes: list[Infobox]) -> None:
    """Append, in document order, the block tables (the blocks `tables` lists: also inside
    lists and block quotes, not inside table cells) to `tables`, and the infoboxes (also
    inside table cells) to `infoboxes`; `tables` is None inside a cell. One walk for both,
    without a generator per nested block list."""
    for block in blocks:
        kind = type(block)
        if kind is Paragraph:   # most blocks: holds no blocks
            continue
        if kind is ListBlock:
            for item in block.items:
                if item.blocks:
                    find_blocks(item.blocks, tables, infoboxes)
        elif kind is Table:
            if tables is not None:
                tables.append(block)
            in_cells = text_cell_infoboxes(block)
            if in_cells is not None:    # the text renderer met them already
                infoboxes.extend(in_cells)
                continue
            for row in block.rows:
                for cell in row.cells:
                    inner = cell.blocks
                    # Most cells hold one paragraph, which holds no blocks.
                    if len(inner) > 1 or (inner and type(inner[0]) is not Paragraph):
                        find_blocks(inner, None, infoboxes)
        elif kind is Infobox:
            infoboxes.append(block)
        elif kind is BlockQuote:
            find_blocks(block.blocks, tables, infoboxes)


def infobox_dict(box: Infobox) -> dict[str, Any]:
    return {
        "template": box.template,
        "title": clean_line(box.title),
        "fields": [
            {"key": f.key, "label": label, "text": value, "links": link_targets(f.value)}
            for f, (label, value) in zip(box.fields, infobox_fields(box))
        ],
    }


def table_dict(table: Table, section: str | None) -> dict[str, Any]:
    layout = text_table_layout(table)
    return {"section": section, "caption": caption_text(table) or None,
            "header_rows": layout.header_rows, "rows": layout.rows}


@gc_paused
def to_dict(doc: Document) -> dict[str, Any]:
    """The page as FORMAT.md's JSON object."""
    layout, text = page_layout(doc, "json")
    sections: list[dict[str, Any]] = []
    tables: list[dict[str, Any]] = []
    found_infoboxes: list[Infobox] = []
    for section, title, body in zip(layout.sections, layout.titles, layout.bodies):
        sections.append({"title": title, "level": section.level, "text": body})
        found_tables: list[Table] = []
        find_blocks(section.blocks, found_tables, found_infoboxes)
        for block in found_tables:
            tables.append(table_dict(block, title))
    infoboxes = [infobox_dict(b) for b in found_infoboxes]
    record: dict[str, Any] = {
        "title": doc.title,
        "ns": doc.ns,
        "page_id": doc.page_id,
        "rev_id": doc.rev_id,
        "timestamp": doc.timestamp,
        "lang": doc.lang,
        "redirect": doc.redirect,
        "disambiguation": bool(doc.disambiguation),
        "text": text,
        "sections": sections,
        "infoboxes": infoboxes,
        "tables": tables,
        "links": [{"target": _field(x, _LINK_REF_T, _LINK_TARGET), "text": _field(x, _LINK_REF_T, _LINK_TEXT)}
                  for x in doc.links],
        "external_links": [{"url": x.url, "text": x.text} for x in doc.external_links],
        "categories": list(doc.categories),
        "templates": [{"name": _field(t, _TEMPLATE_USE_T, _USE_NAME), "how": _field(t, _TEMPLATE_USE_T, _USE_HOW),
                       "count": _field(t, _TEMPLATE_USE_T, _USE_COUNT)} for t in doc.templates],
        "references": [
            {"name": _field(r, _REFERENCE_T, _REF_NAME),
             "text": inline_text(_field(r, _REFERENCE_T, _REF_CONTENT), " "),
             "template": _field(r, _REFERENCE_T, _REF_TEMPLATE),
             "fields": str_fields(_field(r, _REFERENCE_T, _REF_FIELDS)),
             "url": _field(r, _REFERENCE_T, _REF_URL), "title": _field(r, _REFERENCE_T, _REF_TITLE)}
            for r in doc.references
        ],
        "images": [{"file": i.file, "caption": i.caption} for i in doc.images],
        "hatnotes": list(doc.hatnotes),
        "interwiki": [{"lang": i.lang, "title": i.title} for i in doc.interwiki],
        "errors": [{"kind": e.kind, "message": e.message} for e in doc.errors],
    }
    done_with(doc)
    return record
