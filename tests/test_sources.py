"""The dump reader on the real dumps of ../shared/corpus/dumps (helpers reused by the
runner, sink and CLI tests)."""
from __future__ import annotations

import bz2
import gzip
import os
import re
from pathlib import Path

import pytest

from unwiki.sources import DumpError, MultistreamDump, XmlDump, index_beside, parse_page, site_from_siteinfo
from unwiki.sources.files import is_dump, title_from_filename
from unwiki.sources.page import redirect_target
from unwiki.sources.xmldump import page_spans

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DUMPS = SHARED / "corpus" / "dumps"
LTG = DUMPS / "ltgwiki-smallwiki-dumpster-dive.xml.bz2"
MULTI = DUMPS / "multistream" / "ltgwiki-pages-articles-multistream.xml.bz2"
MULTI_INDEX = DUMPS / "multistream" / "ltgwiki-pages-articles-multistream-index.txt.bz2"
RUWIKI = DUMPS / "ruwiki-corus-sample.xml.bz2"
PYWIKIBOT = DUMPS / "pywikibot"

needs_shared = pytest.mark.skipif(not DUMPS.is_dir(), reason=f"shared corpus not found at {DUMPS}")
pytestmark = needs_shared


def all_dumps() -> list[Path]:
    if not DUMPS.is_dir():
        return []
    return sorted(p for p in DUMPS.rglob("*") if p.is_file() and ".xml" in p.name and "index" not in p.name)


def dump_id(path: Path) -> str:
    return os.path.relpath(path, DUMPS)


def raw_xml(path: Path) -> bytes:
    """The dump decompressed (UTF-16 ones as UTF-8), read without the code under test."""
    opener = bz2.open if path.name.endswith(".bz2") else gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        data = fh.read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16").encode("utf-8")
    elif data[:2] == b"<\x00":
        data = data.decode("utf-16-le").encode("utf-8")
    elif data[:2] == b"\x00<":
        data = data.decode("utf-16-be").encode("utf-8")
    return data


def index_lines() -> list[bytes]:
    """The lines of the shared multistream dump's index, each with its newline."""
    return bz2.decompress(MULTI_INDEX.read_bytes()).splitlines(keepends=True)


def dump_beside_index(folder: Path, lines: list[bytes]) -> tuple[Path, Path]:
    """(copy, index): the shared multistream dump copied into `folder`, beside a plain
    index of `lines` only (an index cut short, or missing some lines)."""
    copy = folder / MULTI.name
    copy.write_bytes(MULTI.read_bytes())
    index = folder / MULTI.name.replace(".xml.bz2", "-index.txt")
    index.write_bytes(b"".join(lines))
    return copy, index


def count_pages(path: Path) -> int:
    """Complete `<page>` elements, counted independently of the reader."""
    return len(re.findall(rb"<page>.*?</page>", raw_xml(path), re.S))


def read_all(path: Path, **kw) -> tuple[XmlDump, list, DumpError | None]:
    dump = XmlDump(str(path))
    site = site_from_siteinfo(dump.siteinfo)
    pages, error = [], None
    try:
        for chunk in dump.chunks():
            for s, e in chunk.spans:
                pages.extend(parse_page(chunk.data[s:e], site, **kw))
    except DumpError as exc:
        error = exc
    return dump, pages, error


@pytest.mark.parametrize("path", all_dumps(), ids=dump_id)
def test_reader_finds_every_page(path: Path) -> None:
    dump, pages, error = read_all(path)
    assert len(pages) == count_pages(path)
    assert all(p.title for p in pages)
    if path == RUWIKI:
        assert error is not None
    else:
        assert error is None, error.describe()


def test_ltg_siteinfo_localized_namespaces() -> None:
    dump = XmlDump(str(LTG))
    info = dump.siteinfo
    assert info.lang == "ltg" and info.dbname == "ltgwiki" and info.sitename == "Vikipedeja"
    site = site_from_siteinfo(info)
    assert site.lang == "ltg"
    assert site.ns_id("Kategoreja") == 14 and site.ns_id("Taiss") == 10 and site.ns_id("Modulis") == 828
    assert site.ns_id("Category") == 14          # canonical names still accepted
    assert site.ns_name(14) == "Kategoreja"
    assert 2302 in site.case_sensitive_namespaces
    assert site.server == "https://ltg.wikipedia.org"


