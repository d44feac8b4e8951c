"""The parallel runner on the real dumps: accounting, parallel multistream, faults, resume."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_sources import (
    LTG,
    MULTI,
    RUWIKI,
    all_dumps,
    count_pages,
    dump_beside_index,
    dump_id,
    index_lines,
    needs_shared,
)
from unwiki.runner import RunOptions, run

pytestmark = needs_shared
ROOT = Path(__file__).resolve().parents[1]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _parquet(folder: Path):
    """The part files as one table (the folder also holds summary.json and errors.jsonl)."""
    import pyarrow.parquet as pq

    return pq.read_table(sorted(str(p) for p in folder.glob("*.parquet")))


def _summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def test_ltg_parquet_accounts_for_every_page(tmp_path: Path) -> None:
    import duckdb
    import pandas as pd

    out = tmp_path / "out"
    summary = run(RunOptions([str(LTG)], output=str(out), format="parquet", workers=2))
    s = _summary(out)
    assert s["pages_read"] == 2004 == count_pages(LTG)
    assert s["written"] + s["skipped_total"] + s["failed_total"] == 2004
    assert summary.read == 2004 and s["complete"]
    ((n,),) = duckdb.sql(f"SELECT count(*) FROM '{out}/*.parquet'").fetchall()
    errors = _lines(out / "errors.jsonl") if (out / "errors.jsonl").exists() else []
    assert n == s["written"] and len(errors) == s["failed_total"]
    table = _parquet(out)
    assert len(pd.read_parquet(sorted(str(p) for p in out.glob("*.parquet")))) == n
    assert set(table.column("ns").to_pylist()) == {0}            # default: articles only
    assert len(set(table.column("page_id").to_pylist())) == n
    assert s["skipped"]["namespace"] > 0 and s["skipped"]["redirect"] > 0
    if n:
        rows = {r["title"]: r for r in table.select(["title", "categories", "lang", "text"]).to_pylist()}
        assert rows["Albaneja"]["lang"] == "ltg"
        # "[[Kategoreja:…]]" is this wiki's category link: it must land in categories
        assert "Pasauļa vaļsteibys" in rows["Albaneja"]["categories"]
        assert "Kategoreja:" not in rows["Albaneja"]["text"]


_LOAD_WITH_DATASETS = """
import json, sys
import datasets
ds = datasets.load_dataset("parquet", data_files=sys.argv[1] + "/*.parquet", split="train")
row = ds[0]
print(json.dumps({"rows": ds.num_rows, "columns": ds.column_names, "titles": list(ds["title"]),
                  "first": {k: row[k] for k in ("title", "text", "sections", "links")}}))
"""


def test_the_parquet_output_loads_with_datasets(tmp_path: Path) -> None:
    """`datasets.load_dataset("parquet", ...)` reads the CLI's folder as it is: every row, every
    column, nested lists of structs as lists of dicts. Run offline in a child process, with its
    cache in tmp_path, so that the user's Hugging Face cache is never touched."""
    pytest.importorskip("datasets", reason="datasets is in the test extras: pip install -e .[test]")
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "unwiki.cli", "convert", str(LTG), "-o", str(out), "-f", "parquet",
                    "--no-progress"], check=True, capture_output=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    proc = subprocess.run([sys.executable, "-c", _LOAD_WITH_DATASETS, str(out)], env=env, check=True,
                          capture_output=True, text=True)
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    table = pq.read_table(sorted(str(p) for p in out.glob("*.parquet")))
    assert loaded["rows"] == table.num_rows == _summary(out)["written"] > 0
    assert loaded["columns"] == table.column_names
    assert loaded["titles"] == table.column("title").to_pylist()
    first = table.slice(0, 1).to_pylist()[0]
    assert loaded["first"] == {k: first[k] for k in ("title", "text", "sections", "links")}
    assert loaded["first"]["sections"] and set(loaded["first"]["sections"][0]) == {"title", "level", "text"}


