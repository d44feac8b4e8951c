"""Wikitext tables (`{|` … `|}`), as MediaWiki's doTableStuff reads them.

Lines are grouped into caption, rows and cells; a cell's content (the rest of its line and
the lines up to the next table line, nested tables included) is parsed as blocks, by the
block pass (blocks._parse_table: a cell's parse is then a C call)."""
from __future__ import annotations

import re
from dataclasses import dataclass

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import Block, Table, TableCell
from unwiki.parser.html import parse_attrs, span_number

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import new_span_cell, new_table_cell, new_table_row
else:
    from unwiki.parser.nodes import new_span_cell, new_table_cell, new_table_row

TABLE_START_RE = re.compile(r"^[ \t]*(:*)[ \t]*\{\|")
_TABLE_LINE_FIRST = frozenset("|{:")   # how a table's closing or nested opening line starts
# The blocks of a cell read but not parsed yet: blocks._parse_table gives every cell of the draft its
# own list (so that a cell with content does not get an empty list first, then its blocks).
_UNPARSED: list[Block] = []


def table_end(lines: list[str], start: int) -> tuple[int, bool]:
    """Index after the line that closes the table opened at `start`, and whether it closed."""
    depth = 0
    for k in range(start, len(lines)):
        s = lines[k]
        c = s[:1]
        if c not in _TABLE_LINE_FIRST:   # only the first non-blank character counts
            if not c.isspace():
                continue
            s = s.lstrip()
            c = s[:1]
        if c == "|":
            if s[1:2] == "}":
                depth -= 1
                if depth == 0:
                    return k + 1, True
        elif (c == "{" or c == ":") and TABLE_START_RE.match(s):
            depth += 1
    return len(lines), False


def _caption_content(part: str) -> str:
    """The content of `attrs | content` or of just `content` (a `[[` or `-{` before the pipe
    means no attributes); a caption's attributes show nothing, so they are not parsed."""
    bar = part.find("|")
    if bar < 0:
        return part
    head = part[:bar]
    if "[[" in head or "-{" in head:
        return part
    return part[bar + 1:]


@cython.cfunc  # (compiled, a C call: a page has thousands of cells)
@cython.locals(bar=cython.Py_ssize_t)
def _new_cell(part: str, header: cython.bint) -> tuple:
    """A cell for one `||`-separated part of a table line, and its (stripped) first line.
    Only colspan and rowspan are read from its attributes, so attributes naming neither
    (most: `style=…`, `align=…`) are not parsed at all."""
    bar = part.find("|")
    if bar < 0:
        return new_table_cell(header, _UNPARSED), part.strip()
    head: str = part[:bar]
    if "[[" in head or "-{" in head:            # as _split_cell: no attributes
        return new_table_cell(header, _UNPARSED), part.strip()
    content: str = part[bar + 1:].strip()
    if "span" not in head.lower():
        return new_table_cell(header, _UNPARSED), content
    cattrs = parse_attrs(head)
    return (new_span_cell(header, span_number(cattrs.get("colspan")), span_number(cattrs.get("rowspan")),
                          _UNPARSED),
            content)


@dataclass(slots=True)
class TableDraft:
    """A table read off its lines, nothing parsed yet (so nothing reported or registered)."""

    table: Table
    stray: list[str]                        # lines outside any cell, shown before the table
    caption: list[str] | None
    cells: list[TableCell]
    # Each cell's content, parsed once the table is read (so nested tables come whole): the
    # rest of its table line (most cells), or once lines up to the next table line follow
    # it, the list of these lines.
    contents: list[str | list[str]]
    after: str                              # text after `|}` on its line
    end: int                                # index of the line after the table
    closed: bool                            # whether a `|}` closed it


@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, c=cython.Py_UCS4, c2=cython.Py_UCS4,
               header=cython.bint, raw=str, s=str, body=str, part=str, content=str,
               target=list, stray=list, cells=list, contents=list, rows=list, row_cells=list,
               parts=list)
def read_table(lines: list[str], start: int) -> TableDraft:
    """The table opened on lines[start], read up to the line that closes it (found on the way:
    nested tables are skipped whole, as table_end counts them).

    Compiled, the first two characters of a line are C characters (NUL for none: a line's
    control characters are gone by now) and the lists are typed, so that a line costs a
    strip and a few C tests."""
    first = TABLE_START_RE.match(lines[start])
    attrs = parse_attrs(lines[start][first.end():] if first else "")
    table = Table(attrs=attrs)
    rows = table.rows
    stray = []
    caption: list[str] | None = None
    cells = []
    contents = []
    target = stray              # where lines outside table markup go; None: to the last cell
    row_cells = None
    k = start + 1
    n = len(lines)
    while k < n:
        raw = lines[k]
        s = raw.strip()
        c = s[0] if s else "\0"
        if c == "|":
            c2 = s[1] if len(s) > 1 else "\0"
            if c2 == "}":
                return TableDraft(table, stray, caption, cells, contents, s[2:], k + 1, True)
            if c2 == "-":
                row_cells = None
                target = stray
                k += 1
                continue
            if c2 == "+":
                content = _caption_content(s[2:])
                if caption is None:
                    caption = []
                elif content.strip():
                    caption.append("<br>")
                caption.append(content.strip())
                target = caption
                k += 1
                continue
            header = False
            body = s[1:]
        elif c == "!":
            header = True
            body = s[1:].replace("!!", "||")
        elif (c == "{" and s[1:2] == "|") or (c == ":" and TABLE_START_RE.match(s)):
            end, _closed = table_end(lines, k)
            if target is None:
                target = _cell_lines(contents)
            target.extend(lines[k:end])
            k = end
            continue
        else:
            if target is None:
                target = _cell_lines(contents)
            target.append(raw)
            k += 1
            continue
        if row_cells is None:
            row = new_table_row()
            rows.append(row)
            row_cells = row.cells
        parts = body.split("||") if "||" in body else [body]
        for part in parts:
            if "|" in part:
                cell, content = _new_cell(part, header)
            else:                                   # no attributes: the common cell
                cell, content = new_table_cell(header, _UNPARSED), part.strip()
            row_cells.append(cell)
            cells.append(cell)
            contents.append(content)
        target = None
        k += 1
    return TableDraft(table, stray, caption, cells, contents, "", n, False)


@cython.cfunc  # (compiled, a C call)
def _cell_lines(contents: list) -> list:
    """The last cell's content made a list of lines (a second line follows its first), which
    the lines up to the next table line are then appended to."""
    cell_lines = [contents[-1]]
    contents[-1] = cell_lines
    return cell_lines
