"""The Spark converter's executor side (no JVM needed): a page that fails gets a row of its
own (title, ids, null text, the failure in `errors`) in its place among the others, so the
output accounts for every page; `failures="drop"` leaves it out."""
from __future__ import annotations

import faulthandler
import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pytest

from unwiki.sources import XmlDump, parse_page, site_from_siteinfo
from unwiki.sources.page import PageData
from unwiki.spark.convert import convert_batches
from unwiki.spark.schema import PAGES_ARROW_SCHEMA

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dumps"
DUMP = SHARED / "ltgwiki-smallwiki-dumpster-dive.xml.bz2"

pytestmark = pytest.mark.skipif(not DUMP.is_file(), reason="../shared/corpus/dumps is absent")


def articles(n: int):
    """The dump's siteinfo and its first `n` articles with text (not redirects)."""
    dump = XmlDump(str(DUMP))
    site = site_from_siteinfo(dump.siteinfo)
    pages: list[PageData] = []
    try:
        for chunk in dump.chunks():
            for s, e in chunk.spans:
                for p in parse_page(chunk.data[s:e], site):
                    if p.ns == 0 and p.redirect is None and len(p.text) > 200:
                        pages.append(p)
                if len(pages) >= n:
                    return dump.siteinfo, pages
    finally:
        dump.close()
    return dump.siteinfo, pages


def batch(pages: list[PageData]) -> pa.RecordBatch:
    rows = [{f: getattr(p, f) for f in PAGES_ARROW_SCHEMA.names} for p in pages]
    return pa.RecordBatch.from_pylist(rows, schema=PAGES_ARROW_SCHEMA)


def rows(info, pages, **kw) -> list[dict]:
    out = []
    for b in convert_batches(iter([batch(pages)]), info, None, {}, **kw):
        out.extend(b.to_pylist())
    return out


def fault_on(page_id: int | None, exc: Exception):
    """A page hook that raises `exc` on one page."""
    def hook(page: PageData) -> None:
        if page.page_id == page_id:
            raise exc
    return hook


def test_a_failing_page_gets_its_own_row_in_place() -> None:
    info, pages = articles(4)
    victim = pages[1]
    out = rows(info, pages, hook=fault_on(victim.page_id, ValueError("injected fault")))
    assert [r["page_id"] for r in out] == [p.page_id for p in pages]
    failed = out[1]
    assert failed["title"] == victim.title and failed["rev_id"] == victim.rev_id
    assert failed["text"] is None and failed["lang"] == "ltg"
    assert failed["errors"] == [{"kind": "exception", "message": "ValueError: injected fault"}]
    for r in out[:1] + out[2:]:
        assert r["text"] and not any(e["kind"] == "exception" for e in r["errors"] or [])


def test_failures_drop_leaves_the_page_out() -> None:
    info, pages = articles(3)
    out = rows(info, pages, failures="drop", hook=fault_on(pages[0].page_id, RuntimeError("injected")))
    assert [r["page_id"] for r in out] == [p.page_id for p in pages[1:]]


def test_a_page_over_the_time_limit_is_cut_off_and_the_rest_converts() -> None:
    info, pages = articles(3)
    out = rows(info, pages, page_timeout=0.3,
               hook=lambda p: time.sleep(5) if p.page_id == pages[2].page_id else None)
    assert [r["page_id"] for r in out] == [p.page_id for p in pages]
    assert out[2]["text"] is None
    assert out[2]["errors"] == [{"kind": "timeout", "message": "page took longer than 0.3 s"}]
    assert out[0]["text"] and out[1]["text"]


# ---- isolated: the pages convert in a child process of the runner's pool -------------------

def crash_on(page_id: int | None):
    """A page hook that kills its process as a crash in native code would."""
    def hook(page: PageData) -> None:
        if page.page_id == page_id:
            faulthandler.disable()          # (pytest's: it would print the child's stack)
            os.kill(os.getpid(), signal.SIGSEGV)
    return hook


def test_isolated_conversion_gives_the_same_rows() -> None:
    info, pages = articles(70)          # more than one task of BATCH_PAGES
    assert rows(info, pages, isolate=True) == rows(info, pages)


def test_a_page_that_crashes_the_process_gets_its_row_and_the_rest_converts() -> None:
    info, pages = articles(5)
    victim = pages[2]
    out = rows(info, pages, isolate=True, hook=crash_on(victim.page_id))
    assert sorted(r["page_id"] for r in out) == sorted(p.page_id for p in pages)
    failed = next(r for r in out if r["page_id"] == victim.page_id)
    assert failed["title"] == victim.title and failed["rev_id"] == victim.rev_id and failed["text"] is None
    assert failed["errors"][0]["kind"] == "crash" and "died" in failed["errors"][0]["message"]
    good = {r["page_id"]: r for r in rows(info, pages)}
    for r in out:
        if r["page_id"] != victim.page_id:
            assert r == good[r["page_id"]]


def test_a_page_over_the_memory_limit_gets_its_row() -> None:
    info, pages = articles(3)

    def hog(page: PageData) -> None:
        if page.page_id == pages[1].page_id:
            held = bytearray(400 << 20)          # written: resident, not only reserved
            held[::4096] = b"x" * len(held[::4096])
            time.sleep(10)

    out = rows(info, pages, isolate=True, max_worker_mb=300, hook=hog)
    assert sorted(r["page_id"] for r in out) == sorted(p.page_id for p in pages)
    failed = next(r for r in out if r["page_id"] == pages[1].page_id)
    assert failed["text"] is None and failed["errors"][0]["kind"] == "memory"


def test_isolated_failures_in_the_converter_keep_their_place() -> None:
    info, pages = articles(4)
    out = rows(info, pages, isolate=True, page_timeout=0.3,
               hook=lambda p: time.sleep(5) if p.page_id == pages[1].page_id else None)
    assert [r["page_id"] for r in out] == [p.page_id for p in pages]
    assert out[1]["errors"] == [{"kind": "timeout", "message": "page took longer than 0.3 s"}]
