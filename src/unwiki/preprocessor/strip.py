"""Strip markers: the contract between expansion and the parser (MediaWiki's StripState).

Content that must not be parsed as wikitext (`<nowiki>`, `<pre>`, `<math>`, `<ref>` bodies,
`<gallery>`, code) and templates captured as structure (infoboxes, citations, hatnotes,
navigation boxes, maintenance tags) are replaced in the expanded text by a marker
`\\x7fUNIQ<n>QINU\\x7f`; the item it stands for sits in `StripState.items[n]`.
The parser turns each marker back into model nodes where it stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MARKER_RE = re.compile("\x7fUNIQ([0-9]+)QINU\x7f")

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


@dataclass(slots=True)
class StripItem:
    kind: str
    name: str = ""                      # tag name, or template name as written (normalised)
    attrs: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    role: str = ""                      # for TEMPLATE items
    args: list[tuple[str, str]] = field(default_factory=list)  # (key, expanded value); positional keys "1", "2", …
    block: bool = False                 # laid out as a block (closes the paragraph it stands in)


@dataclass(slots=True)
class StripState:
    items: list[StripItem] = field(default_factory=list)

    def add(self, item: StripItem) -> str:
        """Store `item` and return the marker that stands for it in the text."""
        self.items.append(item)
        return f"\x7fUNIQ{len(self.items) - 1}QINU\x7f"

    def get(self, marker_match: re.Match[str]) -> StripItem:
        return self.items[int(marker_match.group(1))]
