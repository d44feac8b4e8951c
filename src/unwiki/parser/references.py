"""`<ref>` -> Reference: content parsed as inline text, citation template fields, named reuse."""
from __future__ import annotations

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import Document, ExtLink, Inline, Reference, RefMarker, Text
from unwiki.parser.nodes import slot_offset
from unwiki.parser.state import MAX_DEPTH, ParseState
from unwiki.preprocessor.strip import CITATION, DEAD_LINK, REF, TEMPLATE, StripItem, marker_spans
from unwiki.site import SiteConfig

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import _get, _put, new_ref_marker, new_reference
else:
    from unwiki.parser.nodes import _get, _put, new_ref_marker, new_reference

# Slots read or set on objects of exactly these classes (compiled, a load or a store instead
# of a getattr or a setattr: every ref reads several).
_ST_DOC = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "doc"))
_ST_SITE = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "site"))
_ST_ITEMS = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "items"))
_ST_REFS_BY_NAME = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "refs_by_name"))
_ST_DEPTH = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "depth"))
_ST_IN_REF = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "in_ref"))
_ST_INLINE_FN = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "inline_fn"))
_DOC_REFERENCES = cython.declare(cython.Py_ssize_t, slot_offset(Document, "references"))
_REF_CONTENT = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "content"))
_REF_TEMPLATE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "template"))
_REF_FIELDS = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "fields"))
_REF_URL = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "url"))
_REF_TITLE = cython.declare(cython.Py_ssize_t, slot_offset(Reference, "title"))


@cython.cfunc  # (compiled, a C call)
def _first_url(nodes: list[Inline]) -> str | None:
    for n in nodes:
        kind = type(n)
        if kind is ExtLink:           # (no subclasses: a type test rather than isinstance)
            return n.url
        if kind is Text:              # most nodes: no children to look for
            continue
        children = getattr(n, "children", None)
        if children:
            found = _first_url(children)
            if found:
                return found
    return None


# Field list -> (that list, its given names, its ranks, its glues), keyed by identity: hashing a
# field list costs as much as the rest of a citation's look-ups. Holding the list keeps its id
# from being reused.
_KEY_RANKS: dict[int, tuple[tuple[str, ...], frozenset[str], dict[str, int], list[str]]] = {}
_MAX_KEYS = 20_000      # argument names remembered per field list (a dump has few distinct ones)
_LAST_RANKS: tuple = ((), frozenset(), {}, [])    # the entry used last (a dump has one wiki)


@cython.cfunc  # (compiled, a C call)
def _field_ranks(fields: tuple[str, ...], given: frozenset[str]) -> tuple:
    """(fields, given, ranks, glues) for the wiki's citation fields. ranks: argument name as
    written -> its field's rank in the wiki's order, -1 for no field; the fields themselves are
    filled in at once, other names as citation_text meets them. glues: per rank, what joins
    that field's value to the next one (a space after a given name)."""
    global _LAST_RANKS
    got: tuple = _LAST_RANKS
    if got[0] is fields and got[1] is given:
        return got
    got = _KEY_RANKS.get(id(fields))
    if got is not None and got[0] is fields and got[1] is given:
        _LAST_RANKS = got
        return got
    ranks: dict[str, int] = {}
    glues: list[str] = []
    for rank, name in enumerate(fields):
        if name == name.strip():          # a name with edge spaces never matches a key
            ranks[name] = rank
        glues.append(" " if name in given else ". ")
    got = (fields, given, ranks, glues)
    _KEY_RANKS[id(fields)] = got
    _LAST_RANKS = got
    return got


def citation_text(item: StripItem, site: SiteConfig) -> str:
    """`_citation_text`, callable from other modules."""
    return _citation_text(item, site)


@cython.cfunc  # (compiled, a C call from `_fill`)
@cython.locals(rank=cython.Py_ssize_t, last=cython.Py_ssize_t)
def _citation_text(item: StripItem, site: SiteConfig) -> str:
    """Plain text for a citation template when expansion gave no rendering: the values of
    the wiki's citation fields (site data: author, title, work, publisher, date, …) in order,
    a given name joined to the family name after it by a space.

    A template has far fewer arguments than the wiki has fields, so its arguments are looked
    up by name rather than every field in its arguments; names as written are remembered, so
    that a name is stripped once per wiki rather than once per citation. Values go to a slot
    per field (the last of repeated names wins), read back in field order: no sort."""
    fields = site.citation_fields
    entry: tuple = _field_ranks(fields, site.citation_given_names)
    ranks: dict = entry[2]
    glues: list = entry[3]
    slots: list = [None] * len(fields)      # field rank -> value
    last = -1
    k: str
    for k, v in item.args:
        got = ranks.get(k)
        if got is None:
            got = ranks.get(k.strip(), -1)
            if len(ranks) < _MAX_KEYS:
                ranks[k] = got
        rank = got
        if rank >= 0:
            slots[rank] = v
            if rank > last:
                last = rank
    out: list[str] = []     # values and the glue between them, joined once (values can be long)
    glue = ""
    value: str
    for rank in range(last + 1):
        value = slots[rank]
        if value is None:
            continue
        value = value.strip()
        if value:
            if out:
                out.append(glue)
            out.append(value)
            glue = glues[rank]
    return "".join(out)


@cython.cfunc  # (compiled, a C call)
@cython.locals(a=cython.Py_ssize_t, z=cython.Py_ssize_t, at=cython.Py_ssize_t,
               index=cython.Py_ssize_t, code=cython.Py_ssize_t)
