"""Text renderer (FORMAT.md "seed layout"). PLACEHOLDER until the parser helper writes it."""
from unwiki.model import Document


def to_text(doc: Document) -> str:
    raise NotImplementedError
