"""Built-in template renderers: what unwiki shows for everyday templates when no source is given.

PLACEHOLDER interface until the site-data helper writes them."""
from __future__ import annotations

from unwiki.expansion.context import ExpandContext


def render_builtin(name: str, args: list[tuple[str, str]], ctx: ExpandContext) -> str | None:
    """Wikitext for template `name` (normalised, without namespace) with expanded `args`
    ((key, value) in order, positional keys "1", "2", …), or None when unwiki has no renderer."""
    return None
