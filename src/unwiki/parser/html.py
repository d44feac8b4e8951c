"""HTML in wikitext: which tags MediaWiki's Sanitizer lets through, entity decoding, attributes.

A tag that is not on the lists is shown to the reader as text (MediaWiki escapes it)."""
from __future__ import annotations

import re
from html.entities import html5

# Sanitizer's allowed elements (pairs, singles, and both).
ALLOWED_TAGS = frozenset("""
b bdi bdo del i ins u font big small sub sup h1 h2 h3 h4 h5 h6 cite code em s strike strong tt
var div center blockquote ol ul dl table caption pre ruby rb rp rt rtc p span abbr dfn kbd samp
data time mark br wbr hr li dt dd meta link q tr td th
""".split())

# Elements that are laid out as blocks (they close an open paragraph).
BLOCK_TAGS = frozenset("""
table h1 h2 h3 h4 h5 h6 pre p ul ol dl td th tr caption dt dd li center blockquote div hr
""".split())

BOLD_TAGS = frozenset(("b", "strong"))
ITALIC_TAGS = frozenset(("i", "em"))
VOID_TAGS = frozenset(("br", "wbr", "hr", "meta", "link"))
SILENT_TAGS = frozenset(("wbr", "meta", "link"))

TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^<>]*)?)(/?)>")
ENTITY_RE = re.compile(r"&(?:([A-Za-z][A-Za-z0-9]*)|#([0-9]+)|#[xX]([0-9A-Fa-f]+));")
ATTR_RE = re.compile(r"""([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _codepoint(n: int) -> str | None:
    """MediaWiki's validity test for numeric character references."""
    if (n in (0x9, 0xA) or 0x20 <= n <= 0x7E or 0xA0 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD
            or 0x10000 <= n <= 0x10FFFF):
        return chr(n)
    return None


def entity_text(m: re.Match[str]) -> str:
    """The character(s) an entity match stands for, or the match itself when invalid."""
    name, dec, hexa = m[1], m[2], m[3]
    if name is not None:
        return html5.get(name + ";", m[0])
    try:
        n = int(dec) if dec is not None else int(hexa, 16)
    except ValueError:
        return m[0]
    c = _codepoint(n) if n < 0x110000 else None
    return c if c is not None else m[0]


def decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    return ENTITY_RE.sub(entity_text, text)


def parse_attrs(raw: str) -> dict[str, str]:
    """Attributes of a tag or a table line, names lower-cased, entities decoded."""
    attrs: dict[str, str] = {}
    if not raw or not raw.strip():
        return attrs
    for m in ATTR_RE.finditer(raw):
        value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
        attrs[m[1].lower()] = decode_entities(value or "").strip()
    return attrs


_SPAN_NUMBER_RE = re.compile(r"\s*(\d+)")


def span_number(value: str | None) -> int:
    """colspan/rowspan as browsers read them: leading digits, at least 1, bounded."""
    if not value:
        return 1
    m = _SPAN_NUMBER_RE.match(value)
    if not m:
        return 1
    return max(1, min(int(m[1]), 1000))
