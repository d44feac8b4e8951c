"""Finding a template's source: titles normalised as MediaWiki does, redirects followed."""
from __future__ import annotations

import re
from collections.abc import Mapping

from unwiki.site import SiteConfig, Title, parse_title

_MAX_REDIRECTS = 5
_NORMALISE_LIMIT = 500_000   # beyond this many keys, trust the caller's keys to be canonical
_REDIRECT_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def redirect_re(site: SiteConfig) -> re.Pattern[str]:
    words = site.redirect_words
    pattern = _REDIRECT_CACHE.get(words)
    if pattern is None:
        alternatives = "|".join(re.escape(w) for w in words)
        pattern = _REDIRECT_CACHE[words] = re.compile(
            rf"\s*(?:{alternatives})\s*:?\s*\[\[([^\]|\n]+)", re.IGNORECASE)
    return pattern


class TemplateIndex:
    """Source look-up by normalised full title over the caller's mapping."""

    __slots__ = ("mapping", "normalised", "site")
    _recent: list[tuple[int, int, str, TemplateIndex]] = []

    def __init__(self, mapping: Mapping[str, str], site: SiteConfig) -> None:
        self.mapping = mapping
        self.site = site
        self.normalised: dict[str, str] | None = None

    @classmethod
    def get(cls, mapping: Mapping[str, str], site: SiteConfig) -> TemplateIndex:
        """One index per mapping, reused across pages (a few most recent kept). An empty
        mapping (no template sources: a bare parse, or a dump without Template: pages, as
        the benchmark excerpts are) has nothing worth reusing."""
        if not mapping:
            return cls(mapping, site)
        key = (id(mapping), len(mapping), site.lang)
        for entry in cls._recent:
            if entry[:3] == key and entry[3].mapping is mapping and entry[3].site is site:
                return entry[3]
        index = cls(mapping, site)
        cls._recent.insert(0, (*key, index))
        del cls._recent[4:]
        return index

    def _lookup(self, full: str) -> tuple[str, str | None]:
        source = self.mapping.get(full)
        if source is not None:
            return full, source
        if self.normalised is None:
            self.normalised = {}
            if len(self.mapping) <= _NORMALISE_LIMIT:
                for raw in self.mapping:
                    title = parse_title(raw, self.site)
                    if title is not None and title.full not in self.normalised:
                        self.normalised[title.full] = raw
        raw = self.normalised.get(full)
        if raw is not None:
            return full, self.mapping.get(raw)
        underscored = full.replace(" ", "_")
        return full, self.mapping.get(underscored) if underscored != full else None

    def exists(self, title: Title) -> bool:
        return self._lookup(title.full)[1] is not None

    def find(self, title: Title) -> tuple[str, str | None]:
        """(normalised title, source) with redirects followed; source None when absent."""
        if not self.mapping:
            return title.full, None
        key, source = self._lookup(title.full)
        seen = {key}
        for _ in range(_MAX_REDIRECTS):
            if source is None or "[[" not in source[:300]:
                break
            m = redirect_re(self.site).match(source)
            if m is None:
                break
            target = parse_title(m.group(1), self.site)
            if target is None or target.full in seen:
                break
            seen.add(target.full)
            new_key, new_source = self._lookup(target.full)
            if new_source is None:
                break
            key, source = new_key, new_source
        return key, source