def test_ltg_pages_carry_ids_ns_and_models() -> None:
    _, pages, _ = read_all(LTG)
    first = pages[0]
    assert (first.title, first.ns, first.page_id, first.rev_id) == ("Suoku puslopa", 0, 1, 29433)
    assert first.timestamp == "2013-03-22T09:37:03Z"
    assert first.text.startswith('{| id="mp-topbanner"')    # entities decoded once, by lxml
    by_ns = {p.ns for p in pages}
    assert {0, 10, 14, 828} <= by_ns
    cats = [p for p in pages if p.ns == 14]
    assert all(p.title.startswith("Kategoreja:") for p in cats)
    assert {p.model for p in pages if p.ns == 828} == {"Scribunto"}


def test_utf16_be_without_bom_equals_utf8() -> None:
    _, utf16, err16 = read_all(PYWIKIBOT / "article-pyrus-utf16.xml", all_revisions=True)
    _, utf8, err8 = read_all(PYWIKIBOT / "article-pyrus.xml", all_revisions=True)
    assert err16 is None and err8 is None
    assert [(p.title, p.rev_id, p.text) for p in utf16] == [(p.title, p.rev_id, p.text) for p in utf8]
    assert len(utf8) == 6


def test_utf16_le_with_bom_bgwiki() -> None:
    dump, pages, error = read_all(DUMPS / "bgwiki-shortened-utf16-gensim.xml.bz2")
    assert error is None and len(pages) == 3
    assert dump.siteinfo.lang == "bg"
    assert site_from_siteinfo(dump.siteinfo).ns_id("Категория") == 14
    assert any(re.search("[а-я]", p.text) for p in pages)


