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


def _patterns(inclusion: bool) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # `<` not opening a comment or an extension tag is plain text to the preprocessor.
    lt = r"<(?!!--|(?i:" + TAG_NAME_RE[inclusion].pattern + "))"
    # Inside `[[…]]` only `[[`, `{{`, `<`, `]]` and a newline before `=` act.
    link = (r"\[\[(?!\[)(?:[^\[\]{<\n]++|\n(?!=)|\[(?!\[)|\](?!\])|\{(?!\{)|" + lt
            + r")*+\]\]")
    # One part of a brace-free template call: plain text, lone `[`, plain links.
    body = r"(?:[^{}\[<|\n]++|\n(?!=)|" + lt + "|" + link + r"|\[(?!\[))*+"
    flat = r"\{\{(?!\{)" + body + r"(?:\|" + body + r")*+\}\}"
    # Where the scanner stands outside every `{{`, only `{{` and `<` can start a node; a flat
    # call is recognised by the same match that finds it (a `{{` match longer than 2). No
    # group: one would cost the search its fast skip to the first `{` or `<`.
    top = flat + r"|\{\{|<(?=!--|(?i:" + TAG_NAME_RE[inclusion].pattern + "))"
    return re.compile(top), re.compile(link), re.compile(flat)


TOP_RE: dict[bool, re.Pattern[str]] = {}
PLAIN_LINK_RE: dict[bool, re.Pattern[str]] = {}
FLAT_TEMPLATE_RE: dict[bool, re.Pattern[str]] = {}
for _inclusion in (False, True):
    TOP_RE[_inclusion], PLAIN_LINK_RE[_inclusion], FLAT_TEMPLATE_RE[_inclusion] = _patterns(_inclusion)
# Within a span FLAT_TEMPLATE_RE accepted, a link runs from `[[` to the first `]]`.
_PART_RE = re.compile(r"(?:[^|\[]++|\[\[(?:[^\]]++|\](?!\]))*+\]\]|\[)*+")


def flat_template(text: str, i: int, inclusion: bool) -> tuple[Template, int] | None:
    """The template call at `i` (a `{{`) when it holds no braces, comments or tags, and its end."""
    m = FLAT_TEMPLATE_RE[inclusion].match(text, i)
    if m is None:
        return None
    end = m.end()
    return flat_node(text, i, end), end


def flat_node(text: str, i: int, end: int) -> Template:
    """The Template node of the flat call text[i:end] (a span FLAT_TEMPLATE_RE accepted)."""
    inner = text[i + 2:end - 2]
    links = "[[" in inner
    if links:
        pieces = []
        pos = 0
        n = len(inner)
        match = _PART_RE.match
        while True:
            stop = match(inner, pos).end()  # type: ignore[union-attr]
            pieces.append(inner[pos:stop])
            if stop >= n:
                break
            pos = stop + 1
    else:
        pieces = inner.split("|")
    title = pieces[0]
    del pieces[0]
    return Template([title] if title else [], None, i > 0 and text[i - 1] == "\n", pieces)
