"""Titles: namespace resolution and MediaWiki's normalisation (`_` as space, first letter upper)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.site.config import SiteConfig

_SPACES = re.compile(r"[ _\u00a0\u2000-\u200a\u3000]+")
_ILLEGAL = re.compile(r"[<>\[\]{}|\n]")
_MISSING = object()


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


# Title is frozen (its own __setattr__ refuses): new titles get their fields through the
# slots' own setters, which cost half of `object.__setattr__(title, name, value)` (no
# look-up of the name, one argument fewer to pack).
_SET_NS, _SET_TEXT, _SET_FRAGMENT, _SET_INTERWIKI, _SET_PREFIX = (
    Title.__dict__[name].__set__ for name in ("ns", "text", "fragment", "interwiki", "prefix"))


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Pages resolve the same few titles over and over (links, templates, files): results are
# kept per site in a bounded FIFO cache. A site whose namespace or case tables change (siteinfo
# loading adds namespaces) gets a fresh cache; Title is frozen, so sharing results is safe.
_CACHE_SIZE = 8192
_MAX_SITES = 16
_CACHES: dict[int, tuple[SiteConfig, tuple, dict[tuple[str, int], Title | None]]] = {}


def _version(site: SiteConfig) -> tuple:
    return (len(site.aliases), len(site.namespaces), site.first_letter_case,
            site.case_sensitive_namespaces, site.interlanguage, site.interwiki)


def _site_cache(site: SiteConfig) -> dict[tuple[str, int], Title | None]:
    """The site's cache, new when the site is new or its tables changed since."""
    version = _version(site)
    entry = _CACHES.get(id(site))
    if entry is not None and entry[0] is site and entry[1] == version:
        return entry[2]
    if len(_CACHES) >= _MAX_SITES:
        _CACHES.clear()
    cache: dict[tuple[str, int], Title | None] = {}
    _CACHES[id(site)] = (site, version, cache)  # holds `site`, so its id is not reused
    return cache


# The last site seen, with the cheap part of its version: pages call parse_title tens of
# thousands of times for one site, so the full version tuple is not rebuilt per call. Fields
# that are replaced rather than grown (case rules, interwiki sets) are checked by identity.
_LAST: tuple = (None, -1, -1, None, None, None, None, {})


def parse_title(raw: str, site: SiteConfig, default_ns: int = 0) -> Title | None:
    """Resolve `raw` as MediaWiki would; None when it cannot be a title (empty, `<`, `[`, …)."""
    last = _LAST
    cache: dict  # (typed: compiled, `.get` is a C call, not a method call)
    if (last[0] is site and last[1] == len(site.aliases) and last[2] == len(site.namespaces)
            and last[3] is site.first_letter_case and last[4] is site.case_sensitive_namespaces
            and last[5] is site.interlanguage and last[6] is site.interwiki):
        cache = last[7]
    else:
        cache = _remember(site)
    key = (raw, default_ns)
    title = cache.get(key, _MISSING)
    if title is not _MISSING:
        return title  # type: ignore[return-value]
    title = _parse_title(raw, site, default_ns)
    if len(cache) >= _CACHE_SIZE:
        try:
            del cache[next(iter(cache))]
        except (KeyError, StopIteration, RuntimeError):  # another thread got there first
            pass
    cache[key] = title
    return title


def _remember(site: SiteConfig) -> dict[tuple[str, int], Title | None]:
    global _LAST
    cache = _site_cache(site)
    _LAST = (site, len(site.aliases), len(site.namespaces), site.first_letter_case,
             site.case_sensitive_namespaces, site.interlanguage, site.interwiki, cache)
    return cache


@cython.cfunc  # (compiled, an inlined C call from both title readers)
@cython.inline
@cython.locals(text=str)
def _fold_spaces(text: str) -> str:
    """`_` and runs of white space as one space, as `_SPACES` folds them. Once `_` are spaces
    (str.replace: a tenth of a regex sub), the white space left for the regex besides " " is
    all unprintable: a printable text (nearly every non-ASCII one) with only single spaces
    skips it."""
    if "_" in text:
        text = text.replace("_", " ")
    if "  " in text or not (text.isascii() or text.isprintable()):
        text = _SPACES.sub(" ", text)
    return text


# compiled, `title_type.__new__(title_type)` is a direct call of its tp_new (see inline.py), and
# str's methods on the typed str locals are direct C calls instead of method look-ups
@cython.locals(title_type=type, raw=str, text=str, head=str, rest=str)
def _parse_title(raw: str, site: SiteConfig, default_ns: int) -> Title | None:
    title_type = Title
    text = raw
    if "%" in text:
        text = unquote(text)
    text = _fold_spaces(text).strip()
    fragment = None
    if "#" in text:
        text, fragment = text.split("#", 1)
        text = text.rstrip()
    if _ILLEGAL.search(text):
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
    if site.first_letter_case and interwiki is None and text and ns not in site.case_sensitive_namespaces:
        text = text[0].upper() + text[1:]
    # Title(ns=…, text=…, …), set up as its generated (frozen) __init__ does, without running
    # that Python function: a tenth of the cost, and pages resolve thousands of new titles.
    title = title_type.__new__(title_type)
    _SET_NS(title, ns)
    _SET_TEXT(title, text)
    _SET_FRAGMENT(title, fragment)
    _SET_INTERWIKI(title, interwiki)
    _SET_PREFIX(title, site.ns_name(ns) if ns else "")
    return title


@cython.locals(raw=str, text=str, first=cython.Py_ssize_t)  # compiled: str's `in`, strip and indexing are direct C calls
def plain_link_target(raw: str, site: SiteConfig) -> str | None:
    """What `parse_title(raw)` then `Title.full` (or `#fragment`) give for a main-namespace
    target with no `:`, `%`, `&` or illegal character (the common link), without building a
    Title; None when it is no title (blank). Most links are of this form, so it is kept lean.
    """
    text = _fold_spaces(raw).strip()
    fragment = None
    if "#" in text:
        text, fragment = text.split("#", 1)
        text = text.rstrip()
    if not text:
        return None if fragment is None else "#" + fragment
    if site.first_letter_case and 0 not in site.case_sensitive_namespaces:
        first = ord(text[0])      # compiled: the character read in place, no 1-char string
        if first < 0x80:          # ASCII (most targets): only a-z change, no str.upper call
            return text if first < 0x61 or first > 0x7A else chr(first - 0x20) + text[1:]
        if 0x3000 <= first < 0xA640:   # CJK, kana (most other targets): no character has case
            return text
        upper = text[0].upper()
        return text if upper == text[0] else upper + text[1:]
    return text
