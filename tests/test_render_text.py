"""The text layout (FORMAT.md "seed layout"), rule by rule, on hand-built documents."""
from unwiki.model import (
    BlockQuote,
    Bold,
    Code,
    Document,
    ExtLink,
    Heading,
    HorizontalRule,
    Infobox,
    InfoboxField,
    Italic,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Math,
    MathBlock,
    Paragraph,
    Preformatted,
    RefMarker,
    Span,
    Table,
    TableCell,
    TableRow,
    Text,
)
from unwiki.render.text import (
    block_text,
    cell_text,
    clean_line,
    inline_text,
    key_label,
    table_grid,
    table_layout,
    to_text,
)


def para(*parts) -> Paragraph:
    return Paragraph([Text(p) if isinstance(p, str) else p for p in parts])


def cell(text: str = "", header: bool = False, colspan: int = 1, rowspan: int = 1) -> TableCell:
    return TableCell(header, colspan, rowspan, [para(text)] if text else [])


def doc(*blocks, title: str | None = "T") -> Document:
    return Document(title=title, blocks=list(blocks))


# rule 1, 11 ---------------------------------------------------------------

def test_title_line_then_blank_line_and_single_final_newline():
    assert to_text(doc(para("Hello"))) == "= T =\n\nHello\n"


def test_no_title_no_title_line():
    assert to_text(doc(para("Hello"), title=None)) == "Hello\n"


def test_empty_document():
    assert to_text(doc(title=None)) == ""
    assert to_text(doc()) == "= T =\n"
    assert to_text(doc(para(" "), Heading(2, [Text("Refs")]), para(RefMarker(0)))) == "= T =\n"


# rule 2, 3 ----------------------------------------------------------------

def test_blocks_separated_by_one_blank_line_heading_followed_directly():
    d = doc(para("a"), para("b"), Heading(2, [Text("H")]), para("c"), para("d"))
    assert to_text(d) == "= T =\n\na\n\nb\n\n== H ==\nc\n\nd\n"


def test_empty_blocks_leave_no_extra_blank_lines():
    d = doc(para("a"), para(RefMarker(0)), HorizontalRule(), para("b"))
    assert to_text(d) == "= T =\n\na\n\nb\n"


def test_heading_levels_kept():
    d = doc(Heading(2, [Text("History")]), para("x"), Heading(3, [Text("Early years")]), para("y"))
    assert to_text(d) == "= T =\n\n== History ==\nx\n\n=== Early years ===\ny\n"


def test_empty_section_omitted_heading_included():
    d = doc(para("a"), Heading(2, [Text("References")]), para(RefMarker(0)),
            Heading(2, [Text("See also")]), para("b"))
    assert to_text(d) == "= T =\n\na\n\n== See also ==\nb\n"


def test_empty_section_kept_when_a_subsection_has_content():
    d = doc(Heading(2, [Text("A")]), Heading(3, [Text("A1")]), Heading(4, [Text("A1a")]), para("x"),
            Heading(3, [Text("A2")]), Heading(2, [Text("B")]), Heading(3, [Text("B1")]))
    assert to_text(d) == "= T =\n\n== A ==\n\n=== A1 ===\n\n==== A1a ====\nx\n"


# rule 4 -------------------------------------------------------------------

def test_paragraph_one_line_whitespace_collapsed():
    d = doc(para("  a\nb   c \t", Bold([Text(" d ")]), " e  "))
    assert to_text(d) == "= T =\n\na b c d e\n"


def test_linebreak_starts_new_line_of_same_block():
    d = doc(para("a", LineBreak(), " b", LineBreak(), LineBreak(), "c"), para("d"))
    assert to_text(d) == "= T =\n\na\nb\nc\n\nd\n"


# rule 5 -------------------------------------------------------------------

def test_bullet_and_ordered_lists_nested():
    sub = ListBlock("ordered", [ListItem("ordered", [Text("s1")]), ListItem("ordered", [Text("s2")])])
    lst = ListBlock("bullet", [ListItem("bullet", [Text("a")], [sub]), ListItem("bullet", [Text("b")])])
    assert block_text(lst) == "- a\n  1. s1\n  2. s2\n- b"


def test_ordered_numbering_per_list():
    one = ListBlock("ordered", [ListItem("ordered", [Text("x")]), ListItem("ordered", [Text("y")])])
    two = ListBlock("ordered", [ListItem("ordered", [Text("z")])])
    assert to_text(doc(one, two)) == "= T =\n\n1. x\n2. y\n\n1. z\n"


def test_definition_list_term_and_definitions_without_markers():
    inner = ListBlock("definition", [ListItem("definition", [Text("deeper")])])
    lst = ListBlock("definition", [ListItem("term", [Bold([Text("Term")])]),
                                   ListItem("definition", [Text("meaning")], [inner])])
    assert block_text(lst) == "Term\nmeaning\n  deeper"


def test_empty_items():
    nested = ListBlock("ordered", [ListItem("ordered", [Text("n")])])
    lst = ListBlock("ordered", [ListItem("ordered", []), ListItem("ordered", [], [nested]),
                                ListItem("ordered", [Text("c")])])
    assert block_text(lst) == "1.\n  1. n\n3. c"