def test_utf16_cut_inside_a_character_says_so(tmp_path: Path) -> None:
    """A UTF-16 dump cut after an odd number of bytes ends inside a character: the error
    says that (not that a compressed stream broke), and the pages before it are read."""
    import bz2

    data = bz2.decompress((DUMPS / "bgwiki-shortened-utf16-gensim.xml.bz2").read_bytes())
    cut = tmp_path / "bg-cut.xml"
    cut.write_bytes(data[: len(data) // 2 | 1])
    _, pages, error = read_all(cut)
    assert error is not None and "cut off inside a character or is not utf-16-le" in str(error)
    whole = [p.title for p in read_all(DUMPS / "bgwiki-shortened-utf16-gensim.xml.bz2")[1]]
    assert pages and [p.title for p in pages] == whole[: len(pages)]


def test_latest_revision_by_timestamp() -> None:
    # macbre's sample lists the newest revision first; the newest wins, not the last
    _, pages, _ = read_all(DUMPS / "edge" / "macbre-multirevision-dump.xml")
    assert pages[0].text.startswith("A bunch of")
    assert pages[0].ns == 0 and pages[1].ns == 1      # from the title: this dump has no <ns>
    _, pages, _ = read_all(PYWIKIBOT / "article-pyrus.xml")
    assert len(pages) == 1 and pages[0].timestamp == "2008-09-14T17:08:56Z"
    _, revs, _ = read_all(DUMPS / "edge" / "mwxml-dump.xml", all_revisions=True)
    assert [r.rev_id for r in revs] == [1, 2, 3]


def test_redirects_element_and_keyword() -> None:
    _, pages, _ = read_all(PYWIKIBOT / "article-pyrus.xml")
    site = site_from_siteinfo(XmlDump(str(PYWIKIBOT / "article-pyrus.xml")).siteinfo)
    assert redirect_target(pages[0].text, site) == "Pear"
    _, ltg, _ = read_all(LTG)
    assert any(p.redirect for p in ltg)


def test_truncated_dump_names_offset_and_last_page() -> None:
    dump, pages, error = read_all(RUWIKI)
    assert [p.title for p in pages][-1] == error.last_title == "Литва"
    assert error.offset == len(raw_xml(RUWIKI))
    message = error.describe()
    assert "ruwiki-corus-sample" in message and "75,547" in message and "Литва" in message


def test_cut_bz2_stops_at_the_break(tmp_path: Path) -> None:
    """A .bz2 cut in the middle: every page before the break is read, the error says where."""
    data = LTG.read_bytes()
    cut = tmp_path / "ltg-cut.xml.bz2"
    cut.write_bytes(data[: len(data) // 2])
    dump, pages, error = read_all(cut)
    assert error is not None and pages
    assert error.last_title == pages[-1].title
    assert "corrupt or cut off" in str(error) or "ends" in str(error)
    whole = [p.title for p in read_all(LTG)[1]]
    assert [p.title for p in pages] == whole[: len(pages)]


def test_non_wikitext_models_are_visible() -> None:
    _, pages, _ = read_all(DUMPS / "dbpedia-minidumps" / "wikidatawiki-minidump.xml.bz2")
    assert pages and {p.model for p in pages} <= {"wikibase-item", "wikibase-lexeme", "wikibase-property"}


def test_multistream_index_and_streams() -> None:
    assert index_beside(str(MULTI)) == str(MULTI_INDEX)
    dump = MultistreamDump(str(MULTI), str(MULTI_INDEX))
    assert len(dump.streams) == 21
    assert sum(len(s.entries) for s in dump.streams) == 2004
    assert dump.siteinfo.lang == "ltg"
    from unwiki.sources.multistream import read_stream

    stream = dump.streams[3]
    buf = read_stream(dump.path, stream.start, stream.end)
    assert len(page_spans(buf)) == len(stream.entries) == 100


def test_no_entity_expansion_no_dtd(tmp_path: Path) -> None:
    """A hostile export: an internal DTD entity and an external one are not expanded."""
    evil = tmp_path / "evil.xml"
    evil.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE mediawiki [<!ENTITY boom "BOOM"> '
        '<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'
        '<mediawiki><siteinfo><dbname>enwiki</dbname></siteinfo>\n'
        '<page><title>X</title><ns>0</ns><id>1</id><revision><id>2</id>'
        '<text>a &amp; b</text></revision></page>\n</mediawiki>\n', encoding="utf-8")
    _, pages, error = read_all(evil)
    assert error is None and pages[0].text == "a & b"
    evil.write_text(
        '<mediawiki><page><title>X</title><ns>0</ns><revision><text>&boom;&ext;</text>'
        '</revision></page></mediawiki>', encoding="utf-8")
    from lxml.etree import XMLSyntaxError

    with pytest.raises(XMLSyntaxError):  # undefined entity: a per-page XML error, never expanded
        read_all(evil)


def test_file_titles_and_dump_detection() -> None:
    assert title_from_filename("pages/fr/Tour_Eiffel%3F.wiki") == "Tour Eiffel?"
    assert is_dump(str(LTG)) and is_dump(str(PYWIKIBOT / "article-pyrus-utf16.xml"))
    page = next((SHARED / "corpus" / "pages").rglob("*.wiki"))
    assert not is_dump(str(page))


@pytest.mark.parametrize("path", [LTG, DUMPS / "jawiki-head-pages-articles.xml.bz2", RUWIKI, *sorted(PYWIKIBOT.glob("*.xml"))],
                         ids=dump_id)
def test_page_head_fast_path_equals_field_by_field(path: Path) -> None:
    """The one-regex head of the usual page layout gives what the general search gives."""
    from unwiki.sources.xmldump import _page_head_any_order, page_head

    buf = raw_xml(path)
    spans = page_spans(buf)
    assert spans
    for s, e in spans:
        assert page_head(buf, s, e) == _page_head_any_order(buf, s, e)


def test_chunks_do_not_depend_on_the_read_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages, heads and offsets are the same whether a read block holds many pages or a
    fraction of one (the buffer is compacted only when it is refilled)."""
    from unwiki.sources import xmldump

    def chunks(block: int) -> list:
        monkeypatch.setattr(xmldump, "BLOCK", block)
        dump = XmlDump(str(LTG), chunk_bytes=1 << 16, chunk_pages=7)
        out = [(c.offset, c.data, c.spans, c.heads) for c in dump.chunks()]
        dump.close()
        return out

    whole = chunks(4 << 20)
    assert sum(len(c[2]) for c in whole) == count_pages(LTG)
    assert chunks(777) == whole


def test_multistream_template_pass_same_on_threads() -> None:
    """Decompressing the template streams on threads gives the serial pass's table."""
    from unwiki.sources.templates import templates_from_dump

    site = site_from_siteinfo(MultistreamDump(str(MULTI), str(MULTI_INDEX)).siteinfo)
    serial = templates_from_dump(str(MULTI), site, str(MULTI_INDEX), threads=1)
    assert len(serial) > 100
    assert templates_from_dump(str(MULTI), site, str(MULTI_INDEX), threads=3) == serial
    assert templates_from_dump(str(LTG), site) == serial
