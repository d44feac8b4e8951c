"""`<ref>` -> Reference: content parsed as inline text, citation template fields, named reuse."""
from __future__ import annotations

from unwiki.model import ExtLink, Inline, Reference
from unwiki.parser.nodes import new_reference
from unwiki.parser.state import MAX_DEPTH, ParseState
from unwiki.preprocessor.strip import CITATION, DEAD_LINK, MARKER_RE, REF, TEMPLATE, StripItem, marker_spans
from unwiki.site import SiteConfig


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


_FIELD_ORDER: dict[tuple[str, ...], dict[str, int]] = {}   # one entry per site's field list


def _field_order(fields: tuple[str, ...]) -> dict[str, int]:
    """Each citation field's rank in the wiki's order (one dict per field list, made once)."""
    order = _FIELD_ORDER.get(fields)
    if order is None:
        order = _FIELD_ORDER[fields] = {k: rank for rank, k in enumerate(fields)}
    return order


def citation_text(item: StripItem, site: SiteConfig) -> str:
    """Plain text for a citation template when expansion gave no rendering: the values of
    the wiki's citation fields (site data: author, title, work, publisher, date, …) in order,
    a given name joined to the family name after it by a space.

    A template has far fewer arguments than the wiki has fields, so its arguments are looked
    up in the field order rather than every field in its arguments."""
    order = _field_order(site.citation_fields)
    found: dict[int, str] = {}       # field rank -> value; the last of repeated names wins
    for k, v in item.args:
        rank = order.get(k.strip())
        if rank is not None:
            found[rank] = v
    if not found:
        return ""
    fields = site.citation_fields
    given = site.citation_given_names
    out: list[str] = []     # values and the glue between them, joined once (values can be long)
    glue = ""
    for rank in sorted(found):
        v = found[rank].strip()
        if v:
            if out:
                out.append(glue)
            out.append(v)
            glue = " " if fields[rank] in given else ". "
    return "".join(out)


def _content(body: str, st: ParseState) -> list[Inline]:
    """The ref's inline content. Many bodies are one citation template: its rendering (or
    its plain text) is then used straight away, the nodes parsing its marker would give."""
    text = body.strip()
    if text[:1] == "\x7f" and st.depth < MAX_DEPTH:
        m = MARKER_RE.fullmatch(text)
        if m is not None:
            item = st.item(int(m[1]))
            if item is not None and item.kind == TEMPLATE and item.role == CITATION:
                if item.body is not None:
                    return st.inline(item.body)
                return st.inline(citation_text(item, st.site))
    return st.inline(text)


def _fill(ref: Reference, body: str, st: ParseState) -> None:
    st.in_ref += 1
    try:
        ref.content = _content(body, st)
    finally:
        st.in_ref -= 1
    if "\x7f" in body:
        _template_fields(ref, body, st)
    if ref.url is None:
        ref.url = _first_url(ref.content)


def _template_fields(ref: Reference, body: str, st: ParseState) -> None:
    """The first citation template's arguments (and a dead-link mark) of a ref's body."""
    items = st.items
    for _start, _end, index in marker_spans(body):
        if index >= len(items):
            continue
        item = items[index]
        if item.kind != TEMPLATE:
            continue
        if item.role == CITATION and ref.template is None:
            ref.template = item.name
            args = {k: v.strip() for k, v in item.args}
            ref.fields.update(args)
            ref.url = args.get("url") or None
            ref.title = args.get("title") or None
        elif item.role == DEAD_LINK:
            ref.fields["dead link"] = "yes"


def add_ref(item: StripItem, st: ParseState) -> int:
    """Register a `<ref>` and return its index in Document.references."""
    refs = st.doc.references
    attrs = item.attrs
    name = attrs.get("name")
    name = (name.strip() or None) if name else None
    body = (item.body or "") if item.kind == REF else ""
    fill = body != "" and not body.isspace() and st.in_ref < 3     # `body.strip()`, uncopied
    idx = len(refs)
    if name is not None:
        key = ((attrs.get("group") or "").strip(), name)
        known = st.refs_by_name.get(key)
        if known is not None:
            ref = refs[known]
            if fill and not ref.content:
                _fill(ref, body, st)
            return known
        st.refs_by_name[key] = idx
    ref = new_reference(name)
    refs.append(ref)
    if fill:
        _fill(ref, body, st)
    return idx


def add_reference_list(item: StripItem, st: ParseState) -> None:
    """`<references>…</references>`: the refs defined inside are registered, nothing is shown."""
    if item.body and "\x7f" in item.body:
        st.inline(item.body)
