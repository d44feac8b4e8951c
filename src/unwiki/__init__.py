"""unwiki: MediaWiki wikitext to what a reader of the rendered page sees.

    >>> import unwiki
    >>> doc = unwiki.parse("'''Hello''' [[world]]s", title="Greeting")
    >>> doc.text()
    '= Greeting =\\n\\nHello worlds\\n'
"""
from unwiki import _native

_native.install()  # before the pipeline's modules: they may be compiled (see setup.py)

from unwiki import render as _render  # noqa: F401, E402  (registers the renderers on the model)
from unwiki.api import expand, parse  # noqa: E402
from unwiki.model import Document  # noqa: E402

__all__ = ["Document", "build_kind", "expand", "parse"]


def build_kind() -> str:
    """'compiled: N modules' or 'pure Python': how this installation runs the pipeline."""
    n = len(_native.compiled_modules())
    return f"compiled: {n} modules" if n else "pure Python"
__version__ = "0.1.0"
