"""Per-language texts of the renderers (site/data/_texts.json) and language names (CLDR)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

from unwiki.expansion.context import ExpandContext


@cache
def _json(name: str) -> dict:
    raw = resources.files("unwiki.site").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(raw)


@cache
def texts(lang: str) -> dict[str, str]:
    """The renderer texts for `lang`, over the defaults (a `_like` entry borrows another language's)."""
    data = _json("_texts.json")
    own = data.get(lang) or data.get(lang.split("-")[0]) or {}
    like = data.get(own.get("_like", ""), {})
    return {**data["_default"], **like, **own}


def text(ctx: ExpandContext, key: str, default: str = "") -> str:
    return texts(ctx.site.lang).get(key, default)


def language_name(code: str, display: str) -> str | None:
    """Name of language `code` in language `display` (zh: 哈萨克语), None when unknown."""
    names = _json("_langnames.json")
    code = code.strip().casefold()
    for disp in (display, display.split("-")[0], "en"):
        table = names.get(disp)
        if table:
            found = table.get(code) or table.get(code.split("-")[0])
            if found:
                return found
            if disp == display:
                break
    return None
