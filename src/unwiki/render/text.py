"""Text renderer: FORMAT.md's "seed layout", and the small pieces the other renderers share.

Shared helpers (json.py and markdown.py use them so each rule is written once):
`clean_line`, `inline_lines`, `inline_text`, `block_text`, `cell_text`, `table_grid`,
`table_layout`, `infobox_rows`, `split_sections`, `kept_sections`, `heading_text`.

Decisions FORMAT.md leaves open (kept consistent everywhere):
- an empty document renders as "" without a title, as the title line alone with one;
- an empty `*`/`#` item prints its bare marker (`-`, `1.`), as seed 002 does; an item whose
  only content is a nested list prints no line of its own (numbering still counts it);
- `;term` prints the term's text on a line of its own, without the `;` (what a reader sees);
- a `<br>` inside a list item continues the item on the next line, indented one level;
- a horizontal rule shows nothing; a block quote's blocks are blocks of their own;
- blank lines inside a preformatted block are dropped, so that "\\n\\n" always separates
  blocks (Markdown keeps them, inside its fence);
- table columns in which no cell starts (only the tail of a `colspan=100` "full width"
  cell) are left out: browsers give them no width either.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from unicodedata import is_normalized, normalize  # names, not module attributes: a look-up less per line

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.gcpause import gc_paused
from unwiki.model import (
    Block,
    BlockQuote,
    Bold,
    Code,
    Document,
    ExtLink,
    Heading,
    HorizontalRule,
    Infobox,
    Inline,
    Italic,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    MathBlock,
    Paragraph,
    Preformatted,
    RefMarker,
    Span,
    Table,
    TableCell,
    TableRow,
    Text,
)
from unwiki.parser.nodes import slot_offset

if cython.compiled:  # a C call (declared in parser/nodes.pxd); the C view of a str
    from cython.cimports.cpython.unicode import (
        PyUnicode_1BYTE_KIND,
        PyUnicode_2BYTE_KIND,
        PyUnicode_DATA,
        PyUnicode_KIND,
    )
    from cython.cimports.unwiki.parser.nodes import _field
else:
    from unwiki.parser.nodes import _field


# Runs of white space (source newlines and no-break spaces included) become one space.
# U+3000 (ideographic space) is visible layout in CJK text and is kept.
# `_WS`'s characters other than " ": clean_line spells them out in its `in` tests (a loop
# over this string measured 16M more instructions, +2.5 % of to_dict, on the dump pages).
_FOLDING = "\n\u00a0\u202f\t\r\u2007\f\v"
_WS = re.compile("[ " + _FOLDING + "]+")
_NBSP = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
_BR = "\x00"  # stands for a LineBreak while inline text is being joined
MAX_COLSPAN = 1000  # MediaWiki's Sanitizer caps colspan at 1000


def nfc(text: str) -> str:
    """NFC, skipping the (common) already-normalized case cheaply."""
    if text.isascii() or is_normalized("NFC", text):
        return text
    return normalize("NFC", text)


# White space `str.split()` cuts at that `_WS` does not fold (U+3000 among them).
_OTHER_WS = re.compile("[\x1c-\x1f\x85\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]")


def _fold_ws(text: str) -> str:
    """`_WS` runs -> one space (the ends may keep one)."""
    # Without white space outside `_WS`, splitting and joining folds the same runs, and much
    # faster than a substitution on a long non-ASCII paragraph.
    if _OTHER_WS.search(text) is None:
        return " ".join(text.split())
    return _WS.sub(" ", text)


_SHORT_LINE = cython.declare(cython.Py_ssize_t, 48)   # (compiled, a C constant: no int boxed per call)
"""Below this length `isprintable` (one pass, a table look-up per character) is the cheaper
test for white space to fold; above it, one `in` per white space character (each a memchr) is."""


def clean_line(text: str) -> str:
    """One output line: white space runs -> one space, trimmed, NFC."""
    return _clean_line(text)


# `_scan`'s findings, bits of one C int.
_FOLD = cython.declare(cython.int, 1)       # a `_FOLDING` character or two spaces in a row
_UNSTABLE = cython.declare(cython.int, 2)   # a character outside `_nfc_stable`'s ranges
_BREAK = cython.declare(cython.int, 4)      # `_BR`
_UNSCANNED = cython.declare(cython.int, 8)  # not scanned: `in` tests (memchr) tell instead


@cython.cfunc
@cython.inline
def _scans(text: str) -> cython.bint:
    """Whether `_scan` is the cheaper test of `text`: compiled, for a short or non-ASCII text
    (where each `in` test is a loop, not a memchr)."""
    return cython.compiled and (len(text) < _SHORT_LINE or not text.isascii())


@cython.cfunc  # (compiled, a C call from this module's callers, which are most)
def _clean_line(text: str) -> str:
    """`clean_line`."""
    return _clean_scanned(text, _scan(text) if _scans(text) else _UNSCANNED)


@cython.cfunc
@cython.locals(fold=cython.bint)
def _clean_scanned(text: str, found: cython.int) -> str:
    """`clean_line` of a text `_scan` found `found` in (or `_UNSCANNED`)."""
    # Only runs of spaces or `_FOLDING` characters need folding (a lone space
    # never does). `isprintable` is false for every such character (and for a few others,
    # which then merely take the longer way below). Texts without any space (most CJK ones)
    # are told by a memchr, without the costlier search for two.
    if not found & _UNSCANNED:
        fold = found & _FOLD
    elif len(text) < _SHORT_LINE:
        fold = not text.isprintable() or (" " in text and "  " in text)
    else:
        fold = ("\n" in text or "\u00a0" in text or "\t" in text or "\r" in text or "\u202f" in text
                or "\u2007" in text or "\f" in text or "\v" in text or (" " in text and "  " in text))
    if fold:
        # Most such lines hold only source newlines and no-break spaces: made plain spaces
        # (`replace` is much cheaper than splitting or a substitution), they leave nothing but
        # runs of spaces to fold, each `replace` halving every run.
        text = text.replace("\n", " ").replace("\u00a0", " ").replace("\u202f", " ")
        if "\t" in text or "\r" in text or "\u2007" in text or "\f" in text or "\v" in text:
            text = _fold_ws(text)
        else:
            while "  " in text:
                text = text.replace("  ", " ")
    if text and (text[0] == " " or text[-1] == " "):   # most lines: no call to `strip`
        text = text.strip(" ")
    # `nfc`, without its call (one per output line). Folding only turns white space (all of it
    # in the stable ranges) into spaces: what `_scan` found stable stays stable.
    if text.isascii() or not found & (_UNSTABLE | _UNSCANNED) or is_normalized("NFC", text):
        return text
    return normalize("NFC", text)


@cython.cfunc
@cython.locals(n=cython.Py_ssize_t, i=cython.Py_ssize_t, kind=cython.int, state=cython.int,
               c=cython.Py_UCS4, prev=cython.Py_UCS4)
def _scan(text: str) -> cython.int:
    """What `text` holds of `_FOLD`, `_UNSTABLE`, `_BREAK`, in one C pass (compiled only:
    one loop instead of a memchr-less `in` test, a fold test and a stability test)."""
    state = 0
    if not cython.compiled:
        prev = "\x00"
        for c in text:
            if not _dull(c):
                state |= _found(c, prev)
            prev = c
        return state
    # One loop per character width: the width is not tested again at every character. Most
    # characters are `_dull`: one or two range tests, and the loop goes on; the character
    # before a space is read only then.
    n = len(text)
    kind = PyUnicode_KIND(text)
    data = cython.declare(cython.p_void, PyUnicode_DATA(text))   # (types outside the shim's)
    if kind == PyUnicode_1BYTE_KIND:
        for i in range(n):
            c = cython.cast(cython.p_uchar, data)[i]
            if not _dull(c):
                state |= _found(c, cython.cast(cython.p_uchar, data)[i - 1] if i else 0)
    elif kind == PyUnicode_2BYTE_KIND:
        for i in range(n):
            c = cython.cast(cython.p_ushort, data)[i]
            if not _dull(c):
                state |= _found(c, cython.cast(cython.p_ushort, data)[i - 1] if i else 0)
    else:
        for i in range(n):
            c = cython.cast(cython.pointer(cython.Py_UCS4), data)[i]
            if not _dull(c):
                state |= _found(c, cython.cast(cython.pointer(cython.Py_UCS4), data)[i - 1] if i else 0)
    return state


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)  # (compiled: no error test per character)
@cython.locals(c=cython.Py_ssize_t)
def _dull(ch: cython.Py_UCS4) -> cython.bint:
    """Whether `_scan` has nothing to find at `ch`, for the ranges most characters lie in:
    CJK ideographs, kana (but the two combining sound marks) and printable ASCII but the
    space (all in `_stable_char`'s ranges)."""
    c = ord(ch)
    return 0x309B <= c <= 0xA66E or 0x21 <= c <= 0x7E or 0x3030 <= c <= 0x3098


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
@cython.locals(c=cython.Py_ssize_t)
def _found(ch: cython.Py_UCS4, prev: cython.Py_UCS4) -> cython.int:
    """What `_scan` finds at a character `ch` that is not `_dull`, the one after `prev`."""
    c = ord(ch)
    if c == 0x20:
        return _FOLD if prev == " " else 0
    if c > 0xA0:    # other characters of non-Latin text: a stability test
        if c >= 0x300 and not _stable_char(ch):
            return _UNSTABLE
        if c == 0x202F or c == 0x2007:    # `_FOLDING`
            return _FOLD
    elif c == 0xA0 or c == 0x0A or c == 0x09 or c == 0x0D or c == 0x0C or c == 0x0B:
        return _FOLD    # `_FOLDING`
    elif c == 0:    # `_BR`
        return _BREAK
    return 0


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
@cython.locals(c=cython.Py_ssize_t)
def _stable_char(ch: cython.Py_UCS4) -> cython.bint:
    """Whether `ch` lies in `NFC_STABLE_RANGES` (see `_nfc_stable`)."""
    c = ord(ch)
    return (c < 0x300 or 0x309B <= c <= 0xA66E or 0x3030 <= c <= 0x3098 or 0x2E00 <= c <= 0x3029
            or 0x2002 <= c <= 0x20CF or 0xAC00 <= c <= 0xD7A3 or 0xFE30 <= c <= 0xFFFD
            or 0x388 <= c <= 0x482)


@cython.cfunc
@cython.locals(ch=cython.Py_UCS4)
def _nfc_stable(text: str) -> cython.bint:
    """Whether every character of `text` lies in a few ranges that hold most text (Latin,
    Greek, Cyrillic, punctuation, kana, CJK, Hangul syllables, full-width forms) and in which
    every character has canonical combining class 0 and NFC_Quick_Check=Yes: then `text` is
    NFC, as `is_normalized` would find with a table look-up per character. Compiled only: a
    C loop (tests/test_render_text.py checks the ranges against `unicodedata`)."""
    for ch in text:
        if not _stable_char(ch):
            return False
    return True


NFC_STABLE_RANGES = ((0, 0x2FF), (0x309B, 0xA66E), (0x3030, 0x3098), (0x2E00, 0x3029),
                     (0x2002, 0x20CF), (0xAC00, 0xD7A3), (0xFE30, 0xFFFD), (0x388, 0x482))
"""`_nfc_stable`'s ranges (inclusive), for the test that checks them."""


def nfc_stable(text: str) -> bool:
    """`_nfc_stable`, callable from Python: the test checks it against NFC_STABLE_RANGES."""
    return _nfc_stable(text)


# ---------------------------------------------------------------- slot loads

# The fields the text layout reads most (every inline node, list item and paragraph).
_TEXT_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(Text, "text"))
_LINK_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Link, "children"))
_BOLD_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Bold, "children"))
_ITALIC_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Italic, "children"))
_PARAGRAPH_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Paragraph, "children"))
_ITEM_KIND = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "kind"))
_ITEM_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "children"))
_ITEM_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "blocks"))
_LIST_ITEMS = cython.declare(cython.Py_ssize_t, slot_offset(ListBlock, "items"))
_ROW_CELLS = cython.declare(cython.Py_ssize_t, slot_offset(TableRow, "cells"))
_CELL_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "blocks"))
_CELL_COLSPAN = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "colspan"))
_CELL_ROWSPAN = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "rowspan"))

