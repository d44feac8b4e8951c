"""The block-level pass: lines -> headings, paragraphs, lists, indent-pre, rules, tables.

Follows MediaWiki's doTableStuff/handleHeadings/BlockLevelPass: a blank line ends a
paragraph; a line holding a block-level tag, a block strip marker or a framed/floated image
closes the open paragraph (its text becomes a paragraph of its own), and after a line that
only opens a block element (`<table>`, `<ul>`, …) lines are not wrapped until one closes."""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import (
    Block,
    BlockQuote,
    Bold,
    Code,
    ExtLink,
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
    TableCell,
    Text,
)
from unwiki.parser import links
from unwiki.parser.inline import parse_inline, plain_text
from unwiki.parser.lists import LIST_PREFIX_RE, MAX_LIST_DEPTH, ListBuilder
from unwiki.parser.nodes import slot_offset
from unwiki.parser.state import ParseState
from unwiki.parser.tables import TABLE_START_RE, TableDraft, read_table
from unwiki.preprocessor.strip import MATH, REF, StripItem, marker_spans

if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import _get, _put, new_heading, new_paragraph
else:
    from unwiki.parser.nodes import _get, _put, new_heading, new_paragraph
if cython.compiled:  # C calls (declared in markers.pxd)
    from cython.cimports.unwiki.parser.markers import block_marker, is_block
else:
    from unwiki.parser.markers import block_marker, is_block

# Slots read or set on nodes of exactly these classes (compiled, a load or a store instead of
# a getattr or a setattr).
_TEXT_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(Text, "text"))
_ITEM_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(ListItem, "children"))
_CELL_BLOCKS = cython.declare(cython.Py_ssize_t, slot_offset(TableCell, "blocks"))

HEADING_RE = re.compile(r"^(={1,6})(.+)\1[ \t]*$")
HR_RE = re.compile(r"^-{4,}")
# the block-level tags the block pass reads (an alternation, so `pre` is tried before `p`)
_BLOCK_TAGS = ("table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "p", "ul", "ol", "dl", "td", "th", "tr",
               "caption", "dt", "dd", "li", "center", "blockquote", "div", "hr")
