"""SiteConfig: what one wiki calls its namespaces, and how its titles are cased."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# MediaWiki's canonical (English) namespace names; every wiki accepts them besides its own.
CANONICAL_NAMESPACES: dict[int, str] = {
    -2: "Media", -1: "Special", 0: "", 1: "Talk", 2: "User", 3: "User talk", 4: "Project",
    5: "Project talk", 6: "File", 7: "File talk", 8: "MediaWiki", 9: "MediaWiki talk",
    10: "Template", 11: "Template talk", 12: "Help", 13: "Help talk", 14: "Category",
    15: "Category talk", 828: "Module", 829: "Module talk",
}
CANONICAL_ALIASES: dict[str, int] = {"image": 6, "image talk": 7}


def fold(name: str) -> str:
    """Key for namespace look-up: case-insensitive, `_` and runs of spaces as one space."""
    return " ".join(name.replace("_", " ").split()).casefold()


@dataclass(slots=True)
class SiteConfig:
    """One wiki's naming rules. Built from `site/data/<lang>.json`, or from a dump's siteinfo."""

    lang: str
    namespaces: dict[int, str] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    first_letter_case: bool = True
    case_sensitive_namespaces: frozenset[int] = frozenset()
    interlanguage: frozenset[str] = frozenset()
    interwiki: frozenset[str] = frozenset()
    redirect_words: tuple[str, ...] = ("#REDIRECT",)
    magic_words: dict[str, list[str]] = field(default_factory=dict)
    sitename: str = "Wikipedia"
    server: str = "https://en.wikipedia.org"
    # Letters a link swallows after `]]` (MediaWiki's $linkTrail, as a regex body); "" = none (zh, ja).
    link_trail: str = "[a-z]+"
    content_language: str = "en"
    fallback: tuple[str, ...] = ()
    rtl: bool = False
    separators: dict[str, str] = field(default_factory=dict)  # formatnum: {",": thousands, ".": decimal}
    months: tuple[str, ...] = ()        # month names (nominative)
    months_gen: tuple[str, ...] = ()    # genitive forms, where the language has them
    months_abbr: tuple[str, ...] = ()
    # Infobox parameters that hold the subject's name, besides English `name` (fr `nom`, de `Name`).
    infobox_title_keys: tuple[str, ...] = ()
    # Citation-template parameters shown, in this order, when a citation has no rendering.
    citation_fields: tuple[str, ...] = ()
    citation_given_names: frozenset[str] = frozenset()   # fields joined to the next by a space

    def magic(self, key: str) -> tuple[str, ...]:
        """All spellings of a magic word (`img_thumbnail`, `redirect`, `notoc`), English ones included."""
        return tuple(self.magic_words.get(key, ()))

    def link_trail_re(self) -> re.Pattern[str] | None:
        """Compiled link trail (anchored at the text after `]]`), None when the language has none."""
        return _trail_re(self.link_trail) if self.link_trail else None

    def ns_id(self, prefix: str) -> int | None:
        """Namespace number of a prefix written before `:`, in any accepted spelling."""
        aliases: dict = self.aliases  # (typed: compiled, `.get` is a C call)
        return aliases.get(fold(prefix))

    def ns_name(self, ns: int) -> str:
        namespaces: dict = self.namespaces
        return namespaces[ns] if ns in namespaces else CANONICAL_NAMESPACES.get(ns, "")

    def add_namespace(self, ns: int, name: str, *, canonical: bool = True) -> None:
        if canonical:
            self.namespaces[ns] = name
        if name:
            self.aliases[fold(name)] = ns


@cache
def _trail_re(body: str) -> re.Pattern[str]:
    return re.compile(body)


@cache
def _load(lang: str) -> dict:
    try:
        raw = resources.files("unwiki.site").joinpath("data", f"{lang}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return json.loads(raw)


def build_site(lang: str, data: dict | None = None) -> SiteConfig:
    """A SiteConfig for `lang` from the bundled data (canonical English names always accepted)."""
    data = _load(lang) if data is None else data
    site = SiteConfig(lang=lang)
    for ns, name in CANONICAL_NAMESPACES.items():
        site.add_namespace(ns, name)
    for alias, ns in CANONICAL_ALIASES.items():
        site.aliases[alias] = ns
    for ns, name in data.get("namespaces", {}).items():
        site.add_namespace(int(ns), name)
    for alias, ns in data.get("namespace_aliases", {}).items():
        site.aliases[fold(alias)] = int(ns)
    common = _load("_common")
    site.interlanguage = frozenset(common.get("interlanguage", [])) | frozenset(data.get("interlanguage", []))
    site.interwiki = frozenset(common.get("interwiki", [])) | frozenset(data.get("interwiki", []))
    site.redirect_words = tuple(dict.fromkeys(["#REDIRECT", *data.get("redirect", [])]))
    site.magic_words = data.get("magic_words", {})
    site.first_letter_case = data.get("case", "first-letter") == "first-letter"
    site.sitename = data.get("sitename", "Wikipedia")
    site.server = data.get("server", f"https://{lang}.wikipedia.org")
    if "link_trail" in data:
        site.link_trail = data["link_trail"]
    site.content_language = data.get("content_language", lang)
    site.fallback = tuple(data.get("fallback", ()))
    site.rtl = bool(data.get("rtl", False))
    site.separators = dict(data.get("separators", {}))
    site.months = tuple(data.get("months", ()))
    site.months_gen = tuple(data.get("months_gen", ()))
    site.months_abbr = tuple(data.get("months_abbr", ()))
    texts = _load("_texts")
    own = texts.get(lang, {})
    site.infobox_title_keys = tuple(k.casefold() for k in own.get("infobox_title_keys", ()))
    site.citation_fields = tuple(dict.fromkeys([*own.get("citation_fields", ()), *texts.get("_citation_fields", ())]))
    site.citation_given_names = frozenset(texts.get("_citation_given_names", ()))
    return site


@cache
def get_site(lang: str = "en") -> SiteConfig:
    """The bundled configuration of a Wikipedia language (shared, do not mutate)."""
    return build_site(lang)
