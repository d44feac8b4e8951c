"""`<ref>` -> Reference: content parsed as inline text, citation template fields, named reuse."""
from __future__ import annotations

from unwiki.model import ExtLink, Inline, Reference
from unwiki.parser.state import MAX_DEPTH, ParseState
from unwiki.preprocessor.strip import CITATION, DEAD_LINK, MARKER_RE, REF, TEMPLATE, StripItem
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


def citation_text(item: StripItem, site: SiteConfig) -> str:
    """Plain text for a citation template when expansion gave no rendering: the values of
    the wiki's citation fields (site data: author, title, work, publisher, date, …) in order,
    a given name joined to the family name after it by a space."""
    if not item.args:
        return ""
    keys, values = zip(*item.args)
    args = dict(zip(map(str.strip, keys), values))   # the last of repeated names wins
    out: list[str] = []
    glue = ""
    for k in site.citation_fields:
        v = args.get(k)
        v = v.strip() if v else ""
        if not v:
            continue
        out.append(glue + v if out else v)
        glue = " " if k in site.citation_given_names else ". "
    return "".join(out)


def _content(body: str, st: ParseState) -> list[Inline]:
    """The ref's inline content. Many bodies are one citation template: its rendering (or
    its plain text) is then used straight away, the nodes parsing its marker would give."""
    text = body.strip()
    if text[:1] == "\x7f" and st.depth < MAX_DEPTH:
        m = MARKER_RE.fullmatch(text)
        if m is not None:
            item = st.item(int(m.group(1)))
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
    for m in MARKER_RE.finditer(body):
        item = st.item(int(m.group(1)))
        if item is None or item.kind != TEMPLATE:
            continue
        if item.role == CITATION and ref.template is None:
            ref.template = item.name
            keys, values = zip(*item.args) if item.args else ((), ())
            args = dict(zip(keys, map(str.strip, values)))
            ref.fields.update(args)
            ref.url = args.get("url") or None
            ref.title = args.get("title") or None
        elif item.role == DEAD_LINK:
            ref.fields["dead link"] = "yes"
    if ref.url is None:
        ref.url = _first_url(ref.content)


def add_ref(item: StripItem, st: ParseState) -> int:
    """Register a `<ref>` and return its index in Document.references."""
    refs = st.doc.references
    name = (item.attrs.get("name") or "").strip() or None
    group = (item.attrs.get("group") or "").strip()
    body = item.body if item.kind == REF else None
    if name is not None:
        idx = st.refs_by_name.get((group, name))
        if idx is not None:
            ref = refs[idx]
            if body and body.strip() and not ref.content and st.in_ref < 3:
                _fill(ref, body, st)
            return idx
    ref = Reference(name=name)
    refs.append(ref)
    idx = len(refs) - 1
    if name is not None:
        st.refs_by_name[(group, name)] = idx
    if body and body.strip() and st.in_ref < 3:
        _fill(ref, body, st)
    return idx


def add_reference_list(item: StripItem, st: ParseState) -> None:
    """`<references>…</references>`: the refs defined inside are registered, nothing is shown."""
    if item.body and "\x7f" in item.body:
        st.inline(item.body)
