"""Wikitext tables (`{|` … `|}`), as MediaWiki's doTableStuff reads them.

Lines are grouped into caption, rows and cells; a cell's content (the rest of its line and
the lines up to the next table line, nested tables included) is parsed as blocks."""
from __future__ import annotations

import re

from unwiki.model import Block, Table, TableCell, TableRow
from unwiki.parser.html import parse_attrs, span_number
from unwiki.parser.state import ParseState

TABLE_START_RE = re.compile(r"^[ \t]*(:*)[ \t]*\{\|")


def table_end(lines: list[str], start: int) -> tuple[int, bool]:
    """Index after the line that closes the table opened at `start`, and whether it closed."""
    depth = 0
    for k in range(start, len(lines)):
        s = lines[k].lstrip()
        if s.startswith("|}"):
            depth -= 1
            if depth == 0:
                return k + 1, True
        elif (s.startswith("{|") or s.startswith(":")) and TABLE_START_RE.match(s):
            depth += 1
    return len(lines), False


def _split_cell(part: str) -> tuple[dict[str, str], str]:
    """`attrs | content` or just `content` (a `[[` or `-{` before the pipe means no attributes)."""
    bar = part.find("|")
    if bar < 0:
        return {}, part
    head = part[:bar]
    if "[[" in head or "-{" in head:
        return {}, part
    return parse_attrs(head), part[bar + 1:]


class _Cell:
    __slots__ = ("cell", "lines")

    def __init__(self, cell: TableCell, first: str) -> None:
        self.cell = cell
        self.lines = [first]


def parse_table(lines: list[str], st: ParseState) -> tuple[list[Block], Table, str]:
    """(stray blocks shown before the table, the table, text after `|}` on its line)."""
    first = TABLE_START_RE.match(lines[0])
    attrs = parse_attrs(lines[0][first.end():] if first else "")
    table = Table(attrs=attrs)
    stray: list[str] = []
    caption: list[str] | None = None
    cells: list[_Cell] = []
    target: list[str] = stray
    row: TableRow | None = None
    after = ""
    k = 1
    n = len(lines)
    while k < n:
        raw = lines[k]
        s = raw.strip()
        if s.startswith("{|") or (s.startswith(":") and TABLE_START_RE.match(s)):
            end, _closed = table_end(lines, k)
            target.extend(lines[k:end])
            k = end
            continue
        if s.startswith("|}"):
            after = s[2:]
            break
        if s.startswith("|-"):
            row = None
            target = stray
        elif s.startswith("|+"):
            _attrs, content = _split_cell(s[2:])
            if caption is None:
                caption = []
            elif content.strip():
                caption.append("<br>")
            caption.append(content.strip())
            target = caption
        elif s[:1] in ("|", "!"):
            header = s[0] == "!"
            body = s[1:]
            if header:
                body = body.replace("!!", "||")
            if row is None:
                row = TableRow()
                table.rows.append(row)
            for part in body.split("||"):
                cattrs, content = _split_cell(part)
                cell = TableCell(header=header, colspan=span_number(cattrs.get("colspan")),
                                 rowspan=span_number(cattrs.get("rowspan")))
                row.cells.append(cell)
                holder = _Cell(cell, content.strip())
                cells.append(holder)
                target = holder.lines
        else:
            target.append(raw)
        k += 1
    if caption is not None:
        text = "\n".join(caption).strip()
        table.caption = st.inline(text) if text else None
    for holder in cells:
        content = "\n".join(holder.lines)
        if content.strip():
            holder.cell.blocks = st.blocks(content)
    table.rows = [r for r in table.rows if r.cells]
    before = st.blocks("\n".join(stray)) if any(x.strip() for x in stray) else []
    return before, table, after