# The node types the layout tells apart and reads fields of most, as C globals (compiled: no
# module dictionary look-up per node, and `_field` gets a C type).
_TEXT_T = cython.declare(type, Text)
_LINK_T = cython.declare(type, Link)
_REFMARKER_T = cython.declare(type, RefMarker)
_BOLD_T = cython.declare(type, Bold)
_ITALIC_T = cython.declare(type, Italic)
_PARAGRAPH_T = cython.declare(type, Paragraph)
_LIST_BLOCK_T = cython.declare(type, ListBlock)
_LIST_ITEM_T = cython.declare(type, ListItem)
_TABLE_ROW_T = cython.declare(type, TableRow)
_TABLE_CELL_T = cython.declare(type, TableCell)


# ---------------------------------------------------------------- inline

@cython.cfunc  # (compiled, a C call: one per inline container)
def _collect(inlines: Iterable[Inline], out: list[str]) -> None:
    """Append the visible text of `inlines` to `out`; a LineBreak appends `_BR`.

    (`out.append(x)`, not a hoisted bound `append`: the interpreter runs the former as a
    plain list append, the latter as a call.)"""
    for node in inlines:
        kind = type(node)
        if kind is _TEXT_T:
            out.append(_field(node, _TEXT_T, _TEXT_TEXT))
        elif kind is _LINK_T:
            children = _field(node, _LINK_T, _LINK_CHILDREN)
            if len(children) == 1 and type(first := children[0]) is _TEXT_T:  # the common link
                out.append(_field(first, _TEXT_T, _TEXT_TEXT))
            elif children:
                _collect(children, out)
            else:
                out.append(node.target)
        elif kind is _REFMARKER_T:     # invisible, and common: checked before the rarer kinds
            continue
        elif kind is _BOLD_T:
            _collect(_field(node, _BOLD_T, _BOLD_CHILDREN), out)
        elif kind is _ITALIC_T:
            _collect(_field(node, _ITALIC_T, _ITALIC_CHILDREN), out)
        elif kind is Span:
            _collect(node.children, out)
        elif kind is ExtLink:
            if node.children:
                _collect(node.children, out)
        elif kind is LineBreak:
            out.append(_BR)
        elif kind is Math:
            tex = node.tex.strip()
            if tex:
                out.append(f"${tex}$")
        elif kind is Code:
            out.append(node.text)
        # anything unknown: invisible


