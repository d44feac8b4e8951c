"""Markdown renderer (CommonMark + GFM pipe tables), on the text layout's structure.

Same sections, omission rule, table grids and infobox rows as text.py (its helpers do the
work); what differs is markup. Choices:
- `# Title`, then `##`… per source level; a blank line after every heading and block.
- `**bold**`, `*italic*`; an internal link shows its text; an external link with a label is
  `[label](url)`, a bare `[http://x]` nothing; `$tex$`, `$$tex$$`; inline code in backticks.
- A `<br>` is a hard line break (a line ending in `\\`).
- Text characters that would turn into markup are escaped: `\\ ` * _ [ ] < $ ~` everywhere,
  `|` in table cells, and a line-leading `#`, `>`, `+`, `-`, `=` or `1.`/`1)`.
- Lists: `-` / `1.`; nested lists are indented to the parent item's text (CommonMark's rule,
  so `1. ` nests by three spaces); `;term` is a `**term**` line, `:` lines are plain lines,
  consecutive plain lines joined by hard breaks.
- Tables: GFM allows one header row. The first header row is the header; more header rows
  follow the `---` separator with bold cells; a table without header rows gets an empty
  header row (its first data row is not promoted to a header). Caption: a line before it.
- Infobox: its title as a `**bold**` line, then a `| Key | Value |` table.
- Preformatted text: a fenced block (with the language for code), blank lines kept.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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
    Math,
    MathBlock,
    Paragraph,
    Preformatted,
    RefMarker,
    Span,
    Table,
    TableCell,
    Text,
)
from unwiki.render.text import (
    cell_text,
    clean_line,
    infobox_rows,
    kept_sections,
    math_tex,
    preformatted_lines,
    split_sections,
    table_layout,
    table_row_line,
)

_BR = "\x00"
_ESCAPE = re.compile(r"[\\`*_\[\]<$~]")
_LEAD = re.compile(r"[#>+\-=]|\d{1,9}[.)]")


def _backslashed(m: re.Match[str]) -> str:
    return "\\" + m.group()


def escape(text: str) -> str:
    """Backslash the characters that would otherwise become Markdown markup.

    (A function as the replacement: Python 3.11 hands a replacement template to the `re`
    module's Python code on every call, a cost many times that of the substitution.)"""
    return _ESCAPE.sub(_backslashed, text)


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _emphasis(mark: str, inner: str, out: list[str]) -> None:
    """Wrap `inner` in `mark`, keeping white space outside the markers (else no emphasis)."""
    rest = inner.lstrip()
    lead = inner[:len(inner) - len(rest)]
    core = rest.rstrip()
    trail = rest[len(core):]
    if lead:
        out.append(lead)
    if core:
        out.append(f"{mark}{core}{mark}")
    if trail:
        out.append(trail)


def _code(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall(r"`+", text)) + 1)
    return f"{fence} {text} {fence}"


def _collect(inlines: Iterable[Inline], out: list[str]) -> None:
    """Append the Markdown of `inlines` to `out`.

    Text is gathered as it is and escaped a run at a time, up to the next markup (escaping
    goes character by character, so a run comes out as its pieces would: one substitution
    instead of one per text node)."""
    run: list[str] = []
    for node in inlines:
        kind = type(node)
        if kind is Text:
            run.append(node.text)
        elif kind is Link:
            children = node.children
            if len(children) == 1 and type(children[0]) is Text:    # the common link
                run.append(children[0].text)
            elif children:
                if run:
                    out.append(escape("".join(run)))
                    run = []
                _collect(children, out)
            else:
                run.append(node.target)
        elif kind is RefMarker:     # invisible, and common: checked before the rarer kinds
            continue
        elif kind is LineBreak:
            run.append(_BR)         # not one of the characters `escape` backslashes
        else:
            if run:
                out.append(escape("".join(run)))
                run = []
            _markup(node, out)
    if run:
        out.append(escape("".join(run)))


def _markup(node: Inline, out: list[str]) -> None:
    """Append the Markdown of a node that is more than text (emphasis, external link, math,
    code); `Span` adds nothing of its own."""
    kind = type(node)
    if kind is Bold or kind is Italic:
        inner: list[str] = []
        _collect(node.children, inner)
        _emphasis("**" if kind is Bold else "*", "".join(inner), out)
    elif kind is Span:
        _collect(node.children, out)
    elif kind is ExtLink:
        if node.children:
            inner = []
            _collect(node.children, inner)
            label = " ".join("".join(inner).replace(_BR, " ").split())
            if label:
                out.append(f"[{label}]({_url(node.url)})")
    elif kind is Math:
        tex = math_tex(node.tex)
        if tex:
            out.append(f"${tex}$")
    elif kind is Code:
        out.append(_code(node.text))


def _escape_lead(line: str) -> str:
    first = line[0]     # lines are never empty; most start with none of `_LEAD`'s characters
    if first not in "#>+-=" and not first.isdecimal():
        return line
    m = _LEAD.match(line)
    if not m:
        return line
    if m.end() == 1:
        return "\\" + line
    end = m.end() - 1  # before the `.` or `)` of "1."
    return line[:end] + "\\" + line[end:]


def md_lines(inlines: Iterable[Inline], split_newlines: bool = False) -> list[str]:
    """Inline content as cleaned, escaped Markdown lines (a LineBreak starts a new line)."""
    out: list[str] = []
    _collect(inlines, out)
    raw = "".join(out)
    if split_newlines:
        raw = raw.replace("\n", _BR)
    if _BR not in raw:     # one line: no lists to build and filter
        line = clean_line(raw)
        return [_escape_lead(line)] if line else []
    return [_escape_lead(line) for line in map(clean_line, raw.split(_BR)) if line]


