"""The block-level pass: lines -> headings, paragraphs, lists, indent-pre, rules, tables.

Follows MediaWiki's doTableStuff/handleHeadings/BlockLevelPass: a blank line ends a
paragraph; a line holding a block-level tag, a block strip marker or a framed/floated image
closes the open paragraph (its text becomes a paragraph of its own), and after a line that
only opens a block element (`<table>`, `<ul>`, …) lines are not wrapped until one closes."""
from __future__ import annotations

import re

from unwiki.model import (
    Block,
    BlockQuote,
    Bold,
    Code,
    ExtLink,
    Heading,
    HorizontalRule,
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
    Text,
)
from unwiki.parser import links
from unwiki.parser.inline import parse_inline, plain_text
from unwiki.parser.lists import LIST_PREFIX_RE, MAX_LIST_DEPTH, ListBuilder
from unwiki.parser.markers import block_marker, is_block
from unwiki.parser.state import ParseState
from unwiki.parser.tables import TABLE_START_RE, parse_table, table_end
from unwiki.preprocessor.strip import MARKER_RE, MATH

HEADING_RE = re.compile(r"^(={1,6})(.+)\1[ \t]*$")
HR_RE = re.compile(r"^-{4,}")
_TOKEN_RE = re.compile(
    r"<(/?)(table|h[1-6]|pre|p|ul|ol|dl|td|th|tr|caption|dt|dd|li|center|blockquote|div|hr)"
    r"(?=[\s/>])[^<>]*>|\x7fUNIQ(\d+)QINU\x7f"
    r"|\[(?<!\[\[)(?:\[\[)*(\[)([^\[\]{}|<>\n:\x7f]++):",
    re.I,
)
# Only a `[[` followed by a namespace prefix (links.PREFIX_RE's, group 5, white space
# included) can start a file link, so plain links are never matched. A run of `[` is read in pairs from its left end, as
# a left-to-right scan for `[[` reads it: the pair that counts is the one before the prefix
# (group 4 is its second `[`), when the run has even length. No prefix holds a marker byte or
# `<`, so a match never swallows a marker or a tag.
_OPEN_ALWAYS = frozenset(("table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "p", "ul", "ol", "dl"))
_ANTI = frozenset(("td", "th"))
_BOTH_OPEN = frozenset(("tr", "caption", "dt", "dd", "li"))
_LINE_MARKUP = "=-*#:; \t"   # ("" counts as markup too: `"" in _LINE_MARKUP`)
_MARKER_ONLY_RE = re.compile(r"^\s*\x7fUNIQ(\d+)QINU\x7f\s*$")


def _has_text(nodes: list[Inline]) -> bool:
    """`plain_text(nodes).strip() != ""`, stopping at the first visible character."""
    for n in nodes:
        kind = type(n)
        if kind is Text or kind is Code:
            t = n.text
        elif kind is Link or kind is Bold or kind is Italic or kind is Span:
            if _has_text(n.children):
                return True
            continue
        elif kind is ExtLink:
            if n.children and _has_text(n.children):
                return True
            continue
        elif kind is Math:
            t = n.tex
        elif kind is LineBreak or kind is RefMarker:
            continue
        else:
            t = plain_text([n])
        if t and not t.isspace():
            return True
    return False


def _visible(nodes: list[Inline]) -> bool:
    """Whether inline nodes show anything (a formula always does)."""
    for n in nodes:
        kind = type(n)
        if kind is Text:
            t = n.text
            if t and not t.isspace():
                return True
        elif kind is Link:
            if _has_text(n.children):
                return True
        elif kind is Math:
            return True
        elif kind is LineBreak or kind is RefMarker:
            continue
        elif hasattr(n, "children") or hasattr(n, "text"):
            if _has_text([n]):
                return True
    return False


class BlockPass:
    """One run of the block-level pass over a piece of text (page, table cell, poem, …)."""

    def __init__(self, st: ParseState) -> None:
        self.st = st
        self.root: list[Block] = []
        self.containers: list[list[Block]] = [self.root]
        self.para: list[str] = []
        self.pre: list[str] = []
        self.last = ""            # "", "p" or "pre" (BlockLevelPass's lastParagraph)
        self.in_block_elem = False
        self.html_heading = 0
        self.lists = ListBuilder()

    # --- output helpers --------------------------------------------------------------------
    def emit(self, block: Block) -> None:
        self.containers[-1].append(block)

    def flush_para(self) -> None:
        if self.para:
            text = "\n".join(self.para)
            self.para = []
            if text.strip():
                nodes = parse_inline(text.strip("\n"), self.st)
                if _visible(nodes):
                    if self.html_heading:
                        self.emit(Heading(level=self.html_heading, children=nodes))
                    else:
                        self.emit(Paragraph(children=nodes))
        if self.last == "p":
            self.last = ""

    def flush_pre(self) -> None:
        if self.pre:
            lines = self.pre
            self.pre = []
            while lines and not lines[-1].strip():
                lines.pop()
            if lines:
                self.emit(Preformatted(children=parse_inline("\n".join(lines), self.st)))
        if self.last == "pre":
            self.last = ""

    def flush(self) -> None:
        self.flush_para()
        self.flush_pre()
        if self.lists.active:
            self.lists.close()

    # --- the pass --------------------------------------------------------------------------
    def run(self, text: str) -> list[Block]:
        lines = text.split("\n")
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            if "[[" in line and i + 1 < n and ":" in line:
                i, line = self._join_file_link(lines, i, line)
            first = line[:1]
            if "{|" in line and TABLE_START_RE.match(line):
                i = self.table(lines, i)
                continue
            if first == "=":
                m = HEADING_RE.match(line)
                if m:
                    self.flush()
                    self.in_block_elem = False
                    nodes = parse_inline(m.group(2).strip(), self.st)
                    self.emit(Heading(level=len(m.group(1)), children=nodes))
                    i += 1
                    continue
            if first == "-" and line.startswith("----"):
                m = HR_RE.match(line)
                self.flush()
                self.emit(HorizontalRule())
                self.in_block_elem = False
                rest = line[m.end():]
                if rest.strip():
                    self.text_line(rest, forced_close=True)
                i += 1
                continue
            if first in ("*", "#", ":", ";"):
                self.list_line(line)
                i += 1
                continue
            if self.lists.levels:
                self.lists.close()
            self.text_line(line)
            i += 1
        self.flush()
        if self.html_heading:
            self.html_heading = 0
        return self.root

    def _join_file_link(self, lines: list[str], i: int, line: str) -> tuple[int, str]:
        """A file link whose caption runs over several lines is one unit (MediaWiki replaces
        links before it splits lines): join those lines. Returns (last line index, line)."""
        for m in links.PREFIX_RE.finditer(line):
            if self.st.site.ns_id(m.group(1)) != links.NS_FILE:
                continue
            if links.find_close(line, m.start() + 2) >= 0:
                continue
            window = "\n".join(lines[i:i + 60])
            end = links.find_close(window, m.start() + 2)
            if end < 0:
                return i, line
            joined_lines = window[:end].count("\n")
            return i + joined_lines, "\n".join(lines[i:i + joined_lines + 1])
        return i, line

    def table(self, lines: list[str], i: int) -> int:
        m = TABLE_START_RE.match(lines[i])
        end, closed = table_end(lines, i)
        if not closed:
            self.st.error("table", f"line {i + 1}: table opened with {{| is not closed with |}}")
        self.flush()
        before, table, after = parse_table(lines[i:end], self.st)
        for b in before:
            self.emit(b)
        block: Block = table
        for _ in range(len(m.group(1)) if m else 0):
            block = ListBlock(kind="definition", items=[ListItem(kind="definition", blocks=[block])])
        self.emit(block)
        self.in_block_elem = False
        if after.strip():
            self.text_line(after, forced_close=True)
        return end

    def list_line(self, line: str) -> None:
        prefix = LIST_PREFIX_RE.match(line).group(0)
        text = line[len(prefix):]
        if len(prefix) > MAX_LIST_DEPTH:
            self.st.error("list", f"list nested {len(prefix)} levels deep, kept at {MAX_LIST_DEPTH}: "
                                  f"{line[:40]!r}")
            prefix = prefix[:MAX_LIST_DEPTH]
        if self.para or self.last:
            self.flush_para()
            self.flush_pre()
        mm = _MARKER_ONLY_RE.match(text) if "\x7f" in text and prefix.strip(":") == "" else None
        if mm:
            item = self.st.item(int(mm.group(1)))
            if item is not None and item.kind == MATH:
                self.lists.close()
                self.emit(MathBlock(tex=(item.body or "").strip()))
                return
        for item, part in self.lists.line(prefix, text, self.containers[-1]):
            self.fill_item(item, part.strip())

    def fill_item(self, item: ListItem, text: str) -> None:
        if not text:
            return
        if "\x7f" not in text:
            item.children.extend(parse_inline(text, self.st))
            return
        pos = 0
        inline_done = False
        for m in _TOKEN_RE.finditer(text):
            idx = m.group(3)
            if idx is None:
                continue
            sitem = self.st.item(int(idx))
            if sitem is None or not is_block(sitem):
                continue
            self._item_text(item, text[pos:m.start()], inline_done)
            inline_done = True
            item.blocks.extend(block_marker(sitem, self.st))
            pos = m.end()
        self._item_text(item, text[pos:], inline_done)

    def _item_text(self, item: ListItem, text: str, as_block: bool) -> None:
        if not text.strip():
            return
        nodes = parse_inline(text.strip(), self.st)
        if as_block:
            if _visible(nodes):
                item.blocks.append(Paragraph(children=nodes))
        else:
            item.children.extend(nodes)

    def text_line(self, t: str, forced_close: bool = False) -> None:
        tokens = self._tokens(t) if _may_have_tokens(t) else None
        if tokens or forced_close:
            self.block_line(t, tokens or [], forced_close)
            return
        if self.in_block_elem:
            self.para.append(t)
            return
        if t[:1] == " " and (self.last == "pre" or t.strip()) and len(self.containers) == 1:
            if self.last != "pre":
                self.flush_para()
                self.last = "pre"
            self.pre.append(t[1:])
        elif not t.strip():
            self.flush_para()
            self.flush_pre()
        else:
            if self.last == "pre":
                self.flush_pre()
            self.para.append(t)
            self.last = "p"

    def _tokens(self, t: str) -> list[tuple]:
        return _block_tokens(t, self.st)

    def block_line(self, t: str, tokens: list[tuple], forced_close: bool) -> None:
        self.flush_para()
        self.flush_pre()
        open_match = False
        close_match = forced_close
        pos = 0
        for start, end, kind, payload in tokens:
            seg = t[pos:start]
            if seg.strip():
                self.para.append(seg)
            pos = end
            if kind == "image":
                self.flush_para()
                parse_inline(t[start:end], self.st)      # records the image and its caption
                close_match = True
            elif kind == "marker":
                self.flush_para()
                for b in block_marker(payload, self.st):
                    self.emit(b)
                close_match = True
            else:
                closing, name = payload
                if name in _OPEN_ALWAYS:
                    if closing:
                        close_match = True
                    else:
                        open_match = True
                elif name in _ANTI:
                    if closing:
                        open_match = True
                    else:
                        close_match = True
                elif name in _BOTH_OPEN:
                    open_match = True
                else:
                    close_match = True
                if name[0] == "h" and name[1:].isdigit():
                    if closing:
                        self.flush_para()
                        self.html_heading = 0
                    else:
                        self.flush_para()
                        self.html_heading = int(name[1:])
                    continue
                self.flush_para()
                if name == "blockquote":
                    if closing:
                        if len(self.containers) > 1:
                            self.containers.pop()
                    elif len(self.containers) > MAX_LIST_DEPTH:
                        self.st.error("blockquote", f"block quotes nested over {MAX_LIST_DEPTH} deep; "
                                                    "the deeper ones are flattened")
                    else:
                        bq = BlockQuote()
                        self.emit(bq)
                        self.containers.append(bq.blocks)
                elif name == "hr" and not closing:
                    self.emit(HorizontalRule())
        rest = t[pos:]
        if rest.strip():
            self.para.append(rest)
        self.last = ""
        if close_match or not open_match:
            self.flush_para()
            self.in_block_elem = False
        else:
            self.in_block_elem = True


def _may_have_tokens(t: str) -> bool:
    """Whether _block_tokens can find anything: a tag, a marker, or a `[[` with a prefix."""
    return "<" in t or "\x7f" in t or ("[[" in t and ":" in t)


def _block_markers(t: str, st: ParseState) -> list[tuple]:
    """_block_tokens for a line with no `<` and no `[[`-plus-`:`: only its strip markers can
    count, and a search for the marker's literal start is cheaper than _TOKEN_RE's
    character-set scan (most such lines are prose holding `<ref>` markers)."""
    out: list[tuple] = []
    for m in MARKER_RE.finditer(t):
        item = st.item(int(m.group(1)))
        if item is not None and is_block(item):
            out.append((m.start(), m.end(), "marker", item))
    return out


def _block_tokens(t: str, st: ParseState) -> list[tuple]:
    """Block-level things on a line: (start, end, kind, payload)."""
    if "<" not in t and ("[[" not in t or ":" not in t):
        return _block_markers(t, st)
    out: list[tuple] = []
    pos = 0
    while True:
        for m in _TOKEN_RE.finditer(t, pos):
            name = m.group(2)
            if name is not None:
                out.append((m.start(), m.end(), "tag", (m.group(1) == "/", name.lower())))
                continue
            idx = m.group(3)
            if idx is not None:
                item = st.item(int(idx))
                if item is not None and is_block(item):
                    out.append((m.start(), m.end(), "marker", item))
                continue
            if st.site.ns_id(m.group(5)) == links.NS_FILE:
                start = m.start(4) - 1
                fl = links.file_link_at(t, start, st)
                if fl is not None and links.image_is_block(fl[2], st.site):
                    out.append((start, fl[0], "image", None))
                    pos = fl[0]
                    break   # go on scanning after the whole file link
        else:
            return out


def parse_blocks(text: str, st: ParseState) -> list[Block]:
    """Blocks for a piece of expanded wikitext."""
    st.depth += 1
    try:
        if st.depth > 30:
            return [Paragraph(children=[Text(text)])] if text.strip() else []
        if (text[:1] not in _LINE_MARKUP and "\n" not in text and "{|" not in text
                and not (_may_have_tokens(text) and _block_tokens(text, st))):
            # One line of inline text with nothing block-level on it (most table cells, links
            # and inline tags included): what the pass would make of it, without the pass.
            if not text.strip():
                return []
            nodes = parse_inline(text, st)
            return [Paragraph(children=nodes)] if _visible(nodes) else []
        return BlockPass(st).run(text)
    finally:
        st.depth -= 1
