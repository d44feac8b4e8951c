"""Frames: where `{{{1}}}` finds its value (MediaWiki's PPFrame / PPTemplateFrame).

A template's arguments are kept unexpanded and expanded in the caller's frame on first
use (then cached for this frame): an unused argument costs nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from unwiki.preprocessor.tree import TRIM, Node

try:
    import cython
except ImportError:  # plain Python without Cython: ordinary classes
    from unwiki.preprocessor.cython_shim import cython

if TYPE_CHECKING:
    from unwiki.expansion.engine import Expander
    from unwiki.site import Title

__all__ = ["TRIM", "Frame", "flat_frame_args"]


def flat_frame_args(values: dict[str, str]) -> dict[str, tuple[list[Node], bool]]:
    """Frame arguments standing for a flat call's already expanded `values` (tree.py)."""
    return {key: ([value] if value else [], False) for key, value in values.items()}


@cython.cclass
class Frame:
    """One level of expansion: the page itself (`args is None`) or one template call."""

    args = cython.declare(object, visibility="public")
    cache = cython.declare(object, visibility="public")
    depth = cython.declare(object, visibility="public")
    loop = cython.declare(object, visibility="public")
    parent = cython.declare(object, visibility="public")
    title = cython.declare(object, visibility="public")

    def __init__(self, title: Title | None, parent: Frame | None = None,
                 args: dict[str, tuple[list[Node], bool]] | None = None,
                 loop: frozenset[str] = frozenset()) -> None:
        self.title = title
        self.parent = parent
        self.args = args
        self.cache: dict[str, str] = {}
        self.depth = parent.depth + 1 if parent is not None else 0
        self.loop = loop

    def argument(self, name: str, x: Expander) -> str | None:
        """The expanded value of argument `name`, or None when the call did not give it."""
        if self.args is None:
            return None
        cache: dict = self.cache
        value = cache.get(name)
        if value is not None:
            return value
        args: dict = self.args
        entry = args.get(name)
        if entry is None:
            return None
        nodes, trim = entry
        value = x.expand(nodes, self.parent)  # type: ignore[arg-type]
        if trim:
            value = value.strip(TRIM)
        cache[name] = value
        return value

    def expanded_args(self, x: Expander) -> list[tuple[str, str]]:
        """All arguments, expanded, in call order (for builtin renderers and captured templates)."""
        if not self.args:
            return []
        out: list[tuple[str, str]] = []
        cache: dict = self.cache
        for name, (nodes, trim) in self.args.items():
            value = cache.get(name)
            if value is None:  # as `argument`, inlined: builtins read every argument
                if len(nodes) == 1 and type(nodes[0]) is str:
                    value = nodes[0]
                else:
                    value = x.expand(nodes, self.parent)  # type: ignore[arg-type]
                if trim:
                    value = value.strip(TRIM)
                cache[name] = value
            out.append((name, value))
        return out
