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
        line = lines[k]
        if "|}" not in line and "{|" not in line:   # neither test below can pass
            continue
        s = line.lstrip()
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


def _new_cell(part: str, header: bool) -> tuple[TableCell, str]:
    """A cell for one `||`-separated part of a table line, and its (stripped) first line."""
    bar = part.find("|")
    if bar < 0:
        return TableCell(header=header), part.strip()
    cattrs, content = _split_cell(part)
    if not cattrs:
        return TableCell(header=header), content.strip()
    return (TableCell(header=header, colspan=span_number(cattrs.get("colspan")),
                      rowspan=span_number(cattrs.get("rowspan"))), content.strip())


def parse_table(lines: list[str], st: ParseState) -> tuple[list[Block], Table, str]:
    """(stray blocks shown before the table, the table, text after `|}` on its line)."""
    first = TABLE_START_RE.match(lines[0])
    attrs = parse_attrs(lines[0][first.end():] if first else "")
    table = Table(attrs=attrs)
    rows = table.rows
    stray: list[str] = []
    caption: list[str] | None = None
    # Each cell with the lines of its content: the rest of its table line, then the lines up
    # to the next table line. Parsed once the table is read, so nested tables come whole.
    cells: list[tuple[TableCell, list[str]]] = []
    target: list[str] = stray
    row_cells: list[TableCell] | None = None
    after = ""
    k = 1
    n = len(lines)
    while k < n:
        raw = lines[k]
        s = raw.strip()
        c = s[:1]
        if c == "|":
            c2 = s[1:2]
            if c2 == "}":
                after = s[2:]
                break
            if c2 == "-":
                row_cells = None
                target = stray
                k += 1
                continue
            if c2 == "+":
                _attrs, content = _split_cell(s[2:])
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
            target.extend(lines[k:end])
            k = end
            continue
        else:
            target.append(raw)
            k += 1
            continue
        if row_cells is None:
            row = TableRow()
            rows.append(row)
            row_cells = row.cells
        for part in (body.split("||") if "||" in body else (body,)):
            cell, content = _new_cell(part, header)
            row_cells.append(cell)
            target = [content]
            cells.append((cell, target))
        k += 1
    if caption is not None:
        text = "\n".join(caption).strip()
        table.caption = st.inline(text) if text else None
    blocks = st.blocks
    for cell, cell_lines in cells:
        if len(cell_lines) == 1:
            content = cell_lines[0]
            if content:
                cell.blocks = blocks(content)
        else:
            content = "\n".join(cell_lines)
            if content.strip():
                cell.blocks = blocks(content)
    table.rows = [r for r in rows if r.cells]
    before = st.blocks("\n".join(stray)) if any(x.strip() for x in stray) else []
    return before, table, after
