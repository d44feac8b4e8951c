"""Byte-range planning for Spark (no JVM needed): every page of a dump is read exactly once,
whatever the cut, and in dump order."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_sources import dump_beside_index, index_lines
from unwiki.sources import DumpError, MultistreamDump, XmlDump, index_beside
from unwiki.spark.ranges import STREAMS, TAIL, WHOLE, XML_SLICE, plan_file, plan_streams, range_pages

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dumps"
MULTI = SHARED / "multistream" / "ltgwiki-pages-articles-multistream.xml.bz2"
TINY = SHARED / "edge" / "tinywiki-dumpster-dive.xml"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus/dumps is absent")


def whole_pages(path: Path) -> list[bytes]:
    dump = XmlDump(str(path))
    pages: list[bytes] = []
    try:
        for c in dump.chunks():
            pages.extend(c.data[s:e] for s, e in c.spans)
    except DumpError:
        pass  # a truncated sample: the complete pages before the cut count
    finally:
        dump.close()
    return pages


@pytest.mark.parametrize("parts", [1, 2, 3, 7, 100])
def test_multistream_ranges_cover_every_page_once(parts: int) -> None:
    dump = MultistreamDump(str(MULTI), index_beside(str(MULTI)))
    ranges = plan_streams(dump, parts)
    assert 1 <= len(ranges) <= min(parts, len(dump.streams))
    assert all(r.kind == STREAMS for r in ranges)
    # contiguous, from the first page stream to the end of the last one the index lists
    # (the file's last stream holds only `</mediawiki>`)
    assert ranges[0].start == dump.streams[0].start and ranges[-1].end == dump.streams[-1].end
    assert dump.tail is None and dump.streams[-1].end < dump.size
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:]))
    got = [p for r in ranges for p in range_pages(r)]
    assert len(got) == 2004
    assert got == whole_pages(MULTI)


def test_multistream_ranges_are_balanced() -> None:
    dump = MultistreamDump(str(MULTI), index_beside(str(MULTI)))
    sizes = [r.end - r.start for r in plan_streams(dump, 4)]
    assert len(sizes) == 4
    assert max(sizes) < 2.5 * min(sizes)


@pytest.mark.parametrize("min_bytes", [1000, 4096, 9999])
def test_plain_xml_slices_read_each_page_once(min_bytes: int) -> None:
    ranges = plan_file(str(TINY), 5, min_bytes=min_bytes)
    assert len(ranges) > 1 and all(r.kind == XML_SLICE for r in ranges)
    got = [p for r in ranges for p in range_pages(r)]
    assert got == whole_pages(TINY)


def test_compressed_single_stream_is_one_whole_range() -> None:
    """A one-stream .bz2 cannot be cut: one range; this sample is truncated, and the range
    still yields every complete page before the cut."""
    path = SHARED / "ruwiki-corus-sample.xml.bz2"
    ranges = plan_file(str(path), 4)
    assert [r.kind for r in ranges] == [WHOLE]
    got = list(range_pages(ranges[0]))
    assert got and got == whole_pages(path)


def test_a_corrupt_stream_is_skipped_with_a_warning_and_the_rest_is_read(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A stream that cannot be decompressed fails neither its range nor the job: the warning
    names the stream's file offset, and the pages of every other stream are read."""
    dump = MultistreamDump(str(MULTI), index_beside(str(MULTI)))
    bad = dump.streams[3]
    data = bytearray(MULTI.read_bytes())
    middle = (bad.start + bad.end) // 2
    data[middle:middle + 64] = bytes(b ^ 0x5A for b in data[middle:middle + 64])
    copy = tmp_path / MULTI.name
    copy.write_bytes(bytes(data))
    ranges = plan_streams(MultistreamDump(str(copy), index_beside(str(MULTI))), 2)
    got = [p for r in ranges for p in range_pages(r)]
    lost = {e.page_id for e in bad.entries}
    assert got == [p for p in whole_pages(MULTI)
                   if int(p.split(b"<id>", 1)[1].split(b"<", 1)[0]) not in lost]
    assert f"byte {bad.start:,} of the file" in caplog.text and "corrupt bz2 stream" in caplog.text


def test_an_unreadable_index_plans_the_dump_whole_with_a_warning(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """An index cut off in the middle cannot split the dump, which is still one valid .bz2:
    the driver warns and plans it as one whole range, which reads every page."""
    from unwiki.spark.reader import dump_plan

    index = Path(index_beside(str(MULTI)))
    (tmp_path / MULTI.name).write_bytes(MULTI.read_bytes())
    (tmp_path / index.name).write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    info, ranges = dump_plan(str(tmp_path / MULTI.name), partitions=4)
    assert info.lang == "ltg" and [r.kind for r in ranges] == [WHOLE]
    assert "unreadable multistream index" in caplog.text
    assert list(range_pages(ranges[0])) == whole_pages(MULTI)


def test_streams_after_the_index_end_are_one_more_range_read_in_order(tmp_path: Path) -> None:
    """An index cut at a line's end reads like a whole one: the streams after its last entry
    become one more range, read in order, so every page is still read once, in dump order."""
    copy, index = dump_beside_index(tmp_path, index_lines()[:1200])
    dump = MultistreamDump(str(copy), str(index))
    ranges = plan_streams(dump, 3)
    assert [r.kind for r in ranges] == [STREAMS] * 3 + [TAIL]
    assert ranges[-1].start == dump.tail == ranges[-2].end and ranges[-1].end == dump.size
    got = [p for r in ranges for p in range_pages(r)]
    assert got == whole_pages(MULTI)
