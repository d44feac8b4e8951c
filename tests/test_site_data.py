"""Per-wiki site data (generated from MediaWiki's Messages*.php): namespaces, redirects, link trails."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from unwiki.site import get_site, parse_title
from unwiki.site.config import build_site

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_LANGS = sorted(p.name for p in (SHARED / "corpus" / "pages").iterdir() if p.is_dir()) if SHARED.exists() else []


def test_localized_namespaces() -> None:
    assert parse_title("Fichier:Abricot.jpg", get_site("fr")).ns == 6
    assert parse_title("Modèle:Lien web", get_site("fr")).ns == 10
    assert parse_title("Catégorie:Fruit", get_site("fr")).ns == 14
    assert parse_title("Datei:X.png", get_site("de")).ns == 6
    assert parse_title("Файл:X.png", get_site("ru")).ns == 6
    assert parse_title("Шаблон:Карточка", get_site("ru")).ns == 10
    assert parse_title("Санат:Қалалар", get_site("kk")).ns == 14
    assert parse_title("ファイル:X.png", get_site("ja")).ns == 6
    assert parse_title("分类:哈萨克斯坦政党", get_site("zh")).ns == 14
    assert parse_title("文件:X.png", get_site("zh")).ns == 6
    # English canonical names and Image stay valid everywhere
    assert parse_title("Image:X.png", get_site("kk")).ns == 6
    assert parse_title("category:亚洲共产党", get_site("zh")).ns == 14


def test_redirect_words_and_case() -> None:
    assert "#перенаправление" in [w.casefold() for w in get_site("ru").redirect_words]
    assert "#REDIRECTION" in get_site("fr").redirect_words
    assert "#WEITERLEITUNG" in get_site("de").redirect_words
    assert "#REDIRECT" in get_site("ja").redirect_words
    assert get_site("fr").first_letter_case


def test_link_trails() -> None:
    assert get_site("en").link_trail_re().match("s and").group(0) == "s"
    assert get_site("fr").link_trail_re().match("és de").group(0) == "és"
    assert get_site("ru").link_trail_re().match("ами и").group(0) == "ами"
    assert get_site("zh").link_trail_re() is None
    # ja has no trail of its own (MediaWiki falls back to English's): kana are never swallowed
    ja = get_site("ja").link_trail_re()
    assert ja is None or ja.match("の都市") is None


def test_magic_words_localized() -> None:
    assert "vignette" in get_site("fr").magic("img_thumbnail")
    assert "mini" in get_site("de").magic("img_thumbnail")
    assert "droite" in get_site("fr").magic("img_right")
    assert "__AUCUNSOMMAIRE__" in get_site("fr").magic("notoc") or "__PASDESOMMAIRE__" in get_site("fr").magic("notoc")


def test_months_and_separators() -> None:
    assert get_site("fr").months[0] == "janvier"
    assert get_site("ru").months_gen[2] == "марта"
    assert get_site("fr").separators.get(".") == ","


def test_interwiki_prefixes() -> None:
    fr = get_site("fr")
    assert parse_title("en:Berlin", fr).interwiki == "en"
    assert parse_title("wikt:pomme", fr).interwiki == "wikt"
    assert parse_title("commons:Category:X", fr).interwiki == "commons"


@pytest.mark.skipif(not CORPUS_LANGS, reason="../shared/corpus is absent")
def test_every_corpus_language_has_data() -> None:
    missing = [lang for lang in CORPUS_LANGS if lang != "en.wiktionary" and "10" not in _raw(lang).get("namespaces", {})]
    assert not missing, missing


@pytest.mark.skipif(not CORPUS_LANGS, reason="../shared/corpus is absent")
def test_corpus_pages_categories_resolve() -> None:
    """Every `[[<localized Category>:…]]` link in the corpus pages resolves to namespace 14."""
    checked = 0
    for lang in CORPUS_LANGS:
        if lang == "en.wiktionary":
            continue
        site = get_site(lang)
        cat_name = site.ns_name(14)
        for page in (SHARED / "corpus" / "pages" / lang).glob("*.wiki"):
            for m in re.finditer(r"\[\[\s*([^:\[\]|]+?)\s*:[^\]|]+", page.read_text(encoding="utf-8")):
                if m.group(1).casefold() == cat_name.casefold():
                    assert site.ns_id(m.group(1)) == 14
                    checked += 1
    assert checked > 100


def _raw(lang: str) -> dict:
    from unwiki.site.config import _load
    return _load(lang)


def test_unknown_language_falls_back() -> None:
    site = build_site("xx-unknown")
    assert parse_title("File:X.png", site).ns == 6


def test_the_compiled_space_test_agrees_with_the_title_space_pattern() -> None:
    """title._wide_space spells out `_SPACES`' characters for its C loops (title cleaning and
    the plain link fast path): over the whole BMP it must say what the pattern says."""
    from unwiki.site.title import _SPACES, wide_space

    for code in range(0x10000):
        ch = chr(code)
        assert wide_space(ch) == (ch not in " _" and _SPACES.fullmatch(ch) is not None), hex(code)
