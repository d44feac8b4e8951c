"""Stage 1 (Preprocessor_Hash semantics): the tree the preprocessor builds, on the cases
MediaWiki documents, and on real pages from ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

from unwiki.preprocessor import Argument, Comment, ExtTag, Ignored, Template, preprocess
from unwiki.preprocessor.tree import source_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_plain_text_is_one_run() -> None:
    assert preprocess("just prose, [[a link]] and more") == ["just prose, [[a link]] and more"]


def test_template_parts_split_name_and_value_at_top_level_only() -> None:
    [node] = preprocess("{{t|a=b=c|pos|[[l|x=y]]|{{u|k=v}}}}")
    assert isinstance(node, Template)
    assert node.title == ["t"]
    first, second, third, fourth = node.parts
    assert source_of(first.name) == "a" and source_of(first.value) == "b=c"
    assert second.name is None
    assert third.name is None and source_of(third.value) == "[[l|x=y]]"
    assert fourth.name is None and isinstance(fourth.value[0], Template)


def test_five_braces_are_a_template_around_an_argument() -> None:
    [node] = preprocess("{{{{{x}}}}}")
    assert isinstance(node, Template) and isinstance(node.title[0], Argument)


def test_four_braces_leave_one_literal_brace() -> None:
    assert source_of(preprocess("{{{{x}}}}")) == "{{{{x}}}}"
    nodes = preprocess("{{{{x}}}}")
    assert nodes[0] == "{" and isinstance(nodes[1], Argument)


def test_unbalanced_braces_stay_text() -> None:
    assert source_of(preprocess("{{a|b")) == "{{a|b"
    assert all(isinstance(n, str) for n in preprocess("{{a|b"))
    assert "".join(preprocess("x}}y{")) == "x}}y{"


def test_close_brace_inside_link_is_not_a_template_end() -> None:
    nodes = preprocess("{{1x|[[Foo}}|bar]]|bat}}")
    [node] = nodes
    assert isinstance(node, Template)
    assert [source_of(p.full) for p in node.parts] == ["[[Foo}}|bar]]", "bat"]


def test_comments_and_line_eating() -> None:
    assert [type(n) for n in preprocess("a<!-- x -->b")] == [str, Comment, str]
    eaten = preprocess("a\n  <!-- x --> \nb")
    assert "".join(n for n in eaten if isinstance(n, str)) == "a\nb"
    kept = preprocess("a\n<!-- x -->b")
    assert "".join(n for n in kept if isinstance(n, str)) == "a\nb"
    unterminated = preprocess("a<!-- never closed {{x}}")
    assert unterminated[0] == "a" and isinstance(unterminated[1], Comment)


def test_extension_tags_hide_their_body() -> None:
    nodes = preprocess("x<ref name=a>{{cite|x}}</ref><nowiki>{{y}}</nowiki><ref name=b/>")
    tags = [n for n in nodes if isinstance(n, ExtTag)]
    assert [t.name for t in tags] == ["ref", "nowiki", "ref"]
    assert tags[0].inner == "{{cite|x}}" and tags[0].attrs == " name=a"
    assert tags[2].inner is None


def test_unknown_and_unclosed_tags_are_text() -> None:
    span = preprocess("<span>{{x}}</span>")  # how literal text is split into runs is free
    assert span[0] == "<span>" and isinstance(span[1], Template) and span[2] == "</span>"
    nodes = preprocess("<ref>never closed {{x}}")
    assert not any(isinstance(n, ExtTag) for n in nodes)
    assert any(isinstance(n, Template) for n in nodes)


def test_include_sections_by_mode() -> None:
    page = preprocess("a<noinclude>b</noinclude><includeonly>c</includeonly>d")
    assert "".join(n for n in page if isinstance(n, str)) == "abd"
    tpl = preprocess("a<noinclude>b</noinclude><includeonly>c</includeonly>d", for_inclusion=True)
    assert "".join(n for n in tpl if isinstance(n, str)) == "acd"
    only = preprocess("x<onlyinclude>y</onlyinclude>z<onlyinclude>w</onlyinclude>", for_inclusion=True)
    assert "".join(n for n in only if isinstance(n, str)) == "yw"
    unclosed = preprocess("a<includeonly>b", for_inclusion=False)
    assert isinstance(unclosed[-1], Ignored)


def test_heading_line_keeps_pipes_literal_inside_template() -> None:
    [node] = preprocess("{{t|\n== a | b ==\n|c}}")
    assert isinstance(node, Template)
    assert [source_of(p.full) for p in node.parts] == ["\n== a | b ==\n", "c"]


def test_equals_at_line_start_still_splits_name() -> None:
    [node] = preprocess("{{t|\n=x}}")
    assert source_of(node.parts[0].name) == "\n" and source_of(node.parts[0].value) == "x"


@pytest.mark.skipif(not (SHARED / "corpus" / "pages").exists(), reason="../shared corpus absent")
def test_real_pages_round_trip() -> None:
    """On every real page, the tree gives back its source exactly (nothing lost or doubled)."""
    pages = sorted((SHARED / "corpus" / "pages").rglob("*.wiki"))[:120]
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        rebuilt = source_of(preprocess(text))
        assert rebuilt == text or _comment_trim_only(rebuilt, text), path


def _comment_trim_only(rebuilt: str, text: str) -> bool:
    """Eaten comment lines drop the spaces before them: allow exactly that difference."""
    return rebuilt.replace(" ", "").replace("\t", "") == text.replace(" ", "").replace("\t", "")