def _hard_breaks(lines: list[str]) -> str:
    return "\\\n".join(lines)


def md_cell(cell: TableCell) -> str:
    return cell_text(cell, md_lines).replace("|", "\\|")


def _table(table: Table) -> str:
    layout = table_layout(table, md_cell)
    lines: list[str] = []
    if table.caption:
        caption = "; ".join(md_lines(table.caption))
        if caption:
            lines.extend((caption, ""))
    rows = layout.rows
    if not rows:
        return "\n".join(lines).strip("\n")
    width = len(rows[0])
    if layout.header_rows:
        head, extra, body = rows[0], rows[1:layout.header_rows], rows[layout.header_rows:]
    else:
        head, extra, body = [""] * width, [], rows
    lines.append(table_row_line(head))
    lines.append("|" + " --- |" * width)
    lines.extend(table_row_line([f"**{t}**" if t else t for t in row]) for row in extra)
    lines.extend(table_row_line(row) for row in body)
    return "\n".join(lines)


def _infobox(box: Infobox) -> str:
    lines: list[str] = []
    title = clean_line(box.title)
    if title:
        lines.extend((f"**{escape(title)}**", ""))
    rows = infobox_rows(box, md_lines)
    if rows:
        lines.extend(("| Key | Value |", "| --- | --- |"))
        for label, value in rows:
            lines.append(table_row_line([escape(label).replace("|", "\\|"), value.replace("|", "\\|")]))
    return "\n".join(lines).strip("\n")


def _paragraph(p: Paragraph) -> str:
    return _hard_breaks(md_lines(p.children))


def _preformatted(pre: Preformatted) -> str:
    lines = preformatted_lines(pre)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return ""
    body = "\n".join(lines)
    runs = re.findall(r"`{3,}", body)
    fence = "`" * max(3, max((len(r) for r in runs), default=0) + 1)
    lang = (pre.lang or "").strip() if pre.code else ""
    return f"{fence}{lang}\n{body}\n{fence}"


def _math_block(m: MathBlock) -> str:
    tex = math_tex(m.tex)
    return f"$${tex}$$" if tex else ""


def _list(lst: ListBlock) -> str:
    out: list[tuple[str, bool]] = []  # (line, plain)
    _list_lines(lst, "", out)
    lines = []
    for i, (line, plain) in enumerate(out):
        if plain and i + 1 < len(out) and out[i + 1][1]:
            line += "\\"
        lines.append(line)
    return "\n".join(lines)


def _list_lines(lst: ListBlock, indent: str, out: list[tuple[str, bool]]) -> None:
    number = 0
    for item in lst.items:
        kind = item.kind
        texts = md_lines(item.children)
        if kind == "ordered":
            number += 1
            marker = f"{number}."
        elif kind == "bullet":
            marker = "-"
        else:
            marker = ""
        if kind == "term" and texts:
            texts = [f"**{t}**" for t in texts]
        child_indent = indent + " " * (len(marker) + 1) if marker else indent
        if marker:
            if texts or not item.blocks:
                first = f"{indent}{marker} {texts[0]}" if texts else indent + marker
                if len(texts) > 1:
                    first += "".join([f"\\\n{child_indent}{t}" for t in texts[1:]])
                out.append((first, False))
        else:
            out.extend((indent + t, True) for t in texts)
        for block in item.blocks:
            if type(block) is ListBlock:
                _list_lines(block, child_indent, out)
            else:
                text = block_markdown(block)
                if text:
                    out.extend((child_indent + line if line else "", False)
                               for line in text.split("\n"))


def _block_quote(q: BlockQuote) -> str:
    body = "\n\n".join([t for t in map(block_markdown, q.blocks) if t])
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n")) if body else ""


def _heading(h: Heading) -> str:
    return "**" + " ".join(md_lines(h.children)) + "**" if h.children else ""


def _nothing(_block: Block) -> str:
    return ""


def _rule(_block: Block) -> str:
    return "---"


_BLOCK_MD: dict[type, Callable[[Block], str]] = {
    Paragraph: _paragraph,
    ListBlock: _list,
    Table: _table,
    Infobox: _infobox,
    Preformatted: _preformatted,
    MathBlock: _math_block,
    BlockQuote: _block_quote,
    Heading: _heading,
    HorizontalRule: _rule,
}


def block_markdown(block: Block) -> str:
    """One block as Markdown ("" when nothing of it is visible)."""
    fn = _BLOCK_MD.get(type(block))
    return fn(block) if fn else ""


def to_markdown(doc: Document) -> str:
    """The page as Markdown; ends with one newline ("" when empty)."""
    sections = split_sections(doc.blocks)
    rendered = [[t for t in map(block_markdown, s.blocks) if t] for s in sections]
    bodies = ["\n\n".join(parts) for parts in rendered]
    # a section whose only content is a rule counts as empty, as in the text
    keep = kept_sections(sections, [any(t != "---" for t in parts) for parts in rendered])
    chunks: list[str] = []
    title = clean_line(doc.title) if doc.title else ""
    if title:
        chunks.append(f"# {escape(title)}")
    for section, body, kept in zip(sections, bodies, keep):
        if not kept:
            continue
        if section.heading is not None:
            text = " ".join(md_lines(section.heading.children))
            chunks.append("#" * min(6, max(1, section.level)) + (f" {text}" if text else ""))
        if body:
            chunks.append(body)
    return "\n\n".join(chunks) + "\n" if chunks else ""
