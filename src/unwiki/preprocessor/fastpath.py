"""Shortcuts for the scanner (scan.py): spans whose tree is known without running the state
machine over them, recognised by one regex match each.

Each pattern accepts only text on which the state machine would build exactly the tree built
here; anything else (nested braces, comments, extension tags, a `=` at a line start, runs of
three brackets) fails to match and goes the long way.
"""
from __future__ import annotations

import re

from unwiki.preprocessor.tags import TAG_NAME_RE
from unwiki.preprocessor.tree import Template


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
# Within a span FLAT_TEMPLATE_RE accepted, a link runs from `[[` to the first `]]`: each
# match is one `|` and the part after it (findall over "|" + the call's inside: one call for
# all the parts, and no empty-match edge cases).
_PARTS_RE = re.compile(r"\|((?:[^|\[]++|\[\[(?:[^\]]++|\](?!\]))*+\]\]|\[)*+)")


def flat_node(text: str, i: int, end: int) -> Template:
    """The Template node of the flat call text[i:end] (a span FLAT_TEMPLATE_RE accepted)."""
    inner = text[i + 2:end - 2]
    if "[" in inner and "[[" in inner:  # a `|` inside a link does not split (`[`: a memchr first)
        pieces = _PARTS_RE.findall("|" + inner)
    else:
        pieces = inner.split("|")
    title = pieces[0]
    del pieces[0]
    return Template([title] if title else [], None, i > 0 and text[i - 1] == "\n", pieces)
