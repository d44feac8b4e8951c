"""Extension tags become strip items (preprocessor/strip.py); so do captured templates
(`Expander.captured`).

`<ref>`, `<poem>`, `<gallery>` and `<references>` bodies are wikitext: they are expanded in
the frame the tag stands in (Cite's recursiveTagParse). Other bodies are kept literal, or
dropped when the tag shows nothing to a reader.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# (names, not `strip.X`: compiled, reading a module attribute is a look-up per use)
from unwiki.preprocessor.strip import (
    CODE,
    EXT,
    GALLERY,
    MATH,
    NOWIKI,
    POEM,
    PRE,
    REF,
    REFERENCES,
    StripItem,
)
from unwiki.preprocessor.tags import parse_attrs

if TYPE_CHECKING:
    from unwiki.expansion.engine import Expander
    from unwiki.expansion.frame import Frame

# Tags whose body is wikitext expanded in place: kind, block.
EXPANDED_TAGS = {"ref": (REF, False), "references": (REFERENCES, True), "gallery": (GALLERY, True),
                 "poem": (POEM, True), "tabs": (EXT, True), "tabber": (EXT, True),
                 "tab": (EXT, True), "translate": (EXT, False), "section": (EXT, False)}
_MATH = frozenset({"math", "chem", "ce"})
_CODE = frozenset({"syntaxhighlight", "source"})


def render_tag(x: Expander, name: str, attrs: str | dict[str, str], inner: str | None, source: str,
               frame: Frame, expanded: bool = False) -> str:
    """The strip marker standing for one extension tag (page mode), or its source (text mode)."""
    if not x.page_mode:
        return x.strip.add(StripItem(EXT, name=name, body=source))
    attr_map = attrs if isinstance(attrs, dict) else parse_attrs(attrs) if attrs else {}
    spec = EXPANDED_TAGS[name] if name in EXPANDED_TAGS else None  # `<ref>` above all: first
    if spec is not None:
        return x.expanded_tag(name, attr_map, inner, frame, spec)
    if name == "nowiki":
        return x.strip.add(StripItem(NOWIKI, name=name, attrs=attr_map, body=inner or ""))
    if name == "pre":
        return x.strip.add(StripItem(PRE, name=name, attrs=attr_map, body=inner or "", block=True))
    if name in _MATH:
        body = inner or ""
        if name != "math":
            body = "\\ce{" + body + "}"
        block = attr_map.get("display") == "block"
        return x.strip.add(StripItem(MATH, name=name, attrs=attr_map, body=body, block=block))
    if name in _CODE:
        inline = "inline" in attr_map
        if inline:
            attr_map["inline"] = "1"
        return x.strip.add(StripItem(CODE, name=name, attrs=attr_map, body=inner or "",
                                       block=not inline))
    return x.strip.add(StripItem(EXT, name=name, attrs=attr_map, body=None))
