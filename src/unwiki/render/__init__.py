"""Renderers: read the document model only, never wikitext. Importing this package registers
them on `unwiki.model.document.RENDERERS` so `Document.text()` & co. work."""
from unwiki.model.document import RENDERERS
from unwiki.render.json import to_dict
from unwiki.render.markdown import to_markdown
from unwiki.render.text import to_text

RENDERERS.update(text=to_text, markdown=to_markdown, json=to_dict)

__all__ = ["to_dict", "to_markdown", "to_text"]
