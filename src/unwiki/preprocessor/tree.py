"""The preprocessor's tree: text runs (plain `str`) and the few node kinds expansion acts on.

A node list is `list[str | Template | Argument | ExtTag | Comment | Ignored]`. Trees are
never mutated after the preprocessor builds them, so parsed template sources can be shared
between pages.

Compiled, the node classes are extension types (`cython.cclass`): a page builds tens of
thousands of nodes, and making one costs a third of what a class with `__slots__` costs.
They are left out of the cyclic collector (`no_gc`: a node only refers to its children, and
trees are never mutated, so no node is in a cycle): no GC header, no tracking as each is made
and freed; a small free list per class skips the allocator for the commonest ones.
"""
from __future__ import annotations

try:
    import cython
except ImportError:  # plain Python without Cython: ordinary classes
    from unwiki.preprocessor.cython_shim import cython

# PHP's trim(): MediaWiki trims only these, never other Unicode spaces.
TRIM = " \t\n\r\0\x0b"

if not cython.compiled:  # compiled, find_char is tree.pxd's inline C function
    def find_char(text: str, c: str, start: int, end: int) -> int:
        """`text.find(c, start, end)` for one character `c`."""
        return text.find(c, start, end)


@cython.cfunc
@cython.inline
def _trim_start(text: str, start: cython.Py_ssize_t, end: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """Where text[start:end].strip(TRIM) starts in `text` (compiled, a C loop)."""
    while start < end and text[start] in " \t\n\r\0\x0b":
        start += 1
    return start


@cython.cfunc
@cython.inline
def _trim_end(text: str, start: cython.Py_ssize_t, end: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """Where text[start:end].strip(TRIM) ends, `start` being past any leading blank."""
    while end > start and text[end - 1] in " \t\n\r\0\x0b":
        end -= 1
    return end


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class Part:
    """One `|`-separated part of a template call: `name=value`, or a positional `value`."""

    full = cython.declare(object, visibility="public")
    name = cython.declare(object, visibility="public")
    value = cython.declare(object, visibility="public")

    def __init__(self, nodes: list[Node], eqpos: int | None) -> None:
        self.full = nodes
        if eqpos is None:
            self.name: list[Node] | None = None
            self.value = nodes
        else:
            self.name = nodes[:eqpos]
            self.value = nodes[eqpos + 1:]

    def __repr__(self) -> str:
        return f"Part({self.full!r})"


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class Template:
    """`{{title|parts…}}`: a template, variable or parser function call.

    A flat call (fastpath.py: no braces, comments or tags inside) keeps only its `|` pieces
    (`pieces`, the title first, as `str.split` gives them):
    its Part objects are built on first use, and `flat_args` gives its arguments already
    expanded, since expanding plain text changes nothing. Most calls on a page are flat and
    most are only ever read through `flat_args`."""

    _args = cython.declare(object, visibility="public")
    _parts = cython.declare(object, visibility="public")
    line_start = cython.declare(object, visibility="public")
    pieces = cython.declare(object, visibility="public")
    _title = cython.declare(object, visibility="public")
    links = cython.declare(object, visibility="public")

    def __init__(self, title: list[Node] | None, parts: list[Part] | None, line_start: bool,
                 pieces: list[str] | None = None, links: bool = True) -> None:
        self._title = title  # None for a flat call: made from pieces[0] when asked for
        self._parts = parts
        self.line_start = line_start
        self.pieces = pieces  # a flat call's raw `|` pieces, its title first
        self.links = links  # False: no piece holds a `[[` (flat_args then looks for none)
        self._args: dict[str, str] | None = None

    @property
    def title(self) -> list[Node]:
        title = self._title
        if title is None:
            first = self.pieces[0]
            title = self._title = [first] if first else []
        return title

    @property
    def parts(self) -> list[Part]:
        parts = self._parts
        if parts is None:
            parts = self._parts = _flat_parts(self.pieces[1:] if self.pieces else [])
        return parts

    @cython.locals(piece=str, args=dict, at=cython.Py_ssize_t, index=cython.Py_ssize_t,
                   start=cython.Py_ssize_t, end=cython.Py_ssize_t, links=cython.bint,
                   pieces=list, k=cython.Py_ssize_t)
    def flat_args(self) -> dict[str, str]:
        """A flat call's arguments as expansion sees them: key -> value, trimmed as MediaWiki
        trims them (named ones only), in call order, the last of a repeated key winning.
        Callers must not mutate it: trees are shared.

        What expanding `_flat_parts(pieces)` in any frame gives: plain text stays as it is.
        (Worked out here rather than in a helper: one call less for most calls on a page.
        Names and values are trimmed by offsets, then sliced once: no `strip` call.)"""
        if self._args is not None:
            return self._args
        args = self._args = {}
        index = 0
        links = self.links
        pieces = self.pieces or []
        for k in range(1, len(pieces)):  # (pieces[0] is the title)
            piece = pieces[k]
            at = find_char(piece, "=", 0, len(piece))
            if links and at >= 2 and piece.find("[[", 0, at) >= 0:
                at = _equals(piece, at)  # that `=` may be inside a link
            if at >= 0:
                start = _trim_start(piece, 0, at)
                end = _trim_end(piece, start, at)
                name = piece[start:end]
                start = _trim_start(piece, at + 1, len(piece))
                end = _trim_end(piece, start, len(piece))
                args[name] = piece[start:end]
                continue
            index += 1
            args[_NUMBERS[index] if index < _NUMBERS_END else str(index)] = piece
        return args

    def __repr__(self) -> str:
        return f"Template({self.title!r}, {self.parts!r})"


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class Argument:
    """`{{{name|default}}}`: a template parameter."""

    parts = cython.declare(object, visibility="public")
    title = cython.declare(object, visibility="public")

    def __init__(self, title: list[Node], parts: list[Part]) -> None:
        self.title = title
        self.parts = parts

    def __repr__(self) -> str:
        return f"Argument({self.title!r}, {self.parts!r})"


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class ExtTag:
    """An extension tag (`<ref>`, `<nowiki>`, …): its body is not wikitext for the preprocessor.

    Its `source` (the whole tag) is sliced from the text only when asked for: page expansion
    never reads it."""

    attrs = cython.declare(object, visibility="public")
    close = cython.declare(object, visibility="public")
    inner = cython.declare(object, visibility="public")
    name = cython.declare(object, visibility="public")
    _text = cython.declare(object, visibility="public")
    _start = cython.declare(cython.Py_ssize_t)  # (compiled, C fields: no offset tuple per tag)
    _end = cython.declare(cython.Py_ssize_t)

    def __init__(self, name: str, attrs: str, inner: str | None, close: str, text: str,
                 start: int, end: int) -> None:
        self.name = name
        self.attrs = attrs
        self.inner = inner
        self.close = close
        self._text = text  # the tag is text[start:end]
        self._start = start
        self._end = end

    @property
    def source(self) -> str:
        return self._text[self._start:self._end]

    def __repr__(self) -> str:
        return f"ExtTag({self.source!r})"


@cython.locals(node=Template)
def new_template(title, parts, line_start, pieces, links):  # noqa: ANN001, ANN201 - see tree.pxd
    """`Template(title, parts, line_start, pieces, links)`, as a C function to the scanner
    (tree.pxd): the fields stored directly, without the constructor's call and argument
    parsing. (Untyped, as declared in tree.pxd.)"""
    node = Template.__new__(Template)
    node._title = title
    node._parts = parts
    node.line_start = line_start
    node.pieces = pieces
    node.links = links
    node._args = None
    return node


@cython.locals(node=ExtTag)
def new_ext_tag(name, attrs, inner, close, text, start: cython.Py_ssize_t,  # noqa: ANN001, ANN201
                end: cython.Py_ssize_t):
    """`ExtTag(name, attrs, inner, close, text, start, end)`, as `new_template`."""
    node = ExtTag.__new__(ExtTag)
    node.name = name
    node.attrs = attrs
    node.inner = inner
    node.close = close
    node._text = text
    node._start = start
    node._end = end
    return node


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class Comment:
    """`<!-- … -->` (with the line it ate, if it stood alone on one)."""

    text = cython.declare(object, visibility="public")

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Comment({self.text!r})"


@cython.no_gc
@cython.freelist(64)
@cython.cclass
class Ignored:
    """Text dropped in this mode: `<noinclude>` sections when transcluded, section tags."""

    text = cython.declare(object, visibility="public")

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Ignored({self.text!r})"


Node = str | Template | Argument | ExtTag | Comment | Ignored


def source_of(nodes: list[Node]) -> str:
    """The wikitext a node list was built from (for literal re-emission and debugging)."""
    out: list[str] = []
    for node in nodes:
        if type(node) is str:
            out.append(node)
        elif type(node) is Template or type(node) is Argument:
            brace = "{{" if type(node) is Template else "{{{"
            out.append(brace)
            out.append(source_of(node.title))
            for part in node.parts:
                out.append("|")
                out.append(source_of(part.full))
            out.append("}}" if type(node) is Template else "}}}")
        elif type(node) is ExtTag:
            out.append(node.source)
        else:
            out.append(node.text)
    return "".join(out)


def _equals(text: str, eq: int) -> int:
    """The first `=` of `text` outside links, searching on from the first `=` at `eq`."""
    pos = 0
    while eq >= 0:
        opening = text.find("[[", pos, eq)
        if opening < 0:
            break
        pos = text.find("]]", opening + 2) + 2
        eq = text.find("=", pos)
    return eq


def _flat_parts(pieces: list[str]) -> list[Part]:
    """Part objects of a flat call: `name=value` at the first `=` outside links, else positional."""
    parts: list[Part] = []
    for piece in pieces:
        eq = piece.find("=")
        if eq > 0 and "[[" in piece:
            eq = _equals(piece, eq)
        if eq < 0:
            parts.append(Part([piece] if piece else [], None))
            continue
        nodes: list[Node] = [piece[:eq], "="] if eq else ["="]
        eqpos = len(nodes) - 1
        if eq + 1 < len(piece):
            nodes.append(piece[eq + 1:])
        parts.append(Part(nodes, eqpos))
    return parts


_NUMBERS = tuple(str(k) for k in range(64))  # positional keys, made once
_NUMBERS_END = len(_NUMBERS)
