"""Expanding one page. PLACEHOLDER (pass-through) until the expansion helper writes it."""
from unwiki.expansion.context import ExpandContext, Expanded


def expand_page(text: str, ctx: ExpandContext) -> Expanded:
    return Expanded(text=text)


def expand_text(text: str, ctx: ExpandContext) -> str:
    return expand_page(text, ctx).text
