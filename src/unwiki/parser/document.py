"""Expanded page -> Document: the parser stage's entry point."""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.expansion.context import ExpandContext, Expanded
from unwiki.expansion.page import has_double_underscore
from unwiki.gcpause import gc_paused
from unwiki.model import Document, PageError, Paragraph, Text
from unwiki.parser.blocks import parse_blocks
from unwiki.parser.inline import parse_inline
from unwiki.parser.langconv import CONVERTER_LANGS
from unwiki.parser.links import strip_meta_links
from unwiki.parser.redirect import find_redirect
from unwiki.parser.state import ParseState
from unwiki.preprocessor.strip import MARKER_RE

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import new_template_use
else:
    from unwiki.parser.nodes import new_template_use

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Looked for one by one (ASCII text, or plain Python): a search for a single character, a
# memchr, is far cheaper than a class scan. On other text each search is a loop, not a memchr,
# and often stopped by false first-byte hits: compiled, one C pass (_has_control) tells instead.
_CONTROL_CHARS = tuple(map(chr, (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20))))
# Behaviour switches (doDoubleUnderscore): they show nothing; __DISAMBIG__ marks the page.
_SWITCHES = ("NOTOC", "FORCETOC", "TOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK",
             "NOGALLERY", "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "NOCONTENTCONVERT", "NOCC",
             "NOTITLECONVERT", "NOTC", "INDEX", "NOINDEX", "STATICREDIRECT", "DISAMBIG",
             "EXPECTUNUSEDTEMPLATE", "NOGLOBAL", "ARCHIVEDTALK", "NOTALK")
_SWITCH_CACHE: dict[str, re.Pattern[str]] = {}


def _switch_re(site) -> re.Pattern[str]:
    pat = _SWITCH_CACHE.get(site.lang)
    if pat is None:
        words = {f"__{w}__" for w in _SWITCHES}
        for aliases in (site.magic_words or {}).values():
            if isinstance(aliases, list):
                words.update(a for a in aliases if isinstance(a, str) and a.startswith("__") and a.endswith("__"))
        pat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
        _SWITCH_CACHE[site.lang] = pat
    return pat


@gc_paused
def build_document(expanded: Expanded, ctx: ExpandContext) -> Document:
    """Parse the expanded text into the model; never raises (failures become PageErrors)."""
    return _build(expanded, ctx)


def _build(expanded: Expanded, ctx: ExpandContext) -> Document:
    """build_document's body (run with the collector paused)."""
    doc = Document(lang=ctx.site.lang)
    doc.errors.extend(expanded.errors)
    doc.templates = [new_template_use(name, how, count)
                     for (name, how), count in expanded.templates.items()]
    doc.disambiguation = bool(expanded.disambiguation)
    st = ParseState(doc=doc, site=ctx.site, items=expanded.strip.items, title=ctx.title,
                    trail=ctx.site.link_trail_re(), langconv=ctx.site.lang in CONVERTER_LANGS,
                    blocks_fn=parse_blocks, inline_fn=parse_inline)
    text = expanded.text or ""
    try:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if (_has_control(text) if cython.compiled and not text.isascii()
                else any(c in text for c in _CONTROL_CHARS)):
            text = _CONTROL.sub("", text)
        target, rest = find_redirect(text, ctx.site)
        doc.redirect = expanded.redirect or target
        if target is not None:
            text = rest
        if has_double_underscore(text):
            text = _switch_re(ctx.site).sub(lambda m: _switch(m, doc), text)
        text = strip_meta_links(text, st)
        doc.blocks = parse_blocks(text, st)
    except RecursionError:
        _fallback(doc, text, "page nested too deeply to parse")
    except Exception as exc:  # noqa: BLE001 - a page always gets its record
        _fallback(doc, text, f"{type(exc).__name__}: {exc}")
    return doc


@cython.cfunc
@cython.locals(ch=cython.Py_UCS4)
def _has_control(text: str) -> cython.bint:
    """Whether `text` holds one of `_CONTROL_CHARS` (compiled only: one C pass)."""
    for ch in text:
        if ch < " " and ch != "\n" and ch != "\t" and ch != "\r":
            return True
    return False


def _switch(m: re.Match[str], doc: Document) -> str:
    if m[0].upper() == "__DISAMBIG__":
        doc.disambiguation = True
    return ""


def _fallback(doc: Document, text: str, why: str) -> None:
    doc.errors.append(PageError(kind="parser", message=why))
    plain = MARKER_RE.sub("", text).strip()
    doc.blocks = [Paragraph(children=[Text(p)]) for p in plain.split("\n\n") if p.strip()]
