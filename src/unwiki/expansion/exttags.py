"""Extension tags and captured templates become strip items (preprocessor/strip.py).

`<ref>`, `<poem>`, `<gallery>` and `<references>` bodies are wikitext: they are expanded in
the frame the tag stands in (Cite's recursiveTagParse). Other bodies are kept literal, or
dropped when the tag shows nothing to a reader.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# (names, not `strip.X`: compiled, reading a module attribute is a look-up per use)
from unwiki.preprocessor.strip import (
    CITATION,
    CODE,
    DISAMBIGUATION,
    EXT,
    GALLERY,
    HATNOTE,
    INFOBOX,
    MAINTENANCE,
    MATH,
    NAVBOX,
    NOWIKI,
    POEM,
    PRE,
    REF,
    REFERENCES,
    REFERENCES_LIST,
    TEMPLATE,
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
_BLOCK_ROLES = frozenset({INFOBOX, NAVBOX, HATNOTE, MAINTENANCE, DISAMBIGUATION,
                          REFERENCES_LIST})
_HOW = {INFOBOX: "infobox", CITATION: "builtin", REFERENCES_LIST: "builtin"}


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


def capture_template(x: Expander, name: str, role: str, args: list[tuple[str, str]],
                     written: str | None = None) -> str:
    """A template kept as structure (infobox, citation, navbox, …): a TEMPLATE strip item
    named as the page writes it; counted under its normalised `name`."""
    counts: dict = x.counts  # (typed: compiled, `.get` is a C call)
    counted = (name, _HOW[role] if role in _HOW else "dropped")
    counts[counted] = counts.get(counted, 0) + 1
    name = written or name
    if role == DISAMBIGUATION:
        x.disambiguation = True
    if role == REFERENCES_LIST:
        body = next((v for k, v in args if k == "refs"), "")
        return x.strip.add(StripItem(REFERENCES, name=name, body=body, role=role, args=args,
                                       block=True))
    # Positional (kind, name, attrs, body, role, args, block), as for `<ref>` above.
    return x.strip.add(StripItem(TEMPLATE, name, {}, None, role, args, role in _BLOCK_ROLES))
