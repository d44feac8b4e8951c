"""The document model: the one contract between the parser and every renderer and sink.

Everything a page carries lands here; renderers decide what a reader sees.
"""
from unwiki.model.blocks import (
    Block,
    BlockQuote,
    Heading,
    HorizontalRule,
    Infobox,
    InfoboxField,
    ListBlock,
    ListItem,
    MathBlock,
    Paragraph,
    Preformatted,
    Table,
    TableCell,
    TableRow,
)
from unwiki.model.document import (
    Document,
    ExternalLinkRef,
    Image,
    InterwikiLink,
    LinkRef,
    PageError,
    Reference,
    TemplateUse,
)
from unwiki.model.inlines import (
    Bold,
    Code,
    ExtLink,
    Inline,
    Italic,
    LineBreak,
    Link,
    Math,
    RefMarker,
    Span,
    Text,
)

__all__ = [
    "Block", "BlockQuote", "Bold", "Code", "Document", "ExtLink", "ExternalLinkRef", "Heading",
    "HorizontalRule", "Image", "Infobox", "InfoboxField", "Inline", "InterwikiLink", "Italic",
    "LineBreak", "Link", "LinkRef", "ListBlock", "ListItem", "Math", "MathBlock", "PageError",
    "Paragraph", "Preformatted", "RefMarker", "Reference", "Span", "Table", "TableCell", "TableRow",
    "TemplateUse", "Text",
]
