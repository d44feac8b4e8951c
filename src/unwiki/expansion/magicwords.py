"""Magic variables (`{{PAGENAME}}`, `{{CURRENTYEAR}}`, `{{!}}` …): names without arguments.

Each is one small function of the expander and frame; localized names come from the wiki's
`magic_words` data (id -> list of names).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from unwiki.expansion import timefmt
from unwiki.expansion.wikiescape import escape_wikitext, wiki_urlencode
from unwiki.site import SiteConfig, Title

if TYPE_CHECKING:
    from unwiki.expansion.context import ExpandContext
    from unwiki.expansion.engine import Expander
    from unwiki.expansion.frame import Frame

Variable = Callable[["Expander", "Frame"], str]
VARIABLES: dict[str, Variable] = {}
# Namespaces without subpages on Wikimedia wikis (BASEPAGENAME etc. do not split there).
NO_SUBPAGES = frozenset({0, 6, 8, 14, -1, -2})


def now(ctx: ExpandContext) -> datetime:
    """The page's clock: `ctx.now` when given (naive means UTC), else the current time."""
    if ctx.now is None:
        return datetime.now(UTC)
    if ctx.now.tzinfo is None:
        return ctx.now.replace(tzinfo=UTC)
    return ctx.now


def variable(*names: str) -> Callable[[Variable], Variable]:
    def register(fn: Variable) -> Variable:
        for name in names:
            VARIABLES[name] = fn
        return fn
    return register


# -- title parts, shared with the PAGENAME:… functions ------------------------------------
def ns_text(site: SiteConfig, ns: int) -> str:
    return site.ns_name(ns)


def talk_ns(ns: int) -> int:
    return ns + 1 if ns >= 0 and ns % 2 == 0 else ns


def subject_ns(ns: int) -> int:
    return ns - 1 if ns > 0 and ns % 2 == 1 else ns


def full_text(site: SiteConfig, ns: int, text: str) -> str:
    prefix = site.ns_name(ns) if ns else ""
    return f"{prefix}:{text}" if prefix else text


def title_part(kind: str, title: Title | None, site: SiteConfig) -> str:
    """One of PAGENAME, FULLPAGENAME, … of `title`, unescaped."""
    if title is None:
        return ""
    text, ns = title.text, title.ns
    if kind == "PAGENAME":
        return text
    if kind == "FULLPAGENAME":
        return full_text(site, ns, text)
    if kind == "NAMESPACE":
        return site.ns_name(ns) if ns else ""
    if kind == "NAMESPACENUMBER":
        return str(ns)
    if kind in ("BASEPAGENAME", "ROOTPAGENAME", "SUBPAGENAME"):
        if ns in NO_SUBPAGES or "/" not in text:
            return text
        if kind == "BASEPAGENAME":
            return text.rsplit("/", 1)[0]
        if kind == "ROOTPAGENAME":
            return text.split("/", 1)[0]
        return text.rsplit("/", 1)[1]
    if kind == "TALKSPACE":
        return site.ns_name(talk_ns(ns))
    if kind in ("SUBJECTSPACE", "ARTICLESPACE"):
        return site.ns_name(subject_ns(ns))
    if kind == "TALKPAGENAME":
        return full_text(site, talk_ns(ns), text) if ns >= 0 else ""
    if kind in ("SUBJECTPAGENAME", "ARTICLEPAGENAME"):
        return full_text(site, subject_ns(ns), text)
    return ""


TITLE_WORDS = ("PAGENAME", "FULLPAGENAME", "NAMESPACE", "NAMESPACENUMBER", "BASEPAGENAME",
               "ROOTPAGENAME", "SUBPAGENAME", "TALKSPACE", "SUBJECTSPACE", "ARTICLESPACE",
               "TALKPAGENAME", "SUBJECTPAGENAME", "ARTICLEPAGENAME")


def title_word(word: str, title: Title | None, site: SiteConfig) -> str:
    """PAGENAME-style value as MediaWiki outputs it (`…E` variants URL-encoded)."""
    if word.endswith("E") and word[:-1] in TITLE_WORDS:
        return escape_wikitext(wiki_urlencode(title_part(word[:-1], title, site).replace(" ", "_")))
    value = title_part(word, title, site)
    return value if word == "NAMESPACENUMBER" else escape_wikitext(value)


def _title_variable(word: str) -> Variable:
    return lambda x, frame: title_word(word, x.ctx.title, x.ctx.site)


