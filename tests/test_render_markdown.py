"""Markdown output (FORMAT.md "Markdown"), on hand-built documents."""
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
    Table,
    TableCell,
    TableRow,
    Text,
)
from unwiki.render.markdown import block_markdown, escape, md_lines, to_markdown


def para(*parts) -> Paragraph:
    return Paragraph([Text(p) if isinstance(p, str) else p for p in parts])


def cell(text: str, header: bool = False, colspan: int = 1, rowspan: int = 1) -> TableCell:
    return TableCell(header, colspan, rowspan, [para(text)] if text else [])


def test_title_headings_and_blocks():
    doc = Document(title="Page", blocks=[para("Lead"), Heading(2, [Text("History")]), para("a"),
                                         Heading(3, [Text("Sub")]), para("b")])
    assert to_markdown(doc) == "# Page\n\nLead\n\n## History\n\na\n\n### Sub\n\nb\n"


def test_empty_section_omitted_and_empty_document():
    doc = Document(title="P", blocks=[para("x"), Heading(2, [Text("References")]), para(RefMarker(0)),
                                      Heading(2, [Text("Rule")]), HorizontalRule()])
    assert to_markdown(doc) == "# P\n\nx\n"
    assert to_markdown(Document()) == ""


def test_inline_markup_kept():
    inl = [Bold([Text("b")]), Text(" "), Italic([Text("i ")]), Text("x "), Link("dog", [Text("dogs")]),
           Text(" "), ExtLink("http://x/a b", [Text("label")]), ExtLink("http://y"), Text(" "),
           Math("x^2"), Text(" "), Code("a`b")]
    assert md_lines(inl) == ["**b** *i* x dogs [label](http://x/a%20b) $x^2$ `` a`b ``"]


def test_escaping():
    assert escape("a*b_c [d] <e> $5 ~f \\") == "a\\*b\\_c \\[d\\] \\<e> \\$5 \\~f \\\\"
    assert md_lines([Text("# not a heading")]) == ["\\# not a heading"]
    assert md_lines([Text("1. not a list")]) == ["1\\. not a list"]
    assert md_lines([Text("- no"), LineBreak(), Text("> no")]) == ["\\- no", "\\> no"]


def test_linebreak_is_hard_break():
    assert block_markdown(para("a", LineBreak(), "b")) == "a\\\nb"


def test_lists_nest_under_item_text():
    sub = ListBlock("bullet", [ListItem("bullet", [Text("s")])])
    lst = ListBlock("ordered", [ListItem("ordered", [Text("a")], [sub]), ListItem("ordered", [Text("b")])])
    assert block_markdown(lst) == "1. a\n   - s\n2. b"
    bl = ListBlock("bullet", [ListItem("bullet", [Text("x")], [
        ListBlock("ordered", [ListItem("ordered", [Text("y")])])])])
    assert block_markdown(bl) == "- x\n  1. y"


def test_definition_list():
    lst = ListBlock("definition", [ListItem("term", [Text("T")]), ListItem("definition", [Text("d1")]),
                                   ListItem("definition", [Text("d2")])])
    assert block_markdown(lst) == "**T**\\\nd1\\\nd2"


def test_table_with_header_row_and_spans():
    t = Table(caption=[Text("Cap")], rows=[
        TableRow([cell("h1", True, colspan=2)]),
        TableRow([cell("a|b", rowspan=2), cell("c")]),
        TableRow([cell("d")]),
    ])
    assert block_markdown(t) == "Cap\n\n| h1 | |\n| --- | --- |\n| a\\|b | c |\n| a\\|b | d |"


def test_table_without_header_gets_empty_header():
    t = Table(rows=[TableRow([cell("a"), cell("b")])])
    assert block_markdown(t) == "| | |\n| --- | --- |\n| a | b |"


def test_table_extra_header_rows_bold_after_separator():
    t = Table(rows=[TableRow([cell("A", True)]), TableRow([cell("B", True)]), TableRow([cell("c")])])
    assert block_markdown(t) == "| A |\n| --- |\n| **B** |\n| c |"


def test_infobox_key_value_table():
    box = Infobox("Infobox x", "Box", [
        InfoboxField("name", "Name", [Text("Box")]),
        InfoboxField("ideology", "Ideology", [Link("a", [Text("A")]), LineBreak(), Italic([Text("B")])]),
        InfoboxField("empty", "Empty", []),
    ], title_key="name")
    assert block_markdown(box) == "**Box**\n\n| Key | Value |\n| --- | --- |\n| Ideology | A, *B* |"


def test_code_block_fenced_with_language_and_math_block():
    pre = Preformatted([Text("\nx = 1\n\ny = 2\n")], code=True, lang="python")
    assert block_markdown(pre) == "```python\nx = 1\n\ny = 2\n```"
    assert block_markdown(Preformatted([Text(" plain")])) == "```\n plain\n```"
    assert block_markdown(Preformatted([Text("```")])) == "````\n```\n````"
    assert block_markdown(MathBlock("E=mc^2")) == "$$E=mc^2$$"


def test_blockquote():
    assert block_markdown(BlockQuote([para("a"), para("b")])) == "> a\n>\n> b"