def test_list_item_linebreak_continues_indented():
    lst = ListBlock("bullet", [ListItem("bullet", [Text("a"), LineBreak(), Text("b")])])
    assert block_text(lst) == "- a\n  b"


# rule 6 -------------------------------------------------------------------

def test_table_rows_and_empty_cells():
    t = Table(rows=[TableRow([cell("a"), cell(""), cell("c")])])
    assert block_text(t) == "| a | | c |"


def test_table_colspan_and_rowspan_placed():
    t = Table(rows=[
        TableRow([cell("h1", True, colspan=2), cell("h2", True)]),
        TableRow([cell("r", rowspan=2), cell("x"), cell("y")]),
        TableRow([cell("z"), cell("w")]),
    ])
    assert table_grid(t) == [["h1", "", "h2"], ["r", "x", "y"], ["r", "z", "w"]]
    assert block_text(t) == "| h1 | | h2 |\n| r | x | y |\n| r | z | w |"


def test_table_short_rows_padded_to_full_width():
    t = Table(rows=[TableRow([cell("a"), cell("b"), cell("c")]), TableRow([cell("d")])])
    assert table_grid(t) == [["a", "b", "c"], ["d", "", ""]]


def test_table_rowspan_clipped_and_zero_means_to_end():
    t = Table(rows=[TableRow([cell("a", rowspan=0), cell("b")]), TableRow([cell("c")]),
                    TableRow([cell("d", rowspan=9), cell("e")])])
    assert table_grid(t) == [["a", "b", ""], ["a", "c", ""], ["a", "d", "e"]]


def test_table_columns_where_no_cell_starts_are_dropped():
    t = Table(rows=[TableRow([cell("wide", colspan=100)]), TableRow([cell("a"), cell("b")])])
    assert table_grid(t) == [["wide", ""], ["a", "b"]]


def test_table_empty_rows_dropped_and_header_rows_counted():
    t = Table(rows=[TableRow([]), TableRow([cell("h", True), cell("i", True)]),
                    TableRow([cell("x", True), cell("y")])])
    layout = table_layout(t)
    assert layout.rows == [["h", "i"], ["x", "y"]]
    assert layout.header_rows == 1


def test_table_caption_line_before_rows():
    t = Table(caption=[Text("Results "), Italic([Text("1990")])], rows=[TableRow([cell("a")])])
    assert block_text(t) == "Results 1990\n| a |"


def test_no_line_break_inside_a_row():
    lst = ListBlock("bullet", [ListItem("bullet", [Text("x")]), ListItem("bullet", [Text("y")])])
    nested = Table(rows=[TableRow([cell("n1"), cell("n2")]), TableRow([cell("n3")])])
    c = TableCell(blocks=[para("a", LineBreak(), "b"), lst, nested])
    assert cell_text(c) == "a; b; x; y; n1; n2; n3"
    assert block_text(Table(rows=[TableRow([c, cell("z")])])) == "| a; b; x; y; n1; n2; n3 | z |"


# rule 7 -------------------------------------------------------------------

def infobox() -> Infobox:
    return Infobox("Infobox political party", "Party", [
        InfoboxField("country", "Country", [Link("Kazakhstan", [Text("Kazakhstan")])]),
        InfoboxField("party_name", "Party Name", [Text("Party")]),
        InfoboxField("ideology", "Ideology", [Link("a", [Text("Communism")]), LineBreak(),
                                              Link("b", [Text("Marxism")])]),
        InfoboxField("seats", "Seats", [Text("  ")]),
        InfoboxField("members", "Members", [Text("1\n2")]),
    ], title_key="party_name")


def test_infobox_title_then_rows_title_field_not_repeated():
    assert block_text(infobox()) == ("Party\n- Country: Kazakhstan\n- Ideology: Communism, Marxism\n"
                                     "- Members: 1, 2")


def test_infobox_printed_where_it_stands():
    assert to_text(doc(infobox(), para("Lead."))).startswith("= T =\n\nParty\n- Country: Kazakhstan\n")
    assert to_text(doc(infobox(), para("Lead."))).endswith("- Members: 1, 2\n\nLead.\n")


def test_infobox_label_fallback_from_key():
    assert key_label("first_secretary") == "First Secretary"
    assert key_label("leader1_title") == "Leader1 Title"
    assert key_label("GDP_PPP") == "GDP PPP"
    assert key_label("国家") == "国家"
    box = Infobox("Infobox x", "X", [InfoboxField("leader1_title", "", [Text("v")])])
    assert block_text(box) == "X\n- Leader1 Title: v"


# rule 8 -------------------------------------------------------------------

def test_inline_markup():
    inl = [Bold([Text("b")]), Text(" "), Italic([Text("i")]), Text(" "),
           Link("dog", [Text("dogs")]), Text(" "), Link("cat", []), Text(" "),
           ExtLink("http://x", [Text("label")]), ExtLink("http://y", None), Text(" "),
           Text("http://z"), Text(" "), Math(" x^2 "), RefMarker(0), Text(" "), Code("c()"),
           Span("sup", [Text("2")])]
    assert inline_text(inl) == "b i dogs cat label http://z $x^2$ c()2"