for _word in TITLE_WORDS:
    VARIABLES[_word] = _title_variable(_word)
    if _word != "NAMESPACENUMBER":
        VARIABLES[_word + "E"] = _title_variable(_word + "E")


# -- clock --------------------------------------------------------------------------
def _clock(fmt: str) -> Variable:
    return lambda x, frame: timefmt.format_time(fmt, now(x.ctx), x.ctx.site.lang)


_CLOCK = {
    "YEAR": "Y", "MONTH": "m", "MONTH1": "n", "MONTH2": "m", "MONTHNAME": "F",
    "MONTHNAMEGEN": "xg", "MONTHABBREV": "M", "DAY": "j", "DAY2": "d", "DOW": "w",
    "DAYNAME": "l", "TIME": "H:i", "HOUR": "H", "WEEK": "W", "TIMESTAMP": "YmdHis",
}
for _suffix, _fmt in _CLOCK.items():
    VARIABLES["CURRENT" + _suffix] = _clock(_fmt)
    VARIABLES["LOCAL" + _suffix] = _clock(_fmt)


# -- site and fixed values -------------------------------------------------------------
@variable("!")
def _pipe(x: Expander, frame: Frame) -> str:
    return "|"


@variable("=")
def _equals(x: Expander, frame: Frame) -> str:
    return "="


@variable("SITENAME")
def _sitename(x: Expander, frame: Frame) -> str:
    return x.ctx.site.sitename


@variable("SERVER")
def _server(x: Expander, frame: Frame) -> str:
    return x.ctx.site.server


@variable("SERVERNAME")
def _servername(x: Expander, frame: Frame) -> str:
    return x.ctx.site.server.split("://", 1)[-1]


@variable("SCRIPTPATH")
def _scriptpath(x: Expander, frame: Frame) -> str:
    return getattr(x.ctx.site, "script_path", "/w")


@variable("STYLEPATH")
def _stylepath(x: Expander, frame: Frame) -> str:
    return getattr(x.ctx.site, "script_path", "/w") + "/skins"


@variable("CONTENTLANGUAGE", "CONTENTLANG", "PAGELANGUAGE")
def _contentlang(x: Expander, frame: Frame) -> str:
    return x.ctx.site.lang


@variable("DIRECTIONMARK", "DIRMARK")
def _dirmark(x: Expander, frame: Frame) -> str:
    return "\u200e"


@variable("NUMBEROFARTICLES", "NUMBEROFPAGES", "NUMBEROFFILES", "NUMBEROFUSERS",
          "NUMBEROFACTIVEUSERS", "NUMBEROFEDITS", "NUMBEROFADMINS", "NUMBEROFVIEWS", "PAGESIZE")
def _zero(x: Expander, frame: Frame) -> str:
    return "0"


@variable("REVISIONID", "REVISIONDAY", "REVISIONDAY2", "REVISIONMONTH", "REVISIONMONTH1",
          "REVISIONYEAR", "REVISIONTIMESTAMP", "REVISIONUSER", "REVISIONSIZE", "PAGEID",
          "CASCADINGSOURCES", "NOEXTERNALLANGLINKS")
def _empty(x: Expander, frame: Frame) -> str:
    return ""


@variable("CURRENTVERSION")
def _version(x: Expander, frame: Frame) -> str:
    return "1.43.0"


def variable_alias(name: str, site: SiteConfig) -> Variable | None:
    """A localized name of a variable, from the wiki's magic-word data."""
    if not site.magic_words:
        return None
    aliases = _aliases(site)
    canonical = aliases.get(name)
    return VARIABLES.get(canonical) if canonical else None


_ALIAS_CACHE: dict[int, tuple[SiteConfig, dict[str, str]]] = {}


def _aliases(site: SiteConfig) -> dict[str, str]:
    entry = _ALIAS_CACHE.get(id(site))
    if entry is not None and entry[0] is site:
        return entry[1]
    table: dict[str, str] = {}
    by_upper = {name.upper(): name for name in VARIABLES}
    for key, names in site.magic_words.items():
        canonical = by_upper.get(str(key).upper())
        if canonical is None or not isinstance(names, list):
            continue
        for alias in names:
            if isinstance(alias, str) and alias and alias not in VARIABLES:
                table[alias] = canonical
    if len(_ALIAS_CACHE) > 16:
        _ALIAS_CACHE.clear()
    _ALIAS_CACHE[id(site)] = (site, table)
    return table
