"""JSON renderer. PLACEHOLDER until the parser helper writes it."""
from unwiki.model import Document


def to_dict(doc: Document) -> dict:
    raise NotImplementedError
