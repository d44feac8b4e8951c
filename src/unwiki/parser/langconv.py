"""`-{…}-` language-conversion markup, reduced to the text of the default variant.

Flags (`R|` raw, `H|`/`T|`/`-|` hidden rules and titles, `A|` add-and-show) and variant
lists (`zh-hans:…;zh-hant:…`): zh-hans, then zh-cn, then the first variant is shown."""
from __future__ import annotations

import re

from unwiki.parser.state import matching_end

CONVERTER_LANGS = frozenset(("zh", "gan", "iu", "kk", "ku", "shi", "sr", "tg", "uz", "crh", "ban",
                             "wuu", "tly", "zgh", "mni", "sh"))
_BRACES = re.compile(r"-\{|\}-")
_FLAGS = re.compile(r"^\s*([A-Za-z\-;\s]{1,40}?)\s*\|", re.S)
_VARIANT = re.compile(r"^\s*([a-z]{2,3}(?:-[a-z]{2,4})?)\s*:(.*)$", re.S)
_PREFERRED = ("zh-hans", "zh-cn", "zh-sg", "zh-my", "zh", "sr-el", "sr-latn", "kk-cyrl", "ku-latn")


def find_end(text: str, start: int) -> int:
    """Index just past the `}-` matching the `-{` at `start`, or -1."""
    return matching_end(_BRACES, "-{", text, start)


def default_text(inner: str) -> str:
    """The wikitext a reader of the default variant sees for the body of `-{…}-`."""
    flags = ""
    m = _FLAGS.match(inner)
    if m and all(f.strip() in ("A", "T", "R", "D", "-", "H", "N", "") or "-" in f
                 for f in m[1].split(";")):
        flags = m[1].upper()
        inner = inner[m.end():]
        if "R" in flags.split(";") or flags.strip() == "R":
            return inner
        if any(f.strip() in ("H", "T", "-") for f in flags.split(";")):
            return ""
    if ":" not in inner:
        return inner
    variants: list[tuple[str, str]] = []
    for part in inner.split(";"):
        vm = _VARIANT.match(part)
        if vm:
            text = vm[2]
            if "=>" in text:
                text = text.split("=>", 1)[1]
                vm2 = _VARIANT.match(text)
                text = vm2[2] if vm2 else text
            variants.append((vm[1], text))
        elif variants and part.strip():
            code, text = variants[-1]
            variants[-1] = (code, text + ";" + part)
    if not variants:
        return inner
    found = dict(variants)
    for code in _PREFERRED:
        if code in found:
            return found[code].strip()
    return variants[0][1].strip()
