"""Wikitext -> preprocessor tree, with MediaWiki's Preprocessor_Hash rules.

One left-to-right pass. Outside every call, str.find jumps to the next `{{` or `<`;
inside one, `_next_token` (a regex per parser state; compiled, a C loop) jumps to the next
character that can matter there (`{`, `[`, `<`, a newline before `=`, and the closing, `|`
and `=` characters of the innermost open construct), so prose costs one call per token.
Unclosed constructs fall back to literal text, as in MediaWiki.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from unwiki.preprocessor.fastpath import FLAT_TEMPLATE_RE, PLAIN_LINK_RE
from unwiki.preprocessor.tags import (
    ALLOW_MISSING_END,
    IGNORED_ELEMENTS,
    IGNORED_TAGS,
    NO_CLOSING_TAG_START,
    NO_TAG_START,
    TAG_NAME_RE,
    closing_tag_search,
)
from unwiki.preprocessor.tree import Argument, Comment, Ignored, Node, Part, Template

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

if cython.compiled:  # the node constructors and find_char as C functions (tree.pxd)
    from cython.cimports.unwiki.preprocessor.tree import find_char, new_ext_tag, new_template
else:
    from unwiki.preprocessor.tree import find_char, new_ext_tag, new_template

if cython.compiled:
    from cython.cimports.cpython.unicode import PyUnicode_Find, PyUnicode_Tailmatch


@cython.cfunc
@cython.inline
def _find(text: str, sub: str, start: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """`text.find(sub, start)`. Compiled, a direct C call: Cython passes a C offset to
    str.find through an int object, made and freed per call (most offsets are past the
    small ints CPython keeps)."""
    if cython.compiled:
        return PyUnicode_Find(text, sub, start, len(text), 1)
    return text.find(sub, start)


@cython.cfunc
@cython.inline
def _find_to(text: str, sub: str, start: cython.Py_ssize_t, end: cython.Py_ssize_t,
             ) -> cython.Py_ssize_t:
    """`text.find(sub, start, end)`, as `_find`."""
    if cython.compiled:
        return PyUnicode_Find(text, sub, start, end, 1)
    return text.find(sub, start, end)


@cython.cfunc
@cython.inline
def _starts(text: str, prefix: str, start: cython.Py_ssize_t) -> cython.bint:
    """`text.startswith(prefix, start)`, as `_find`."""
    if cython.compiled:
        return PyUnicode_Tailmatch(text, prefix, start, len(text), -1) == 1
    return text.startswith(prefix, start)

_CLOSE = {"{": "}", "[": "]", "\n": "\n"}
_MAX = {"{": 3, "[": 2}
_SEARCH: dict[tuple[str, bool, bool], re.Pattern[str]] = {}
_ONLYINCLUDE_RE = re.compile(r"<onlyinclude>(.*?)(?:</onlyinclude>|$)", re.DOTALL)
_CLOSE_TAGS: dict[str, str] = {}  # tag name -> its closing tag, made once per name


def _search_re(close: str, pipe: bool, equals: bool) -> re.Pattern[str]:
    key = (close, pipe, equals)
    pattern = _SEARCH.get(key)
    if pattern is None:
        chars = "{[<"
        if close and close != "\n":
            chars += close
        if pipe:
            chars += "|"
        if equals:
            chars += "="
        newline = "\n" if close == "\n" else "\n(?==)"
        # One alternative per character, not a class: a branch whose alternatives all start
        # with a literal lets the regex engine skip ahead to the next candidate character.
        alternatives = [re.escape(c) for c in chars]
        pattern = _SEARCH[key] = re.compile("|".join([*alternatives, newline]))
    return pattern


# The `search` methods, bound once: a call of one skips the method look-up.
_IN_BRACE = _search_re("}", True, False).search
_IN_BRACE_EQ = _search_re("}", True, True).search
_IN_LINK = _search_re("]", False, False).search
_IN_HEADING = _search_re("\n", False, False).search


# Token search modes: which of the patterns above applies (see `_next_token`).
_BRACE = cython.declare(cython.int, 0)  # (compiled, C constants: compared per character)
_BRACE_EQ = cython.declare(cython.int, 1)
_LINK = cython.declare(cython.int, 2)
_HEADING = cython.declare(cython.int, 3)
_SEARCHES = (_IN_BRACE, _IN_BRACE_EQ, _IN_LINK, _IN_HEADING)


@cython.cfunc
@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, c=cython.Py_UCS4)
def _next_token(text: str, i: cython.Py_ssize_t, mode: cython.int) -> cython.Py_ssize_t:
    """Where the search pattern of `mode` (`_SEARCHES`) first matches at or after `i`; -1 for
    none. Compiled, a C loop over the characters: most tokens are a few characters apart,
    and a regex call and its match object cost more than the walk."""
    if not cython.compiled:
        m = _SEARCHES[mode](text, i)
        return -1 if m is None else m.start()
    n = len(text)
    k = i
    while k < n:
        c = text[k]
        if c > "}":  # (every character that matters is ASCII, `}` the highest)
            pass
        elif c == "{" or c == "[" or c == "<":
            return k
        elif c == "\n":
            if mode == _HEADING or (k + 1 < n and text[k + 1] == "="):
                return k
        elif mode <= _BRACE_EQ:
            if c == "}" or c == "|" or (c == "=" and mode == _BRACE_EQ):
                return k
        elif mode == _LINK and c == "]":
            return k
        k += 1
    return -1


@cython.no_gc
@cython.freelist(16)
@cython.cclass
class _Piece:
    """An open construct on the stack: `{{`, `[[`, or a heading line (open "\\n"). (An
    extension type when compiled: `_scan` reads its fields as C struct members.)"""

    open = cython.declare(str)
    count = cython.declare(cython.Py_ssize_t)
    line_start = cython.declare(cython.bint)
    parts = cython.declare(list)
    eqpos = cython.declare(list)

    def __init__(self, open_: str, count: int, line_start: bool, first: list[Node]) -> None:
        self.open = open_
        self.count = count
        self.line_start = line_start
        self.parts: list[list[Node]] = [first]
        self.eqpos: list[int | None] = [None]

    def broken(self, opening: int | None = None) -> list[Node]:
        """The piece as literal text around its already-built children."""
        if self.open == "\n":
            return self.parts[0]
        out: list[Node] = [self.open * (self.count if opening is None else opening)]
        for k, part in enumerate(self.parts):
            if k:
                out.append("|")
            out.extend(part)
        return out


@cython.no_gc
@cython.freelist(16)
@cython.cclass
class _End:
    """Where the construct `_tag` or `_flat_call` just read ends, handed back beside the node
    they return: compiled, a C field, so a call makes no int object and no result tuple."""

    end = cython.declare(cython.Py_ssize_t)

    def __init__(self) -> None:
        self.end = 0


@cython.cfunc
@cython.locals(top=_Piece)
def _state(stack: list) -> cython.int:
    """The token search mode for the innermost open construct."""
    top = stack[-1]
    if top.open == "{":
        if len(top.parts) > 1 and top.eqpos[-1] is None:
            return _BRACE_EQ
        return _BRACE
    return _LINK if top.open == "[" else _HEADING


@cython.cfunc
@cython.locals(top=_Piece)
def _innermost(stack: list, root: list) -> list:
    """Where text goes now: the open part of the innermost construct, else the root."""
    if stack:
        top = stack[-1]
        return top.parts[-1]
    return root


def preprocess(text: str, for_inclusion: bool = False) -> list[Node]:
    """The preprocessor tree of `text`, as a page (`for_inclusion=False`) or as a transcluded
    template (`True`: `<noinclude>` dropped, `<onlyinclude>` honoured)."""
    if for_inclusion and "<onlyinclude>" in text and "</onlyinclude>" in text:
        text = "".join(m.group(1) for m in _ONLYINCLUDE_RE.finditer(text))
    if "{" not in text and "<" not in text:
        return [text] if text else []
    end_at: _End
    first: Template | None = None
    end = 0
    if text.startswith("{{"):  # a ref body that is one citation call, perhaps with a plain tail
        end_at = _End()
        first = _flat_call(text, 0, for_inclusion, end_at)
        if first is not None:
            end = end_at.end
            if end == len(text):
                return [first]
            # (Searched in place: a page opening with `{{Short description|…}}` would otherwise
            # copy the whole page only to find a `{` in it.)
            if find_char(text, "{", end, len(text)) < 0 and find_char(text, "<", end, len(text)) < 0:
                return [first, text[end:]]
    return _scan(text, for_inclusion, first, end)


@cython.locals(n=cython.Py_ssize_t, i=cython.Py_ssize_t, j=cython.Py_ssize_t, lit=cython.Py_ssize_t,
               brace=cython.Py_ssize_t, angle=cython.Py_ssize_t, end=cython.Py_ssize_t,
               count=cython.Py_ssize_t, mode=cython.int, piece=_Piece, max_count=cython.Py_ssize_t,
               rule_max=cython.Py_ssize_t, matching=cython.Py_ssize_t, end_at=_End)
def _scan(text: str, for_inclusion: bool, first: Template | None = None, start: int = 0,
          ) -> list[Node]:  # noqa: C901 - one state machine
    """The tree of `text`; `first`, when given, the flat call that text[:start] holds, as
    `preprocess` found it (the scan takes it as it would have found it, not twice)."""
    n = len(text)
    root: list[Node] = [] if first is None else [first]
    acc = root
    stack: list[_Piece] = []
    tag_re = TAG_NAME_RE[for_inclusion]
    ignored_tags = IGNORED_TAGS[for_inclusion]
    ignored_elements = IGNORED_ELEMENTS[for_inclusion]
    blocked: set[str] = set()  # tag names with no closing tag left; ">" once no `>` is left
    mode = _BRACE
    i = start
    line_start_pending = True  # MediaWiki's "fake line start" at offset 0 and after eaten comments
    link_re = PLAIN_LINK_RE[for_inclusion].match
    brace = angle = -1  # the next `{{` and `<` at or after i (n: none); i only grows
    end_at = _End()  # where `_tag`'s or `_flat_call`'s construct ends

    while True:
        if not stack:
            # Outside any `{{`: links and headings there are literal whatever they hold, so
            # only `{{` and `<` can start a node; the prose between them is one slice, found
            # with str.find (much faster than a regex search over prose).
            lit = i
            while True:
                if brace < i:  # find("{") is much faster than find("{{"); lone `{` are rare
                    brace = find_char(text, "{", i, n)
                    while brace >= 0 and not _starts(text, "{", brace + 1):
                        brace = find_char(text, "{", brace + 1, n)
                    if brace < 0:
                        brace = n
                if angle < i:
                    angle = find_char(text, "<", i, n)
                    if angle < 0:
                        angle = n
                if brace < angle:
                    j = brace
                    node = _flat_call(text, j, for_inclusion, end_at)
                    if node is None:  # not a flat call: the state machine takes it
                        break
                    end = end_at.end
                    if j > lit:
                        root.append(text[lit:j])
                    root.append(node)
                    i = lit = end
                    continue
                j = angle
                if j >= n:
                    break
                if _starts(text, "!--", j + 1):
                    if j > lit:
                        root.append(text[lit:j])
                    i, _ = _comment(text, j, root)
                    lit = i
                    continue
                after = text[j + 1:j + 2]
                if after in NO_TAG_START or (after == "/" and text[j + 2:j + 3] in NO_CLOSING_TAG_START):
                    i = j + 1  # `<br>`, `</span>`: no tag name can follow (see `_tag`)
                    continue
                node = _tag(text, j, tag_re, ignored_tags, ignored_elements, blocked, end_at)
                end = end_at.end
                if node is not None:
                    if j > lit:
                        root.append(text[lit:j])
                    root.append(node)
                    lit = end
                i = end
            if j >= n:
                if n > lit:
                    root.append(text[lit:])
                break
            if j > lit:
                root.append(text[lit:j])
            i = j
            count = _run(text, i)
            piece = _Piece("{", count, i > 0 and text[i - 1] == "\n", [])
            stack.append(piece)
            acc = piece.parts[0]
            i += count
            mode = _BRACE
            line_start_pending = False
            continue
        if line_start_pending:
            line_start_pending = False
            if i < n and text[i] == "=":
                count = _run(text, i)
                count = min(count, 6)
                if not (count == 1 and mode == _BRACE_EQ):
                    piece = _Piece("\n", count, False, ["=" * count])
                    stack.append(piece)
                    acc = piece.parts[0]
                    i += count
                    mode = _HEADING
        j = _next_token(text, i, mode)
        if j < 0:
            piece = stack[-1]
            if piece.open == "\n":
                if n > i:
                    acc.append(text[i:])
                i = n
                piece = stack.pop()
                acc = _innermost(stack, root)
                acc.extend(piece.parts[0])
                if stack:
                    mode = _state(stack)
                continue
            if i < n:
                acc.append(text[i:])
            break
        if j > i:
            acc.append(text[i:j])
            i = j
        c = text[i]
        # The commonest tokens inside a call first: `|` and `=` (a template's parameters).
        if c == "|":
            piece = stack[-1]
            piece.parts.append([])
            piece.eqpos.append(None)
            acc = piece.parts[-1]
            i += 1
            mode = _BRACE_EQ
            continue
        if c == "=":
            piece = stack[-1]
            piece.eqpos[-1] = len(acc)
            acc.append("=")
            i += 1
            mode = _BRACE
            continue
        if c == "\n":
            piece = stack[-1]
            if piece.open == "\n":
                # End of a heading line: its text goes back, literal, to the enclosing level.
                piece = stack.pop()
                acc = _innermost(stack, root)
                acc.extend(piece.parts[0])
                if stack:
                    mode = _state(stack)
                continue
            acc.append("\n")
            i += 1
            line_start_pending = True
            continue
        if c == "{" or c == "[":
            if c == "[":
                link = link_re(text, i)
                if link is not None:
                    # A `[[link]]` holding nothing the preprocessor acts on: one literal run.
                    i = link.end()
                    acc.append(text[j:i])
                    continue
            count = _run(text, i)
            if count == 2 and c == "{":
                node = _flat_call(text, i, for_inclusion, end_at)
                if node is not None:
                    i = end_at.end
                    acc.append(node)
                    continue
            if count >= 2:
                piece = _Piece(c, count, i > 0 and text[i - 1] == "\n", [])
                stack.append(piece)
                acc = piece.parts[0]
                mode = _BRACE if c == "{" else _LINK
            else:
                acc.append(c * count)
            i += count
            continue
        if c == "}" or c == "]":
            piece = stack[-1]
            max_count = piece.count
            count = min(_run(text, i), max_count)
            rule_max = _MAX[piece.open]
            matching = rule_max if count > rule_max else count
            if matching < 2:
                acc.append(c * count)
                i += count
                continue
            element: list[Node]
            if piece.open == "[":
                element = piece.broken(matching)
                element.append(c * matching)
            else:
                parts = [Part(piece.parts[k], piece.eqpos[k]) for k in range(1, len(piece.parts))]
                if matching == 2:
                    node: Node = Template(piece.parts[0], parts,
                                          piece.line_start and max_count == matching)
                else:
                    node = Argument(piece.parts[0], parts)
                element = [node]
            i += matching
            stack.pop()
            acc = _innermost(stack, root)
            if matching < piece.count:
                piece.count -= matching
                piece.parts = [[]]
                piece.eqpos = [None]
                if piece.count >= 2:
                    stack.append(piece)
                    acc = piece.parts[0]
                else:
                    acc.append(piece.open * piece.count)
            acc.extend(element)
            if stack:
                mode = _state(stack)
            continue
        # c == "<"
        if _starts(text, "!--", i + 1):
            i, eaten = _comment(text, i, acc)
            line_start_pending = eaten
            continue
        after = text[i + 1:i + 2]
        if after in NO_TAG_START or (after == "/" and text[i + 2:i + 3] in NO_CLOSING_TAG_START):
            acc.append("<")  # as `_tag` finds, without the call
            i += 1
            continue
        node = _tag(text, i, tag_re, ignored_tags, ignored_elements, blocked, end_at)
        end = end_at.end
        acc.append(text[i:end] if node is None else node)
        i = end
    for piece in stack:
        root.extend(piece.broken())
    return root


@cython.cfunc  # (compiled, a C call from `_scan`)
@cython.locals(attr_start=cython.Py_ssize_t, tag_end=cython.Py_ssize_t,
               attr_end=cython.Py_ssize_t, start=cython.Py_ssize_t, at=cython.Py_ssize_t,
               ref=cython.bint)
def _tag(text: str, i: cython.Py_ssize_t, tag_re: re.Pattern[str], ignored_tags: frozenset[str],
         ignored_elements: frozenset[str], blocked: set[str], end_at: _End) -> Node | None:
    """The extension tag at `i` (a `<`), its end offset in `end_at`; None when text[i:end]
    stays literal. `blocked` remembers, per page, tags that can no longer close."""
    end_at.end = i + 1  # (where a `<` that opens nothing ends)
    if ">" in blocked:
        return None
    # `<ref` then a character TAG_NAME_RE's look-ahead (`\s`, `/>`, `>`) accepts, the
    # commonest ones only (others go to the regex): the commonest tag by far, never ignored.
    ref = (_starts(text, "ref", i + 1) and i + 4 < len(text)
           and text[i + 4] in " >\n\t")
    if ref:
        lower = "ref"
        attr_start = i + 4
    else:
        tm = tag_re.match(text, i + 1)
        if tm is None:
            return None
        name = tm.group(1)
        lower = name.lower()
        attr_start = i + 1 + len(name)
    tag_end = find_char(text, ">", attr_start, len(text))
    if tag_end < 0:
        blocked.add(">")
        return None
    if not ref and lower in ignored_tags:
        end_at.end = tag_end + 1
        return Ignored(text[i:tag_end + 1])
    start = i
    if text[tag_end - 1] == "/":
        attr_end = tag_end - 1
        inner: str | None = None
        close = ""
        i = tag_end + 1
    else:
        attr_end = tag_end
        closes: dict = _CLOSE_TAGS
        close = closes.get(lower)
        if close is None:  # (the names TAG_NAME_RE knows: a few)
            close = closes[lower] = "</" + lower + ">"
        at = _find_pair(text, "<", "/", tag_end + 1)
        if at >= 0 and _starts(text, close, at):
            # The first `</` after the tag opens this exact `</name>`: no closing tag can start
            # before it, so it is what the case-insensitive search below finds, without
            # walking the body in the regex engine.
            inner = text[tag_end + 1:at]
            i = at + len(close)
        else:
            cm = None if lower in blocked else closing_tag_search(lower)(text, tag_end + 1)
            if cm is not None:
                inner = text[tag_end + 1:cm.start()]
                close = cm.group()
                i = cm.end()
            elif lower in ALLOW_MISSING_END:
                inner = text[tag_end + 1:]
                close = ""
                i = len(text)
            else:
                blocked.add(lower)
                end_at.end = tag_end + 1
                return None
    end_at.end = i
    if not ref and lower in ignored_elements:
        return Ignored(text[start:i])
    return new_ext_tag(lower, text[attr_start:attr_end], inner, close, text, start, i)


@cython.cfunc
@cython.locals(at=cython.Py_ssize_t, last=cython.Py_ssize_t)
def _find_pair(text: str, first: cython.Py_UCS4, second: cython.Py_UCS4, start: cython.Py_ssize_t,
               ) -> cython.Py_ssize_t:
    """`text.find(first + second, start)` by searches for `first` alone (a memchr, far
    cheaper than a two-character search) where `first` is mostly followed by `second`: the
    first `<` after an opening tag is most often its closing tag's, the first `}` in a call
    its `}}`."""
    last = len(text) - 1
    at = find_char(text, first, start, last + 1)
    while 0 <= at < last and text[at + 1] != second:
        at = find_char(text, first, at + 1, last + 1)
    return at if 0 <= at < last else -1


@cython.cfunc
@cython.locals(c=cython.Py_UCS4, end=cython.Py_ssize_t, n=cython.Py_ssize_t)
def _run(text: str, i: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """How many times text[i] repeats from `i` on (compiled, a C loop rather than a regex match)."""
    c = text[i]
    end = i + 1
    n = len(text)
    while end < n and text[end] == c:
        end += 1
    return end - i


@cython.cfunc
@cython.locals(end=cython.Py_ssize_t, n=cython.Py_ssize_t)
def _span(text: str, pos: cython.Py_ssize_t, chars: str = " \t") -> cython.Py_ssize_t:
    end = pos
    n = len(text)
    while end < n and text[end] in chars:
        end += 1
    return end - pos


@cython.cfunc
@cython.locals(end=cython.Py_ssize_t, ws_start=cython.Py_ssize_t,
               ws_end=cython.Py_ssize_t, c=cython.Py_ssize_t, ws_len=cython.Py_ssize_t)
def _comment(text: str, i: cython.Py_ssize_t, acc: list[Node]) -> tuple[int, bool]:
    """Add the comment at `i` to `acc`; a line holding only comments is removed with its newline.

    Returns the new offset and whether a line was eaten (then a heading may start there)."""
    end = _find(text, "-->", i + 4)
    if end < 0:
        acc.append(Comment(text[i:]))
        return len(text), False
    ws_start = i
    while ws_start > 0 and text[ws_start - 1] in " \t":
        ws_start -= 1
    ws_end = end + 2 + _span(text, end + 3)
    comments = [(ws_start, ws_end)]
    while _starts(text, "<!--", ws_end + 1):
        c = _find(text, "-->", ws_end + 4)
        if c < 0:
            break
        c = c + 2 + _span(text, c + 3)
        comments.append((ws_end + 1, c))
        ws_end = c
    if ws_start > 0 and text[ws_start - 1] == "\n" and text[ws_end + 1:ws_end + 2] == "\n":
        ws_len = i - ws_start
        if ws_len > 0 and acc and type(acc[-1]) is str:
            last = acc[-1]
            if len(last) >= ws_len and not last[-ws_len:].strip(" \t"):
                acc[-1] = last[:-ws_len]
        for start, stop in comments[:-1]:
            acc.append(Comment(text[start:stop + 1]))
        start_pos = comments[-1][0]
        end_pos = comments[-1][1] + 1
        acc.append(Comment(text[start_pos:end_pos + 1]))
        return end_pos + 1, True
    acc.append(Comment(text[i:end + 3]))
    return end + 3, False


@cython.cfunc  # (compiled, a C call from `_scan` and `preprocess`)
@cython.locals(close=cython.Py_ssize_t, end=cython.Py_ssize_t, inner=str, bracket=cython.bint,
               brace=cython.bint, links=cython.bint)
def _flat_call(text: str, i: cython.Py_ssize_t, inclusion: cython.bint, end_at: _End,
               ) -> Template | None:
    """The flat call at text[i] (a `{{`), its end offset in `end_at`; None when it is not
    flat (see fastpath.py).

    Most calls hold no tag and no brace before their first `}}`: then str.find and `in`
    tests (memchr) decide what FLAT_TEMPLATE_RE would, without walking the call character
    by character; the pattern decides the rest. (In an accepted span every `[[` opens a
    link that closes, so `_split_outside_links` never gives None there.)"""
    close = _find_pair(text, "}", "}", i + 2)
    if close < 0:
        return None
    inner = text[i + 2:close]
    # (Each character looked for once; a two-character search only where its first is.)
    bracket = "[" in inner
    brace = "{" in inner or "}" in inner
    if ("<" in inner and not _plain_angles(inner, TAG_NAME_RE[inclusion].match)
            or (bracket and brace)):
        pieces = None
    elif brace or ("\n" in inner and "\n=" in inner):
        return None  # a nested call, a lone brace or a heading line: the state machine's
    else:
        end = close + 2
        links = bracket and "[[" in inner
        pieces = _split_outside_links(inner) if links else inner.split("|")
    if pieces is None:  # a tag, or a link that may run past that `}}`: the pattern decides
        flat = FLAT_TEMPLATE_RE[inclusion].match(text, i)
        if flat is None:
            return None
        end = flat.end()
        inner = text[i + 2:end - 2]
        links = "[[" in inner
        pieces = _split_outside_links(inner) if links else inner.split("|")
    # (The title stays pieces[0]: deleting it would move all the others. Brace reads it
    # there; `title` is made from it only when asked for.)
    end_at.end = end
    return new_template(None, None, i > 0 and text[i - 1] == "\n", pieces, links)


@cython.cfunc
@cython.locals(at=cython.Py_ssize_t)
def _plain_angles(inner: str, tag_match: Callable[..., re.Match[str] | None]) -> cython.bint:
    """Whether every `<` in `inner` is plain text to the preprocessor, as FLAT_TEMPLATE_RE's
    look-ahead decides: it opens no comment and no tag name follows it. (Calls holding a
    `<br>` or a `<span>` then take the cheap way, not the pattern's walk over the call.)"""
    at = inner.find("<")
    while at >= 0:
        after = inner[at + 1:at + 2]
        if after == "!":
            if _starts(inner, "!--", at + 1):
                return False
        elif not (after in NO_TAG_START
                  or (after == "/" and inner[at + 2:at + 3] in NO_CLOSING_TAG_START)):
            if tag_match(inner, at + 1) is not None:
                return False
        at = find_char(inner, "<", at + 1, len(inner))
    return True


@cython.cfunc
@cython.locals(start=cython.Py_ssize_t, pos=cython.Py_ssize_t, link=cython.Py_ssize_t,
               stop=cython.Py_ssize_t, bar=cython.Py_ssize_t, close=cython.Py_ssize_t)
def _split_outside_links(inner: str) -> list[str] | None:
    """`inner.split("|")`, except that a link (`[[` to the first `]]`) is never split; None
    when a `[[` opens no link FLAT_TEMPLATE_RE accepts (`[[[`, no `]]`, a `[[` inside)."""
    pieces: list[str] = []
    start = pos = 0  # where the current piece starts; where its next `|` may be
    while True:
        link = _find(inner, "[[", pos)
        stop = link if link >= 0 else len(inner)
        bar = find_char(inner, "|", pos, stop)
        while bar >= 0:
            pieces.append(inner[start:bar])
            start = bar + 1
            bar = find_char(inner, "|", start, stop)
        if link < 0:
            pieces.append(inner[start:])
            return pieces
        close = _find(inner, "]]", link + 2)
        if close < 0 or _starts(inner, "[", link + 2) or _find_to(inner, "[[", link + 2, close) >= 0:
            return None
        pos = close + 2
