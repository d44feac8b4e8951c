"""unwiki: MediaWiki wikitext to what a reader of the rendered page sees.

    >>> import unwiki
    >>> doc = unwiki.parse("'''Hello''' [[world]]s", title="Greeting")
    >>> doc.text()
    '= Greeting =\\n\\nHello worlds\\n'
"""
from unwiki import render as _render  # noqa: F401  (registers the renderers on the model)
from unwiki.api import expand, parse
from unwiki.model import Document

__all__ = ["Document", "expand", "parse"]
__version__ = "0.1.0"
