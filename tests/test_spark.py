"""unwiki.spark on a real Spark (local[2]) against the local pipeline, on the shared
multistream dump: the same pages, read in parallel, and the same converted rows as
`unwiki convert … --format parquet`, page for page."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from test_sources import dump_beside_index, index_lines
from unwiki.sinks.schema import ARROW_SCHEMA, table_to_records
from unwiki.sources import DumpError, XmlDump, parse_page, site_from_siteinfo

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dumps"
MULTI = SHARED / "multistream" / "ltgwiki-pages-articles-multistream.xml.bz2"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not MULTI.is_file(), reason="../shared/corpus/dumps/multistream is absent"),
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark is not installed"),
    pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("JAVA_HOME"),
                       reason="no Java runtime (scripts/test.sh installs one)"),
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this interpreter (unwiki, pyarrow)
    session = (SparkSession.builder.master("local[2]").appName("unwiki-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.driver.memory", "1g")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def local_pages(path: Path):
    dump = XmlDump(str(path))
    site = site_from_siteinfo(dump.siteinfo)
    pages = []
    try:
        for chunk in dump.chunks():
            for s, e in chunk.spans:
                pages.extend(parse_page(chunk.data[s:e], site))
    except DumpError:
        pass
    finally:
        dump.close()
    return pages


def test_read_dump_splits_the_file_and_reads_every_page(spark) -> None:
    from unwiki.spark import read_dump

    df = read_dump(spark, str(MULTI), partitions=4)
    assert df.rdd.getNumPartitions() == 4
    rows = df.collect()
    expected = local_pages(MULTI)
    assert len(rows) == len(expected) == 2004
    for row, page in zip(rows, expected):
        assert (row.page_id, row.title, row.ns, row.rev_id, row.timestamp, row.redirect, row.text) == \
               (page.page_id, page.title, page.ns, page.rev_id, page.timestamp, page.redirect, page.text)
    # the localized template namespace (Taiss:) is numbered from the dump's own siteinfo
    assert df.where("ns = 10").count() > 0


def test_read_dump_with_an_index_cut_short_reads_the_rest_in_order(spark, tmp_path: Path) -> None:
    """Streams after the index's last entry are one more partition, read in order from the
    header stream's end, which travels with the range: every page once, in dump order."""
    from unwiki.spark import read_dump

    copy, index = dump_beside_index(tmp_path, index_lines()[:1200])
    df = read_dump(spark, str(copy), str(index), partitions=3)
    assert df.rdd.getNumPartitions() == 4
    rows = df.select("page_id", "title", "text").collect()
    expected = local_pages(MULTI)
    assert [(r.page_id, r.title, r.text) for r in rows] == [(p.page_id, p.title, p.text) for p in expected]


def test_convert_schema_is_the_parquet_sinks(spark) -> None:
    from unwiki.spark import read_dump, records_schema
    from unwiki.spark.convert import convert

    out = convert(read_dump(spark, str(MULTI), partitions=2).limit(0), templates={})
    assert out.columns == ARROW_SCHEMA.names
    assert out.schema == records_schema()


def test_convert_dump_equals_local_pipeline(spark, tmp_path: Path) -> None:
    from unwiki.spark import convert_dump

    out_dir = tmp_path / "local"
    proc = subprocess.run([sys.executable, "-m", "unwiki.cli", "convert", str(MULTI), "--format", "parquet",
                           "--output", str(out_dir), "--workers", "1", "--no-progress"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    parts = sorted(out_dir.glob("*.parquet"))
    assert parts, list(out_dir.iterdir())
    local = [rec for part in parts for rec in table_to_records(pq.read_table(part))]

    df = convert_dump(spark, str(MULTI), partitions=4)
    remote = table_to_records(df.toArrow())

    by_id = {r["page_id"]: r for r in local}
    assert len(by_id) == len(local) > 0
    assert sorted(r["page_id"] for r in remote) == sorted(by_id)
    for rec in remote:
        assert rec == by_id[rec["page_id"]], rec["title"]


def test_a_page_over_the_time_limit_gets_a_failure_row(spark) -> None:
    """The per-page limit works in Spark's Python workers (SIGALRM on their main thread):
    a long real page cut off after a millisecond keeps its row, with the failure in it."""
    from unwiki.spark import convert

    pages = [p for p in local_pages(MULTI) if p.ns == 0 and p.redirect is None]
    longest = max(pages, key=lambda p: len(p.text))
    assert len(longest.text) > 10_000
    df = spark.createDataFrame([(longest.title, 0, longest.page_id, longest.text)],
                               "title string, ns int, page_id long, text string")
    rows = table_to_records(convert(df, templates={}, page_timeout=0.001).toArrow())
    assert [(r["page_id"], r["text"]) for r in rows] == [(longest.page_id, None)]
    assert rows[0]["errors"] == [{"kind": "timeout", "message": "page took longer than 0.001 s"}]
    assert convert(df, templates={}, page_timeout=0.001, failures="drop").count() == 0