def test_ltg_all_namespaces_keep_their_numbers(tmp_path: Path) -> None:
    out = tmp_path / "all"
    run(RunOptions([str(LTG)], output=str(out), format="jsonl", workers=2, all_namespaces=True,
                   redirects="map"))
    s = _summary(out)
    assert s["written"] + s["skipped_total"] + s["failed_total"] == 2004
    assert s["skipped"].get("namespace", 0) == 0
    records = _lines(out / "pages.jsonl")
    by_title = {r["title"]: r for r in records}
    cat = next(r for t, r in by_title.items() if t.startswith("Kategoreja:"))
    assert cat["ns"] == 14
    assert s["skipped"]["non-wikitext"] >= 1                      # Scribunto modules
    mapped = (out / "redirects.tsv").read_text(encoding="utf-8").splitlines()
    assert len(mapped) == s["redirects_mapped"] == s["skipped"]["redirect"]
    assert all(len(line.split("\t")) == 3 for line in mapped)


def test_multistream_parallel_equals_sequential(tmp_path: Path) -> None:
    par, seq = tmp_path / "par", tmp_path / "seq"
    run(RunOptions([str(MULTI)], output=str(par), format="jsonl", workers=2, ordered=True))
    run(RunOptions([str(LTG)], output=str(seq), format="jsonl", workers=0, ordered=True))
    a = (par / "pages.jsonl").read_bytes()
    b = (seq / "pages.jsonl").read_bytes()
    assert a == b and a
    assert _summary(par)["pages_read"] == _summary(seq)["pages_read"] == 2004
    # the workers count the XML they decompressed, not the compressed streams
    assert _summary(par)["text_mb_per_s"] > 2 * _summary(par)["input_mb_per_s"]


