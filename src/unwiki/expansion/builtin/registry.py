"""The name -> renderer table of built-in templates, filled by each family module."""
from __future__ import annotations

from collections.abc import Callable

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.context import ExpandContext

Renderer = Callable[[Args, ExpandContext], "str | None"]

# (language or "*", folded name) -> renderer. A language entry wins over the shared one.
REGISTRY: dict[tuple[str, str], Renderer] = {}


def fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def builtin(*names: str, langs: tuple[str, ...] = ("*",)) -> Callable[[Renderer], Renderer]:
    """Register a renderer under template `names` for wikis `langs` ("*": every wiki)."""

    def deco(fn: Renderer) -> Renderer:
        for lang in langs:
            for name in names:
                REGISTRY[(lang, fold(name))] = fn
        return fn

    return deco


def lookup(name: str, lang: str) -> Renderer | None:
    key = fold(name)
    return REGISTRY.get((lang, key)) or REGISTRY.get((lang.split("-")[0], key)) or REGISTRY.get(("*", key))
