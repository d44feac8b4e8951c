"""Markdown renderer. PLACEHOLDER until the parser helper writes it."""
from unwiki.model import Document


def to_markdown(doc: Document) -> str:
    raise NotImplementedError
