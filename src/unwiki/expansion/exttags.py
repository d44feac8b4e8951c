"""Extension tags and captured templates become strip items (preprocessor/strip.py).

`<ref>`, `<poem>`, `<gallery>` and `<references>` bodies are wikitext: they are expanded in
the frame the tag stands in (Cite's recursiveTagParse). Other bodies are kept literal, or
dropped when the tag shows nothing to a reader.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from unwiki.preprocessor import strip as S
from unwiki.preprocessor.tags import parse_attrs

if TYPE_CHECKING:
    from unwiki.expansion.engine import Expander
    from unwiki.expansion.frame import Frame

# Tags whose body is wikitext expanded in place: kind, block.
_EXPANDED = {"ref": (S.REF, False), "references": (S.REFERENCES, True), "gallery": (S.GALLERY, True),
             "poem": (S.POEM, True), "tabs": (S.EXT, True), "tabber": (S.EXT, True),
             "tab": (S.EXT, True), "translate": (S.EXT, False), "section": (S.EXT, False)}
_MATH = frozenset({"math", "chem", "ce"})
_CODE = frozenset({"syntaxhighlight", "source"})
_REFERENCES_LIST = getattr(S, "REFERENCES_LIST", "references")
_BLOCK_ROLES = frozenset({S.INFOBOX, S.NAVBOX, S.HATNOTE, S.MAINTENANCE, S.DISAMBIGUATION,
                          _REFERENCES_LIST})
_HOW = {S.INFOBOX: "infobox", S.CITATION: "builtin", _REFERENCES_LIST: "builtin"}


def render_tag(x: Expander, name: str, attrs: str | dict[str, str], inner: str | None, source: str,
               frame: Frame, expanded: bool = False) -> str:
    """The strip marker standing for one extension tag (page mode), or its source (text mode)."""
    if not x.page_mode:
        return x.strip.add(S.StripItem(S.EXT, name=name, body=source))
    attr_map = attrs if isinstance(attrs, dict) else parse_attrs(attrs) if attrs else {}
    spec = _EXPANDED[name] if name in _EXPANDED else None  # `<ref>` above all: looked up first
    if spec is not None:
        kind, block = spec
        body = None if inner is None else x.expand_wikitext(inner, frame)
        if kind == S.REFERENCES and body is None:
            body = ""
        # Positional (kind, name, attrs, body, role, args, block): the page's commonest item,
        # and keywords double the cost of the call.
        return x.strip.add(S.StripItem(kind, name, attr_map, body, "", [], block))
    if name == "nowiki":
        return x.strip.add(S.StripItem(S.NOWIKI, name=name, attrs=attr_map, body=inner or ""))
    if name == "pre":
        return x.strip.add(S.StripItem(S.PRE, name=name, attrs=attr_map, body=inner or "", block=True))
    if name in _MATH:
        body = inner or ""
        if name != "math":
            body = "\\ce{" + body + "}"
        block = attr_map.get("display") == "block"
        return x.strip.add(S.StripItem(S.MATH, name=name, attrs=attr_map, body=body, block=block))
    if name in _CODE:
        inline = "inline" in attr_map
        if inline:
            attr_map["inline"] = "1"
        return x.strip.add(S.StripItem(S.CODE, name=name, attrs=attr_map, body=inner or "",
                                       block=not inline))
    return x.strip.add(S.StripItem(S.EXT, name=name, attrs=attr_map, body=None))


def capture_template(x: Expander, name: str, role: str, args: list[tuple[str, str]],
                     written: str | None = None) -> str:
    """A template kept as structure (infobox, citation, navbox, …): a TEMPLATE strip item
    named as the page writes it; counted under its normalised `name`."""
    counts: dict = x.counts  # (typed: compiled, `.get` is a C call)
    counted = (name, _HOW[role] if role in _HOW else "dropped")
    counts[counted] = counts.get(counted, 0) + 1
    name = written or name
    if role == S.DISAMBIGUATION:
        x.disambiguation = True
    if role == _REFERENCES_LIST:
        body = next((v for k, v in args if k == "refs"), "")
        return x.strip.add(S.StripItem(S.REFERENCES, name=name, body=body, role=role, args=args,
                                       block=True))
    # Positional (kind, name, attrs, body, role, args, block), as for `<ref>` above.
    return x.strip.add(S.StripItem(S.TEMPLATE, name, {}, None, role, args, role in _BLOCK_ROLES))
