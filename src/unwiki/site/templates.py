"""Which templates play which role (infobox, navbox, hatnote, citation, …), per language.

PLACEHOLDER interface until the site-data helper fills it from `site/data/*.json`."""
from __future__ import annotations

from unwiki.site.config import SiteConfig


def template_role(name: str, site: SiteConfig) -> str | None:
    """Role constant from `unwiki.preprocessor.strip` (INFOBOX, NAVBOX, …) or None for an ordinary template."""
    return None
