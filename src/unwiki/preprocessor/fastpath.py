"""The patterns of the scanner's shortcuts (scan.py's `_flat_call` and plain links): spans
whose tree is known without running the state machine over them, recognised by `in` tests
or, failing those, one regex match each.

Each pattern accepts only text on which the state machine would build exactly the tree built
here; anything else (nested braces, comments, extension tags, a `=` at a line start, runs of
three brackets) fails to match and goes the long way.
"""
from __future__ import annotations

import re

from unwiki.preprocessor.tags import TAG_NAME_RE


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
