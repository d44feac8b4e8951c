"""The parser-function registry: a name maps to one small function taking a `Call`.

Adding a parser function is writing one function and decorating it with
`@parser_function("#name")`. A handler returns the expansion, or None for "not mine"
(MediaWiki's `found => false`: the call is then tried as a template).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from unwiki.expansion.frame import TRIM, Frame
from unwiki.preprocessor.tree import Node, Part

if TYPE_CHECKING:
    from unwiki.expansion.context import ExpandContext
    from unwiki.expansion.engine import Expander
    from unwiki.site import SiteConfig


class Call:
    """One parser-function call: `first` is the text after the colon (expanded, trimmed);
    the `|` parts stay unexpanded until the handler asks, as MediaWiki's SFH_OBJECT_ARGS."""

    __slots__ = ("first", "frame", "name", "parts", "x")

    def __init__(self, x: Expander, frame: Frame, name: str, first: str, parts: list[Part]) -> None:
        self.x = x
        self.frame = frame
        self.name = name
        self.first = first
        self.parts = parts

    @property
    def ctx(self) -> ExpandContext:
        return self.x.ctx

    @property
    def site(self) -> SiteConfig:
        return self.x.ctx.site

    def __len__(self) -> int:
        return 1 + len(self.parts)

    def expand(self, nodes: list[Node]) -> str:
        return self.x.expand(nodes, self.frame)

    def arg(self, i: int, default: str = "") -> str:
        """Argument `i` (0 = the text after the colon), expanded and trimmed as a whole."""
        if i == 0:
            return self.first
        if i - 1 < len(self.parts):
            return self.x.expand(self.parts[i - 1].full, self.frame).strip(TRIM)
        return default

    def has(self, i: int) -> bool:
        return i == 0 or i - 1 < len(self.parts)

    def args(self) -> list[str]:
        return [self.arg(i) for i in range(len(self))]


Handler = Callable[[Call], "str | None"]
FUNCTIONS: dict[str, Handler] = {}         # case-insensitive names, stored lower-case
CASED_FUNCTIONS: dict[str, Handler] = {}   # case-sensitive names (PAGENAME:, DISPLAYTITLE:, …)


def parser_function(*names: str, cased: bool = False) -> Callable[[Handler], Handler]:
    """Register the decorated handler under `names`."""
    def register(fn: Handler) -> Handler:
        for name in names:
            if cased:
                CASED_FUNCTIONS[name] = fn
            else:
                FUNCTIONS[name.lower()] = fn
        return fn
    return register


def lookup(name: str) -> Handler | None:
    fn = CASED_FUNCTIONS.get(name)
    if fn is None:
        fn = FUNCTIONS.get(name.lower())
    return fn
