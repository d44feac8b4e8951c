"""Expanded page -> Document. PLACEHOLDER until the parser helper writes it."""
from unwiki.expansion.context import ExpandContext, Expanded
from unwiki.model import Document


def build_document(expanded: Expanded, ctx: ExpandContext) -> Document:
    raise NotImplementedError
