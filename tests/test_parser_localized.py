"""Per-wiki knowledge reaches the parser as data: localized infobox name keys, citation fields."""
from __future__ import annotations

from pathlib import Path

import pytest

import unwiki

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pages"
needs_corpus = pytest.mark.skipif(not PAGES.exists(), reason="../shared/corpus/pages is not present")


def test_fr_infobox_named_by_nom_is_not_repeated_as_a_row():
    doc = unwiki.parse("{{Infobox Monument\n| nom = Moulin Vieux\n| pays = [[Exemplie]]\n}}\nTexte.",
                       title="Autre titre", lang="fr")
    (box,) = doc.to_dict()["infoboxes"]
    assert box["title"] == "Moulin Vieux"
    assert [f["key"] for f in box["fields"]] == ["nom", "pays"]          # JSON keeps every field
    assert doc.text().startswith("= Autre titre =\n\nMoulin Vieux\n- Pays: Exemplie\n\nTexte.")


def test_english_name_wins_over_a_localized_key():
    doc = unwiki.parse("{{Infobox x\n| nom = A\n| name = B\n}}", title="T", lang="fr")
    assert doc.to_dict()["infoboxes"][0]["title"] == "B"
    assert "- Nom: A" in doc.text()


@needs_corpus
def test_es_berlin_infobox_title_from_nombre():
    doc = unwiki.parse((PAGES / "es" / "Berlín.wiki").read_text(encoding="utf-8"), title="Berlín", lang="es")
    text = doc.text()
    assert text.startswith("= Berlín =\n\nBerlín\n- Nombre Original: Berlin\n")
    assert "- Nombre: Berlín" not in text


@needs_corpus
def test_fr_citation_templates_in_a_bibliography_show_their_fields():
    doc = unwiki.parse((PAGES / "fr" / "Ase_fétide.wiki").read_text(encoding="utf-8"), title="Ase fétide",
                       lang="fr")
    text = doc.text()
    start = text.index("===== Ouvrages historiques =====")
    items = [line for line in text[start:text.index("=====", start + 40)].splitlines() if line.startswith("- ")]
    assert len(items) == 5 and all(len(line) > 40 for line in items)   # not just "- ."
    assert "- Engelbert Kaempfer. Observatio V. Henricus Wilhelmus Meyer. Lemgo. 1712." in items
    assert "[[" not in text[start:start + 2000]                          # values parsed as wikitext