def raw_inline(inlines: Iterable[Inline]) -> str:
    """Visible text before cleaning; LineBreaks as "\\x00"."""
    return _raw_inline(inlines)


@cython.cfunc  # (compiled, a C call from `_inline_text` and `_inline_lines`: one per container)
def _raw_inline(inlines: Iterable[Inline]) -> str:
    """`raw_inline`."""
    if type(inlines) is list and len(inlines) == 1 and type(inlines[0]) is _TEXT_T:
        return _field(inlines[0], _TEXT_T, _TEXT_TEXT)
    out: list[str] = []
    _collect(inlines, out)
    return "".join(out)


def inline_lines(inlines: Iterable[Inline], split_newlines: bool = False) -> list[str]:
    """The cleaned, non-empty lines of some inline content (LineBreak starts a line).

    `split_newlines` also breaks at source newlines (infobox values: "several lines")."""
    return _inline_lines(inlines, split_newlines)


@cython.cfunc  # (compiled, a C call from `_list_lines`)
def _inline_lines(inlines: Iterable[Inline], split_newlines: cython.bint) -> list[str]:
    """`inline_lines`."""
    raw = _raw_inline(inlines)
    if split_newlines:
        raw = raw.replace("\n", _BR)
    line = _one_line(raw)
    if line is None:
        return _split_lines(raw)
    return [line] if line else []


