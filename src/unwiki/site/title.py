"""Titles: namespace resolution and MediaWiki's normalisation (`_` as space, first letter upper)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from unwiki.site.config import SiteConfig

_SPACES = re.compile(r"[ _\u00a0\u2000-\u200a\u3000]+")


@dataclass(frozen=True, slots=True)
class Title:
    ns: int
    text: str
    fragment: str | None = None
    interwiki: str | None = None
    prefix: str = ""

    @property
    def full(self) -> str:
        """`Namespace:Text` as the wiki writes it (interwiki prefix included when present)."""
        name = f"{self.prefix}:{self.text}" if self.prefix else self.text
        return f"{self.interwiki}:{name}" if self.interwiki else name


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def parse_title(raw: str, site: SiteConfig, default_ns: int = 0) -> Title | None:
    """Resolve `raw` as MediaWiki would; None when it cannot be a title (empty, `<`, `[`, …)."""
    text = raw
    if "%" in text:
        text = unquote(text)
    text = _SPACES.sub(" ", text).strip()
    fragment = None
    if "#" in text:
        text, fragment = text.split("#", 1)
        text = text.rstrip()
    if any(c in text for c in "<>[]{}|\n"):
        return None
    interwiki = None
    ns = default_ns
    leading_colon = text.startswith(":")
    if leading_colon:
        text = text[1:].lstrip()
        ns = 0
    if ":" in text:
        head, rest = text.split(":", 1)
        found = site.ns_id(head)
        if found is not None:
            ns, text = found, rest.strip()
        elif head.strip().casefold() in site.interlanguage or head.strip().casefold() in site.interwiki:
            interwiki, text = head.strip().casefold(), rest.strip()
    if not text and fragment is None:
        return None
    if site.first_letter_case and interwiki is None and ns not in site.case_sensitive_namespaces:
        text = ucfirst(text)
    return Title(ns=ns, text=text, fragment=fragment, interwiki=interwiki, prefix=site.ns_name(ns) if ns else "")
