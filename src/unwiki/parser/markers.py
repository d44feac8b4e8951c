"""Strip markers -> model nodes, inline where they stand or as blocks of their own."""
from __future__ import annotations

from importlib import import_module
from types import ModuleType

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import (
    Block,
    Code,
    Inline,
    Math,
    MathBlock,
    Paragraph,
    Preformatted,
    Text,
)
from unwiki.parser.html import decode_entities
from unwiki.parser.nodes import slot_offset
from unwiki.parser.state import ParseState
from unwiki.preprocessor.strip import (
    CITATION,
    CODE,
    DISAMBIGUATION,
    GALLERY,
    HATNOTE,
    INFOBOX,
    MATH,
    NAVBOX,
    NOWIKI,
    POEM,
    PRE,
    REF,
    REFERENCES,
    TEMPLATE,
    StripItem,
)
from unwiki.site import parse_title

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import _get, new_image, new_line_break
else:
    from unwiki.parser.nodes import _get, new_image, new_line_break
if cython.compiled:  # C calls (declared in references.pxd)
    from cython.cimports.unwiki.parser.references import add_reference_list, citation_text, ref_marker
else:
    from unwiki.parser.references import add_reference_list, citation_text, ref_marker

_ST_ITEMS = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "items"))   # (a load: see nodes)
_BLOCK_ROLES = frozenset((INFOBOX, NAVBOX, HATNOTE))
_BLOCK_KINDS = frozenset((PRE, GALLERY, REFERENCES, POEM))

# Modules that import this one (parser.inline, parser.infobox), imported at their first use
# and held here: an import statement in a function costs more than many of the calls it serves.
_LATE_MODULES: dict[str, ModuleType] = {}


@cython.cfunc  # (compiled, a C call)
def _late(name: str) -> ModuleType:
    """The module `unwiki.parser.<name>`."""
    modules: dict = _LATE_MODULES       # (typed: compiled, `.get` is a C call)
    module = modules.get(name)
    if module is None:
        module = import_module("unwiki.parser." + name)
        modules[name] = module
    return module


def is_block(item: StripItem) -> bool:
    """Whether the item is laid out as a block (it closes the paragraph it stands in)."""
    if item.block:
        return True
    kind = item.kind
    if kind == REF:             # most markers: settled at once
        return False
    if kind in _BLOCK_KINDS:
        return True
    if kind == CODE:
        return "inline" not in item.attrs
    if kind == MATH:
        return (item.attrs.get("display") or "").strip().lower() == "block"
    if kind == TEMPLATE:
        return item.role in _BLOCK_ROLES
    return False


@cython.cfunc  # (compiled, a C call)
def _pre_text(body: str | None) -> str:
    text = decode_entities(body or "")
    if text.startswith("\n"):
        text = text[1:]
    return text.rstrip("\n")


def hatnote_text(item: StripItem, st: ParseState) -> str:
    plain_text = _late("inline").plain_text
    if item.body:
        return " ".join(plain_text(st.inline(item.body)).split())
    vals = [v.strip() for k, v in item.args if k.strip().isdigit() and v.strip()]
    return " ".join(plain_text(st.inline("; ".join(vals))).split())


@cython.cfunc  # (compiled, a C call: every marker that is not a ref comes here)
def _side_effects(item: StripItem, st: ParseState) -> cython.bint:
    """Handle items that show nothing; True when handled."""
    kind: str = item.kind
    if kind == REFERENCES:
        add_reference_list(item, st)
        return True
    if kind == GALLERY:
        add_gallery(item, st)
        return True
    if kind != TEMPLATE:
        return False
    role = item.role
    if role != CITATION and role != INFOBOX:
        if role == HATNOTE:
            text = hatnote_text(item, st)
            if text:
                st.doc.hatnotes.append(text)
        elif role == DISAMBIGUATION:
            st.doc.disambiguation = True
        elif not role and item.body:
            return False
        return True
    return False


def add_gallery(item: StripItem, st: ParseState) -> None:
    plain_text = _late("inline").plain_text
    for line in (item.body or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        name, _, caption = line.partition("|")
        title = parse_title(name, st.site, default_ns=6)
        if title is None or title.ns != 6:
            continue
        cap = plain_text(st.inline(caption)).strip() if caption else ""
        st.doc.images.append(new_image(title.text, cap))


def inline_marker(index: object, st: ParseState, ev: list) -> None:
    """Append the events for the strip item `index` found inside inline text. (`index`, an
    int, is annotated `object`: markers.pxd declares it untyped, as the caller passes it.)"""
    items: list = _get(st, _ST_ITEMS)
    if index >= len(items):       # st.item's test, without its call (index: marker digits)
        return
    item = items[index]
    kind: str = item.kind      # (typed: compiled, the tests below are string compares)
    if kind == NOWIKI:
        ev.append(decode_entities(item.body or ""))
    elif kind == REF:
        ev.append(ref_marker(item, st))
    elif kind == MATH:
        ev.append(Math((item.body or "").strip()))
    elif kind in (CODE, PRE):
        text = _pre_text(item.body)
        if text:
            ev.append(Code(text))
    elif _side_effects(item, st):
        return
    else:
        _inline_body(item, st, ev)


@cython.cfunc  # (compiled, a C call)
def _inline_body(item: StripItem, st: ParseState, ev: list) -> None:
    """inline_marker for items shown through their wikitext (poems, citations, templates)."""
    tokenize = _late("inline").tokenize
    kind: str = item.kind
    if kind == POEM:
        for k, line in enumerate((item.body or "").strip("\n").split("\n")):
            if k:
                ev.append(new_line_break())
            tokenize(line, st, ev, False, False)
    elif kind == TEMPLATE and item.role == CITATION:
        if item.body is not None:
            tokenize(item.body, st, ev, False, False)
        else:
            tokenize(citation_text(item, st.site), st, ev, False, False)
    elif kind == TEMPLATE and item.role == INFOBOX:
        return
    elif item.body:
        tokenize(item.body, st, ev, False, False)


def block_marker(item: StripItem, st: ParseState) -> list[Block]:
    """Blocks for a block-level strip item (possibly none)."""
    kind: str = item.kind
    if kind == PRE:
        return [Preformatted(children=[Text(_pre_text(item.body))])]
    if kind == CODE:
        return [Preformatted(children=[Text(_pre_text(item.body))], code=True,
                             lang=(item.attrs.get("lang") or None))]
    if kind == MATH:
        return [MathBlock(tex=(item.body or "").strip())]
    if kind == TEMPLATE and item.role == INFOBOX:
        return [_late("infobox").build_infobox(item, st)]
    if _side_effects(item, st):
        return []
    if kind == POEM:
        return poem_blocks(item.body or "", st)
    if kind == TEMPLATE and item.role == CITATION:
        nodes: list[Inline] = (st.inline(item.body) if item.body is not None
                               else st.inline(citation_text(item, st.site)))
        return [Paragraph(children=nodes)] if nodes else []
    if item.body:
        return st.blocks(item.body)
    return []


def poem_blocks(body: str, st: ParseState) -> list[Block]:
    """`<poem>`: every source line break is kept; leading spaces do not make preformatted text."""
    lines = body.strip("\n").split("\n")
    out = []
    for line in lines:
        stripped = line.lstrip(" ")
        out.append("\u00a0" * (len(line) - len(stripped)) + stripped if stripped else "")
    text = "<br>\n".join(out)
    text = text.replace("<br>\n<br>\n", "\n\n")
    return st.blocks(text)
