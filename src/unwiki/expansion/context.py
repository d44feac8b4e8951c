"""The inputs and outputs of expansion for one page."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from unwiki.model import PageError
from unwiki.preprocessor.strip import StripState
from unwiki.site import SiteConfig, Title


@dataclass(slots=True)
class ExpandContext:
    """Everything expansion may consult: the page's title, the wiki, template sources, the clock."""

    title: Title | None
    site: SiteConfig
    templates: Mapping[str, str] = field(default_factory=dict)  # "Template:X" / "Module:Y" -> source
    now: datetime | None = None
    max_depth: int = 40                # MediaWiki's $wgMaxTemplateDepth
    max_expansion_bytes: int = 2_000_000  # post-expand include size bound per page
    max_seconds: float = 10.0          # wall-clock budget per page


@dataclass(slots=True)
class Expanded:
    """The page after expansion: wikitext with strip markers, and what expansion saw."""

    text: str
    strip: StripState = field(default_factory=StripState)
    templates: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, how) -> count
    errors: list[PageError] = field(default_factory=list)
    redirect: str | None = None
    disambiguation: bool = False
