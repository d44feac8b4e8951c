"""Shortcuts for the scanner (scan.py): spans whose tree is known without running the state
machine over them, recognised by `in` tests or, failing those, one regex match each.

Each pattern accepts only text on which the state machine would build exactly the tree built
here; anything else (nested braces, comments, extension tags, a `=` at a line start, runs of
three brackets) fails to match and goes the long way.
"""
from __future__ import annotations

import re

from unwiki.preprocessor.tags import TAG_NAME_RE
from unwiki.preprocessor.tree import Template

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython


def _patterns(inclusion: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # `<` not opening a comment or an extension tag is plain text to the preprocessor.
    lt = r"<(?!!--|(?i:" + TAG_NAME_RE[inclusion].pattern + "))"
    # Inside `[[…]]` only `[[`, `{{`, `<`, `]]` and a newline before `=` act.
    link = (r"\[\[(?!\[)(?:[^\[\]{<\n]++|\n(?!=)|\[(?!\[)|\](?!\])|\{(?!\{)|" + lt
            + r")*+\]\]")
    # A brace-free template call: plain text (`|` included: the parts are split later, so
    # one run of text may span several), lone `[`, plain links.
    flat = r"\{\{(?!\{)(?:[^{}\[<\n]++|\n(?!=)|" + lt + "|" + link + r"|\[(?!\[))*+\}\}"
    return re.compile(link), re.compile(flat)


PLAIN_LINK_RE: dict[bool, re.Pattern[str]] = {}
FLAT_TEMPLATE_RE: dict[bool, re.Pattern[str]] = {}
for _inclusion in (False, True):
    PLAIN_LINK_RE[_inclusion], FLAT_TEMPLATE_RE[_inclusion] = _patterns(_inclusion)


@cython.locals(text=str, i=cython.Py_ssize_t, close=cython.Py_ssize_t, end=cython.Py_ssize_t,
               inner=str, bracket=cython.bint, brace=cython.bint, links=cython.bint)
def flat_call(text: str, i: int, inclusion: bool) -> tuple[Template, int] | None:
    """The flat call at text[i] (a `{{`) and its end offset, or None when it is not flat.

    Most calls hold no tag and no brace before their first `}}`: then str.find and `in`
    tests (memchr) decide what FLAT_TEMPLATE_RE would, without walking the call character
    by character; the pattern decides the rest. (In an accepted span every `[[` opens a
    link that closes, so `_split_outside_links` never gives None there.)"""
    close = text.find("}}", i + 2)
    if close < 0:
        return None
    inner = text[i + 2:close]
    # (Each character looked for once; a two-character search only where its first is.)
    bracket = "[" in inner
    brace = "{" in inner or "}" in inner
    if "<" in inner or (bracket and brace):
        pieces = None
    elif brace or ("\n" in inner and "\n=" in inner):
        return None  # a nested call, a lone brace or a heading line: the state machine's
    else:
        end = close + 2
        links = bracket and "[[" in inner
        pieces = _split_outside_links(inner) if links else inner.split("|")
    if pieces is None:  # a tag, or a link that may run past that `}}`: the pattern decides
        flat = FLAT_TEMPLATE_RE[inclusion].match(text, i)
        if flat is None:
            return None
        end = flat.end()
        inner = text[i + 2:end - 2]
        links = "[[" in inner
        pieces = _split_outside_links(inner) if links else inner.split("|")
    title = pieces[0]
    del pieces[0]
    return Template([title] if title else [], None, i > 0 and text[i - 1] == "\n", pieces,
                    links), end


@cython.locals(inner=str, start=cython.Py_ssize_t, pos=cython.Py_ssize_t, link=cython.Py_ssize_t,
               stop=cython.Py_ssize_t, bar=cython.Py_ssize_t, close=cython.Py_ssize_t)
def _split_outside_links(inner: str) -> list[str] | None:
    """`inner.split("|")`, except that a link (`[[` to the first `]]`) is never split; None
    when a `[[` opens no link FLAT_TEMPLATE_RE accepts (`[[[`, no `]]`, a `[[` inside)."""
    pieces: list[str] = []
    start = pos = 0  # where the current piece starts; where its next `|` may be
    while True:
        link = inner.find("[[", pos)
        stop = link if link >= 0 else len(inner)
        bar = inner.find("|", pos, stop)
        while bar >= 0:
            pieces.append(inner[start:bar])
            start = bar + 1
            bar = inner.find("|", start, stop)
        if link < 0:
            pieces.append(inner[start:])
            return pieces
        close = inner.find("]]", link + 2)
        if close < 0 or inner.startswith("[", link + 2) or inner.find("[[", link + 2, close) >= 0:
            return None
        pos = close + 2