@cython.cfunc
def _split_lines(raw: str) -> list[str]:
    """The cleaned, non-empty lines of `raw` cut at each `_BR`."""
    lines: list[str] = []
    for part in raw.split(_BR):
        line = _clean_line(part)
        if line:
            lines.append(line)
    return lines


def inline_text(inlines: Iterable[Inline], sep: str = "\n") -> str:
    """Cleaned inline text, its lines joined by `sep`: `sep.join(inline_lines(inlines))`
    without the list for the common content of one line."""
    return _inline_text(inlines, sep)


@cython.cfunc  # (compiled, a C call from this module's callers: paragraphs, cells, headings)
def _inline_text(inlines: Iterable[Inline], sep: str) -> str:
    """`inline_text`."""
    raw = _raw_inline(inlines)
    line = _one_line(raw)
    return sep.join(_split_lines(raw)) if line is None else line


@cython.cfunc
def _one_line(raw: str) -> str | None:
    """`clean_line(raw)` when `raw` holds no `_BR` (the common case), None when it does."""
    if _scans(raw):
        found: cython.int = _scan(raw)   # the `_BR` test, the fold test and the NFC test in one
        return None if found & _BREAK else _clean_scanned(raw, found)
    return None if _BR in raw else _clean_scanned(raw, _UNSCANNED)


def heading_text(heading: Heading) -> str:
    return _heading_text(heading)


@cython.cfunc  # (compiled, a C call from `section_layout`: one per section)
def _heading_text(heading: Heading) -> str:
    """`heading_text`."""
    return _inline_text(heading.children, " ")


# ---------------------------------------------------------------- tables

LinesFn = Callable[..., list[str]]
"""Turns inline content into cleaned lines: `inline_lines` here, Markdown's in markdown.py."""


def cell_text(cell: TableCell, lines_fn: LinesFn | None = None,
              infoboxes: list[Infobox] | None = None) -> str:
    """A table cell on one line: its lines, list items, nested cells joined with "; ".
    `infoboxes`, when given, collects the infoboxes met inside the cell, in order."""
    blocks = cell.blocks
    if len(blocks) == 1 and type(blocks[0]) is Paragraph:   # the common cell
        if lines_fn is None or lines_fn is inline_lines:
            return _inline_text(blocks[0].children, "; ")
        return "; ".join(lines_fn(blocks[0].children))
    parts: list[str] = []
    for block in blocks:
        flat_lines(block, parts, lines_fn or inline_lines, infoboxes)
    return "; ".join(parts)


@dataclass(slots=True)
class TableLayout:
    """A table's grid with spans expanded, and how many leading rows are header rows."""

    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0


_TAIL = "\x00colspan tail"
"""Fills the slots a colspan covers after its first while a table is laid out (told apart from
cell texts by identity; the output has "" there)."""


def table_layout(table: Table, cell_fn: Callable[[TableCell], str] = cell_text) -> TableLayout:
    """Place every cell where it belongs (FORMAT.md rule 6).

    colspan: text in the first column, "" in the others; rowspan: text in every row it covers
    (clipped at the table's end; 0 means "to the end", as in HTML). Every row gets the full
    width. Rows with no cells and nothing spanning into them are dropped. Columns in which
    no cell starts (only colspan tails) are left out."""
    return _table_layout(table, cell_fn, None)


@cython.cfunc  # (compiled, a C call: one per text table cell, instead of a Python call)
def _text_cell(cell: TableCell, infoboxes: list[Infobox]) -> str:
    """`cell_text` for the text renderer, collecting the infoboxes met inside the cell (so
    JSON's `infoboxes` needs no second walk through every cell)."""
    blocks = _field(cell, _TABLE_CELL_T, _CELL_BLOCKS)
    if len(blocks) == 1 and type(blocks[0]) is _PARAGRAPH_T:   # the common cell
        return _inline_text(_field(blocks[0], _PARAGRAPH_T, _PARAGRAPH_CHILDREN), "; ")
    return cell_text(cell, None, infoboxes)


