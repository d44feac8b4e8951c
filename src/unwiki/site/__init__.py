"""Per-wiki knowledge: namespaces, aliases, magic words, template roles, as data keyed by language.

The bottom layer: every stage may read it; it imports no stage.
"""
from unwiki.site.config import SiteConfig, get_site
from unwiki.site.title import Title, parse_title

__all__ = ["SiteConfig", "Title", "get_site", "parse_title"]
