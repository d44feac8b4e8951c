"""Sinks: the Arrow schema, Parquet shards, JSONL compression, per-page file folders."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from test_sources import LTG, needs_shared
from unwiki.runner import RunOptions, run
from unwiki.sinks import (
    ARROW_SCHEMA,
    JsonlSink,
    ParquetSink,
    filename_for,
    records_to_table,
    table_to_records,
)

FORMAT_FIELDS = ["title", "ns", "page_id", "rev_id", "timestamp", "lang", "redirect", "disambiguation", "text",
                 "sections", "infoboxes", "tables", "links", "external_links", "categories", "templates",
                 "references", "images", "hatnotes", "interwiki", "errors"]

SAMPLE = {
    "title": "Albaneja", "ns": 0, "page_id": 23, "rev_id": 31919, "timestamp": "2017-03-14T15:58:02Z",
    "lang": "ltg", "redirect": None, "disambiguation": False, "text": "= Albaneja =\n\nAlbaneja.\n",
    "sections": [{"title": None, "level": 1, "text": "Albaneja."}],
    "infoboxes": [{"template": "Infobox country", "title": "Albaneja",
                   "fields": [{"key": "capital", "label": "Capital", "text": "Tirana", "links": ["Tirana"]}]}],
    "tables": [{"section": None, "caption": None, "header_rows": 1, "rows": [["a", "b"], ["1", ""]]}],
    "links": [{"target": "Europa", "text": "Europā"}],
    "external_links": [{"url": "http://x", "text": None}],
    "categories": ["Pasauļa vaļsteibys"],
    "templates": [{"name": "Infobox country", "how": "infobox", "count": 1}],
    "references": [{"name": "a", "text": "t", "template": "cite web", "fields": {"url": "http://x", "title": "T"},
                    "url": "http://x", "title": "T"}],
    "images": [{"file": "Flag.svg", "caption": ""}], "hatnotes": [], "interwiki": [{"lang": "en", "title": "Albania"}],
    "errors": [{"kind": "template", "message": "loop"}],
}


def test_schema_mirrors_format_md() -> None:
    assert ARROW_SCHEMA.names == FORMAT_FIELDS
    table = records_to_table([SAMPLE, {"title": "Bare"}])
    assert table.schema == ARROW_SCHEMA and table.num_rows == 2
    back = table_to_records(table)[0]
    assert back == SAMPLE                             # round trip, reference fields included


@needs_shared
def test_worker_tables_skip_the_pandas_import(tmp_path: Path) -> None:
    """A worker builds its tables with `pa.array` without importing pandas (0.24 s per worker),
    yet pandas stays usable there when asked for by name; the rows are the same."""
    pytest.importorskip("pandas", reason="pandas is what the probe avoids importing")
    run(RunOptions([str(LTG)], output=str(tmp_path / "out"), format="jsonl", workers=0, limit=120))
    script = f"""
