"""template_role: which templates are infoboxes, navboxes, hatnotes, citations, … per wiki."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from unwiki.preprocessor import strip
from unwiki.site import get_site
from unwiki.site.templates import ROLE_ORDER, template_role

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_0fe358e869bfce95.txt"


def test_roles_are_strip_constants() -> None:
    constants = {v for k, v in vars(strip).items() if k.isupper() and isinstance(v, str)}
    assert set(ROLE_ORDER) <= constants
    assert strip.REFERENCES_LIST == "references"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is absent")
def test_seed000_roles() -> None:
    zh = get_site("zh")
    text = SEED.read_text(encoding="utf-8")
    names = {m.group(1).strip() for m in re.finditer(r"\{\{([^{}|]+?)\s*(?=[|}])", text)}
    assert {"not", "Infobox political party", "cite web", "dead link", "Reflist", "共产党"} <= names
    assert template_role("not", zh) == strip.HATNOTE
    assert template_role("Infobox political party", zh) == strip.INFOBOX
    assert template_role("cite web", zh) == strip.CITATION
    assert template_role("dead link", zh) == strip.DEAD_LINK
    assert template_role("Reflist", zh) == strip.REFERENCES_LIST
    # topic navboxes known only by use: argument-less, alone on their line
    assert template_role("共产党", zh) is None
    assert template_role("共产党", zh, standalone=True) == strip.NAVBOX
    assert template_role("哈萨克斯坦政党", zh, standalone=True) == strip.NAVBOX
    assert template_role("start date", zh) is None and template_role("lang-kk", zh) is None


def test_name_normalisation() -> None:
    en = get_site("en")
    assert template_role("Cite_web", en) == strip.CITATION
    assert template_role("  cite   Web ", en) == strip.CITATION
    assert template_role("Template:Infobox settlement", en) == strip.INFOBOX
    assert template_role("Modèle:Lien web", get_site("fr")) == strip.CITATION


@pytest.mark.parametrize("lang,name,role", [
    ("en", "Infobox person", strip.INFOBOX), ("en", "Taxobox", strip.INFOBOX), ("en", "Speciesbox", strip.INFOBOX),
    ("en", "Navbox", strip.NAVBOX), ("en", "Languages of Pakistan", None), ("en", "Dravidian languages", None),
    ("en", "Politics of Estonia navbox", strip.NAVBOX), ("en", "Economy sidebar", strip.NAVBOX),
    ("en", "Authority control", strip.NAVBOX), ("en", "Main article", strip.HATNOTE), ("en", "See also", strip.HATNOTE),
    ("en", "Redirect", strip.HATNOTE), ("en", "Distinguish", strip.HATNOTE), ("en", "About", strip.HATNOTE),
    ("en", "Cite journal", strip.CITATION), ("en", "Citation", strip.CITATION), ("en", "Citation needed", strip.MAINTENANCE),
    ("en", "cn", strip.MAINTENANCE), ("en", "Refimprove", strip.MAINTENANCE), ("en", "Use dmy dates", strip.MAINTENANCE),
    ("en", "LincolnCountyWI-geo-stub", strip.MAINTENANCE), ("en", "Coord", strip.COORDINATES),
    ("en", "Disambiguation", strip.DISAMBIGUATION), ("en", "Dead link", strip.DEAD_LINK), ("en", "Reflist", strip.REFERENCES_LIST),
    ("en", "Convert", None), ("en", "Lang", None), ("en", "Infoboxes", None),
    ("fr", "Lien web", strip.CITATION), ("fr", "Ouvrage", strip.CITATION), ("fr", "Article", strip.CITATION),
    ("fr", "Chapitre", strip.CITATION), ("fr", "Citation", None), ("fr", "Infobox Commune de France", strip.INFOBOX),
    ("fr", "Infobox Parti politique français/couleurs", None), ("fr", "Article détaillé", strip.HATNOTE),
    ("fr", "Voir homonymes", strip.HATNOTE), ("fr", "Autre4", strip.HATNOTE), ("fr", "Confusion", strip.HATNOTE),
    ("fr", "Références", strip.REFERENCES_LIST), ("fr", "Référence nécessaire", strip.MAINTENANCE),
    ("fr", "Ébauche commune de France", strip.MAINTENANCE), ("fr", "Portail Belgique", strip.MAINTENANCE),
    ("fr", "Palette Star Trek", strip.NAVBOX), ("fr", "Homonymie", strip.DISAMBIGUATION), ("fr", "Lien brisé", strip.DEAD_LINK),
    ("fr", "Unité", None), ("fr", "Date", None),
    ("zh", "Otheruses", strip.HATNOTE), ("zh", "來源請求", strip.MAINTENANCE), ("zh", "Disambig", strip.DISAMBIGUATION),
    ("zh", "Infobox German state", strip.INFOBOX), ("zh", "Authority control", strip.NAVBOX),
    ("ja", "基礎情報 都道府県", strip.INFOBOX), ("ja", "Otheruses", strip.HATNOTE), ("ja", "要出典", strip.MAINTENANCE),
    ("ja", "Reflist", strip.REFERENCES_LIST), ("ja", "リンク切れ", strip.DEAD_LINK),
    ("ru", "Карточка политической партии", strip.INFOBOX), ("ru", "Государство", strip.INFOBOX),
    ("ru", "Примечания", strip.REFERENCES_LIST), ("ru", "Недоступная ссылка", strip.DEAD_LINK),
    ("de", "Infobox Unternehmen", strip.INFOBOX), ("de", "Normdaten", strip.NAVBOX), ("de", "Internetquelle", strip.CITATION),
    ("de", "Begriffsklärung", strip.DISAMBIGUATION), ("kk", "Елді мекен", strip.INFOBOX),
    ("uk", "Картка Країна", strip.INFOBOX), ("af", "Inligtingskas Persoon", strip.INFOBOX),
    ("bn", "তথ্যছক সামরিক সংঘর্ষ", strip.INFOBOX), ("es", "Ficha de entidad subnacional", strip.INFOBOX),
])
def test_roles(lang: str, name: str, role: str | None) -> None:
    assert template_role(name, get_site(lang)) == role


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
def test_corpus_trailing_navboxes_are_standalone() -> None:
    """zh 柏林 ends with topic navboxes used bare on their own lines: all become navboxes."""
    page = SHARED / "corpus" / "pages" / "zh" / "柏林.wiki"
    zh = get_site("zh")
    lines = re.findall(r"^(?:\{\{[^{}|]+\}\}\s*)+$", page.read_text(encoding="utf-8"), re.M)
    bare = [name for line in lines for name in re.findall(r"\{\{([^{}|]+)\}\}", line)]
    assert "柏林区份" in bare
    for name in ("柏林区份", "德國各邦", "歐洲各國及其首都"):
        assert template_role(name, zh, standalone=True) == strip.NAVBOX
    assert template_role("Reflist", zh, standalone=True) == strip.REFERENCES_LIST
    assert template_role("clear", zh, standalone=True) != strip.NAVBOX
