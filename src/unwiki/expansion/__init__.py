"""Stage 2: template expansion, parser functions, magic words and built-in template renderers.

`expand_page(text, ctx)` returns the page's wikitext after expansion (with strip markers)
together with what was found on the way; `expand_text` is what `unwiki.expand` returns.
"""
from unwiki.expansion.context import ExpandContext, Expanded

__all__ = ["ExpandContext", "Expanded"]
