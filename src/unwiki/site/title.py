"""Titles: namespace resolution and MediaWiki's normalisation (`_` as space, first letter upper)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.site.config import CANONICAL_NAMESPACES, SiteConfig

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


# Title is frozen (its own __setattr__ refuses): new titles get their fields as object's own
# __setattr__ sets them. Compiled, that is a direct C call of PyObject_GenericSetAttr (a
# fifth of the cost of calling a slot's setter, which the generated __init__ does in Python).
if cython.compiled:
    from cython.cimports.cpython.object import PyObject_GenericSetAttr as _set_field
else:
    _set_field = object.__setattr__


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
    title = parse_title_uncached(raw, site, default_ns)
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
def _clean_text(text: str) -> str:
    """`_` and runs of white space as one space, as `_SPACES` folds them, then stripped.
    Once `_` are spaces (str.replace: a tenth of a regex sub), the white space left for the
    regex besides " " is all unprintable: a printable text (nearly every non-ASCII one) with
    only single spaces skips it. Compiled, one C pass over the characters tells instead."""
    if not cython.compiled:
        if "_" in text:
            text = text.replace("_", " ")
        if "  " in text or not (text.isascii() or text.isprintable()):
            text = _SPACES.sub(" ", text)
        return text.strip()
    return _clean_text_c(text)


@cython.cfunc
@cython.inline
def _wide_space(ch: cython.Py_UCS4) -> cython.bint:
    """Whether `ch` is one of `_SPACES`' characters other than " " and "_" (compiled, C
    compares; tests/test_site_data.py checks the two against each other)."""
    return ch == "\u00a0" or ch == "\u3000" or "\u2000" <= ch <= "\u200a"


def wide_space(ch: str) -> bool:
    """`_wide_space`, callable from Python (for the test)."""
    return _wide_space(ch)


@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4, space=cython.bint, underscore=cython.bint,
               first=cython.Py_UCS4, last=cython.Py_UCS4)
def _clean_text_c(text: str) -> str:
    """`_clean_text` compiled: a C loop finds what needs folding (a `_SPACES` character other
    than " " and "_", or two in a row), and `strip` is called only when an end is white space."""
    space = False
    underscore = False
    for ch in text:
        if ch == " " or ch == "_":
            if space:
                text = _SPACES.sub(" ", text)
                underscore = False
                break
            space = True
            if ch == "_":
                underscore = True
        elif _wide_space(ch):
            text = _SPACES.sub(" ", text)
            underscore = False
            break
        else:
            space = False
    if underscore:
        text = text.replace("_", " ")
    if not text:
        return text
    first = text[0]
    last = text[-1]
    if first.isspace() or last.isspace():
        text = text.strip()
    return text


@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4)
def _has_illegal(text: str) -> cython.bint:
    """Whether `text` holds a character `_ILLEGAL` matches (compiled: a C loop, a fraction
    of the regex call's cost on the short texts titles are)."""
    if not cython.compiled:
        return _ILLEGAL.search(text) is not None
    for ch in text:
        if ch in "<>[]{}|\n":
            return True
    return False


# compiled, `title_type.__new__(title_type)` is a direct call of its tp_new (see inline.py), and
# str's methods on the typed str locals are direct C calls instead of method look-ups
@cython.locals(title_type=type, raw=str, text=str, head=str, key=str, at=cython.Py_ssize_t)
def parse_title_uncached(raw: str, site: SiteConfig, default_ns: int = 0) -> Title | None:
    """parse_title without its cache, for titles a run nearly always meets once (a page's
    categories, files, namespaced links: 95 % misses, each paying a key, a look-up, a store
    and the check of the site's tables)."""
    title_type = Title
    text = raw
    if "%" in text:
        text = unquote(text)
    text = _clean_text(text)
    fragment = None
    at = text.find("#")
    if at >= 0:
        fragment = text[at + 1:]
        text = text[:at].rstrip()
    if _has_illegal(text):
        return None
    interwiki = None
    ns = default_ns
    if text.startswith(":"):
        text = text[1:].lstrip()
        ns = 0
    at = text.find(":")
    if at >= 0:
        head = text[:at]
        # `site.ns_id(head)` without its two calls: a head that folds to itself (no space or
        # `_`: alphanumeric) is looked up as it is; any other misses go through `ns_id`.
        aliases: dict = site.aliases
        key = head.casefold()
        found = aliases[key] if key in aliases else None
        if found is None and not head.isalnum():
            found = site.ns_id(head)
        if found is not None:
            ns, text = found, text[at + 1:].strip()
        else:
            key = head.strip().casefold()
            if key in site.interlanguage or key in site.interwiki:
                interwiki, text = key, text[at + 1:].strip()
    if not text and fragment is None:
        return None
    if site.first_letter_case and interwiki is None and text and ns not in site.case_sensitive_namespaces:
        text = _upper_first(text)
    prefix = ""
    if ns:  # `site.ns_name(ns)`, without its call
        namespaces: dict = site.namespaces
        prefix = namespaces[ns] if ns in namespaces else CANONICAL_NAMESPACES.get(ns, "")
    # Title(ns=…, text=…, …), set up as its generated (frozen) __init__ does, without running
    # that Python function: a tenth of the cost, and pages resolve thousands of new titles.
    title = title_type.__new__(title_type)
    _set_field(title, "ns", ns)
    _set_field(title, "text", text)
    _set_field(title, "fragment", fragment)
    _set_field(title, "interwiki", interwiki)
    _set_field(title, "prefix", prefix)
    return title


# The site plain_link_target last read, and whether its main-namespace titles start with an
# upper-case letter: a page's links are all of one wiki, and the answer is two attribute reads
# and a set look-up (compiled, both are C globals).
_upper_site = cython.declare(object, None)
_upper_main = cython.declare(cython.bint, False)


@cython.locals(raw=str, text=str, first=cython.Py_ssize_t, at=cython.Py_ssize_t)  # compiled: str's `in`, strip and indexing are direct C calls
def plain_link_target(raw: str, site: SiteConfig) -> str | None:
    """What `parse_title(raw)` then `Title.full` (or `#fragment`) give for a main-namespace
    target with no `:`, `%`, `&` or illegal character (the common link), without building a
    Title; None when it is no title (blank). Most links are of this form, so it is kept lean.
    """
    if _is_clean(raw):      # (most targets: the text as written, nothing to split)
        text = raw
        at = -1
    else:
        text = _clean_text(raw)
        at = text.find("#")
    if at >= 0:
        fragment = text[at + 1:]
        text = text[:at].rstrip()
        if not text:
            return "#" + fragment
    elif not text:
        return None
    global _upper_site, _upper_main
    if site is not _upper_site:
        _upper_main = site.first_letter_case and 0 not in site.case_sensitive_namespaces
        _upper_site = site      # (held: its id is not reused while it is compared)
    if _upper_main:
        return _upper_first(text)
    return text


@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4, space=cython.bint, n=cython.Py_ssize_t)
def _is_clean(text: str) -> cython.bint:
    """Whether `text` is not empty and is its own _clean_text with no `#` (no `_`, no
    `_SPACES` character but single spaces, no white space at an end): one pass over the
    characters, where _clean_text and a find would make two (compiled, a C loop)."""
    n = len(text)
    if n == 0 or text[0].isspace() or text[n - 1].isspace():
        return False
    space = False
    for ch in text:
        if ch > "_":            # lower-case letters, other text (two compares)
            if ch >= "\u00a0" and _wide_space(ch):
                return False
            space = False
        elif ch == " ":
            if space:
                return False
            space = True
        elif ch == "_" or ch == "#":
            return False
        else:
            space = False
    return True


@cython.cfunc  # (compiled, an inlined C call from both title readers)
@cython.inline
@cython.locals(text=str, first=cython.Py_ssize_t)
def _upper_first(text: str) -> str:
    """`text` (not empty) with its first letter upper-cased, as `ucfirst`, without a new
    string when nothing changes (most titles)."""
    first = ord(text[0])      # compiled: the character read in place, no 1-char string
    if first < 0x80:          # ASCII (most targets): only a-z change, no str.upper call
        return text if first < 0x61 or first > 0x7A else chr(first - 0x20) + text[1:]
    if 0x3000 <= first < 0xA640:   # CJK, kana (most other targets): no character has case
        return text
    upper = text[0].upper()
    return text if upper == text[0] else upper + text[1:]
