"""A page's `<text>` read apart from lxml (sources.xmltext, page.split_text) gives what lxml
gives: on every page of every shared dump, and on the forms an XML parser rejects or rewrites
(where the fast reader must step aside so that lxml reports the page as before)."""
from __future__ import annotations

import pytest

from test_sources import all_dumps, dump_id, needs_shared
from unwiki.site.config import build_site
from unwiki.sources import DumpError, XmlDump, site_from_siteinfo
from unwiki.sources.page import page_from_element, parse_page, split_text
from unwiki.sources.xmlsafe import parse_fragment
from unwiki.sources.xmltext import _unescape_python, unescape_text

SITE = build_site("en")


def by_lxml(fragment: bytes, *, all_revisions: bool = False):
    return page_from_element(parse_fragment(fragment), SITE, None, all_revisions=all_revisions)


def outcome(fn, *args, **kwargs):
    """The result, or the exception's type when it raises (both readers must raise alike)."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        return type(exc)


def page(content: bytes, start: bytes = b'<text bytes="9" xml:space="preserve">',
         end: bytes = b"</text>", meta: bytes = b"") -> bytes:
    return (b"<page><title>T</title><ns>0</ns><id>7</id>" + meta + b"<revision><id>8</id>"
            b"<timestamp>2020-01-01T00:00:00Z</timestamp><model>wikitext</model>"
            + start + content + end + b"</revision></page>")


CONTENTS = [
    b"plain ascii", "日本語のテキスト、絵文字 \U0001f600".encode(), b"",
    b"&lt;ref name=&quot;a&quot;&gt;x&lt;/ref&gt; &amp;nbsp; &apos;",
    b"&#65;&#x42;&#x4a;&#x4A;&#00067;&#x1F600;&#233;&#x7ff;&#x800;&#xFFFD;&#x10000;&#13;&#9;",
    b"\ttab\nnew line", b"a]]b ]> ]]", "\ufffd \ufdd0 \U0010fffd".encode(),
    # refused by the fast reader; lxml rejects or rewrites them
    b"&#X41;", b"&#0;", b"&#xD800;", b"&#x110000;", b"&#99999999999999999999;", b"&#;", b"&#x;",
    b"&nbsp;", b"a & b", b"&amp", b"&lt", b"&LT;", b"&#65", b"&#x4g;",
    b"line\r\nend\r\rx\r", b"\r", b"&#13;\r\n&#13;&#10;",
    b"]]>", b"\x01", b"\x0c", b"\x1f", b"\x00",
    "\ufffe".encode(), "\uffff".encode(), b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf",
    b"<b>tag</b>", b"<![CDATA[x < y]]>", b"<!-- c -->x", b"<?pi x?>",
]


@pytest.mark.parametrize("content", CONTENTS, ids=[repr(c)[2:30] for c in CONTENTS])
def test_the_plain_reader_reads_what_lxml_reads(content: bytes) -> None:
    fragment = page(content)
    assert outcome(parse_page, fragment, SITE) == outcome(by_lxml, fragment)
    assert _unescape_python(content) == unescape_text(content)     # compiled and plain agree


def test_the_plain_reader_takes_the_plain_form() -> None:
    assert split_text(page(b"&lt;a&gt; &#x41;")) == (page(b""), "<a> A")
    assert split_text(page(b"a\r\nb\rc&#13;")) == (page(b""), "a\nb\nc\r")
    for content in (b"&nbsp;", b"]]>", b"<b/>", b"\x01"):
        assert split_text(page(content)) is None


@pytest.mark.parametrize("fragment", [
    page(b"x", start=b"<text xml:space='preserve' bytes=\"1\">"),
    page(b"x", start=b'<text note="a > b">'),
    page(b"x", end=b"</text >"),
    page(b"", start=b'<text bytes="0" />', end=b""),
    page(b"x", start=b'<text deleted="deleted"/>', end=b""),
    page(b"x", meta=b"<!-- <text>not this</text> -->"),
    page(b"x", meta=b"<redirect title=\"A &amp; B\" />"),
    page(b"x", start=b"<textual>", end=b"</textual>"),
    page(b"x").replace(b"</revision>", b"</revision><revision><id>9</id><timestamp>2021-01-01T00:00:00Z"
                                        b"</timestamp><text>newer &amp; later</text></revision>"),
    page(b"x", start=b"<text", end=b""),
    page(b"x", end=b"</txet>"),
], ids=["single-quotes", "gt-in-attribute", "space-in-end-tag", "empty", "deleted", "comment",
        "redirect", "other-element", "two-revisions", "cut-start-tag", "wrong-end-tag"])
def test_pages_in_other_forms_read_alike(fragment: bytes) -> None:
    for every in (False, True):
        assert outcome(parse_page, fragment, SITE, all_revisions=every) == outcome(
            by_lxml, fragment, all_revisions=every)


@needs_shared
@pytest.mark.parametrize("path", all_dumps(), ids=dump_id)
def test_every_page_of_every_dump_reads_as_lxml_reads_it(path) -> None:
    dump = XmlDump(str(path))
    site = site_from_siteinfo(dump.siteinfo, None)
    pages = single = fast = 0
    try:
        for chunk in dump.chunks():
            for s, e in chunk.spans:
                fragment = bytes(chunk.data[s:e])
                pages += 1
                single += fragment.count(b"<revision") == 1
                split = split_text(fragment)
                fast += split is not None
                want = outcome(page_from_element, parse_fragment(fragment), site, None)
                assert outcome(parse_page, fragment, site) == want, fragment[:200]
                if split is not None:       # the plain Python reader agrees with the compiled one
                    start = fragment.index(b">", fragment.index(b"<text")) + 1
                    assert _unescape_python(fragment[start:fragment.index(b"</text", start)]) == split[1]
    except DumpError:
        pass                                # the cut-off samples: the pages before the cut count
    finally:
        dump.close()
    assert pages > 0
    # on the real dumps nearly every page of one revision takes the plain reader (edge/ has
    # samples made odd on purpose, e.g. raw XML comments inside the text)
    if path.parent.name != "edge":
        assert fast >= 0.9 * single, f"the plain reader took {fast} of {single} one-revision pages"
