"""The parser stage on small inputs: block structure, inline markup, links, markers."""
from __future__ import annotations

from unwiki.expansion.context import ExpandContext, Expanded
from unwiki.model import (
    BlockQuote,
    Bold,
    ExtLink,
    Heading,
    HorizontalRule,
    Italic,
    LineBreak,
    ListBlock,
    MathBlock,
    Paragraph,
    Preformatted,
    RefMarker,
    Table,
    Text,
)
from unwiki.parser.document import build_document
from unwiki.parser.inline import plain_text
from unwiki.preprocessor.strip import (
    CITATION,
    DISAMBIGUATION,
    HATNOTE,
    INFOBOX,
    MATH,
    NOWIKI,
    PRE,
    REF,
    TEMPLATE,
    StripItem,
    StripState,
)
from unwiki.site import get_site, parse_title


def doc_of(text: str, lang: str = "en", items: list[StripItem] | None = None, title: str = "Page"):
    site = get_site(lang)
    strip = StripState()
    for item in items or []:
        strip.add(item)
    ctx = ExpandContext(title=parse_title(title, site), site=site)
    return build_document(Expanded(text=text, strip=strip), ctx)


def marker(n: int) -> str:
    return f"\x7fUNIQ{n}QINU\x7f"


def para_texts(doc) -> list[str]:
    return [plain_text(b.children).strip() for b in doc.blocks if isinstance(b, Paragraph)]


def test_paragraphs_split_on_blank_lines_and_join_lines():
    doc = doc_of("a\nb\n\nc")
    assert para_texts(doc) == ["a\nb", "c"]


