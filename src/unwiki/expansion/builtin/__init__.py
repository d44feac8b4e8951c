"""Built-in template renderers: what unwiki shows for everyday templates when no source is given.

One small module per family (lang, dates, numbers, inline, refs, fr); each registers its
renderers by name and wiki language in `registry`. Texts that differ by language (date
patterns, labels) are data in `site/data/_texts.json`; language names come from CLDR
(`site/data/_langnames.json`).
"""
from __future__ import annotations

from unwiki.expansion.builtin import dates, fr, inline, lang, numbers, refs  # noqa: F401  (registration)
from unwiki.expansion.builtin.registry import REGISTRY
from unwiki.expansion.builtin.render import has_builtin, render_builtin

__all__ = ["REGISTRY", "has_builtin", "render_builtin"]
