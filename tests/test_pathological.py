"""Pathological input never raises and stays fast: every page gets its record, with what was
cut recorded in `errors`."""
from __future__ import annotations

import time

import pytest

import unwiki

CASES = {
    "20k-deep list": "*" * 20000 + "x\n",
    "mixed list prefixes": "".join("*#:;"[i % 4] for i in range(5000)) + "x\n*y",
    "3k-deep definition": ";" * 3000 + "a:b",
    "3k nested block quotes": "<blockquote>" * 3000 + "x",
    "nested templates": "{{a|" * 3000 + "}}" * 3000,
    "unclosed braces": "{{" * 20000,
    "unclosed links": "[[" * 50000,
    "links in links": "[[a|" * 3000 + "x" + "]]" * 3000,
    "apostrophe runs": "''x" * 50000,
    "nested tables": "{|\n|\n" * 3000,
    "nested refs": "<ref>" * 3000 + "x" + "</ref>" * 3000,
    "deep spans": "<span>" * 5000 + "x",
    "2 MB line": "word " * 400000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_page_gets_a_record(name):
    start = time.perf_counter()
    doc = unwiki.parse(CASES[name], title="P")
    outputs = doc.text(), doc.to_dict(), doc.markdown()
    assert outputs[0].startswith("= P =")
    assert time.perf_counter() - start < 5


def test_cut_nesting_is_reported():
    doc = unwiki.parse("*" * 500 + "deep item", title="P")
    assert "deep item" in doc.text()
    assert [e.kind for e in doc.errors] == ["list"]
    assert "500 levels" in doc.errors[0].message
