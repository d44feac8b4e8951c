"""List lines (`*`, `#`, `;`, `:`) -> nested ListBlocks, with BlockLevelPass's prefix rules."""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import Block, ListBlock, ListItem
from unwiki.parser.extlinks import PROTO_RE
from unwiki.parser.nodes import slot_offset

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import _get, new_list_block, new_list_item
else:
    from unwiki.parser.nodes import _get, new_list_block, new_list_item

# The slots the builder reads on the nodes it made (compiled, a load instead of a getattr).
_BLOCK_ITEMS = cython.declare(cython.Py_ssize_t, slot_offset(ListBlock, "items"))
_ITEM_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "blocks"))

LIST_PREFIX_RE = re.compile(r"^[*#:;]+")
# Deeper list (and block-quote) nesting than this is kept at this depth: nothing readable
# nests further, and an unbounded depth would let one line of `*`s exhaust the renderers' stack.
MAX_LIST_DEPTH = 100
_LIST_KIND = {"*": "bullet", "#": "ordered", ";": "definition", ":": "definition"}
_ITEM_KIND = {"*": "bullet", "#": "ordered", ";": "term", ":": "definition"}
# What a `;term : definition` colon search skips: links, tags, language markup, URLs.
_COLON_RE = re.compile(
    r"\[\[.*?\]\]|\[(?i:" + PROTO_RE + r"|//)[^\]\n]*\]|<[^<>]*>|-\{.*?\}-|(?i:" + PROTO_RE + r")[^\s\[\]<>]*|:"
)


def find_colon(text: str) -> int:
    """Position of the `:` that ends a `;` term, or -1."""
    if ":" not in text:
        return -1
    for m in _COLON_RE.finditer(text):
        if m[0] == ":":
            return m.start()
    return -1


@cython.cclass
class ListBuilder:
    """The open list levels; mirrors BlockLevelPass's prefix bookkeeping. (Compiled, an
    extension type: its fields are struct members and _open/_next C methods.)"""

    levels = cython.declare(list, visibility="public")
    last_prefix = cython.declare(str, visibility="public")
    dt_open = cython.declare(cython.bint, visibility="public")

    def __init__(self) -> None:
        self.levels: list[list] = []   # [char, ListBlock, ListItem]
        self.last_prefix = ""
        self.dt_open = False

    def close(self) -> None:
        self.levels.clear()
        self.last_prefix = ""
        self.dt_open = False

    @cython.cfunc
    def _open(self, char: str, out: list[Block]) -> None:
        lb = new_list_block(_LIST_KIND[char])
        (_get(self.levels[-1][2], _ITEM_BLOCKS) if self.levels else out).append(lb)
        item = new_list_item(_ITEM_KIND[char])
        _get(lb, _BLOCK_ITEMS).append(item)
        self.levels.append([char, lb, item])
        self.dt_open = char == ";"

    @cython.cfunc
    def _next(self, char: str, level: int) -> None:
        entry = self.levels[level - 1]
        lb = entry[1]
        item = new_list_item(_ITEM_KIND[char])
        _get(lb, _BLOCK_ITEMS).append(item)
        entry[0] = char
        entry[2] = item
        self.dt_open = char == ";"

    @cython.locals(prefix=str, text=str, levels=list, entry=list, depth=cython.Py_ssize_t)
    def line(self, prefix: str, text: str, out: list[Block]) -> list[tuple[ListItem, str]]:
        """Apply one list line; returns (item, its text) pairs to fill (two for `;a:b`)."""
        levels = self.levels
        if levels and self.last_prefix == prefix and ";" not in prefix:
            # The common case: the next item of the list the line before was in (_next,
            # without its call; no `;`, so no term is left open).
            depth = len(prefix)
            if len(levels) > depth:
                del levels[depth:]
            entry = levels[depth - 1]
            char = prefix[-1]
            item = new_list_item(_ITEM_KIND[char])
            _get(entry[1], _BLOCK_ITEMS).append(item)
            entry[0] = char
            entry[2] = item
            self.dt_open = False
            return [(item, text)]
        prefix2 = prefix.replace(";", ":")
        filled: list[tuple[ListItem, str]] = []
        if self.levels and self.last_prefix == prefix2:
            last = prefix[-1]
            if len(levels) > len(prefix):
                del levels[len(prefix):]
            self._next(last, len(prefix))
            if last == ";":
                pos = find_colon(text)
                if pos >= 0:
                    filled.append((self.levels[-1][2], text[:pos]))
                    self._next(":", len(prefix))
                    text = text[pos + 1:]
        else:
            # The length of the prefix shared with the line before (a loop, not zip(): a
            # call of zip with its keyword costs more than the few characters compared).
            last_prefix = self.last_prefix
            shared = min(len(prefix), len(last_prefix))
            common = 0
            while common < shared and prefix[common] == last_prefix[common]:
                common += 1
            if len(levels) > common:    # (a slice deletion costs a slice object and a call)
                del levels[common:]
            if len(prefix) <= common and common > 0:
                self._next(prefix[common - 1], common)
            if self.dt_open and common > 0 and prefix[common - 1] == ":":
                self._next(":", common)
            while len(prefix) > common:
                char = prefix[common]
                self._open(char, out)
                common += 1
                if char == ";":
                    pos = find_colon(text)
                    if pos >= 0:
                        filled.append((self.levels[-1][2], text[:pos]))
                        self._next(":", common)
                        text = text[pos + 1:]
            self.last_prefix = prefix2
        filled.append((self.levels[-1][2], text))
        return filled
