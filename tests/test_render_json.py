"""FORMAT.md's JSON object, on hand-built documents."""
import json

import pyarrow as pa

from unwiki.model import (
    BlockQuote,
    Bold,
    Document,
    ExternalLinkRef,
    ExtLink,
    Heading,
    Image,
    Infobox,
    InfoboxField,
    InterwikiLink,
    LineBreak,
    Link,
    LinkRef,
    ListBlock,
    ListItem,
    PageError,
    Paragraph,
    Reference,
    RefMarker,
    Table,
    TableCell,
    TableRow,
    TemplateUse,
    Text,
)
from unwiki.render.json import to_dict
from unwiki.render.text import to_text

FIELDS = ["title", "ns", "page_id", "rev_id", "timestamp", "lang", "redirect", "disambiguation",
          "text", "sections", "infoboxes", "tables", "links", "external_links", "categories",
          "templates", "references", "images", "hatnotes", "interwiki", "errors"]


def cell(text: str, header: bool = False, colspan: int = 1, rowspan: int = 1) -> TableCell:
    return TableCell(header, colspan, rowspan, [Paragraph([Text(text)])] if text else [])


def sample() -> Document:
    box = Infobox("Infobox party", "Party", [
        InfoboxField("name", "Name", [Text("Party")]),
        InfoboxField("ideology", "Ideology", [Link("Communism", [Text("communism")]), LineBreak(),
                                              Bold([Link("Marxism", [Text("Marxism")])])]),
        InfoboxField("leader1_title", "", [Text("First")]),
    ], title_key="name")
    table = Table(caption=[Text("Leaders")], rows=[
        TableRow([cell("No.", True), cell("Name", True, colspan=2)]),
        TableRow([cell("1", rowspan=2), cell("A"), cell("B")]),
        TableRow([cell("C"), cell("")]),
    ])
    nested = Table(rows=[TableRow([cell("n")])])
    return Document(
        title="Party", ns=0, page_id=7, rev_id=9, timestamp="2020-01-01T00:00:00Z", lang="en",
        blocks=[
            box,
            Paragraph([Text("Lead "), Link("X", [Text("x")]), RefMarker(0), Text(".")]),
            Heading(2, [Text("History")]),
            Paragraph([Text("Old.")]),
            Heading(3, [Text("Leaders")]),
            table,
            BlockQuote([Table(rows=[TableRow([TableCell(blocks=[nested])])])]),
            Heading(2, [Text("References")]),
            Paragraph([RefMarker(1)]),
        ],
        links=[LinkRef("X", "x")],
        external_links=[ExternalLinkRef("http://e", "E"), ExternalLinkRef("http://f", None)],
        categories=["Parties"],
        templates=[TemplateUse("Infobox party", "infobox"), TemplateUse("cite web", "builtin", 2),
                   TemplateUse("Nope", "unresolved")],
        references=[
            Reference("r1", [Text("Kazakhstan Votes, "), ExtLink("http://r", [Text("Title")])],
                      "cite web", {"url": "http://r", "title": "Title"}, "http://r", "Title"),
            Reference(None, [Text("plain")]),
        ],
        images=[Image("A.jpg", "cap")],
        hatnotes=["Not to be confused with Y."],
        interwiki=[InterwikiLink("de", "Partei")],
        errors=[PageError("template_loop", "Template:Loop")],
    )


def test_all_fields_present_in_order():
    assert list(to_dict(sample())) == FIELDS


def test_plain_values_json_and_pyarrow():
    d = to_dict(sample())
    assert json.loads(json.dumps(d)) == d
    pa.Table.from_pylist([d])


def test_scalars_and_text():
    d = to_dict(sample())
    assert (d["title"], d["ns"], d["page_id"], d["rev_id"], d["lang"]) == ("Party", 0, 7, 9, "en")
    assert d["timestamp"] == "2020-01-01T00:00:00Z"
    assert d["redirect"] is None and d["disambiguation"] is False
    assert d["text"] == to_text(sample())


def test_sections():
    d = to_dict(sample())
    assert d["sections"][0] == {"title": None, "level": 1,
                                "text": "Party\n- Ideology: communism, Marxism\n- Leader1 Title: First\n\n"
                                        "Lead x."}
    assert [(s["title"], s["level"]) for s in d["sections"]] == [
        (None, 1), ("History", 2), ("Leaders", 3), ("References", 2)]
    assert d["sections"][1]["text"] == "Old."
    assert d["sections"][2]["text"].startswith("Leaders\n| No. | Name | |")
    assert d["sections"][3]["text"] == ""


def test_infoboxes():
    (box,) = to_dict(sample())["infoboxes"]
    assert box["template"] == "Infobox party" and box["title"] == "Party"
    assert box["fields"] == [
        {"key": "name", "label": "Name", "text": "Party", "links": []},
        {"key": "ideology", "label": "Ideology", "text": "communism, Marxism",
         "links": ["Communism", "Marxism"]},
        {"key": "leader1_title", "label": "Leader1 Title", "text": "First", "links": []},
    ]


def test_tables():
    tables = to_dict(sample())["tables"]
    assert tables[0] == {"section": "Leaders", "caption": "Leaders", "header_rows": 1,
                         "rows": [["No.", "Name", ""], ["1", "A", "B"], ["1", "C", ""]]}
    # the block-quoted table is listed; the table nested in its cell is not
    assert tables[1:] == [{"section": "Leaders", "caption": None, "header_rows": 0, "rows": [["n"]]}]


def test_lead_table_section_is_none():
    doc = Document(title="T", blocks=[ListBlock("bullet", [ListItem("bullet", [Text("a")], [
        Table(rows=[TableRow([cell("x")])])])])])
    assert to_dict(doc)["tables"] == [{"section": None, "caption": None, "header_rows": 0,
                                       "rows": [["x"]]}]


def test_lists_of_the_page():
    d = to_dict(sample())
    assert d["links"] == [{"target": "X", "text": "x"}]
    assert d["external_links"] == [{"url": "http://e", "text": "E"}, {"url": "http://f", "text": None}]
    assert d["categories"] == ["Parties"]
    assert d["templates"] == [{"name": "Infobox party", "how": "infobox", "count": 1},
                              {"name": "cite web", "how": "builtin", "count": 2},
                              {"name": "Nope", "how": "unresolved", "count": 1}]
    assert d["images"] == [{"file": "A.jpg", "caption": "cap"}]
    assert d["hatnotes"] == ["Not to be confused with Y."]
    assert d["interwiki"] == [{"lang": "de", "title": "Partei"}]
    assert d["errors"] == [{"kind": "template_loop", "message": "Template:Loop"}]


def test_references():
    refs = to_dict(sample())["references"]
    assert refs[0] == {"name": "r1", "text": "Kazakhstan Votes, Title", "template": "cite web",
                       "fields": {"url": "http://r", "title": "Title"}, "url": "http://r",
                       "title": "Title"}
    assert refs[1] == {"name": None, "text": "plain", "template": None, "fields": {}, "url": None,
                       "title": None}


def test_empty_document():
    d = to_dict(Document())
    assert d["text"] == "" and d["sections"] == [{"title": None, "level": 1, "text": ""}]
    assert d["tables"] == [] and d["infoboxes"] == [] and d["references"] == []
