"""Per-page parsing state: the document being filled, strip items, site knowledge, ref registry."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from unwiki.model import Block, Document, Inline, PageError
from unwiki.preprocessor.strip import StripItem
from unwiki.site import SiteConfig, Title

# MediaWiki's per-language link trails (MessagesXx.php $linkTrail); default `[a-z]+`.
_LINK_TRAILS: dict[str, str | None] = {
    "zh": None, "ja": None, "ko": None, "th": None, "km": None, "lo": None, "my": None,
    "yue": None, "wuu": None, "gan": None, "zh-yue": None, "zh-classical": None, "lzh": None,
    "de": "[äöüßa-z]+", "fr": "[a-zàâçéèêîôûäëïöüùÇÉÂÊÎÔÛÄËÏÖÜÀÈÙ]+",
    "es": "[a-záéíóúñ]+", "it": "[a-zàéèíîìóòúù]+", "pt": "[áâãàéêẽçíòóôõq̃úüűũa-z]+",
    "nl": "[a-zäöüïëéèà]+", "sv": "[a-zåäöéÅÄÖÉ]+", "da": "[a-zæøå]+", "no": "[æøåa-z]+",
    "nb": "[æøåa-z]+", "fi": "[a-zäö]+", "pl": "[a-zęóąśłżźćńĘÓĄŚŁŻŹĆŃ]+",
    "ru": "[a-zабвгдеёжзийклмнопрстуфхцчшщъыьэюя]+", "uk": "[a-zабвгґдеєжзиіїйклмнопрстуфхцчшщьєюяʼ’]+",
    "cs": "[a-záčďéěíňóřšťúůýž]+", "hu": "[a-záéíóúöüőűÁÉÍÓÚÖÜŐŰ]+", "tr": "[a-zÇĞçğİıÖöŞşÜüÂâÎîÛû]+",
    "ar": None, "he": "[a-zא-ת]+", "fa": None, "hi": None, "el": "[a-zα-ωάέήίόύώϊϋΐΰς]+",
}
_TRAIL_CACHE: dict[str, re.Pattern[str] | None] = {}


def link_trail(site: SiteConfig) -> re.Pattern[str] | None:
    """Compiled link-trail pattern for the wiki (site data `linktrail` wins when present)."""
    key = site.lang
    if key in _TRAIL_CACHE:
        return _TRAIL_CACHE[key]
    raw = getattr(site, "linktrail", None)
    if raw is None:
        raw = _LINK_TRAILS.get(site.lang, "[a-z]+")
    pattern = re.compile(raw) if raw else None
    _TRAIL_CACHE[key] = pattern
    return pattern


@dataclass(slots=True)
class ParseState:
    """What every parser module reads and fills for one page."""

    doc: Document
    site: SiteConfig
    items: list[StripItem]
    title: Title | None = None
    trail: re.Pattern[str] | None = None
    langconv: bool = False
    refs_by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    depth: int = 0
    in_ref: int = 0
    in_infobox: int = 0
    blocks_fn: Callable[[str, ParseState], list[Block]] | None = None
    inline_fn: Callable[[str, ParseState], list[Inline]] | None = None

    def blocks(self, text: str) -> list[Block]:
        return self.blocks_fn(text, self)  # type: ignore[misc]

    def inline(self, text: str) -> list[Inline]:
        return self.inline_fn(text, self)  # type: ignore[misc]

    def error(self, kind: str, message: str) -> None:
        if len(self.doc.errors) < 200:
            self.doc.errors.append(PageError(kind=kind, message=message))

    def item(self, index: int) -> StripItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None
