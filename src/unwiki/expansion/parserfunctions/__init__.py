"""Parser functions, one small module per family, all registered by name in `registry`."""
from unwiki.expansion.parserfunctions import conditional, invoke, strings, tag, time, titles
from unwiki.expansion.parserfunctions.registry import Call, lookup, parser_function

__all__ = ["Call", "conditional", "invoke", "lookup", "parser_function", "strings", "tag", "time",
           "titles"]