def _lone_citation(body: str, items: list) -> StripItem | None:
    """The citation template a ref's body is made of (one marker, spaces around), if it is:
    MARKER_RE.fullmatch(body.strip()), read in place (compiled, C loops: no copy, no slice,
    no regex or `int` call)."""
    a = 0
    z = len(body)
    while a < z and body[a].isspace():
        a += 1
    while z > a and body[z - 1].isspace():
        z -= 1
    # a marker: `\x7fUNIQ`, digits, `QINU\x7f`
    if z - a < 11 or not (body.startswith("\x7fUNIQ", a) and body.endswith("QINU\x7f", a, z)):
        return None
    index = 0
    for at in range(a + 5, z - 5):
        code = ord(body[at])
        if code < 48 or code > 57:      # not 0-9
            return None
        if at - a < 23:                 # (18 digits at most fit a 64-bit integer)
            index = index * 10 + (code - 48)
    if z - a > 28:          # more digits (leading zeros?): read as a whole, if small enough
        whole = int(body[a + 5:z - 5])
        if whole >= len(items):
            return None
        index = whole
    if index < len(items):
        item = items[index]
        if item.kind == TEMPLATE and item.role == CITATION:
            return item
    return None


@cython.cfunc  # (compiled, a C call)
def _fill(ref: Reference, body: str, st: ParseState) -> None:
    """The ref's inline content and citation fields. Many bodies are one citation template:
    its rendering (or its plain text) is then parsed straight away, the nodes parsing its
    marker would give, and its fields are read without looking for markers again."""
    markers: cython.bint = "\x7f" in body
    cite = _lone_citation(body, _get(st, _ST_ITEMS)) if markers else None
    if cite is not None and _get(st, _ST_DEPTH) < MAX_DEPTH:
        text = cite.body if cite.body is not None else _citation_text(cite, _get(st, _ST_SITE))
    else:
        text = body.strip()
    inline_fn = _get(st, _ST_INLINE_FN)     # st.inline(text), one call fewer
    content: list
    if "\x7f" in text:         # markers: refs may stand inside, add_ref reads the nesting
        _put(st, _ST_IN_REF, _get(st, _ST_IN_REF) + 1)
        try:
            content = inline_fn(text, st)
        finally:
            _put(st, _ST_IN_REF, _get(st, _ST_IN_REF) - 1)
    else:                       # no marker, no ref inside: `in_ref` unread
        content = inline_fn(text, st)
    _put(ref, _REF_CONTENT, content)
    if cite is not None:
        _citation_fields(ref, cite)
    elif markers:
        _template_fields(ref, body, st)
    if _get(ref, _REF_URL) is None:
        _put(ref, _REF_URL, _first_url(content))


@cython.cfunc  # (compiled, a C call)
def _citation_fields(ref: Reference, item: StripItem) -> None:
    """A citation template's name and arguments, unless the ref has them from an earlier one."""
    if _get(ref, _REF_TEMPLATE) is None:
        _put(ref, _REF_TEMPLATE, item.name)
        args: dict[str, str] = {}
        value: str
        for name, value in item.args:
            args[name] = value.strip()
        fields: dict = _get(ref, _REF_FIELDS)
        if fields:
            fields.update(args)
        else:
            _put(ref, _REF_FIELDS, args)
        _put(ref, _REF_URL, args.get("url") or None)
        _put(ref, _REF_TITLE, args.get("title") or None)


@cython.cfunc  # (compiled, a C call)
def _template_fields(ref: Reference, body: str, st: ParseState) -> None:
    """The first citation template's arguments (and a dead-link mark) of a ref's body."""
    items: list = _get(st, _ST_ITEMS)
    for _start, _end, index in marker_spans(body):
        if index >= len(items):
            continue
        item = items[index]
        if item.kind != TEMPLATE:
            continue
        if item.role == CITATION:
            _citation_fields(ref, item)
        elif item.role == DEAD_LINK:
            _get(ref, _REF_FIELDS)["dead link"] = "yes"


def add_ref(item: StripItem, st: ParseState) -> int:
    """Register a `<ref>` and return its index in Document.references."""
    return _add_ref(item, st)


def ref_marker(item: StripItem, st: ParseState) -> RefMarker:
    """`new_ref_marker(add_ref(item, st))`, with add_ref's body a C call."""
    return new_ref_marker(_add_ref(item, st))


@cython.cfunc  # (compiled, a C call)
@cython.locals(idx=cython.Py_ssize_t, fill=cython.bint, char=cython.Py_UCS4)
def _add_ref(item: StripItem, st: ParseState) -> int:
    """add_ref's body."""
    refs: list[Reference] = _get(_get(st, _ST_DOC), _DOC_REFERENCES)
    attrs: dict[str, str] = item.attrs
    name: str | None = attrs.get("name")
    if name:
        name = name.strip() or None
    else:
        name = None
    body: str = (item.body or "") if item.kind == REF else ""
    fill = False            # `body.strip()`, uncopied: compiled, a C loop rather than isspace's call
    for char in body:
        if not char.isspace():
            fill = _get(st, _ST_IN_REF) < 3
            break
    idx = len(refs)
    if name is not None:
        group: str = attrs.get("group") or ""
        key = (group.strip(), name)
        by_name: dict[tuple[str, str], int] = _get(st, _ST_REFS_BY_NAME)
        known = by_name.get(key)
        if known is not None:
            ref = refs[known]
            if fill and not _get(ref, _REF_CONTENT):
                _fill(ref, body, st)
            return known
        by_name[key] = idx
    ref = new_reference(name)
    refs.append(ref)
    if fill:
        _fill(ref, body, st)
    return idx


def add_reference_list(item: StripItem, st: ParseState) -> None:
    """`<references>…</references>`: the refs defined inside are registered, nothing is shown."""
    if item.body and "\x7f" in item.body:
        st.inline(item.body)