def test_no_break_spaces_become_spaces():
    assert to_text(doc(para("a\u00a0b\u202fc\u2007d"), title=None)) == "a b c d\n"


def test_ideographic_space_kept():
    assert to_text(doc(para("a\u3000b"), title=None)) == "a\u3000b\n"


def test_unicode_nfc():
    assert to_text(doc(para("e\u0301"), title="Cafe\u0301")) == "= Caf\u00e9 =\n\n\u00e9\n"


def test_math_block_own_line():
    d = doc(para("Formula:"), MathBlock(" E = mc^2\n"), para("after"))
    assert to_text(d) == "= T =\n\nFormula:\n\n$$E = mc^2$$\n\nafter\n"


def test_preformatted_lines_kept():
    pre = Preformatted([Text("def f():\n    return 1  \n\n  x\u00a0= 2\n")], code=True, lang="python")
    assert block_text(pre) == "def f():\n    return 1\n  x = 2"


def test_blockquote_blocks():
    assert to_text(doc(BlockQuote([para("q1"), para("q2")]), title=None)) == "q1\n\nq2\n"


def test_no_line_ends_with_space():
    lst = ListBlock("definition", [ListItem("definition", [], [BlockQuote([para("a"), para("b")])])])
    text = to_text(doc(para("x ", LineBreak(), " y "), lst, Heading(2, [Text(" H ")]), para(" z ")))
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert "\n\n\n" not in text


def test_infobox_title_field_repeated_when_not_marked_as_title():
    # Which parameter named the box is the parser's decision (Infobox.title_key); without it
    # every field is a row.
    box = infobox()
    box.title_key = None
    assert "- Party Name: Party" in block_text(box)


def test_nfc_stable_ranges_hold_only_characters_nfc_leaves_alone():
    """clean_line skips `is_normalized` for text inside these ranges: every character in them
    must have canonical combining class 0 and NFC_Quick_Check=Yes (not No: NFC changes it
    alone; not Maybe: it can compose with the character before it, as the second character
    of a primary composite or a Hangul vowel/trailing jamo does)."""
    import unicodedata

    from unwiki.render.text import NFC_STABLE_RANGES

    second: set[int] = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2 and unicodedata.normalize("NFC", chr(cp)) == chr(cp):
                second.add(int(parts[1], 16))
    for first, last in NFC_STABLE_RANGES:
        for cp in range(first, last + 1):
            c = chr(cp)
            assert not 0xD800 <= cp < 0xE000 and not 0x1100 <= cp < 0x1200, hex(cp)
            assert unicodedata.combining(c) == 0, hex(cp)
            assert unicodedata.normalize("NFC", c) == c, hex(cp)
            assert cp not in second, hex(cp)


def test_nfc_stable_takes_exactly_its_ranges():
    """The compiled check and the ranges the test above reads are one set: every range's
    ends are in, the characters just outside them (when in no other range) are not."""
    from unwiki.render.text import NFC_STABLE_RANGES, nfc_stable

    def listed(cp: int) -> bool:
        return any(first <= cp <= last for first, last in NFC_STABLE_RANGES)

    for first, last in NFC_STABLE_RANGES:
        for cp in (first - 1, first, (first + last) // 2, last, last + 1):
            if 0 <= cp < 0x110000 and not 0xD800 <= cp < 0xE000:
                assert nfc_stable(chr(cp)) == listed(cp), hex(cp)
    assert nfc_stable("\u6f22\u5b57 \u304b\u306a Abc") and not nfc_stable("\u6f22\u0301")


def test_clean_line_normalizes_text_outside_and_across_the_stable_ranges():
    assert clean_line("e\u0301") == "\u00e9"
    assert clean_line("\u304b\u3099 \u6f22") == "\u304c \u6f22"
    assert clean_line("\u30ab\u3099") == "\u30ac"
    assert clean_line("\u1100\u1161") == "\uac00"
    assert clean_line("\uf900") == "\u8c48"
    assert clean_line("\u6f22\u5b57\u3068\u304b\u306a") == "\u6f22\u5b57\u3068\u304b\u306a"


def test_clean_line_folds_white_space_in_non_ascii_text():
    from unwiki.render.text import _FOLDING

    for c in _FOLDING:      # (compiled, a C pass with its own copy of these characters)
        assert clean_line(f"\u6f22{c}\u5b57") == "\u6f22 \u5b57", repr(c)
        assert clean_line(f"\u00e9{c}x" * 30) == "\u00e9 x" * 30    # (a long line)
    assert clean_line(" \u6f22  \u5b57 ") == "\u6f22 \u5b57"
    assert clean_line("\u00e9\n\u00a0x\t\ty\u202f\u2007z") == "\u00e9 x y z"
    assert clean_line("\u6f22\u3000 \u5b57") == "\u6f22\u3000 \u5b57"
    assert clean_line("\u00e9 \u00e8") == "\u00e9 \u00e8"
