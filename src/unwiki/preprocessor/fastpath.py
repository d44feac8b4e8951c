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
               inner=str)
def flat_call(text: str, i: int, inclusion: bool) -> tuple[Template, int] | None:
    """The flat call at text[i] (a `{{`) and its end offset, or None when it is not flat.

    Most calls hold no link or tag before their first `}}`: then str.find and `in` tests
    (memchr) decide what FLAT_TEMPLATE_RE would, without walking the call character by
    character; the pattern decides the rest."""
    close = text.find("}}", i + 2)
    if close < 0:
        return None
    inner = text[i + 2:close]
    if "[" in inner or "<" in inner:
        flat = FLAT_TEMPLATE_RE[inclusion].match(text, i)
        if flat is None:
            return None
        end = flat.end()
        inner = text[i + 2:end - 2]
        # a `|` inside a link does not split
        pieces = _split_outside_links(inner) if "[[" in inner else inner.split("|")
    elif "{" in inner or "}" in inner or "\n=" in inner:
        return None  # a nested call, a lone brace or a heading line: the state machine's
    else:
        end = close + 2
        pieces = inner.split("|")
    title = pieces[0]
    del pieces[0]
    return Template([title] if title else [], None, i > 0 and text[i - 1] == "\n", pieces), end


def _split_outside_links(inner: str) -> list[str]:
    """`inner.split("|")`, except that a link (`[[` to the first `]]`: always closed in a span
    FLAT_TEMPLATE_RE accepted) is never split."""
    pieces: list[str] = []
    start = pos = 0
    link = inner.find("[[")
    while True:
        bar = inner.find("|", pos)
        if bar < 0:
            pieces.append(inner[start:])
            return pieces
        if 0 <= link < bar:
            pos = inner.find("]]", link + 2) + 2
            if pos < 2:  # unclosed (not in an accepted span): nothing after it splits
                pieces.append(inner[start:])
                return pieces
            link = inner.find("[[", pos)
            continue
        pieces.append(inner[start:bar])
        start = pos = bar + 1