import json, sys
from unwiki.sinks.schema import arrow_without_pandas_probe, records_to_table, table_to_records
arrow_without_pandas_probe()
lines = open({str(tmp_path / "out" / "pages.jsonl")!r}, "rb").read().splitlines()
records = [json.loads(line) for line in lines]
table = records_to_table(records)
print(json.dumps({{"pandas_after_build": "pandas" in sys.modules, "rows": table.num_rows,
                  "same": table_to_records(table) == [dict(r) for r in records],
                  "to_pandas_rows": len(table.to_pandas())}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    got = json.loads(done.stdout)
    assert got["rows"] >= 100 and got["same"]
    assert got["pandas_after_build"] is False
    assert got["to_pandas_rows"] == got["rows"]


@needs_shared
def test_the_cli_writes_parquet_without_loading_numpy(tmp_path: Path) -> None:
    """`unwiki convert -f parquet` loads pyarrow with numpy refused (0.09 s less start-up),
    numpy still imports afterwards, and the rows equal a run in a process with numpy."""
    pytest.importorskip("numpy", reason="numpy is what the CLI avoids loading")
    script = f"""
import json, sys
from unwiki.cli import main
code = main(["convert", {str(LTG)!r}, "-o", {str(tmp_path / "cli")!r}, "-f", "parquet", "--limit", "150",
             "--workers", "1", "--no-progress"])
loaded = "numpy" in sys.modules
import numpy
print(json.dumps({{"code": code, "numpy_loaded": loaded, "numpy_later": numpy.__name__}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == {"code": 0, "numpy_loaded": False, "numpy_later": "numpy"}
    run(RunOptions([str(LTG)], output=str(tmp_path / "lib"), format="parquet", workers=0, limit=150))
    cli = pq.read_table(sorted(str(p) for p in (tmp_path / "cli").glob("*.parquet")))
    lib = pq.read_table(sorted(str(p) for p in (tmp_path / "lib").glob("*.parquet")))
    assert cli.num_rows > 50
    assert table_to_records(cli) == table_to_records(lib)


def test_parquet_parts_row_groups_and_readers(tmp_path: Path) -> None:
    import duckdb

    sink = ParquetSink(str(tmp_path), row_group_rows=300, part_rows=1000)
    rows = [dict(SAMPLE, page_id=i, title=f"P{i}") for i in range(2500)]
    for start in range(0, 2500, 100):
        batch = rows[start:start + 100]
        sink.write(records_to_table(batch), [str(r["page_id"]) for r in batch])
    sink.close()
    parts = sorted(tmp_path.glob("*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    meta = pq.ParquetFile(parts[0]).metadata
    # a part closes at the first row group that takes it to part_rows: bounded by one group more
    assert 1000 <= meta.num_rows <= 1300 and meta.num_row_groups == 4 and meta.row_group(0).num_rows == 300
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert len(sink.take_durable()) == 2500
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/*.parquet'").fetchall() == [(2500,)]
    assert pq.read_table(tmp_path).column("page_id").to_pylist() == list(range(2500))


@pytest.mark.parametrize("ext", ["", ".gz", ".zst"])
def test_jsonl_compressed_and_resumable(tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"pages.jsonl{ext}"
    sink = JsonlSink(str(path), commit_bytes=1)
    payload = JsonlSink.encode([SAMPLE])
    sink.write(payload, ["23"])
    state = sink.state()
    sink.write(payload, ["24"])                  # written after the last commit point …
    sink.close()
    sink = JsonlSink(str(path))
    sink.restore(state)                          # … and cut off by a resumed run
    sink.write(payload, ["24"])
    sink.close()
    raw = path.read_bytes()
    if ext == ".gz":
        raw = gzip.decompress(raw)
    elif ext == ".zst":
        raw = pa.input_stream(str(path), compression="zstd").read()
    lines = raw.decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == SAMPLE


def test_filenames_round_trip() -> None:
    from urllib.parse import unquote

    for title in ["AC/DC", "Kategoreja:Pasauļa vaļsteibys", "What? 50% #1", ".hidden", "a" * 300]:
        stem = filename_for(title)
        assert "/" not in stem and ":" not in stem and not stem.startswith(".")
        assert len(stem.encode()) <= 200
        if len(title) < 100:
            assert unquote(stem).replace("_", " ") == title.replace("_", " ")


@needs_shared
def test_text_and_markdown_folders(tmp_path: Path) -> None:
    out = tmp_path / "txt"
    summary = run(RunOptions([str(LTG)], output=str(out), format="text", workers=2, limit=40))
    files = sorted(out.glob("*.txt"))
    assert len(files) == summary.written
    if files:
        first = (out / "Suoku_puslopa.txt")
        assert first.exists() and first.read_text(encoding="utf-8").startswith("= Suoku puslopa =")
    out = tmp_path / "md"
    summary = run(RunOptions([str(LTG)], output=str(out), format="markdown", workers=0, limit=5))
    assert len(list(out.glob("*.md"))) == summary.written


@needs_shared
def test_jsonl_file_output_with_side_files(tmp_path: Path) -> None:
    out = tmp_path / "ltg.jsonl.gz"
    summary = run(RunOptions([str(LTG)], output=str(out), workers=2, limit=30))
    lines = gzip.decompress(out.read_bytes()).decode().splitlines()
    assert len(lines) == summary.written
    rec = json.loads(lines[0])
    assert {"title", "ns", "page_id", "rev_id", "timestamp", "lang", "text"} <= set(rec)
    assert (tmp_path / "ltg.summary.json").exists()
