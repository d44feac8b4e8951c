"""End to end on seed 000 (zh wikitext): the text FORMAT.md prints, and what JSON must keep."""
import json
import re
from pathlib import Path

import pytest

import unwiki

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_0fe358e869bfce95.txt"
FORMAT = SHARED / "FORMAT.md"
TITLE = "哈萨克斯坦共产党"

pytestmark = pytest.mark.skipif(not (SEED.exists() and FORMAT.exists()),
                                reason="../shared (seeds, FORMAT.md) is not beside the project")


def expected_text() -> str:
    """The block under "### Seed 000 rendered" in FORMAT.md (as shared/tools/seed000_expected.py)."""
    section = FORMAT.read_text(encoding="utf-8").split("### Seed 000 rendered", 1)[1]
    return re.search(r"```\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def doc():
    return unwiki.parse(SEED.read_text(encoding="utf-8"), title=TITLE, lang="zh")


@pytest.fixture(scope="module")
def data(doc):
    return doc.to_dict()


def test_text_is_formats_rendering(doc):
    assert doc.text() == expected_text()


def test_json_text_and_serializable(data):
    assert data["text"] == expected_text()
    assert data["title"] == TITLE and data["lang"] == "zh"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_sections(data):
    titles = [s["title"] for s in data["sections"]]
    assert titles[0] is None
    assert titles[1:4] == ["历史", "历任第一书记", "参见"]
    assert data["sections"][0]["text"].endswith("是哈萨克斯坦的一个非法的共产主义政党。")


def _category_name(name: str) -> str:
    return re.sub(r"^category:", "", name, flags=re.I)


def test_categories(data):
    assert [_category_name(c) for c in data["categories"]] == ["哈萨克斯坦政党", "亚洲共产党"]


def test_references(data):
    first, second = data["references"]
    assert first["template"] == "cite web"
    assert first["fields"]["url"] == "http://www.rferl.org/specials/kazakh_votes/parties.aspx"
    assert first["fields"]["title"] == "存档副本"
    assert first["fields"]["accessdate"] == "2007-02-07"
    assert first["fields"]["archiveurl"] == (
        "https://web.archive.org/web/20070219073952/http://www.rferl.org/specials/kazakh_votes/parties.aspx")
    assert first["url"] == "http://www.rferl.org/specials/kazakh_votes/parties.aspx"
    assert "Kazakhstan Votes 2005" in first["text"]
    assert second["url"] == ("http://inter.kke.gr/en/articles/Question-of-the-KKE-delegation-in-the-"
                             "European-Parliament-concerning-the-unacceptable-banning-of-the-CP-of-"
                             "Kazakhstan/")
    assert second["fields"]["dead link"] == "yes"
    assert "Question of the KKE delegation" in second["text"]


def test_hatnote(data):
    assert len(data["hatnotes"]) == 1
    assert "哈萨克共产党" in data["hatnotes"][0]


def test_infobox_fields(data):
    (box,) = data["infoboxes"]
    assert box["template"].lower() == "infobox political party"
    assert box["title"] == TITLE
    fields = {f["key"]: f for f in box["fields"]}
    assert [f["key"] for f in box["fields"]] == [
        "country", "party_name", "name_native", "colorcode", "first_secretary", "split",
        "foundation", "membership", "membership_year", "ideology", "position", "international",
        "affiliation1_title", "affiliation1", "colours"]
    assert fields["first_secretary"]["label"] == "First Secretary"
    assert fields["affiliation1_title"]["label"] == "Affiliation1 Title"
    assert fields["foundation"]["text"] == "1991年10月"
    assert fields["ideology"]["text"] == "共产主义, 马克思列宁主义"
    assert fields["ideology"]["links"] == ["共产主义", "马克思列宁主义"]
    assert fields["split"]["links"] == ["哈萨克共产党"]
    assert fields["affiliation1"]["text"] == "苏联共产党 (2001年), 共产党联盟－苏联共产党（历史上）"
    assert [t.replace("_", " ") for t in fields["affiliation1"]["links"]] == [
        "苏联共产党 (2001年)", "共产党联盟－苏联共产党"]


def test_links(data):
    targets = [link["target"].replace("_", " ") for link in data["links"]]
    body = ["哈萨克斯坦", "共产主义", "哈萨克共产党", "苏联", "苏联共产党", "苏联解体",
            "努尔苏丹·纳扎尔巴耶夫", "哈萨克斯坦总统", "哈萨克斯坦民主选择", "赛里克博尔欣·阿布季尔金",
            "Gaziz Aldamzharov", "哈萨克共产党", "哈萨克斯坦共产主义人民党"]
    it = iter(targets)
    assert all(t in it for t in body), targets  # in order (infobox links may come between)
    assert not any(re.match(r"(file|category|image):", t, re.I) for t in targets)
    assert {"target": "苏联", "text": "苏联"} in data["links"]


def test_markdown_renders(doc):
    md = doc.markdown()
    assert md.startswith(f"# {TITLE}\n\n")
    assert "## 历史\n\n" in md and "参考资料" not in md


def hand_built_seed000() -> unwiki.Document:
    """The model the parser should build for seed 000, written by hand (renderer-only check)."""
    from unwiki.model import (
        Bold,
        Heading,
        Infobox,
        InfoboxField,
        LineBreak,
        Link,
        ListBlock,
        ListItem,
        Paragraph,
        RefMarker,
        Text,
    )

    def lk(target, text=None):
        return Link(target, [Text(text or target)])

    def field(key, *value):
        label = " ".join(w[:1].upper() + w[1:] for w in key.split("_"))
        return InfoboxField(key, label, [Text(v) if isinstance(v, str) else v for v in value])

    box = Infobox("Infobox political party", TITLE, [
        field("country", "哈萨克斯坦"), field("party_name", TITLE),
        field("name_native", "Қазақстан коммунистік халық партия"), field("colorcode", "#FF0000"),
        field("first_secretary", "Gaziz Aldamzharov"), field("split", lk("哈萨克共产党", "哈萨克斯坦社会党")),
        field("foundation", "1991年10月"), field("membership", "38000"),
        field("membership_year", "2015年"),
        field("ideology", lk("共产主义"), LineBreak(), lk("马克思列宁主义")), field("position", lk("左翼")),
        field("international", lk("共产党和工人党国际会议")), field("affiliation1_title", "欧亚组织"),
        field("affiliation1", lk("苏联共产党 (2001年)"), LineBreak(), lk("共产党联盟－苏联共产党"),
              "（历史上）"),
        field("colours", lk("红色")),
    ], title_key="party_name")
    expected = expected_text().split("\n")
    body = expected[expected.index("== 历史 ==") + 1:expected.index("== 历任第一书记 ==") - 1]
    paragraphs = [Paragraph([Text(line)]) for line in body if line]
    paragraphs[-1] = Paragraph([Text("2015年9月4日，哈萨克斯坦当局正式取缔哈萨克斯坦共产党，理由是该党仅有38000成员，"
                                     "不符合政党至少需要有40000成员的法律规定。"), RefMarker(1), Text(" 此后，该党转入地下活动。")])
    return unwiki.Document(title=TITLE, lang="zh", blocks=[
        box,
        Paragraph([Bold([Text(TITLE)]), Text("（哈萨克语：Қазақстан Коммунистік партиясы，俄语：Коммунистическая партия "
                                             "Казахстана）是"), lk("哈萨克斯坦"), Text("的一个非法的"),
                   lk("共产主义"), Text("政党。")]),
        Heading(2, [Text("历史")]), *paragraphs,
        Heading(2, [Text("历任第一书记")]),
        ListBlock("ordered", [ListItem("ordered", [lk("赛里克博尔欣·阿布季尔金"), Text(" (1991年10月 - 2010年4月17日)")]),
                              ListItem("ordered", [lk("Gaziz Aldamzharov"), Text(" (2010年4月17日 – 2015年9月4日)")])]),
        Heading(2, [Text("参见")]),
        ListBlock("bullet", [ListItem("bullet", [lk("哈萨克共产党")]),
                             ListItem("bullet", [lk("哈萨克斯坦共产主义人民党")])]),
        Heading(2, [Text("参考资料")]),
    ])


def test_renderer_alone_gives_formats_text():
    """Independent of the parser: the right model renders to FORMAT.md's text exactly."""
    doc = hand_built_seed000()
    assert doc.text() == expected_text()
    (box,) = doc.to_dict()["infoboxes"]
    assert len(box["fields"]) == 15
