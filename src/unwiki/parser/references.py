"""`<ref>` -> Reference: content parsed as inline text, citation template fields, named reuse."""
from __future__ import annotations

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import ExtLink, Inline, Reference
from unwiki.parser.nodes import new_reference
from unwiki.parser.state import MAX_DEPTH, ParseState
from unwiki.preprocessor.strip import CITATION, DEAD_LINK, REF, TEMPLATE, StripItem, marker_spans
from unwiki.site import SiteConfig


@cython.cfunc  # (compiled, a C call)
def _first_url(nodes: list[Inline]) -> str | None:
    for n in nodes:
        if isinstance(n, ExtLink):
            return n.url
        children = getattr(n, "children", None)
        if children:
            found = _first_url(children)
            if found:
                return found
    return None


# Field list -> (that list, its ranks), keyed by identity: hashing a field list costs as much
# as the rest of a citation's look-ups. Holding the list keeps its id from being reused.
_KEY_RANKS: dict[int, tuple[tuple[str, ...], dict[str, int]]] = {}
_MAX_KEYS = 20_000      # argument names remembered per field list (a dump has few distinct ones)


@cython.cfunc  # (compiled, a C call)
def _key_ranks(fields: tuple[str, ...]) -> dict[str, int]:
    """Argument name as written -> its field's rank in the wiki's order, -1 for no field; the
    fields themselves are filled in at once, other names as citation_text meets them."""
    got = _KEY_RANKS.get(id(fields))
    if got is not None and got[0] is fields:
        return got[1]
    ranks: dict[str, int] = {}
    for rank, name in enumerate(fields):
        if name == name.strip():          # a name with edge spaces never matches a key
            ranks[name] = rank
    _KEY_RANKS[id(fields)] = (fields, ranks)
    return ranks


def citation_text(item: StripItem, site: SiteConfig) -> str:
    """`_citation_text`, callable from other modules."""
    return _citation_text(item, site)


@cython.cfunc  # (compiled, a C call from `_fill`)
def _citation_text(item: StripItem, site: SiteConfig) -> str:
    """Plain text for a citation template when expansion gave no rendering: the values of
    the wiki's citation fields (site data: author, title, work, publisher, date, …) in order,
    a given name joined to the family name after it by a space.

    A template has far fewer arguments than the wiki has fields, so its arguments are looked
    up in the field order rather than every field in its arguments; names as written are
    remembered, so that a name is stripped once per wiki rather than once per citation."""
    fields = site.citation_fields
    ranks: dict = _key_ranks(fields)        # (typed: compiled, `.get` is a C call)
    found: dict[int, str] = {}       # field rank -> value; the last of repeated names wins
    last = -1
    ordered = True                   # ranks met in increasing order: `found` needs no sort
    k: str
    for k, v in item.args:
        rank = ranks.get(k)
        if rank is None:
            rank = ranks.get(k.strip(), -1)
            if len(ranks) < _MAX_KEYS:
                ranks[k] = rank
        if rank >= 0:
            found[rank] = v
            if rank > last:
                last = rank
            else:
                ordered = False
    if not found:
        return ""
    given = site.citation_given_names
    out: list[str] = []     # values and the glue between them, joined once (values can be long)
    glue = ""
    value: str
    for rank in (found if ordered else sorted(found)):
        value = found[rank]
        value = value.strip()
        if value:
            if out:
                out.append(glue)
            out.append(value)
            glue = " " if fields[rank] in given else ". "
    return "".join(out)


@cython.cfunc  # (compiled, a C call)
def _lone_citation(body: str, st: ParseState) -> StripItem | None:
    """The citation template a ref's body is made of (one marker, spaces around), if it is."""
    text = body.strip()
    # MARKER_RE.fullmatch(text), without a regex call
    if text.startswith("\x7fUNIQ") and text.endswith("QINU\x7f"):
        digits = text[5:-5]
        if digits.isdigit() and digits.isascii():
            index = int(digits)
            items = st.items
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
    cite = _lone_citation(body, st) if "\x7f" in body else None
    if cite is not None and st.depth < MAX_DEPTH:
        text = cite.body if cite.body is not None else _citation_text(cite, st.site)
    else:
        text = body.strip()
    st.in_ref += 1
    try:
        ref.content = st.inline_fn(text, st)     # st.inline(text), one call fewer
    finally:
        st.in_ref -= 1
    if cite is not None:
        _citation_fields(ref, cite)
    elif "\x7f" in body:
        _template_fields(ref, body, st)
    if ref.url is None:
        ref.url = _first_url(ref.content)


@cython.cfunc  # (compiled, a C call)
def _citation_fields(ref: Reference, item: StripItem) -> None:
    """A citation template's name and arguments, unless the ref has them from an earlier one."""
    if ref.template is None:
        ref.template = item.name
        args: dict[str, str] = {}
        value: str
        for name, value in item.args:
            args[name] = value.strip()
        if ref.fields:
            ref.fields.update(args)
        else:
            ref.fields = args
        ref.url = args.get("url") or None
        ref.title = args.get("title") or None


@cython.cfunc  # (compiled, a C call)
def _template_fields(ref: Reference, body: str, st: ParseState) -> None:
    """The first citation template's arguments (and a dead-link mark) of a ref's body."""
    items = st.items
    for _start, _end, index in marker_spans(body):
        if index >= len(items):
            continue
        item = items[index]
        if item.kind != TEMPLATE:
            continue
        if item.role == CITATION:
            _citation_fields(ref, item)
        elif item.role == DEAD_LINK:
            ref.fields["dead link"] = "yes"


def add_ref(item: StripItem, st: ParseState) -> int:
    """Register a `<ref>` and return its index in Document.references."""
    refs: list[Reference] = st.doc.references
    attrs: dict[str, str] = item.attrs
    name: str | None = attrs.get("name")
    if name:
        name = name.strip() or None
    else:
        name = None
    body: str = (item.body or "") if item.kind == REF else ""
    fill = body != "" and not body.isspace() and st.in_ref < 3     # `body.strip()`, uncopied
    idx = len(refs)
    if name is not None:
        group: str = attrs.get("group") or ""
        key = (group.strip(), name)
        by_name: dict[tuple[str, str], int] = st.refs_by_name
        known = by_name.get(key)
        if known is not None:
            ref = refs[known]
            if fill and not ref.content:
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
