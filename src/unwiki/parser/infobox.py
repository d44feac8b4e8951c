"""Infobox templates captured by expansion -> Infobox blocks (FORMAT.md rule 7)."""
from __future__ import annotations

import re
from functools import lru_cache

from unwiki.model import Infobox, InfoboxField, Inline
from unwiki.parser.blocks import has_text
from unwiki.parser.inline import plain_text
from unwiki.parser.nodes import new_infobox_field, new_line_break
from unwiki.parser.state import ParseState
from unwiki.preprocessor.strip import StripItem

_LIST_PREFIX = re.compile(r"^[*#:;]+\s*")
_BULLET_PREFIX = re.compile(r"^[*:;]+\s*")
_LIST_CHARS = "*#:;"      # how a line either prefix applies to starts ("" too: nothing to do)


@lru_cache(maxsize=4096)        # infoboxes of one kind share their keys across pages
def label_of(key: str) -> str:
    """`first_secretary` -> `First Secretary`; other scripts stay as written."""
    return " ".join(w[:1].upper() + w[1:] for w in key.replace("_", " ").split())


def parse_value(value: str, st: ParseState) -> list[Inline]:
    """A parameter value as inline text; its lines and list items become line breaks."""
    out: list[Inline] = []
    st.in_infobox += 1
    try:
        lines = value.strip().split("\n")
        prefix = _LIST_PREFIX if len(lines) > 1 else _BULLET_PREFIX   # a lone `#FF0000` is a value
        inline = st.inline_fn           # st.inline without its own call
        for line in lines:
            line = line.strip()
            if line[:1] in _LIST_CHARS:
                line = prefix.sub("", line)
            if not line:
                continue
            nodes = inline(line, st)
            if not nodes:
                continue
            if out:
                out.append(new_line_break())
            out.extend(nodes)
    finally:
        st.in_infobox -= 1
    return out


def _title_key(args: list[tuple[str, str]], local_keys: tuple[str, ...]) -> str | None:
    """FORMAT.md rule 7: `name`, else the wiki's own word for it (fr `nom`), else the first
    key ending in `name` (`party_name`); only non-empty parameters count."""
    filled = [k for k, v in args if v.strip()]
    for wanted in ("name", *local_keys):
        for k in filled:
            if k.casefold() == wanted:
                return k
    return next((k for k in filled if k.casefold().endswith("name")), None)


def build_infobox(item: StripItem, st: ParseState) -> Infobox:
    args = [(k.strip(), v) for k, v in item.args]
    title_key = _title_key(args, st.site.infobox_title_keys)
    title = ""
    fields: list[InfoboxField] = []
    for k, v in args:
        if not v.strip():
            continue
        nodes = parse_value(v, st)
        if not has_text(nodes):
            continue
        if k == title_key:
            # Kept as a field (JSON lists every non-empty parameter); the text renderer
            # leaves out the field the title came from.
            title = " ".join(plain_text(nodes).split())
        fields.append(new_infobox_field(k, label_of(k), nodes))
    if not title:
        title = st.title.text if st.title is not None else ""
    return Infobox(template=item.name, title=title, fields=fields, title_key=title_key if title else None)