_TAG = r"<(/?)(" + "|".join(_BLOCK_TAGS) + r")(?=[\s/>])[^<>]*>"
_TOKEN_RE = re.compile(
    _TAG + r"|\x7fUNIQ(\d+)QINU\x7f"
    r"|\[(?<!\[\[)(?:\[\[)*(\[)([^\[\]{}|<>\n:\x7f]++):",
    re.I,
)
# _TOKEN_RE's tags alone: its literal `<` lets the regex engine skip to each `<` (a line with
# no marker and no file link holds nothing else _TOKEN_RE finds).
_TAG_RE = re.compile(_TAG, re.I)
# Only a `[[` followed by a namespace prefix (links.PREFIX_RE's, group 5, white space
# included) can start a file link, so plain links are never matched. A run of `[` is read in pairs from its left end, as
# a left-to-right scan for `[[` reads it: the pair that counts is the one before the prefix
# (group 4 is its second `[`), when the run has even length. No prefix holds a marker byte or
# `<`, so a match never swallows a marker or a tag.
_OPEN_ALWAYS = frozenset(("table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "p", "ul", "ol", "dl"))
_ANTI = frozenset(("td", "th"))
_BOTH_OPEN = frozenset(("tr", "caption", "dt", "dd", "li"))
# The characters a list line starts with: "*#:;"; how a line opening a table can start
# (TABLE_START_RE): "{: \t"; how a table, heading, rule or list line starts: "{: \t=-*#;".
# The pass tests these as string literals: compiled, a C character against a C switch.
_MARKER_ONLY_RE = re.compile(r"^\s*\x7fUNIQ(\d+)QINU\x7f\s*$")


def has_text(nodes: list[Inline]) -> bool:
    """`plain_text(nodes).strip() != ""`, stopping at the first visible character."""
    for n in nodes:
        kind = type(n)
        if kind is Text or kind is Code:
            t = n.text
        elif kind is Link or kind is Bold or kind is Italic or kind is Span:
            if has_text(n.children):
                return True
            continue
        elif kind is ExtLink:
            if n.children and has_text(n.children):
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


@cython.cfunc
def _visible(nodes: list[Inline]) -> bool:
    """Whether inline nodes show anything (a formula always does)."""
    for n in nodes:
        kind = type(n)
        if kind is Text:
            t = _get(n, _TEXT_TEXT)
            if t and not t.isspace():
                return True
        elif kind is Math:
            return True
        elif kind is Link or kind is Bold or kind is Italic or kind is Span:
            if has_text(n.children):
                return True
        elif kind is not LineBreak and kind is not RefMarker and has_text([n]):
            return True
    return False


@cython.cclass
class BlockPass:
    """One run of the block-level pass over a piece of text (page, table cell, poem, …).

    Compiled, an extension type whose helpers are C methods: its attributes are read and its
    helpers called on every line, and a struct field or a C call costs a fraction of an
    attribute lookup or a Python-level method call."""

    st = cython.declare(object)
    root = cython.declare(list)
    containers = cython.declare(list)
    para = cython.declare(list)
    pre = cython.declare(list)
    last = cython.declare(str)
    in_block_elem = cython.declare(cython.bint)
    html_heading = cython.declare(cython.Py_ssize_t)
    lists = cython.declare(object)
    list_levels = cython.declare(list)

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
        self.list_levels = self.lists.levels   # the same list (ListBuilder changes it in place)

    # --- output helpers --------------------------------------------------------------------
    @cython.cfunc
    def emit(self, block: Block) -> None:
        self.containers[-1].append(block)

    @cython.cfunc
    def flush_para(self) -> None:
        para = self.para
        if para:
            text = "\n".join(para)
            self.para = []
            if text.strip():
                nodes = parse_inline(text.strip("\n"), self.st)
                if _visible(nodes):
                    level = self.html_heading
                    self.containers[-1].append(new_heading(level, nodes) if level else new_paragraph(nodes))
        if self.last == "p":
            self.last = ""

    @cython.cfunc
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

    @cython.cfunc
    def flush_text(self) -> None:
        """flush_para then flush_pre (callers skip the call when there is nothing to flush:
        no paragraph or preformatted lines held, `last` empty)."""
        self.flush_para()
        if self.pre or self.last:      # after flush_para, `last` is "" or "pre"
            self.flush_pre()

    @cython.cfunc
    def flush(self) -> None:
        if self.para or self.pre or self.last:
            self.flush_text()
        if self.list_levels:
            self.lists.close()

    # --- the pass --------------------------------------------------------------------------
    # Compiled, `first` is a C character: its tests against string literals are C switches.
    @cython.cfunc
    @cython.locals(first=cython.Py_UCS4, i=cython.Py_ssize_t, n=cython.Py_ssize_t, lines=list,
                   line=str)
    def run(self, text: str) -> list:
        lines = text.split("\n")
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            if not line:        # a blank line (a third of them): ends lists and paragraphs
                if self.list_levels:
                    self.lists.close()
                if self.in_block_elem:
                    self.para.append(line)
                elif self.para or self.pre or self.last:
                    self.flush_text()
                i += 1
                continue
            first = line[0]          # a joined file link starts with the same line
            file_link = ":" in line and "[[" in line
            if file_link:
                i, line, file_link = self._join_file_link(lines, i, line)
            if first in "{: \t=-*#;":    # most lines are prose: none of the tests below apply
                if first in "{: \t" and "{|" in line and TABLE_START_RE.match(line):
                    i = self.table(lines, i)
                    continue
                if first == "=":
                    m = HEADING_RE.match(line)
                    if m:
                        self.flush()
                        self.in_block_elem = False
                        nodes = parse_inline(m[2].strip(), self.st)
                        self.emit(new_heading(len(m[1]), nodes))
                        i += 1
                        continue
                elif first == "-" and line.startswith("----"):
                    m = HR_RE.match(line)
                    self.flush()
                    self.emit(HorizontalRule())
                    self.in_block_elem = False
                    rest = line[m.end():]
                    if rest.strip():
                        self.text_line(rest, True, None)
                    i += 1
                    continue
                elif first in "*#:;":
                    self.list_line(line)
                    i += 1
                    continue
            if self.list_levels:
                self.lists.close()
            self.text_line(line, False, file_link)   # positional: cheaper than keywords
            i += 1
        self.flush()
        if self.html_heading:
            self.html_heading = 0
        return self.root

    @cython.cfunc
    def _join_file_link(self, lines: list[str], i: int, line: str) -> tuple[int, str, bool]:
        """A file link whose caption runs over several lines is one unit (MediaWiki replaces
        links before it splits lines): join those lines. Returns (last line index, line,
        whether a file link may start on it: when none does, its scan for block-level things
        can skip links)."""
        seen = False
        for start in _file_prefixes(line, self.st):
            seen = True
            if links.find_close(line, start + 2) >= 0:
                continue
            window = "\n".join(lines[i:i + 60])
            end = links.find_close(window, start + 2)
            if end < 0:
                return i, line, True
            joined_lines = window[:end].count("\n")
            return i + joined_lines, "\n".join(lines[i:i + joined_lines + 1]), True
        return i, line, seen

    @cython.cfunc
    def table(self, lines: list[str], i: int) -> int:
        m = TABLE_START_RE.match(lines[i])
        draft = read_table(lines, i)
        if not draft.closed:
            self.st.error("table", f"line {i + 1}: table opened with {{| is not closed with |}}")
        self.flush()
        for b in _parse_table(draft, self.st):
            self.emit(b)
        block: Block = draft.table
        for _ in range(len(m[1]) if m else 0):
            block = ListBlock(kind="definition", items=[ListItem(kind="definition", blocks=[block])])
        self.emit(block)
        self.in_block_elem = False
        after = draft.after
        if after.strip():
            self.text_line(after, True, None)
        return draft.end

    @cython.cfunc
    @cython.locals(prefix=str, text=str, part=str, children=list)   # compiled: C calls on them
    def list_line(self, line: str) -> None:
        # Most items are one level deep: their prefix is the first character.
        prefix = LIST_PREFIX_RE.match(line)[0] if len(line) > 1 and line[1] in "*#:;" else line[0]
        text = line[len(prefix):]
        if len(prefix) > MAX_LIST_DEPTH:
            self.st.error("list", f"list nested {len(prefix)} levels deep, kept at {MAX_LIST_DEPTH}: "
                                  f"{line[:40]!r}")
            prefix = prefix[:MAX_LIST_DEPTH]
        if self.para or self.last:
            self.flush_text()
        mm = (_MARKER_ONLY_RE.match(text) if prefix[0] == ":" and not prefix.strip(":") and "\x7f" in text
              else None)
        if mm:
            item = self.st.item(int(mm[1]))
            if item is not None and item.kind == MATH:
                self.lists.close()
                self.emit(MathBlock(tex=(item.body or "").strip()))
                return
        for item, part in self.lists.line(prefix, text, self.containers[-1]):
            part = part.strip()
            if part and "\x7f" not in part:      # fill_item's common case, without its call
                children = _get(item, _ITEM_CHILDREN)
                children.extend(parse_inline(part, self.st))
            else:
                self.fill_item(item, part)

    @cython.cfunc
    def fill_item(self, item: ListItem, text: str) -> None:
        if not text:
            return
        if "\x7f" not in text:
            item.children.extend(parse_inline(text, self.st))
            return
        pos = 0
        inline_done = False
        # Without a `<` no tag can swallow a marker, and only markers count here.
        if "<" in text:
            markers = [(m.start(), m.end(), int(m[3])) for m in _TOKEN_RE.finditer(text)
                       if m[3] is not None]
        else:
            markers = marker_spans(text)
        items = self.st.items
        for start, end, index in markers:
            if index >= len(items):
                continue
            sitem = items[index]
            if not _is_block(sitem):
                continue
            self._item_text(item, text[pos:start], inline_done)
            inline_done = True
            item.blocks.extend(block_marker(sitem, self.st))
            pos = end
        self._item_text(item, text[pos:], inline_done)

    @cython.cfunc
    def _item_text(self, item: ListItem, text: str, as_block: bool) -> None:
        if not text.strip():
            return
        nodes = parse_inline(text.strip(), self.st)
        if as_block:
            if _visible(nodes):
                item.blocks.append(new_paragraph(nodes))
        else:
            item.children.extend(nodes)

    @cython.cfunc
    def text_line(self, t: str, forced_close: bool = False, file_link: bool | None = None) -> None:
        """One line of running text, never empty (run handles blank lines; `file_link`: as
        for _line_tokens)."""
        # _line_tokens' first tests, made here to spare its call on most lines of prose
        if file_link is not False or "<" in t:
            tokens = _line_tokens(t, self.st, file_link)
        else:
            tokens = _block_markers(t, self.st) if "\x7f" in t else None
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
            if self.para or self.pre or self.last:
                self.flush_text()
        else:
            if self.last == "pre":
                self.flush_pre()
            self.para.append(t)
            self.last = "p"

    @cython.cfunc
    def block_line(self, t: str, tokens: list[tuple], forced_close: bool) -> None:
        if self.para or self.pre or self.last:
            self.flush_text()
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


@cython.cfunc
def _line_tokens(t: str, st: ParseState, file_link: bool | None = None) -> list[tuple] | None:
    """The block-level things on a line (_scan_tokens's tuples), each cheap test made once;
    None when the line can hold none. `file_link` is whether a file link may start on the
    line, when the caller knows it already: only then can a line without a tag need
    _scan_tokens' full scan rather than a search for its markers."""
    if "<" not in t:
        if file_link is None:
            file_link = ":" in t and "[[" in t and len(_file_prefixes(t, st)) > 0
        if not file_link:
            return _block_markers(t, st) if "\x7f" in t else None
    elif "\x7f" not in t and not (file_link if file_link is not None else ":" in t and "[[" in t):
        return _tag_tokens(t)
    return _scan_tokens(t, st)


@cython.cfunc
@cython.locals(pos=cython.Py_ssize_t, k=cython.Py_ssize_t, n=cython.Py_ssize_t)
def _tag_tokens(t: str) -> list:
    """_TAG_RE's matches on a line, as _scan_tokens' tuples. A match is tried only at a `<`
    (or `</`) whose next two characters may start one of its tag names (_may_name_tag): most
    `<`s on a line open inline tags (`<br>` above all, `<span>`, `<sup>`, …), at each of
    which the regex would try its twenty names, each compared case-insensitively. (A match
    holds no other `<`: trying each `<` finds what a finditer finds.)"""
    out: list[tuple] = []
    n = len(t)
    pos = t.find("<")
    while pos >= 0:
        k = pos + 1
        if k < n and t[k] == "/":
            k += 1
        if k + 1 < n and _may_name_tag(t[k], t[k + 1]):
            m = _TAG_RE.match(t, pos)
            if m is not None:
                out.append((pos, m.end(), "tag", (m[1] == "/", m[2].lower())))
        pos = t.find("<", pos + 1)
    return out


@cython.cfunc
def _may_name_tag(first: cython.Py_UCS4, second: cython.Py_UCS4) -> cython.bint:
    """Whether a tag name starting `first`, `second` may be one of _TAG_RE's, case folded
    (compiled, C tests). No character but an ASCII letter folds to the first letter of one
    of its names; a second character out of ASCII is left to the regex (`ı` and `İ` fold to
    `i`). A `p` may be followed by white space, `/` or `>`."""
    if ord(second) >= 128:
        return True
    if first in "bB":
        return second in "lL"
    if first in "cC":
        return second in "aAeE"
    if first in "dD":
        return second in "lLtTdDiI"
    if first in "hH":
        return second in "123456rR"
    if first in "lL":
        return second in "iI"
    if first in "oOuU":
        return second in "lL"
    if first in "pP":
        return second in "rR" or not second.isalnum()
    if first in "tT":
        return second in "aAdDhHrR"
    return False


# _may_name_tag spells out the first letters of _BLOCK_TAGS: checked against them here
if not all(_may_name_tag(name[0], name[1] if len(name) > 1 else ">")
           for tag in _BLOCK_TAGS for name in (tag, tag.upper())):
    raise RuntimeError("parser.blocks: _may_name_tag rejects a name of _BLOCK_TAGS; update it")


@cython.cfunc
@cython.locals(k=cython.Py_ssize_t, found=list)
def _file_prefixes(t: str, st: ParseState) -> list[int]:
    """Where the `[[prefix:` on a line whose prefix names the file namespace start: where a
    file link may start (a superset of _scan_tokens' image starts). Compiled, a C call
    returning a list (a generator is an object and a call per line)."""
    starts: list[int] = []
    found = links.prefixed_links(t)
    if found:
        ns_id = st.site.ns_id
        for k in range(0, len(found), 2):
            if ns_id(t[found[k] + 2:found[k + 1]]) == links.NS_FILE:
                starts.append(found[k])
    return starts


@cython.cfunc
def _block_markers(t: str, st: ParseState) -> list[tuple]:
    """_scan_tokens for a line with no `<` and no `[[`-plus-`:`: only its strip markers can
    count, and a search for the marker's literal start is cheaper than _TOKEN_RE's
    character-set scan (most such lines are prose holding `<ref>` markers)."""
    out: list[tuple] = []
    items = st.items
    for start, end, index in marker_spans(t):
        if index < len(items):
            item = items[index]
            if _is_block(item):
                out.append((start, end, "marker", item))
    return out


@cython.cfunc
def _scan_tokens(t: str, st: ParseState) -> list[tuple]:
    """Block-level things on a line: (start, end, kind, payload)."""
    out: list[tuple] = []
    pos = 0
    while True:
        for m in _TOKEN_RE.finditer(t, pos):
            name = m[2]
            if name is not None:
                out.append((m.start(), m.end(), "tag", (m[1] == "/", name.lower())))
                continue
            idx = m[3]
            if idx is not None:
                index = int(idx)
                item = st.items[index] if index < len(st.items) else None
                if item is not None and is_block(item):
                    out.append((m.start(), m.end(), "marker", item))
                continue
            if st.site.ns_id(m[5]) == links.NS_FILE:
                start = m.start(4) - 1
                fl = links.file_link_at(t, start, st)
                if fl is not None and links.image_is_block(fl[2], st.site):
                    out.append((start, fl[0], "image", None))
                    pos = fl[0]
                    break   # go on scanning after the whole file link
        else:
            return out


@cython.cfunc
def _is_block(item: StripItem) -> cython.bint:
    """`markers.is_block`, its commonest answer (an inline `<ref>`) given without its call."""
    if item.kind == REF and not item.block:
        return False
    return is_block(item)


def parse_blocks(text: str, st: ParseState) -> list[Block]:
    """Blocks for a piece of expanded wikitext."""
    return _blocks(text, st)


@cython.cfunc
@cython.locals(depth=cython.Py_ssize_t)
def _blocks(text: str, st: ParseState) -> list:
    """parse_blocks' body: a C call for the stray lines of the tables parsed here."""
    depth = st.depth + 1      # read once: nested calls give it back as they found it
    st.depth = depth
    try:
        return _blocks_at(text, st, depth)
    finally:
        st.depth = depth - 1


@cython.cfunc
@cython.locals(first=cython.Py_UCS4, depth=cython.Py_ssize_t)   # compiled: C values
def _blocks_at(text: str, st: ParseState, depth: cython.Py_ssize_t) -> list:
    """_blocks with `st.depth` already raised to `depth` (table cells, parsed one after the
    other at the same depth, raise it once for all of them)."""
    if depth > 30:
        return [Paragraph(children=[Text(text)])] if text.strip() else []
    first = text[0] if text else "="      # no text: as a line of markup, for the pass
    # (A text starting with line markup, or with more than one line, is for the pass.)
    if (first not in "=-*#:; \t" and "\n" not in text and not (first == "{" and text[1:2] == "|")
            and not (("<" in text or "\x7f" in text or ("[[" in text and ":" in text))
                     and _line_tokens(text, st))):
        # One line of inline text with nothing block-level on it (most table cells, links
        # and inline tags included): what the pass would make of it, without the pass.
        # (Not starting with markup, it can only open a table with its first two characters;
        # without `<`, a marker or a possible file link, _line_tokens would find nothing.)
        if first.isspace() and text.isspace():    # (a C test first: most cells are stripped)
            return []
        nodes = parse_inline(text, st)
        return [new_paragraph(nodes)] if _visible(nodes) else []
    return BlockPass(st).run(text)


@cython.cfunc
@cython.locals(cells=list, contents=list, k=cython.Py_ssize_t, text=str, stray=list,
               depth=cython.Py_ssize_t)
def _parse_table(draft: TableDraft, st: ParseState) -> list:
    """Parse a table read off its lines: its caption and cells in place, in MediaWiki's order;
    returns the blocks of its stray lines (shown before the table)."""
    table = draft.table
    if draft.caption is not None:
        text = "\n".join(draft.caption).strip()
        table.caption = parse_inline(text, st) if text else None
    cells = draft.cells
    contents = draft.contents
    depth = st.depth + 1        # each cell's parse_blocks depth, raised once for all
    st.depth = depth
    try:
        for k in range(len(cells)):
            content = contents[k]
            if type(content) is str:        # one line, stripped
                _put(cells[k], _CELL_BLOCKS, _blocks_at(content, st, depth) if content else [])
            else:
                text = "\n".join(content)
                _put(cells[k], _CELL_BLOCKS, _blocks_at(text, st, depth) if text.strip() else [])
    finally:
        st.depth = depth - 1
    table.rows = [r for r in table.rows if r.cells]
    stray = draft.stray
    return _blocks("\n".join(stray), st) if any(x.strip() for x in stray) else []
