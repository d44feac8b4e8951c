"""The one way unwiki's readers parse XML: no DTD, no entity expansion, no network."""
from __future__ import annotations

import re
import threading

from lxml import etree

_LOCAL = threading.local()
_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")


def safe_parser() -> etree.XMLParser:
    """A per-thread lxml parser that cannot be made to fetch, expand or blow up (huge_tree
    only lifts lxml's text-node size cap, which real pages exceed)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 dtd_validation=False, huge_tree=True, remove_comments=True,
                                 remove_pis=True, collect_ids=False)
        _LOCAL.parser = parser
    return parser


def parse_fragment(data: bytes) -> etree._Element:
    """Parse one UTF-8 element (a `<page>`, the header closed by us) without its declaration."""
    return etree.fromstring(_DECL.sub(b"", data, count=1), safe_parser())


def local(tag: object) -> str:
    """Tag name without namespace (`{http://www.mediawiki.org/xml/export-0.10/}page` -> `page`)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
