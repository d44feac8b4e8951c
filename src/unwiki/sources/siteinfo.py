"""`<siteinfo>` -> the run's SiteConfig: the dump's own namespace names on top of the bundled
data for its language, its case rule and name."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from unwiki.site.config import SiteConfig, build_site
from unwiki.sources.xmlsafe import local, parse_fragment

_PROJECT_SUFFIXES = ("wiktionary", "wikibooks", "wikinews", "wikiquote", "wikisource",
                     "wikiversity", "wikivoyage", "wiki")
_NON_LANGUAGE = {"www", "commons", "meta", "species", "incubator", "wikidata", "wikimania",
                 "mediawiki", "foundation", "outreach", "test", "test2", "sources"}
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


@dataclass(slots=True)
class SiteInfo:
    """What a dump says about its wiki (all optional: some dumps carry no siteinfo)."""

    sitename: str | None = None
    dbname: str | None = None
    base: str | None = None
    generator: str | None = None
    case: str | None = None
    xml_lang: str | None = None
    schema: str | None = None
    namespaces: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # key -> (name, case)

    @property
    def lang(self) -> str | None:
        """The wiki's language: host of `<base>`, else dbname, else the root's xml:lang."""
        if self.base:
            host = urlsplit(self.base).hostname or ""
            first = host.split(".")[0]
            if first and first not in _NON_LANGUAGE and _LANG_RE.match(first):
                return first
            if first in _NON_LANGUAGE and host.count(".") >= 2:
                return "en"
        if self.dbname:
            db = self.dbname
            for suffix in _PROJECT_SUFFIXES:
                if db.endswith(suffix) and len(db) > len(suffix):
                    cand = db[: -len(suffix)].replace("_", "-")
                    if cand in _NON_LANGUAGE:
                        return "en"
                    if _LANG_RE.match(cand):
                        return cand
                    break
        if self.xml_lang and _LANG_RE.match(self.xml_lang):
            return self.xml_lang
        return None


def parse_header(header: bytes) -> SiteInfo:
    """SiteInfo from the dump's bytes before the first `<page>` (UTF-8)."""
    info = SiteInfo()
    text = header.rstrip()
    if not text:
        return info
    root = parse_fragment(text + b"</mediawiki>") if not text.endswith(b"/>") else parse_fragment(text)
    info.xml_lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    info.schema = root.get("version")
    for child in root:
        if local(child.tag) != "siteinfo":
            continue
        for el in child:
            name = local(el.tag)
            if name in ("sitename", "dbname", "base", "generator", "case"):
                setattr(info, name, (el.text or "").strip() or None)
            elif name == "namespaces":
                for ns in el:
                    if local(ns.tag) == "namespace" and ns.get("key") is not None:
                        info.namespaces[int(ns.get("key"))] = ((ns.text or "").strip(), ns.get("case"))
    return info


def site_from_siteinfo(info: SiteInfo | None, lang: str | None = None) -> SiteConfig:
    """A SiteConfig for the dump: bundled data for its language plus its own namespace names.

    `lang` (the user's --lang) wins over what the dump says; the dump's namespace names are
    still added (they are what its pages use).
    """
    chosen = lang or (info.lang if info else None) or "en"
    site = build_site(chosen)
    if info is None:
        return site
    case_sensitive = set(site.case_sensitive_namespaces)
    for key, (name, case) in sorted(info.namespaces.items()):
        if key != 0 and name:
            site.add_namespace(key, name)
        if case == "case-sensitive":
            case_sensitive.add(key)
    site.case_sensitive_namespaces = frozenset(case_sensitive)
    if info.case:
        site.first_letter_case = info.case == "first-letter"
    if info.sitename:
        site.sitename = info.sitename
    if info.base:
        parts = urlsplit(info.base)
        if parts.scheme and parts.hostname:
            site.server = f"{parts.scheme}://{parts.hostname}"
    return site
