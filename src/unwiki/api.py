"""The library's front door: `parse` (wikitext -> Document) and `expand` (wikitext -> wikitext)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from unwiki.expansion import ExpandContext
from unwiki.expansion.page import expand_page, expand_text
from unwiki.gcpause import gc_paused
from unwiki.model import Document
from unwiki.parser.document import build_document
from unwiki.site import SiteConfig, get_site, parse_title


def _context(title: str | None, lang: str, templates: Mapping[str, str] | None,
             now: datetime | None, site: SiteConfig | None) -> ExpandContext:
    site = site or get_site(lang)
    page_title = parse_title(title, site) if title else None
    return ExpandContext(title=page_title, site=site, templates=templates or {}, now=now)


@gc_paused
def parse(wikitext: str, title: str | None = None, lang: str = "en",
          templates: Mapping[str, str] | None = None, *, now: datetime | None = None,
          site: SiteConfig | None = None) -> Document:
    """Parse one page of wikitext into a Document (`.text()`, `.markdown()`, `.to_dict()`).

    `templates` maps full titles ("Template:X", "Module:Y") to their sources; templates not
    given there are rendered by unwiki's built-in renderers for `lang`, or dropped and listed
    as unresolved. Malformed input never raises: what went wrong is in `Document.errors`.
    """
    ctx = _context(title, lang, templates, now, site)
    expanded = expand_page(wikitext, ctx)
    doc = build_document(expanded, ctx)
    doc.title = title
    doc.lang = ctx.site.lang
    return doc


def expand(wikitext: str, title: str | None = None, lang: str = "en",
           templates: Mapping[str, str] | None = None, now: datetime | None = None,
           *, site: SiteConfig | None = None) -> str:
    """The wikitext after template expansion: what MediaWiki's expandtemplates returns."""
    return expand_text(wikitext, _context(title, lang, templates, now, site))