@cython.cfunc  # (compiled, a C call with C ints for its positions: one per table)
@cython.locals(nrows=cython.Py_ssize_t, r=cython.Py_ssize_t, c=cython.Py_ssize_t,
               end=cython.Py_ssize_t, rr=cython.Py_ssize_t, k=cython.Py_ssize_t,
               spans=cython.bint, tails=cython.bint, counting_headers=cython.bint)
def _table_layout(table: Table, cell_fn: Callable[[TableCell], str] | None,
                  infoboxes: list[Infobox] | None) -> TableLayout:
    """`table_layout`; `cell_fn` None: the text renderer's cells (`_text_cell`), the
    infoboxes inside them appended to `infoboxes`."""
    rows = table.rows
    nrows = len(rows)
    grid: list[list[str | None]] = [[] for _ in range(nrows)]
    spans = tails = False
    for r, row in enumerate(rows):
        line = grid[r]
        c = 0
        for cell in _field(row, _TABLE_ROW_T, _ROW_CELLS):
            cs = _field(cell, _TABLE_CELL_T, _CELL_COLSPAN)
            rs = _field(cell, _TABLE_CELL_T, _CELL_ROWSPAN)
            if c == len(line) and cs == 1 and rs == 1:
                # the common cell: the next slot of its row
                line.append(_text_cell(cell, infoboxes) if cell_fn is None else cell_fn(cell))
                c += 1
                continue
            while c < len(line) and line[c] is not None:
                c += 1
            text = _text_cell(cell, infoboxes) if cell_fn is None else cell_fn(cell)
            if cs == 1 and rs == 1:
                if c == len(line):
                    line.append(text)
                else:
                    line[c] = text
                c += 1
                continue
            spans = True
            cs = cs if 1 <= cs <= MAX_COLSPAN else (1 if cs < 1 else MAX_COLSPAN)
            rs = nrows - r if rs <= 0 else min(rs, nrows - r)
            end = c + cs
            tails = tails or cs > 1
            for rr in range(r, r + rs):
                target = grid[rr]
                if len(target) < end:
                    target.extend([None] * (end - len(target)))
                target[c] = text
                for k in range(c + 1, end):
                    target[k] = _TAIL
            c = end
    width = max(map(len, grid), default=0)
    keep = _started_columns(grid, width) if tails else None
    out: list[list[str]] = []
    header_rows = 0
    counting_headers = True
    for row, line in zip(rows, grid):
        if not row.cells and all(v is None for v in line):
            continue
        if keep is not None:
            cells = [line[i] if i < len(line) and line[i] is not None and line[i] is not _TAIL
                     else "" for i in keep]
        else:
            # without spans the row holds nothing but its cells' texts: it is the output row
            cells = [v if v is not None and v is not _TAIL else "" for v in line] if spans else line
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
        out.append(cells)
        if counting_headers:
            if row.cells and all(cell.header for cell in row.cells):
                header_rows += 1
            else:
                counting_headers = False
    return TableLayout(out, header_rows)


def _started_columns(grid: list[list[str | None]], width: int) -> list[int] | None:
    """The columns in which some cell starts (a cell's own slot keeps its text; only colspan
    tails and empty slots hold something else), None when that is all of them."""
    started = [c for c in range(width)
               if any(c < len(line) and line[c] is not None and line[c] is not _TAIL for line in grid)]
    return started if len(started) < width else None


def table_grid(table: Table, cell_fn: Callable[[TableCell], str] = cell_text) -> list[list[str]]:
    """Rows of cell texts, spans expanded, every row of full width."""
    return table_layout(table, cell_fn).rows


def caption_text(table: Table) -> str:
    return _inline_text(table.caption, "; ") if table.caption else ""


def table_row_line(cells: list[str]) -> str:
    """`| a | b |`; an empty cell is `| |`."""
    return _row_line(cells)


@cython.cfunc  # (compiled, a C call: one per text table row)
def _row_line(cells: list[str]) -> str:
    """`table_row_line`."""
    if "" in cells:
        return "|" + "".join([f" {t} |" if t else " |" for t in cells])
    return f"| {' | '.join(cells)} |" if cells else "|"


# Layouts of the block tables rendered by the last `page_layout`, for JSON's `tables` (which
# would otherwise lay every table out a second time), with the infoboxes inside their cells
# (for JSON's `infoboxes`, which would otherwise walk every cell). Keyed by id, holding the
# table itself.
_TABLES: dict[int, tuple[Table, int, TableLayout, list[Infobox]]] = {}
# The same for the block infoboxes' field rows (JSON's `infoboxes`).
_INFOBOXES: dict[int, tuple[Infobox, int, list[tuple[str, str]]]] = {}


