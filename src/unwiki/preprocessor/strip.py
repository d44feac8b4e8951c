"""Strip markers: the contract between expansion and the parser (MediaWiki's StripState).

Content that must not be parsed as wikitext (`<nowiki>`, `<pre>`, `<math>`, `<ref>` bodies,
`<gallery>`, code) and templates captured as structure (infoboxes, citations, hatnotes,
navigation boxes, maintenance tags) are replaced in the expanded text by a marker
`\\x7fUNIQ<n>QINU\\x7f`; the item it stands for sits in `StripState.items[n]`.
The parser turns each marker back into model nodes where it stands.
"""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython: ordinary classes
    from unwiki.preprocessor.cython_shim import cython

MARKER_RE = re.compile("\x7fUNIQ([0-9]+)QINU\x7f")


@cython.locals(start=cython.Py_ssize_t, at=cython.Py_ssize_t, n=cython.Py_ssize_t,
               index=cython.Py_ssize_t, code=cython.Py_ssize_t)
def marker_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, item index) of each strip marker in `text`, as MARKER_RE.finditer finds
    them: a search for the marker's literal start is far cheaper than a regex scan, and its
    digits are read in place (compiled, a C loop: no slice, no `int` call). They run to the
    first non-digit, which must start the marker's end (no `QINU\x7f` can come before it)."""
    out: list[tuple[int, int, int]] = []
    n = len(text)
    start = text.find("\x7fUNIQ")
    while start >= 0:
        at = start + 5
        index = 0
        while at < n:
            code = ord(text[at])
            if code < 48 or code > 57:  # not 0-9
                break
            if at - start < 23:  # (18 digits at most fit a 64-bit integer)
                index = index * 10 + (code - 48)
            at += 1
        if at > start + 5 and text.startswith("QINU\x7f", at):
            out.append((start, at + 5, index if at - start <= 23 else int(text[start + 5:at])))
            start = text.find("\x7fUNIQ", at + 5)
        else:
            start = text.find("\x7fUNIQ", start + 1)
    return out


# Item kinds.
NOWIKI = "nowiki"          # body: literal text (entities decoded by the parser)
PRE = "pre"                # body: literal lines of a <pre> (entities decoded, markup not parsed)
CODE = "code"              # <syntaxhighlight>/<source>: body literal; attrs["lang"], attrs["inline"]
MATH = "math"              # body: TeX; attrs["display"] == "block" for displayed math (<math>, <chem>, <ce>)
REF = "ref"                # body: the ref's wikitext, already expanded; attrs: name, group, follow
REFERENCES = "references"  # a reference list (<references/>, {{Reflist}}): body: expanded inner refs
GALLERY = "gallery"        # body: gallery lines (file|caption), expanded
POEM = "poem"              # body: expanded wikitext whose line breaks are kept
TEMPLATE = "template"      # a template captured as structure: see `role` and `args`
EXT = "ext"                # any other extension tag: body expanded wikitext or None (shows nothing)

# Template roles (site/data knowledge, see unwiki.site.templates).
INFOBOX = "infobox"
CITATION = "citation"
HATNOTE = "hatnote"
NAVBOX = "navbox"
MAINTENANCE = "maintenance"
COORDINATES = "coordinates"
DEAD_LINK = "dead_link"
DISAMBIGUATION = "disambiguation"
DROPPED = "dropped"        # anything else deliberately left out of the text (sidebars, TOC, …)
REFERENCES_LIST = "references"  # a template that shows the reference list ({{Reflist}}, fr {{Références}})


@cython.no_gc  # (refers to strings, a dict and a list of string pairs: in no cycle)
@cython.freelist(64)
@cython.cclass
class StripItem:
    """One stripped piece of the page. As a dataclass would be (same constructor, `==` and
    repr), but an extension type when compiled: pages make thousands, and its __init__ is
    then compiled rather than generated Python."""

    kind = cython.declare(object, visibility="public")
    name = cython.declare(object, visibility="public")   # tag name, or template name as written (normalised)
    attrs = cython.declare(object, visibility="public")  # dict[str, str]
    body = cython.declare(object, visibility="public")   # str | None
    role = cython.declare(object, visibility="public")   # for TEMPLATE items
    args = cython.declare(object, visibility="public")   # [(key, expanded value)]; positional keys "1", "2", …
    block = cython.declare(object, visibility="public")  # laid out as a block (closes the paragraph it stands in)

    def __init__(self, kind: str, name: str = "", attrs: dict[str, str] | None = None,
                 body: str | None = None, role: str = "", args: list[tuple[str, str]] | None = None,
                 block: bool = False) -> None:
        self.kind = kind
        self.name = name
        self.attrs = {} if attrs is None else attrs
        self.body = body
        self.role = role
        self.args = [] if args is None else args
        self.block = block

    def _fields(self) -> tuple:
        return (self.kind, self.name, self.attrs, self.body, self.role, self.args, self.block)

    def __eq__(self, other: object) -> bool:
        if type(other) is not StripItem:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[union-attr]

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq

    def __repr__(self) -> str:
        return (f"StripItem(kind={self.kind!r}, name={self.name!r}, attrs={self.attrs!r}, "
                f"body={self.body!r}, role={self.role!r}, args={self.args!r}, block={self.block!r})")


@cython.locals(item=StripItem)
def new_strip_item(kind, name, attrs, body, role, args, block):  # noqa: ANN001, ANN201 - strip.pxd
    """`StripItem(kind, name, attrs, body, role, args, block)` with every field given, as a C
    function to the expansion engine (strip.pxd): the fields stored directly, without the
    constructor's call and argument parsing. (Untyped, as declared in strip.pxd.)"""
    item = StripItem.__new__(StripItem)
    item.kind = kind
    item.name = name
    item.attrs = attrs
    item.body = body
    item.role = role
    item.args = args
    item.block = block
    return item


# Markers by item index, shared by all pages (every page numbers its items from 0): made once.
_MARKERS: list[str] = []
_MARKERS_MAX = 1 << 16


@cython.cclass
class StripState:
    """The page's strip items, in marker order."""

    items = cython.declare(object, visibility="public")  # list[StripItem]

    def __init__(self, items: list[StripItem] | None = None) -> None:
        self.items = [] if items is None else items

    def __eq__(self, other: object) -> bool:
        if type(other) is not StripState:
            return NotImplemented
        return self.items == other.items  # type: ignore[union-attr]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StripState(items={self.items!r})"

    @cython.locals(index=cython.Py_ssize_t)
    def add(self, item: StripItem) -> str:
        """Store `item` and return the marker that stands for it in the text."""
        items: list = self.items
        index = len(items)
        items.append(item)
        markers: list = _MARKERS
        if index < len(markers):
            return markers[index]
        marker = f"\x7fUNIQ{index}QINU\x7f"
        if index == len(markers) and index < _MARKERS_MAX:
            markers.append(marker)
        return marker

    def get(self, marker_match: re.Match[str]) -> StripItem:
        return self.items[int(marker_match.group(1))]
