"""Finding and running a built-in renderer (here, not in the package's __init__, so that it
is compiled with the other modules: expansion calls it for most templates on a page)."""
from __future__ import annotations

from collections.abc import Iterable

from unwiki.expansion.builtin import fr, lang
from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import REGISTRY, Renderer, lookup
from unwiki.expansion.context import ExpandContext

# Pages call the same few names again and again; the registry size in the key keeps a
# late registration visible.
_FOUND: dict[tuple[str, str, int], Renderer | None] = {}
_FOUND_MAX = 4096


def _find(name: str, language: str) -> Renderer | None:
    key = (name, language, len(REGISTRY))
    try:
        return _FOUND[key]
    except KeyError:
        pass
    found = lookup(name, language)
    if found is None and language == "fr":
        found = fr.resolve(name)
    if found is None:
        found = lang.resolve(name)
    if len(_FOUND) >= _FOUND_MAX:
        _FOUND.clear()
    _FOUND[key] = found
    return found


def has_builtin(name: str, ctx: ExpandContext) -> bool:
    """Whether unwiki can render template `name` on this wiki without its source."""
    return _find(name, ctx.site.lang) is not None


def render_builtin(name: str, args: Iterable[tuple[str, str]], ctx: ExpandContext) -> str | None:
    """Wikitext for template `name` (normalised, without namespace) with expanded `args`
    ((key, value) in order, positional keys "1", "2", …), or None when unwiki has no renderer."""
    language = ctx.site.lang
    # `_find`'s cache, read here: one call less per call (typed: compiled, `.get` is a C call)
    found: dict = _FOUND
    renderer = found.get((name, language, len(REGISTRY)), _find)
    if renderer is _find:
        renderer = _find(name, language)
    if renderer is None:
        return None
    try:
        return renderer(Args(args), ctx)
    except (ValueError, IndexError, KeyError, OverflowError):
        return None