def test_streams_read_ahead_by_the_parent_equal_the_workers_own(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A core without a worker decompresses the streams in the parent (the task carries the
    XML); with a worker on every core the workers do. Same records either way."""
    run_module = sys.modules["unwiki.runner.run"]      # (the package's `run` is the function)
    calls: list[int] = []
    real = run_module.streams_ahead

    def counted(path, items, span, threads):
        calls.append(threads)
        return real(path, items, span, threads)

    monkeypatch.setattr(run_module, "streams_ahead", counted)
    outs = {}
    for cores in (2, 1):
        monkeypatch.setattr(run_module.os, "cpu_count", lambda cores=cores: cores)
        outs[cores] = tmp_path / str(cores)
        run(RunOptions([str(MULTI)], output=str(outs[cores]), format="jsonl", workers=1, ordered=True))
    assert calls == [1]                 # the 2-core run read ahead on its spare core, only it
    a, b = ((outs[c] / "pages.jsonl").read_bytes() for c in (2, 1))
    assert a == b and a
    assert _summary(outs[2])["pages_read"] == _summary(outs[1])["pages_read"] == 2004


def _corrupt_one_stream(folder: Path, which: int) -> tuple[Path, int, set[int]]:
    """A copy of the ltg multistream dump (and its index) with bytes in the middle of stream
    number `which` overwritten; returns the copy, the stream's offset, the page ids it holds."""
    import bz2

    index = MULTI.with_name(MULTI.name.replace(".xml.bz2", "-index.txt.bz2"))
    rows = [line.split(":", 2) for line in bz2.decompress(index.read_bytes()).decode().splitlines()]
    starts = sorted({int(r[0]) for r in rows})
    start, end = starts[which], starts[which + 1]
    data = bytearray(MULTI.read_bytes())
    for i in range((start + end) // 2, (start + end) // 2 + 64):
        data[i] ^= 0x5A
    copy = folder / MULTI.name
    copy.write_bytes(bytes(data))
    (folder / index.name).write_bytes(index.read_bytes())
    return copy, start, {int(r[1]) for r in rows if int(r[0]) == start}


@pytest.mark.parametrize("read_ahead", [True, False], ids=["parent-reads-ahead", "workers-read"])
def test_a_corrupt_stream_fails_its_pages_and_the_run_goes_on(tmp_path: Path, read_ahead: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """One stream of a multistream dump cannot be decompressed (it holds Template: pages, so
    the template pre-pass meets it too): each page the index puts in it gets an error record
    naming the stream's file offset, every other page is written as from the intact dump
    (their text may differ: the stream's templates are lost), and the counts add up."""
    run_module = sys.modules["unwiki.runner.run"]
    monkeypatch.setattr(run_module.os, "cpu_count", lambda: 2 if read_ahead else 1)
    broken, start, ids = _corrupt_one_stream(tmp_path, 5)
    good, bad = tmp_path / "good", tmp_path / "bad"
    run(RunOptions([str(MULTI)], output=str(good), format="jsonl", workers=1, ordered=True))
    run(RunOptions([str(broken)], output=str(bad), format="jsonl", workers=1, ordered=True))
    s = _summary(bad)
    assert s["pages_read"] == 2004
    assert s["written"] + s["skipped_total"] + s["failed_total"] == 2004
    errors = _lines(bad / "errors.jsonl")
    assert errors and {e["kind"] for e in errors} == {"dump"} and s["failed"] == {"dump": len(errors)}
    assert {e["page_id"] for e in errors} <= ids
    assert all(f"corrupt bz2 stream (Invalid data stream) at byte {start:,} of the file" in e["message"]
               for e in errors)
    written = {r["page_id"] for r in _lines(bad / "pages.jsonl")}
    intact = {r["page_id"] for r in _lines(good / "pages.jsonl")}
    assert intact & ids <= {e["page_id"] for e in errors}          # (and redirects the index cannot tell)
    assert written == intact - ids


def test_a_multistream_file_cut_short_accounts_for_every_page_the_index_lists(tmp_path: Path) -> None:
    """The dump file ends in the middle (a download cut short) while its index is whole: the
    streams before the cut are converted as from the intact file, each page of a stream
    past the cut gets an error record naming where the file ends, and the run says the
    input is incomplete."""
    import bz2

    index = MULTI.with_name(MULTI.name.replace(".xml.bz2", "-index.txt.bz2"))
    rows = [line.split(":", 2) for line in bz2.decompress(index.read_bytes()).decode().splitlines()]
    starts = sorted({int(r[0]) for r in rows})
    cut_stream = starts[len(starts) // 2]
    data = MULTI.read_bytes()
    size = (cut_stream + starts[starts.index(cut_stream) + 1]) // 2          # inside that stream
    (tmp_path / MULTI.name).write_bytes(data[:size])
    (tmp_path / index.name).write_bytes(index.read_bytes())
    good, cut = tmp_path / "good", tmp_path / "cut"
    run(RunOptions([str(MULTI)], output=str(good), format="jsonl", workers=2, ordered=True))
    summary = run(RunOptions([str(tmp_path / MULTI.name)], output=str(cut), format="jsonl", workers=2,
                             ordered=True))
    s = _summary(cut)
    assert s["pages_read"] == 2004 == s["written"] + s["skipped_total"] + s["failed_total"]
    assert not s["complete"] and summary.fatal
    message = s["fatal"][0]["message"]
    assert f"cut off: it ends at byte {size:,}" in message and f"from byte {cut_stream:,} on" in message
    lost = {int(r[1]) for r in rows if int(r[0]) >= cut_stream}
    errors = _lines(cut / "errors.jsonl")
    assert {e["kind"] for e in errors} == {"dump"} and {e["page_id"] for e in errors} <= lost
    assert all(f"the file ends at byte {size:,} (cut off)" in e["message"] for e in errors)
    intact = {r["page_id"] for r in _lines(good / "pages.jsonl")}
    assert {r["page_id"] for r in _lines(cut / "pages.jsonl")} == intact - lost
    assert intact & lost <= {e["page_id"] for e in errors}


def test_an_unreadable_index_reads_the_multistream_dump_in_order(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The index beside a multistream dump is cut off: the dump is still one valid .bz2, so
    it is read in order, with a warning, and gives the records the index would have."""
    index = MULTI.with_name(MULTI.name.replace(".xml.bz2", "-index.txt.bz2"))
    (tmp_path / MULTI.name).write_bytes(MULTI.read_bytes())
    (tmp_path / index.name).write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    good, bad = tmp_path / "good", tmp_path / "bad"
    run(RunOptions([str(MULTI)], output=str(good), format="jsonl", workers=1, ordered=True))
    summary = run(RunOptions([str(tmp_path / MULTI.name)], output=str(bad), format="jsonl", workers=1,
                             ordered=True))
    assert "unreadable multistream index" in capsys.readouterr().err
    assert not summary.fatal and _summary(bad)["pages_read"] == 2004
    assert (bad / "pages.jsonl").read_bytes() == (good / "pages.jsonl").read_bytes()


def test_an_index_cut_at_a_line_end_still_gives_every_page(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """An index cut short exactly at a line's end reads like a whole one. The pages after
    its last entry are read in order (templates among them included), with a warning: the
    records equal those of the whole index, at 1 and 2 workers."""
    dump_beside_index(tmp_path, index_lines()[:1200])
    good = tmp_path / "good"
    run(RunOptions([str(MULTI)], output=str(good), format="jsonl", workers=2, ordered=True))
    for workers in (1, 2):
        out = tmp_path / f"cut{workers}"
        summary = run(RunOptions([str(tmp_path / MULTI.name)], output=str(out), format="jsonl",
                                 workers=workers, ordered=True))
        assert "holds more pages" in capsys.readouterr().err
        assert not summary.fatal and _summary(out)["pages_read"] == 2004
        assert (out / "pages.jsonl").read_bytes() == (good / "pages.jsonl").read_bytes()


def test_pages_the_index_does_not_list_are_counted_as_unlisted(tmp_path: Path) -> None:
    """Lines missing from the middle of the index: their pages are still in the streams the
    workers read; they are counted (skipped, "unlisted"), not lost from the summary."""
    lines = index_lines()
    gone = lines[499:509]
    ids = {int(line.split(b":")[1]) for line in gone}
    dump_beside_index(tmp_path, [line for line in lines if line not in gone])
    good, out = tmp_path / "good", tmp_path / "out"
    run(RunOptions([str(MULTI)], output=str(good), format="jsonl", workers=2, ordered=True))
    run(RunOptions([str(tmp_path / MULTI.name)], output=str(out), format="jsonl", workers=2, ordered=True))
    s = _summary(out)
    assert s["pages_read"] == 2004 and s["skipped"]["unlisted"] == len(gone) == 10
    assert s["written"] + s["skipped_total"] + s["failed_total"] == 2004
    want = [r for r in _lines(good / "pages.jsonl") if r["page_id"] not in ids]
    assert len(want) < _summary(good)["written"]          # some of them were articles
    assert _lines(out / "pages.jsonl") == want


_KILL_IN_STREAMS = """
import os, signal, sys, time
from unwiki.runner import RunOptions, run
out, after, wait_for = sys.argv[2], int(sys.argv[3]), sys.argv[4]
def hook(page):
    if (page.page_id or 0) > after:
        # the parent dies mid-run, once it has committed the skip of page `wait_for`
        manifest = os.path.join(out, "_manifest.jsonl")
        for _ in range(600):
            if os.path.exists(manifest) and f'"{wait_for}"' in open(manifest).read():
                break
            time.sleep(0.05)
        os.kill(os.getppid(), signal.SIGKILL)
        os._exit(1)
run(RunOptions([sys.argv[1]], output=out, format="parquet", workers=1, ordered=True, page_hook=hook,
               part_rows=100_000, commit_seconds=0))
"""


def test_a_resumed_run_counts_unlisted_pages_once(tmp_path: Path) -> None:
    """Parquet rows are durable only when their part closes, but a skip is committed at
    once: a run killed before its first part closed has committed the unlisted pages as
    skipped and none of their streams' rows. The resumed run reads those streams again
    and meets the unlisted pages a second time; they count as done, not as read again."""
    lines = index_lines()
    gone = lines[499:509]
    dump_beside_index(tmp_path, [line for line in lines if line not in gone])
    entries = [line.split(b":", 2) for line in lines]
    last_gone = gone[-1].split(b":")[1].decode()
    # the run is killed in the stream after the one holding the last unlisted page
    after = max(int(e[1]) for e in entries if e[0] == gone[-1].split(b":")[0])
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", _KILL_IN_STREAMS, str(tmp_path / MULTI.name), str(out),
                           str(after), last_gone], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    manifest = [json.loads(line) for line in (out / "_manifest.jsonl").read_text().splitlines()]
    committed = {k for line in manifest for k in line.get("keys", [])}
    assert {line.split(b":")[1].decode() for line in gone} <= committed   # the skips were committed
    summary = run(RunOptions([str(tmp_path / MULTI.name)], output=str(out), format="parquet", workers=1,
                             resume=True))
    assert summary.resumed >= len(gone)
    s = _summary(out)
    assert s["pages_read"] == 2004 and s["skipped"]["unlisted"] == len(gone) == 10
    assert s["written"] + s["skipped_total"] + s["failed_total"] == 2004
    ids = _parquet(out).column("page_id").to_pylist()
    assert len(ids) == len(set(ids)) == s["written"]


@pytest.mark.parametrize("form", ["bz2-cut-in-its-first-block", "gz-cut-in-the-header", "not-an-export"])
def test_an_input_that_breaks_before_its_first_page_is_reported_and_the_run_goes_on(tmp_path: Path,
                                                                                    form: str) -> None:
    """A dump that cannot be read up to its first page (a .bz2 cut inside its first 900 kB
    block decodes to nothing at all) is one fatal entry naming it, not a traceback; the next
    input is converted, and the CLI exits with 3 (input incomplete)."""
    import gzip

    if form.startswith("bz2"):
        bad = tmp_path / "cut.xml.bz2"
        bad.write_bytes(LTG.read_bytes()[:90_000])
        said = "corrupt or cut off"
    elif form.startswith("gz"):
        import bz2

        bad = tmp_path / "cut.xml.gz"
        bad.write_bytes(gzip.compress(bz2.decompress(LTG.read_bytes())[:4000])[:300])
        said = "corrupt or cut off"
    else:
        bad = tmp_path / "notes.xml"
        bad.write_text("<notes><note>not a wiki</note></notes>", encoding="utf-8")
        said = "not a MediaWiki XML export"
    out = tmp_path / "o"
    proc = subprocess.run([sys.executable, "-m", "unwiki.cli", "convert", str(bad), str(LTG), "-o", str(out),
                           "-f", "jsonl", "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and said in proc.stderr
    s = _summary(out)
    assert [f["input"] for f in s["fatal"]] == [str(bad)] and said in s["fatal"][0]["message"]
    assert s["pages_read"] == 2004 and s["written"] == 903      # the ltg dump after it, whole


def test_a_task_whose_worker_dies_outside_any_page_is_tried_twice_then_recorded() -> None:
    """A worker that dies while no page is being converted (here: encoding the records)
    gets its task re-sent once; when it dies again, every page of the task gets an error
    record, instead of the task going round forever."""
    from unwiki.runner.convert import ConvertOptions
    from unwiki.runner.pool import WorkerPool
    from unwiki.runner.tasks import Task
    from unwiki.runner.worker import WorkerState
    from unwiki.site.config import build_site

    def encode_and_die(records):
        os._exit(3)

    state = WorkerState(site=build_site("en"), templates={}, options=ConvertOptions(needs="text"),
                        encode=encode_and_die)
    pool = WorkerPool(1, state)
    try:
        pool.submit(Task(seq=0, kind="texts", items=[("A", "a"), ("B", "b")], source="<test>"))
        results: list = []
        deadline = time.monotonic() + 60
        while not results and time.monotonic() < deadline:
            pool.resubmit_pending()
            results = [r for r in pool.results(0.2) if r[0] == 0]
        assert pool.crashes == 2
        (seq, payload, outcome), = results
        assert payload is None and outcome.pages == 2
        assert [(e["title"], e["kind"]) for e in outcome.errors] == [("A", "crash"), ("B", "crash")]
        assert "died twice" in outcome.errors[0]["message"] and "exit code 3" in outcome.errors[0]["message"]
        assert outcome.failures == [("crash", "t:A"), ("crash", "t:B")]
        pool.close()
    finally:
        pool.terminate()


@pytest.mark.parametrize("path", all_dumps(), ids=dump_id)
def test_every_dump_converts_or_stops_cleanly(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    summary = run(RunOptions([str(path)], output=str(out), format="jsonl", workers=1, all_namespaces=True,
                             templates="none"))
    s = _summary(out)
    pages = count_pages(path)
    assert s["pages_read"] == pages
    assert s["written"] + s["skipped_total"] + s["failed_total"] == pages
    records = _lines(out / "pages.jsonl")
    assert len(records) == s["written"]
    assert all(r["title"] and r["lang"] for r in records)
    if path == RUWIKI:
        assert not s["complete"] and summary.fatal
        message = s["fatal"][0]["message"]
        assert "75,547" in message and "Литва" in message
        assert s["pages_read"] == 2                                # every page before the break
    else:
        assert s["complete"], s["fatal"]


def test_truncated_dump_cli_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "ru"
    proc = subprocess.run([sys.executable, "-m", "unwiki.cli", "convert", str(RUWIKI), "-o", str(out),
                           "-f", "parquet", "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3
    assert "byte 75,547" in proc.stderr and "'Литва'" in proc.stderr
    assert (out / "summary.json").exists() and not list(out.glob("*.tmp"))
    assert _parquet(out).num_rows == _summary(out)["written"]


def _fault(page) -> None:
    if page.title == "Albaneja":
        os._exit(7)                                             # a segfault-like death
    if page.title == "Austreja":
        time.sleep(5)                                           # slow: the in-worker timer ends it
    if page.title == "Armeneja":                                # ignores the timer: the watchdog kills it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if page.title == "Azerbaidžans":                            # memory runs away
        ballast = bytearray(700 << 20)
        time.sleep(3)
        del ballast


def test_faulty_pages_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "f"
    summary = run(RunOptions([str(LTG)], output=str(out), format="jsonl", workers=2, ordered=True,
                             page_hook=_fault, page_timeout=1, kill_after=3, max_worker_mb=450))
    errors = {e["title"]: e for e in _lines(out / "errors.jsonl")}
    assert errors["Albaneja"]["kind"] == "crash" and "exit code 7" in errors["Albaneja"]["message"]
    assert errors["Austreja"]["kind"] == "timeout"
    assert errors["Armeneja"]["kind"] == "timeout"
    assert errors["Azerbaidžans"]["kind"] == "memory"
    assert all(errors[t]["page_id"] for t in errors)
    records = _lines(out / "pages.jsonl")
    ids = [r["page_id"] for r in records]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)     # --ordered survives restarts
    assert summary.failed["crash"] == 1 and summary.failed["timeout"] == 2
    assert summary.read == summary.written + sum(summary.skipped.values()) + sum(summary.failed.values())


_KILLER = """
import os, signal, sys
from unwiki.runner import RunOptions, run
def hook(page):
    if page.title == sys.argv[3]:
        os.kill(os.getppid(), signal.SIGKILL)   # the parent dies mid-run, like a power cut
        os._exit(1)
run(RunOptions([sys.argv[1]], output=sys.argv[2], format=sys.argv[4], workers=2, page_hook=hook,
               part_rows=100, row_group_rows=50, commit_seconds=0))
"""


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_resume_after_a_killed_run_has_no_duplicates_or_gaps(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", _KILLER, str(LTG), str(out), "Krupnīks", fmt],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert (out / "_manifest.jsonl").exists()
    summary = run(RunOptions([str(LTG)], output=str(out), format=fmt, workers=2, resume=True))
    assert summary.resumed > 0                                  # the first run did commit work
    full = tmp_path / "full"
    run(RunOptions([str(LTG)], output=str(full), format=fmt, workers=2))
    if fmt == "parquet":
        got = _parquet(out).column("page_id").to_pylist()
        want = _parquet(full).column("page_id").to_pylist()
    else:
        got = [r["page_id"] for r in _lines(out / "pages.jsonl")]
        want = [r["page_id"] for r in _lines(full / "pages.jsonl")]
    assert len(got) == len(set(got))
    assert sorted(got) == sorted(want)
    s = _summary(out)
    assert s["pages_read"] == 2004
    assert s["written"] == len(want)


def test_filters_limit_titles_ns(tmp_path: Path) -> None:
    titles = tmp_path / "titles.txt"
    titles.write_text("Albaneja\nkategoreja:Pasauļa vaļsteibys\nNo such page\n", encoding="utf-8")
    out = tmp_path / "t"
    run(RunOptions([str(LTG)], output=str(out), format="jsonl", workers=0, titles_file=str(titles),
                   namespaces=frozenset({0, 14})))
    got = sorted(r["title"] for r in _lines(out / "pages.jsonl"))
    assert got == ["Albaneja", "Kategoreja:Pasauļa vaļsteibys"]
    s = _summary(out)
    assert s["skipped"]["filter"] + s["skipped"]["namespace"] + 2 + s["skipped"].get("redirect", 0) == 2004
    out = tmp_path / "l"
    run(RunOptions([str(LTG)], output=str(out), format="jsonl", workers=2, limit=25))
    s = _summary(out)
    assert s["written"] + s["failed_total"] == 25
    assert s["pages_read"] == s["written"] + s["skipped_total"] + s["failed_total"]


@pytest.mark.parametrize("cut", [False, True], ids=["whole", "cut"])
def test_spill_replays_the_dump(cut: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain .bz2 dump decompressed once (the template pass's spill, read back by the
    conversion pass) gives the records, summary and, for a cut-off file, the error of one
    decompressed twice; the spill file is gone afterwards."""
    import importlib

    from unwiki.sources import spill as spill_module
    from unwiki.sources.spill import Spill

    run_module = importlib.import_module("unwiki.runner.run")   # (the package's `run` is the function)

    made: list[int] = []
    files: list[str | None] = []

    class CountedSpill(Spill):
        def write(self, data: bytes, compressed_offset: int) -> None:
            made.append(len(data))
            super().write(data, compressed_offset)

        def finish(self) -> None:
            files.append(self.path)
            super().finish()

    monkeypatch.setattr(run_module, "Spill", CountedSpill)
    dump = LTG
    if cut:
        data = LTG.read_bytes()
        dump = tmp_path / "ltg-cut.xml.bz2"
        dump.write_bytes(data[: len(data) * 2 // 3])
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    runs = {}
    # (spill, bz2 threads of the pre-pass, bytes held in memory before the spill goes to
    # disk): 1 = sequential; 2 = indexed_bzip2, which on a cut-off file gives up and the
    # pass is made again sequentially; 0 bytes = a file from the first read, 1 MB = memory
    # first, then a file; the default holds this whole dump in memory
    default = spill_module.MEMORY_LIMIT
    for spill, threads, limit in ((True, 1, default), (True, 1, 0), (True, 1, 1 << 20),
                                  (True, 2, default), (True, 2, 0), (False, 0, default)):
        monkeypatch.setattr(spill_module, "MEMORY_LIMIT", limit)
        out = tmp_path / f"out-{spill}-{threads}-{limit}"
        made.clear()
        files.clear()
        run(RunOptions([str(dump)], output=str(out), format="jsonl", workers=1, ordered=True,
                       spill=spill, spill_dir=str(spill_dir), bz2_threads=threads))
        s = _summary(out)
        runs[spill, threads, limit] = ((out / "pages.jsonl").read_bytes(), s["pages_read"], s["written"],
                                       s["skipped"], [{k: v for k, v in f.items()} for f in s["fatal"]])
        if spill:
            assert sum(made) > 1 << 20                         # the spill was made and used
            on_disk = [f for f in files if f is not None]
            assert bool(on_disk) == (limit < sum(made)), (limit, files)
        assert not list(spill_dir.iterdir())
    expected = runs[False, 0, default]
    for key, got in runs.items():
        assert got == expected, key
    runs = {k[:2]: v for k, v in runs.items() if k[2] == default}
    assert runs[True, 1][2] > 100
    assert bool(runs[True, 1][4]) == cut
    if cut:
        assert "corrupt or cut off" in runs[True, 1][4][0]["message"]


def test_spill_is_made_only_with_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unwiki.sources import spill

    assert spill.spill_room(str(LTG), str(tmp_path)) == (
        os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
        >= 3 * LTG.stat().st_size + (1 << 30))
    monkeypatch.setattr(spill, "_ROOM_MARGIN", 1 << 60)        # a disk too small for it
    assert not spill.spill_room(str(LTG), str(tmp_path))


def test_a_task_sent_to_a_worker_that_just_died_is_not_lost() -> None:
    """A worker can die between two looks of the parent (a crash on its page, the OOM
    killer): the next task sent to it meets a broken pipe. The task goes to the retry queue,
    the dead worker is replaced, and the task is converted by the new one; no page of it is
    recorded as failed, since none was ever given to the dead worker."""
    from unwiki.runner.convert import ConvertOptions
    from unwiki.runner.pool import WorkerPool
    from unwiki.runner.tasks import Task
    from unwiki.runner.worker import WorkerState
    from unwiki.site.config import build_site

    state = WorkerState(site=build_site("en"), templates={}, options=ConvertOptions(needs="text"),
                        encode=lambda records: records)
    pool = WorkerPool(1, state)
    try:
        dead = pool.workers[0]
        os.kill(dead.proc.pid, signal.SIGKILL)
        dead.proc.join(5)
        task = Task(seq=0, kind="texts", items=[("Greeting", "'''Hello''' [[world]]s")], source="<test>")
        pool.submit(task)                       # meets the broken pipe: must not raise
        assert not pool.has_room()              # the one worker is dead, not yet replaced
        results = []
        deadline = time.monotonic() + 30
        while not results and time.monotonic() < deadline:
            results = [r for r in pool.results(0.2) if r[0] == 0]
        assert pool.crashes == 1 and dead not in pool.workers
        (seq, payload, outcome), = results
        assert outcome.pages == 1 and not outcome.errors and not outcome.failures
        assert "Hello worlds" in payload[0]["text"]
        pool.close()
    finally:
        pool.terminate()


def test_the_time_limit_holds_inside_the_pipeline() -> None:
    """The alarm cuts a page off wherever it lands: expansion and parsing catch Exception
    (a page always gets its record), and catching the alarm there would carry on with the
    page past its limit. A long real page, a one-millisecond limit, in this process."""
    from unwiki.runner.convert import ConvertOptions, Outcome, convert_revisions, install_timer
    from unwiki.sources import XmlDump, parse_page, site_from_siteinfo

    dump = XmlDump(str(LTG))
    site = site_from_siteinfo(dump.siteinfo)
    try:
        pages = [p for c in dump.chunks() for s, e in c.spans for p in parse_page(c.data[s:e], site)
                 if p.ns == 0 and p.redirect is None]
    finally:
        dump.close()
    longest = max(pages, key=lambda p: len(p.text))
    before = signal.getsignal(signal.SIGALRM)
    install_timer()
    try:
        out = Outcome()
        convert_revisions([longest], site, {}, ConvertOptions(page_timeout=0.001), out, key="k")
    finally:
        signal.signal(signal.SIGALRM, before)
    assert out.records == []
    assert [(e["kind"], e["title"]) for e in out.errors] == [("timeout", longest.title)]
    assert out.failures == [("timeout", "k")]
