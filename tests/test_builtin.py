"""Built-in template renderers against what Wikipedia shows (fr gold HTML, FORMAT.md seed 000)."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from unwiki.expansion.builtin import has_builtin, render_builtin
from unwiki.expansion.context import ExpandContext
from unwiki.site import get_site

SHARED = Path(__file__).resolve().parents[2] / "shared"
NOW = datetime(2024, 6, 1)


def ctx(lang: str) -> ExpandContext:
    return ExpandContext(title=None, site=get_site(lang), now=NOW)


def call(lang: str, name: str, *pos: str, **named: str) -> str | None:
    args = [(str(i), v) for i, v in enumerate(pos, 1)] + list(named.items())
    out = render_builtin(name, args, ctx(lang))
    return out.replace("\u00a0", " ").replace("\u202f", " ") if out is not None else None


def test_seed000_builtins() -> None:
    assert call("zh", "lang-kk", "Қазақстан Коммунистік партиясы") == "哈萨克语：Қазақстан Коммунистік партиясы"
    assert call("zh", "lang-ru", "Коммунистическая партия Казахстана") == "俄语：Коммунистическая партия Казахстана"
    assert call("zh", "start date", "1991", "10") == "1991年10月"


def test_lang_labels_by_wiki_language() -> None:
    assert call("en", "lang-kk", "Қазақстан") == "Kazakh: Қазақстан"
    assert call("fr", "lang-it", "Roma") == "Roma"
    assert call("en", "lang", "fr", "la France") == "la France"
    assert call("fr", "langue", "en", "Londres") == "Londres"
    assert call("zh", "link-de", "柏林", "Berlin") == "柏林"


def test_dates() -> None:
    assert call("en", "start date", "1991", "10") == "October 1991"
    assert call("en", "start date", "1991", "10", "5") == "October 5, 1991"
    assert call("en", "start date", "1991", "10", "5", df="y") == "5 October 1991"
    assert call("fr", "start date", "1991", "10") == "octobre 1991"
    assert call("zh", "birth date", "1950", "2", "1") == "1950年2月1日"
    assert call("en", "birth date and age", "1950", "2", "1") == "February 1, 1950 (age 74)"
    assert call("en", "death date and age", "2000", "1", "5", "1950", "2", "1") == "January 5, 2000 (aged 49)"


def test_numbers_and_units() -> None:
    assert call("en", "convert", "10", "km") == "10 kilometres (6.2 mi)"
    assert call("en", "convert", "1", "ft", "m") == "1 foot (0.3 m)"
    assert call("en", "convert", "30", "C") == "30 °C (86 °F)"
    assert call("en", "convert", "10", "km", abbr="on") == "10 km (6.2 mi)"
    assert call("fr", "unité", "1234.5", "km", "2") == "1 234,5 km2"
    assert call("fr", "formatnum", "2145906") == "2 145 906"
    assert call("en", "formatnum", "2145906") == "2,145,906"


def test_formatting_passthrough() -> None:
    for name in ("nowrap", "small", "nobr", "1x", "nobold", "centrer", "petit"):
        assert call("fr" if name in ("centrer", "petit", "nobr") else "en", name, "a b") == "a b"
    assert call("en", "abbr", "UN", "United Nations") == "UN"
    assert call("en", "flagicon", "USA") == ""
    assert call("en", "IPA", "[ˈbɛɐ̯liːn]") == "[ˈbɛɐ̯liːn]"


def test_fr_everyday() -> None:
    assert call("fr", "s-", "XVI") == "XVIe siècle"
    assert call("fr", "s-", "I", "er") == "Ier siècle"
    assert call("fr", "-s-", "V") == "Ve siècle"
    assert call("fr", "XIXe siècle") == "XIXe siècle"
    assert call("fr", "1er") == "1er" and call("fr", "2e") == "2e" and call("fr", "er") == "er"
    assert call("fr", "p.", "29") == "p. 29"
    assert call("fr", "n°", "4") == "no 4"
    assert call("fr", "incise", "texte", "stop") == "— texte"
    assert call("fr", "incise", "texte") == "— texte —"
    assert call("fr", "citation", "abc") == "« abc »"
    assert call("fr", "heure", "20", "00") == "20 h 00"
    assert call("fr", "BEL-d") == "Belgique"
    assert call("fr", "date", "1", "janvier", "1990") == "1er janvier 1990"


def test_footnote_templates_make_refs() -> None:
    assert call("en", "sfn", "Smith", "2000", p="5").startswith("<ref ")
    assert call("en", "harvnb", "Smith", "2000", p="5") == "Smith 2000, p. 5"
    assert call("en", "Reflist") == "<references />"


def test_unknown_is_none() -> None:
    assert render_builtin("No such template here", [], ctx("en")) is None
    assert not has_builtin("No such template here", ctx("en"))
    assert has_builtin("Lang-kk", ctx("zh"))


GOLD = SHARED / "corpus" / "gold" / "html" / "fr"
PAGES = SHARED / "corpus" / "pages" / "fr"


def _gold_text(name: str) -> str:
    from lxml import html
    text = html.fromstring((GOLD / f"{name}.html").read_text(encoding="utf-8")).text_content()
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/corpus/gold is absent")
@pytest.mark.parametrize("page,call_text", [
    ("Averroès", "{{Date|14|avril|1126}}"),
    ("Averroès", "{{Date|10|décembre|1198}}"),
    ("Abricot", "{{incise|la teneur en carotène ou [[provitamine A]] est élevée|stop}}"),
])
def test_fr_calls_match_gold(page: str, call_text: str) -> None:
    """A template call taken from a real fr page renders as Wikipedia rendered that page."""
    assert call_text in (PAGES / f"{page}.wiki").read_text(encoding="utf-8")
    name, *parts = call_text[2:-2].split("|")
    out = call("fr", name, *parts)
    shown = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", out)
    assert shown in _gold_text(page)


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/corpus/gold is absent")
def test_fr_centuries_in_gold() -> None:
    """Every `{{s-|…}}` in the prose of a gold page renders to text that page shows."""
    checked = 0
    for wiki in PAGES.glob("*.wiki"):
        if not (GOLD / f"{wiki.stem}.html").exists():
            continue
        gold = _gold_text(wiki.stem)
        prose = re.sub(r"<ref[^>]*>.*?</ref>", "", wiki.read_text(encoding="utf-8"), flags=re.S)
        for m in re.finditer(r"\{\{(s-|-s-)\|([IVXL]+)\}\}", prose):
            assert call("fr", m.group(1), m.group(2)) in gold
            checked += 1
    assert checked >= 10
