"""`#REDIRECT [[Target]]` at the start of a page (localized magic words)."""
from __future__ import annotations

import re

from unwiki.site import SiteConfig, parse_title

_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    pat = _CACHE.get(words)
    if pat is None:
        alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
        pat = re.compile(r"\A\s*(?:" + alts + r")[ \t]*:?[ \t\n]*\[\[([^\[\]{}|<>\n]+)(?:\|[^\]]*)?\]\][^\n]*\n?", re.I)
        _CACHE[words] = pat
    return pat


def find_redirect(text: str, site: SiteConfig) -> tuple[str | None, str]:
    """(target title, the text after the redirect line) or (None, text)."""
    if "[[" not in text[:500]:
        return None, text
    words = tuple(site.redirect_words) or ("#REDIRECT",)
    m = _pattern(words).match(text)
    if not m:
        return None, text
    title = parse_title(m[1], site)
    if title is None:
        return None, text
    target = title.full + (f"#{title.fragment}" if title.fragment else "")
    return target, text[m.end():]
