"""#tag: an extension tag written as a parser function (its body arrives expanded)."""
from __future__ import annotations

import html

from unwiki.expansion.frame import TRIM
from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.preprocessor.tags import EXTENSION_TAGS


@parser_function("#tag")
def pf_tag(c: Call) -> str:
    from unwiki.expansion.exttags import render_tag
    name = c.first.lower()
    inner = c.expand(c.parts[0].full) if c.parts else None
    attrs: dict[str, str] = {}
    for part in c.parts[1:]:
        if part.name is None:
            continue
        key = c.expand(part.name).strip(TRIM)
        value = c.expand(part.value).strip(TRIM)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        attrs[key] = value
    attr_text = "".join(f' {html.escape(k)}="{html.escape(v)}"' for k, v in attrs.items())
    source = f"<{name}{attr_text}/>" if inner is None else f"<{name}{attr_text}>{inner}</{name}>"
    if name not in EXTENSION_TAGS:
        return source
    return render_tag(c.x, name, attrs, inner, source, c.frame, expanded=True)