def text_table_layout(table: Table) -> TableLayout:
    """`table_layout(table)` with the default cells: the text renderer's, handed over (taken
    out of `_TABLES`, so that no two callers get the same row lists), when it has one."""
    got = _TABLES.pop(id(table), None)
    if got is not None and got[0] is table and got[1] == len(table.rows):
        return got[2]
    return table_layout(table)


def text_cell_infoboxes(table: Table) -> list[Infobox] | None:
    """The infoboxes inside the table's cells (nested tables' too) in document order, when the
    text renderer has them from rendering the table; None otherwise."""
    got = _TABLES.get(id(table))
    if got is not None and got[0] is table and got[1] == len(table.rows):
        return got[3]
    return None


def _table(table: Table) -> str:
    lines: list[str] = []
    caption = caption_text(table)
    if caption:
        lines.append(caption)
    infoboxes: list[Infobox] = []
    layout = _table_layout(table, None, infoboxes)
    if len(_TABLES) < 1024:
        _TABLES[id(table)] = (table, len(table.rows), layout, infoboxes)
    for row in layout.rows:
        lines.append(_row_line(row))
    return "\n".join(lines)


# ---------------------------------------------------------------- infobox

def key_label(key: str) -> str:
    """`first_secretary` -> `First Secretary` (other scripts stay as written)."""
    return " ".join(w[:1].upper() + w[1:] for w in key.replace("_", " ").split())


def infobox_title_field(box: Infobox) -> int | None:
    """Index of the field the title came from (`Infobox.title_key`, chosen by the parser),
    when its text is the title: that field is not repeated as a row."""
    if box.title_key is None:
        return None
    for i, f in enumerate(box.fields):
        if f.key == box.title_key:
            return i if field_value(f.value) == clean_line(box.title) else None
    return None


def field_value(value: list[Inline], lines_fn: LinesFn | None = None) -> str:
    """An infobox value on one line: its lines and `<br>` parts joined with ", "."""
    return ", ".join((lines_fn or inline_lines)(value, split_newlines=True))


def infobox_rows(box: Infobox, lines_fn: LinesFn | None = None) -> list[tuple[str, str]]:
    """(label, value) rows in source order: non-empty values, the title field left out."""
    skip = infobox_title_field(box)
    rows = []
    for i, f in enumerate(box.fields):
        if i == skip:
            continue
        value = field_value(f.value, lines_fn)
        if value:
            rows.append((clean_line(f.label) or key_label(f.key), value))
    return rows


def infobox_fields(box: Infobox) -> list[tuple[str, str]]:
    """(label, value) of every field in source order, the value in the text layout ("" when it
    shows nothing); the text renderer's own when it rendered this infobox (JSON lists them)."""
    got = _INFOBOXES.get(id(box))
    if got is not None and got[0] is box and got[1] == len(box.fields):
        return got[2]
    return _field_rows(box)


def _field_rows(box: Infobox) -> list[tuple[str, str]]:
    return [(clean_line(f.label) or key_label(f.key), field_value(f.value)) for f in box.fields]


def _infobox(box: Infobox) -> str:
    rows = _field_rows(box)
    if len(_INFOBOXES) < 1024:
        _INFOBOXES[id(box)] = (box, len(box.fields), rows)
    lines = []
    title = clean_line(box.title)
    if title:
        lines.append(title)
    skip = None     # `infobox_title_field`, from the values at hand
    if box.title_key is not None:
        for i, f in enumerate(box.fields):
            if f.key == box.title_key:
                skip = i if rows[i][1] == title else None
                break
    lines.extend([f"- {label}: {value}" for i, (label, value) in enumerate(rows)
                  if value and i != skip])
    return "\n".join(lines)


# ---------------------------------------------------------------- other blocks

def _paragraph(p: Paragraph) -> str:
    return _inline_text(p.children, "\n")


def preformatted_lines(pre: Preformatted) -> list[str]:
    """Lines kept as written (no-break spaces made plain, trailing space cut, NFC)."""
    raw = raw_inline(pre.children).replace(_BR, "\n").translate(_NBSP)
    return [nfc(line.rstrip()) for line in raw.split("\n")]


def _preformatted(pre: Preformatted) -> str:
    return "\n".join([line for line in preformatted_lines(pre) if line])


def math_tex(tex: str) -> str:
    return clean_line(tex)


def _math_block(m: MathBlock) -> str:
    tex = math_tex(m.tex)
    return f"$${tex}$$" if tex else ""


def _list(lst: ListBlock) -> str:
    return _list_text(lst)


@cython.cfunc  # (compiled, a C call from `_block_text`)
def _list_text(lst: ListBlock) -> str:
    """`_list`."""
    lines: list[str] = []
    _list_lines(lst, 0, lines)
    return "\n".join(lines)


