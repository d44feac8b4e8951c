"""Stage 1, as MediaWiki's Preprocessor_Hash: comments, extension tags kept out of the markup
parse, include-only/no-include sections, and the brace structure of templates and arguments."""
from unwiki.preprocessor.scan import preprocess
from unwiki.preprocessor.tree import Argument, Comment, ExtTag, Ignored, Node, Part, Template

__all__ = ["Argument", "Comment", "ExtTag", "Ignored", "Node", "Part", "Template", "preprocess"]