def test_headings_levels_and_unbalanced():
    doc = doc_of("== A ==\n===B==\n=C=\n======= D =======")
    heads = [(b.level, plain_text(b.children)) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [(2, "A"), (2, "=B"), (1, "C"), (6, "= D =")]


def test_quotes_bold_italic_and_apostrophe_fixup():
    doc = doc_of("'''b''' ''i'' '''''bi''''' l'''amour''")
    kids = doc.blocks[0].children
    assert isinstance(kids[0], Bold) and plain_text(kids[0].children) == "b"
    assert isinstance(kids[2], Italic)
    assert plain_text(kids) == "b i bi l'amour"


def test_four_apostrophes_leave_one():
    assert plain_text(doc_of("''''x''''").blocks[0].children) == "'x'"


def test_link_label_trail_and_normalised_target():
    doc = doc_of("[[dog]]s [[a b|c]] [[:Category:X]]")
    assert plain_text(doc.blocks[0].children) == "dogs c Category:X"
    assert [(x.target, x.text) for x in doc.links] == [("Dog", "dogs"), ("A b", "c"), ("Category:X", "Category:X")]


def test_no_link_trail_in_chinese():
    assert plain_text(doc_of("[[狗]]们", lang="zh").blocks[0].children) == "狗们"
    assert doc_of("[[狗]]们", lang="zh").links[0].text == "狗"


def test_categories_removed_with_their_line():
    doc = doc_of("a\n[[Category:Foo|sort]]\n\nb")
    assert doc.categories == ["Foo"]
    assert para_texts(doc) == ["a", "b"]


def test_file_link_goes_to_images_and_floated_image_closes_paragraph():
    doc = doc_of("x\n[[File:A b.jpg|thumb|The [[cap]]]] tail\ny")
    assert [(i.file, i.caption) for i in doc.images] == [("A b.jpg", "The cap")]
    assert para_texts(doc) == ["x", "tail", "y"]


def test_inline_image_shows_nothing():
    doc = doc_of("a [[Image:B.png|20px]] b")
    assert plain_text(doc.blocks[0].children) == "a  b"
    assert doc.images[0].file == "B.png"


def test_external_links_and_free_urls():
    doc = doc_of("[http://x.org/a label] [http://y.org] see http://z.org/p.")
    kids = doc.blocks[0].children
    ext = [k for k in kids if isinstance(k, ExtLink)]
    assert ext[0].url == "http://x.org/a" and plain_text(ext[0].children) == "label"
    assert ext[1].children is None
    assert ext[2].url == "http://z.org/p"
    assert plain_text(kids).endswith("http://z.org/p.")
    assert [e.url for e in doc.external_links] == ["http://x.org/a", "http://y.org", "http://z.org/p"]


def test_entities_and_disallowed_tags():
    doc = doc_of("&amp; &#65; &#x42; &nbsp; &bogus; <foo>x</foo> <span>y</span><br>z")
    text = plain_text(doc.blocks[0].children)
    assert text.startswith("& A B \u00a0 &bogus; <foo>x</foo> y")
    assert any(isinstance(k, LineBreak) for k in doc.blocks[0].children)


def test_lists_nested_mixed_and_definition():
    doc = doc_of("* a\n** b\n*# c\n# d\n; t : def\n: e")
    kinds = [b.kind for b in doc.blocks if isinstance(b, ListBlock)]
    assert kinds == ["bullet", "ordered", "definition"]
    bullets = doc.blocks[0]
    assert plain_text(bullets.items[0].children) == "a"
    sub = bullets.items[0].blocks
    assert [s.kind for s in sub] == ["bullet", "ordered"]
    dl = doc.blocks[2]
    assert [(i.kind, plain_text(i.children)) for i in dl.items] == [("term", "t"), ("definition", "def"),
                                                                     ("definition", "e")]


def test_colon_in_link_does_not_split_term():
    dl = doc_of("; [[a:b|x]] : y").blocks[0]
    assert [plain_text(i.children) for i in dl.items] == ["x", "y"]


def test_indent_pre_and_pre_marker():
    doc = doc_of(" code ''x''\n more\ntext\n" + marker(0), items=[StripItem(kind=PRE, body="a < b")])
    assert isinstance(doc.blocks[0], Preformatted)
    assert plain_text(doc.blocks[0].children) == "code x\nmore"
    assert isinstance(doc.blocks[2], Preformatted) and plain_text(doc.blocks[2].children) == "a < b"


def test_horizontal_rule_and_blockquote():
    doc = doc_of("a\n----\n<blockquote>q</blockquote>")
    assert isinstance(doc.blocks[1], HorizontalRule)
    assert isinstance(doc.blocks[2], BlockQuote) and isinstance(doc.blocks[2].blocks[0], Paragraph)


def test_table_cells_spans_caption_and_nesting():
    doc = doc_of('{| class="wikitable"\n|+ Cap\n! h1 !! h2\n|-\n| colspan=2 | a\n|-\n| b || c\n{|\n| n\n|}\n|}')
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert plain_text(table.caption) == "Cap"
    assert [len(r.cells) for r in table.rows] == [2, 1, 2]
    assert table.rows[0].cells[0].header and table.rows[1].cells[0].colspan == 2
    inner = table.rows[2].cells[1].blocks
    assert isinstance(inner[-1], Table)


def test_unclosed_table_is_an_error_not_an_exception():
    doc = doc_of("{|\n| a")
    assert isinstance(doc.blocks[0], Table)
    assert doc.errors and doc.errors[0].kind == "table"


def test_table_inside_definition_list():
    doc = doc_of(":{|\n| a\n|}")
    assert isinstance(doc.blocks[0], ListBlock)
    assert isinstance(doc.blocks[0].items[0].blocks[0], Table)


def test_refs_named_reuse_and_citation_fields():
    items = [
        StripItem(kind=REF, attrs={"name": "x"}, body="See " + marker(1)),
        StripItem(kind=TEMPLATE, name="cite web", role=CITATION,
                  args=[("url", "http://e.org"), ("title", "T")]),
        StripItem(kind=REF, attrs={"name": "x"}, body=None),
        StripItem(kind=REF, body="[http://f.org F]"),
    ]
    doc = doc_of("a" + marker(0) + " b" + marker(2) + marker(3), items=items)
    markers = [k for k in doc.blocks[0].children if isinstance(k, RefMarker)]
    assert [m.index for m in markers] == [0, 0, 1]
    first, second = doc.references
    assert (first.name, first.template, first.url, first.title) == ("x", "cite web", "http://e.org", "T")
    assert second.url == "http://f.org"


def test_math_block_from_colon_line_and_nowiki():
    items = [StripItem(kind=MATH, body="x^2"), StripItem(kind=NOWIKI, body="''a'' &amp;")]
    doc = doc_of(":" + marker(0) + "\n" + marker(1), items=items)
    assert doc.blocks[0] == MathBlock(tex="x^2")
    assert doc.blocks[1].children == [Text("''a'' &")]


def test_infobox_title_labels_and_values():
    box = StripItem(kind=TEMPLATE, name="Infobox person", role=INFOBOX, block=True,
                    args=[("name", "Ann"), ("birth_place", "[[Paris]]<br>France"), ("empty", " "),
                          ("image", "[[File:Ann.jpg|200px]]")])
    doc = doc_of(marker(0) + "\nText.", items=[box])
    ib = doc.blocks[0]
    assert ib.title == "Ann"
    # The title's own parameter stays a field (JSON lists every non-empty one);
    # the text renderer leaves it out of the rows.
    assert [f.label for f in ib.fields] == ["Name", "Birth Place", "Image"]
    assert plain_text(ib.fields[2].value) == "Ann.jpg"
    assert doc.links[0].target == "Paris"
    assert para_texts(doc) == ["Text."]


def test_hatnote_and_disambiguation_roles():
    items = [StripItem(kind=TEMPLATE, name="about", role=HATNOTE, args=[("1", "x"), ("2", "y")], block=True),
             StripItem(kind=TEMPLATE, name="dab", role=DISAMBIGUATION)]
    doc = doc_of(marker(0) + "\nText " + marker(1), items=items)
    assert doc.hatnotes == ["x; y"]
    assert doc.disambiguation
    assert para_texts(doc) == ["Text"]


def test_redirect_localized():
    doc = doc_of("#重定向 [[目标页]]\n[[Category:R]]", lang="zh")
    if "#重定向" in get_site("zh").redirect_words:
        assert doc.redirect == "目标页"
    assert doc_of("#REDIRECT [[foo bar]]").redirect == "Foo bar"


def test_language_conversion_picks_hans():
    doc = doc_of("-{zh-hans:计算机;zh-hant:電腦;}- -{H|zh-cn:a;zh-tw:b}-x", lang="zh")
    assert plain_text(doc.blocks[0].children) == "计算机 x"


def test_never_raises_on_garbage():
    for text in ["[[", "]]", "{|", "|}", "''''", "<b><i>", "\x7fUNIQ99QINU\x7f", "[[File:", "-{", "; : ;",
                 "[[a|[[b|[[c]]]]]]", "{|\n|-\n|}\n|}", "&#xFFFFFFFF;", "\n\n\n", ""]:
        doc = doc_of(text)
        assert not [e for e in doc.errors if e.kind == "parser"], text


def test_fast_node_constructors_match_the_model() -> None:
    from unwiki import model as m
    from unwiki.parser import nodes
    assert nodes.new_text("a") == m.Text("a")
    assert nodes.new_link("T", [m.Text("a")]) == m.Link("T", [m.Text("a")])
    assert nodes.new_link_ref("T", "a") == m.LinkRef("T", "a")
    assert nodes.new_paragraph([m.Text("a")]) == m.Paragraph([m.Text("a")])
    assert nodes.new_bold() == m.Bold() and nodes.new_italic() == m.Italic()
    assert nodes.new_ref_marker(3) == m.RefMarker(3)
    assert nodes.new_heading(2, [m.Text("a")]) == m.Heading(2, [m.Text("a")])
    assert nodes.new_table_row() == m.TableRow()
    assert nodes.new_reference("n") == m.Reference("n")
    assert nodes.new_template_use("T", "expanded", 2) == m.TemplateUse("T", "expanded", 2)
    assert nodes.new_list_item("bullet") == m.ListItem("bullet")
    assert nodes.new_table_cell(True, []) == m.TableCell(True)
    assert nodes.new_span_cell(False, 2, 3, []) == m.TableCell(False, 2, 3)
    assert type(nodes.new_text("a")) is m.Text


def test_control_characters_are_dropped_from_any_text():
    """MediaWiki drops C0 controls other than tab, newline and carriage return; compiled, a
    non-ASCII text is checked by a C pass with its own copy of that set."""
    from unwiki.parser.document import _CONTROL_CHARS

    assert len(_CONTROL_CHARS) == 29
    for c in _CONTROL_CHARS:
        for text in (f"\u6f22{c}\u5b57", f"a{c}b"):
            assert para_texts(doc_of(text)) == [text.replace(c, "")], repr(c)
    assert para_texts(doc_of("\u6f22\t\u5b57")) == ["\u6f22\t\u5b57"]