@cython.cfunc  # (compiled, a C call: one per list and nested list)
def _list_lines(lst: ListBlock, depth: cython.Py_ssize_t, out: list[str]) -> None:
    indent = "  " * depth
    more = f"\n{indent}  "      # between an item's lines
    number = 0
    for item in _field(lst, _LIST_BLOCK_T, _LIST_ITEMS):
        kind = _field(item, _LIST_ITEM_T, _ITEM_KIND)
        if kind == "ordered":
            number += 1
            marker = f"{number}."
        elif kind == "bullet":
            marker = "-"
        else:
            marker = ""
        # the item's lines, the ones after the first indented one level more (one string,
        # no list of lines: `out` is only joined with newlines)
        text = _inline_text(_field(item, _LIST_ITEM_T, _ITEM_CHILDREN), more)
        blocks = _field(item, _LIST_ITEM_T, _ITEM_BLOCKS)
        if text:
            out.append(f"{indent}{marker} {text}" if marker else indent + text)
        elif marker and not blocks:
            out.append(indent + marker)
        for block in blocks:
            if type(block) is _LIST_BLOCK_T:
                _list_lines(block, depth + 1, out)
            else:
                text = _block_text(block)
                if text:
                    out.extend([indent + line for line in text.split("\n") if line])


def _block_quote(q: BlockQuote) -> str:
    return "\n\n".join([t for t in map(block_text, q.blocks) if t])


def _heading(h: Heading) -> str:
    return heading_text(h)


def _nothing(_block: Block) -> str:
    return ""


_BLOCK_TEXT: dict[type, Callable[[Block], str]] = {
    Paragraph: _paragraph,
    ListBlock: _list,
    Table: _table,
    Infobox: _infobox,
    Preformatted: _preformatted,
    MathBlock: _math_block,
    BlockQuote: _block_quote,
    Heading: _heading,
    HorizontalRule: _nothing,
}


def block_text(block: Block) -> str:
    """A block in the text layout ("" when nothing of it is visible)."""
    return _block_text(block)


@cython.cfunc  # (compiled, a C call; paragraphs and lists, most blocks, without the dispatch)
def _block_text(block: Block) -> str:
    """`block_text`."""
    kind = type(block)
    if kind is _PARAGRAPH_T:
        return _inline_text(_field(block, _PARAGRAPH_T, _PARAGRAPH_CHILDREN), "\n")
    if kind is _LIST_BLOCK_T:
        return _list_text(block)
    fn = _BLOCK_TEXT.get(kind)
    return fn(block) if fn else ""


def flat_lines(block: Block, out: list[str], lines_fn: LinesFn = inline_lines,
               infoboxes: list[Infobox] | None = None) -> None:
    """Append a block's visible lines, with no markers or layout (for a single table cell).
    `infoboxes`, when given, collects the infoboxes met on the way, in document order."""
    kind = type(block)
    if kind is Paragraph or kind is Heading:
        out.extend(lines_fn(block.children))
    elif kind is ListBlock:
        for item in block.items:
            out.extend(lines_fn(item.children))
            for sub in item.blocks:
                flat_lines(sub, out, lines_fn, infoboxes)
    elif kind is Table:
        if block.caption:
            out.extend(lines_fn(block.caption))
        for row in table_grid(block, lambda c: cell_text(c, lines_fn, infoboxes)):
            out.extend(t for t in row if t)
    elif kind is Infobox:
        if infoboxes is not None:
            infoboxes.append(block)
        title = clean_line(block.title)
        if title:
            out.append(title)
        out.extend(f"{label}: {value}" for label, value in infobox_rows(block, lines_fn))
    elif kind is Preformatted:
        out.extend(line.strip() for line in preformatted_lines(block) if line.strip())
    elif kind is MathBlock:
        text = _math_block(block)
        if text:
            out.append(text)
    elif kind is BlockQuote:
        for sub in block.blocks:
            flat_lines(sub, out, lines_fn, infoboxes)


# ---------------------------------------------------------------- sections

@dataclass(slots=True)
class Section:
    """A heading (None for the lead) and the blocks up to the next heading; `level` is the
    heading's (1 for the lead), set by `split_sections` (a field, not a property: every
    renderer reads it often)."""

    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)
    level: int = 1


@cython.cfunc  # (compiled, a C call: one per section)
@cython.locals(t=type)
def _new_section(heading: Heading | None, blocks: list[Block], level: int) -> Section:
    """`Section(heading, blocks, level)` without the dataclass's interpreted `__init__` (as
    parser.nodes makes model nodes: a direct tp_new call, then the slots)."""
    t = Section
    section = t.__new__(t)
    section.heading = heading
    section.blocks = blocks
    section.level = level
    return section


def split_sections(blocks: Iterable[Block]) -> list[Section]:
    """The lead first (always present), then one Section per top-level Heading."""
    body: list[Block] = []
    sections = [_new_section(None, body, 1)]
    for block in blocks:
        if type(block) is Heading:
            body = []
            sections.append(_new_section(block, body, block.level))
        else:
            body.append(block)
    return sections


