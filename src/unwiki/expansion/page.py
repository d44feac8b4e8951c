"""Expanding one page: `expand_page` (for the parser: strip markers, counts, errors) and
`expand_text` (MediaWiki's expandtemplates: tags restored as source, comments removed)."""
from __future__ import annotations

import re
from collections import Counter

from unwiki.expansion.context import ExpandContext, Expanded
from unwiki.expansion.engine import Expander
from unwiki.expansion.templates import redirect_re
from unwiki.model import PageError
from unwiki.preprocessor import preprocess
from unwiki.preprocessor.strip import MARKER_RE

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

_SWITCHES = ("NOTOC", "FORCETOC", "TOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK",
             "NOGALLERY", "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "NOCONTENTCONVERT", "NOCC",
             "NOTITLECONVERT", "NOTC", "INDEX", "NOINDEX", "STATICREDIRECT", "DISAMBIG",
             "EXPECTUNUSEDTEMPLATE", "NOGLOBAL", "ARCHIVEDTALK", "NOTALK", "START", "END")
_SWITCH_RE = re.compile("__(" + "|".join(_SWITCHES) + ")__")
_SWITCH_CACHE: dict[int, tuple[object, re.Pattern[str] | None]] = {}


def _localized_switches(ctx: ExpandContext) -> re.Pattern[str] | None:
    site = ctx.site
    entry = _SWITCH_CACHE.get(id(site))
    if entry is not None and entry[0] is site:
        return entry[1]
    names: list[str] = []
    for key, aliases in (site.magic_words or {}).items():
        if str(key).upper() in _SWITCHES and isinstance(aliases, list):
            names.extend(a for a in aliases if isinstance(a, str) and a.startswith("__"))
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None
    if len(_SWITCH_CACHE) > 16:
        _SWITCH_CACHE.clear()
    _SWITCH_CACHE[id(site)] = (site, pattern)
    return pattern


@cython.locals(i=cython.Py_ssize_t, last=cython.Py_ssize_t, _k=cython.Py_ssize_t)
def has_double_underscore(text: str) -> bool:
    """`"__" in text`, faster: a search for one character is far cheaper than for two, and
    most pages have no underscore or only a few (after 32 lone ones, the plain search).
    (Compiled, offsets and the character after each `_` are read as C values.)"""
    last = len(text) - 1
    i = text.find("_")
    for _k in range(32):
        if i < 0 or i >= last:
            return False
        if text[i + 1] == "_":
            return True
        i = text.find("_", i + 2)
    return i >= 0 and text.find("__", i) >= 0


def expand_page(text: str, ctx: ExpandContext) -> Expanded:
    """The page's wikitext after expansion, with strip markers, and what expansion saw."""
    x = Expander(ctx, page_mode=True)
    try:
        out = x.expand(preprocess(text), x.root)
    except RecursionError:
        x.error("recursion", "expansion nested too deeply; page left unexpanded")
        out = text
    except Exception as e:  # noqa: BLE001 - a page must always get its record
        x.error("expansion", f"{type(e).__name__}: {e}")
        out = text
    disambiguation = x.disambiguation
    if has_double_underscore(out):
        if "__DISAMBIG__" in out:
            disambiguation = True
        out = _SWITCH_RE.sub("", out)
        local = _localized_switches(ctx)
        if local is not None:
            out = local.sub("", out)
    redirect = None
    if text[:1] in ("#", " ", "\n") or text[:1].isspace():
        m = redirect_re(ctx.site).match(text)
        if m is not None:
            redirect = m.group(1).strip()
    expanded = Expanded(text=out, strip=x.strip, templates=Counter(x.counts), errors=x.errors,
                        redirect=redirect, disambiguation=disambiguation)
    return expanded


def expand_text(text: str, ctx: ExpandContext) -> str:
    """What MediaWiki's expandtemplates returns for `text`."""
    x = Expander(ctx, page_mode=False)
    try:
        out = x.expand(preprocess(text), x.root)
    except RecursionError:
        return text
    items = x.strip.items
    for _ in range(10):
        if "\x7f" not in out:
            break
        out = MARKER_RE.sub(lambda m: items[int(m.group(1))].body or "", out)
    return out


__all__ = ["PageError", "expand_page", "expand_text"]