@cython.locals(i=cython.Py_ssize_t)
def kept_sections(sections: list[Section], has_content: list[bool]) -> list[bool]:
    """FORMAT.md rule 3: a section shows when it, or any subsection of it, has content.

    One pass with a stack of open ancestors; marking stops at an already-marked ancestor
    (everything below it on the stack was marked at the same time)."""
    keep = [False] * len(sections)
    keep[0] = True  # the lead has no heading to omit
    levels = [section.level for section in sections]    # (one attribute look-up per section)
    stack: list[int] = []
    for i in range(1, len(sections)):
        level = levels[i]
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        if has_content[i]:
            keep[i] = True
            for j in reversed(stack):
                if keep[j]:
                    break
                keep[j] = True
        stack.append(i)
    return keep


def section_body(section: Section) -> str:
    """A section's own blocks in the text layout, separated by one blank line."""
    return _section_body(section)


@cython.cfunc  # (compiled, a C call from `section_layout`: one per section)
def _section_body(section: Section) -> str:
    """`section_body`."""
    parts: list[str] = []
    for block in section.blocks:
        text = _block_text(block)
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def heading_line(level: int, text: str) -> str:
    return _heading_line(level, text)


@cython.cfunc  # (compiled, a C call from `assemble_text`: one per section)
def _heading_line(level: int, text: str) -> str:
    """`heading_line`."""
    marks = "=" * max(1, level)
    return f"{marks} {text} {marks}" if text else f"{marks} {marks}"


def title_line(title: str | None) -> str:
    title = clean_line(title) if title else ""
    return f"= {title} =" if title else ""


@dataclass(slots=True)
class SectionLayout:
    """The page cut into sections, each with its heading's text (None for the lead), its body
    text and whether the text shows it."""

    sections: list[Section]
    titles: list[str | None]
    bodies: list[str]
    keep: list[bool]


def section_layout(doc: Document) -> SectionLayout:
    """Render each section's own blocks once; text, JSON `sections` and `text` share it."""
    sections = split_sections(doc.blocks)
    titles = [None if s.heading is None else _heading_text(s.heading) for s in sections]
    bodies = [_section_body(s) for s in sections]
    return SectionLayout(sections, titles, bodies, kept_sections(sections, [bool(b) for b in bodies]))


def assemble_text(title: str | None, layout: SectionLayout) -> str:
    """Title line, kept sections; exactly one final newline ("" when there is nothing)."""
    chunks: list[str] = []
    head = title_line(title)
    if head:
        chunks.append(head)
    for section, title_text, body, kept in zip(layout.sections, layout.titles, layout.bodies,
                                               layout.keep):
        if not kept:
            continue
        if title_text is None:
            if body:
                chunks.append(body)
            continue
        line = _heading_line(section.level, title_text)
        chunks.append(f"{line}\n{body}" if body else line)
    return "\n\n".join(chunks) + "\n" if chunks else ""


@dataclass(slots=True)
class _Rendered:
    """The page `page_layout` rendered last, and which renderers ("text", "json") have read it."""

    doc: Document
    blocks: list[Block]
    count: int
    title: str | None
    layout: SectionLayout
    text: str
    readers: set[str]


# The page being rendered: `doc.text()` and `doc.to_dict()` (either order) on the same Document
# render its sections once. Reused only for the same Document object with the same `blocks`
# list of the same length and the same title; a caller who edits nodes inside the tree between
# two calls and wants a fresh rendering replaces `doc.blocks` (or calls `forget_layout()`).
# Forgotten as soon as both renderers have read it (`done_with`): holding the page's model
# until the next page is rendered would free it only then, long out of the caches, and make
# the next page's parse take fresh memory instead of the memory it leaves (parse, text and
# JSON of a page, one page after the other, are some 4 % faster without that).
_LAST: list[_Rendered | None] = [None]


def forget_layout() -> None:
    _LAST[0] = None
    _TABLES.clear()
    _INFOBOXES.clear()


@gc_paused
def page_layout(doc: Document, reader: str) -> tuple[SectionLayout, str]:
    """(section layout, assembled text) of the page, shared by the text and JSON renderers;
    `reader` ("text" or "json") says which is asking."""
    blocks = doc.blocks
    last = _LAST[0]
    if (last is not None and last.doc is doc and last.blocks is blocks and last.count == len(blocks)
            and last.title == doc.title):
        last.readers.add(reader)
        return last.layout, last.text
    _TABLES.clear()
    _INFOBOXES.clear()
    layout = section_layout(doc)
    text = assemble_text(doc.title, layout)
    _LAST[0] = _Rendered(doc, blocks, len(blocks), doc.title, layout, text, {reader})
    return layout, text


def done_with(doc: Document) -> None:
    """A renderer is done with `doc`'s layout: forget it once both renderers have read it."""
    last = _LAST[0]
    if last is not None and last.doc is doc and len(last.readers) > 1:
        forget_layout()


def to_text(doc: Document) -> str:
    """The whole page in the seed layout; ends with exactly one newline ("" when empty)."""
    text = page_layout(doc, "text")[1]
    done_with(doc)
    return text
