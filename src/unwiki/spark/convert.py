"""Pages DataFrame -> converted pages DataFrame, with the Parquet sink's exact columns.

Each executor converts its pages with the runner's own task function
(runner.worker.process_task on "pages" tasks) and packs the records with the sink's
records_to_table, so a Spark run and `unwiki convert … --format parquet` give the same rows.

A page that fails (an exception in the converter, or longer than `page_timeout`) is not
dropped: it gets a row of its own with its title and ids, a null `text` and the failure in
`errors`, where the local runner writes an error record to `errors.jsonl`. So every page of
the input is accounted for in the output, and `text IS NULL` selects the failures.

By default the pages convert in a child process of the runner's pool, as the local runner's
do: a page that kills it (a crash in native code, the memory limit) costs its own row, and
the child is replaced. In Spark's Python worker itself such a page would fail the task, and
Spark's retries would meet the same page until the whole job failed.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from unwiki.runner.convert import ConvertOptions, Outcome, install_timer
from unwiki.runner.pool import WorkerPool
from unwiki.runner.tasks import Task
from unwiki.runner.worker import WorkerState, page_key, process_task
from unwiki.sinks.schema import records_to_table
from unwiki.sources.page import PageData
from unwiki.sources.siteinfo import SiteInfo, site_from_siteinfo
from unwiki.sources.templates import TEMPLATE_NAMESPACES, templates_from_dump
from unwiki.sources.templates import _add as add_template
from unwiki.spark.schema import PAGES_ARROW_SCHEMA, records_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

BATCH_PAGES = 64
TEMPLATE_MODELS = ("", "wikitext", "Scribunto")


def collect_templates(pages: DataFrame) -> dict[str, str]:
    """Template and module sources of a pages DataFrame, gathered on the driver and keyed as
    sources.templates keys a dump's own (local and canonical prefix)."""
    from pyspark.sql import functions as F

    wanted = pages.where(pages.ns.isin(*TEMPLATE_NAMESPACES)
                         & (F.col("model").isNull() | F.col("model").isin(*TEMPLATE_MODELS)))
    table: dict[str, str] = {}
    for r in wanted.select("title", "ns", "text").toLocalIterator():
        add_template(table, r["title"], r["ns"], r["text"] or "")
    return table


FAILURES = ("row", "drop")


def failure_row(error: Mapping[str, Any], page: PageData, lang: str) -> dict[str, Any]:
    """The row of a page that has no record: who it is, no text, what went wrong."""
    return {"title": page.title, "ns": page.ns, "page_id": page.page_id, "rev_id": page.rev_id,
            "timestamp": page.timestamp, "lang": lang, "redirect": page.redirect, "text": None,
            "errors": [{"kind": error["kind"], "message": error["message"]}]}


def _timer_ready(page_timeout: float) -> bool:
    """SIGALRM can only be handled on a process's main thread, where PySpark's Python worker
    runs the function; anywhere else the limit cannot be enforced and is not set."""
    if page_timeout <= 0 or threading.current_thread() is not threading.main_thread():
        return False
    install_timer()
    return True


def _tasks(batches: Iterator[pa.RecordBatch]) -> Iterator[Task]:
    """The rows as the runner's "pages" tasks of BATCH_PAGES pages each."""
    fields = PAGES_ARROW_SCHEMA.names
    seq = 0
    for batch in batches:
        for start in range(0, batch.num_rows, BATCH_PAGES):
            items = []
            for row in batch.slice(start, BATCH_PAGES).to_pylist():
                page = PageData(**{k: row.get(k) for k in fields})
                page.text = page.text or ""
                items.append((page.title, page))
            yield Task(seq=seq, kind="pages", items=items)
            seq += 1


def _isolated(tasks: Iterator[Task], state: WorkerState, page_timeout: float,
              max_worker_mb: int) -> Iterator[tuple[pa.Table | None, Outcome]]:
    """The tasks converted by one child process of the runner's pool, in order. A page that
    kills the child (a crash in native code, the memory limit, a hang that ignores the timer)
    comes back as an outcome with its error and no payload; the child is replaced and the
    rest of the task converts."""
    pool = WorkerPool(1, state, page_timeout=page_timeout, max_rss_mb=max_worker_mb)
    exhausted = False
    try:
        while True:
            while not exhausted and pool.has_room() and not pool.retry:
                try:
                    pool.submit(next(tasks))
                except StopIteration:
                    exhausted = True
            if exhausted and pool.in_flight == 0 and not pool.retry:
                break
            for _seq, payload, outcome in pool.results(0.2):
                yield payload, outcome
        pool.close()
    except BaseException:
        pool.terminate()
        raise


def _lost_page(error: Mapping[str, Any], recent: Iterable[Mapping[str, PageData]]) -> PageData:
    """The page a dead child was converting, from the tasks sent last (the pool names it by
    id and title)."""
    key = page_key(error.get("page_id"), error.get("title") or "")
    for pages in recent:
        if key in pages:
            return pages[key]
    return PageData(title=error.get("title") or "", page_id=error.get("page_id"))


def convert_batches(batches: Iterator[pa.RecordBatch], info: SiteInfo | None, lang: str | None,
                    templates: Mapping[str, str], redirects: str = "skip", *,
                    page_timeout: float = 0.0, failures: str = "row", isolate: bool = False,
                    max_worker_mb: int = 4096,
                    hook: Callable[[PageData], None] | None = None) -> Iterator[pa.RecordBatch]:
    """Executor side: Arrow batches of pages in, Arrow batches of records out (a failed
    page's row in its place among them, unless `failures="drop"`). `hook` runs before
    each page (fault-injection tests).

    `isolate`: convert in a child process (the runner's pool, one worker), so that a page
    that crashes the interpreter, passes `max_worker_mb` of memory or hangs where the timer
    cannot reach costs its own row, not the Spark task (which Spark would retry on the same
    page until the job fails). Such a page's row comes just before the rest of its batch."""
    site = site_from_siteinfo(info, lang)
    row = failure_row if failures == "row" else None
    if not isolate:
        page_timeout = page_timeout if _timer_ready(page_timeout) else 0.0
    opts = ConvertOptions(needs="dict", redirects=redirects, lang=lang, page_timeout=page_timeout, hook=hook)
    state = WorkerState(site=site, templates=templates, options=opts, encode=records_to_table,
                        failure_row=row)
    if not isolate:
        for task in _tasks(batches):
            payload, _outcome = process_task(task, state)
            if payload is not None:
                yield from payload.to_batches()
        return
    recent: deque[dict[str, PageData]] = deque(maxlen=4)   # > the tasks a worker holds

    def remembered(tasks: Iterator[Task]) -> Iterator[Task]:
        for task in tasks:
            recent.append({page_key(p.page_id, p.title): p for _t, p in task.items})
            yield task

    for payload, outcome in _isolated(remembered(_tasks(batches)), state, page_timeout, max_worker_mb):
        if payload is None and row is not None and outcome.errors:
            lost = outcome.errors[0]
            payload = records_to_table([row(lost, _lost_page(lost, recent), site.lang)])
        if payload is not None:
            yield from payload.to_batches()


def convert(pages: DataFrame, *, siteinfo: SiteInfo | None = None, lang: str | None = None,
            templates: Mapping[str, str] | None = None, namespaces: tuple[int, ...] | None = (0,),
            redirects: str = "skip", page_timeout: float = 0.0, failures: str = "row",
            isolate: bool = True, max_worker_mb: int = 4096) -> DataFrame:
    """Converted pages (one row per page with a record) from a DataFrame of raw pages
    (read_dump's columns; title and text at least). Columns and types are those of the
    Parquet sink. As `unwiki convert` does by default: articles only (`namespaces=None` for
    all), redirects skipped (`redirects="keep"` keeps them), templates from the pages' own
    Template:/Module: pages (or `templates=`). `siteinfo` (dump_siteinfo of the dump) gives
    the wiki's language and namespace names. A page that fails, or runs longer than
    `page_timeout` seconds (0: no limit), gets a row with a null `text` and the failure in
    `errors` (`failures="drop"` leaves it out). Each task converts in a child process
    (`isolate`), so a page that crashes it or passes `max_worker_mb` MB (0: no limit) also
    gets its row instead of failing the task; `isolate=False` converts in Spark's Python
    worker itself.
    """
    if failures not in FAILURES:
        raise ValueError(f"failures must be one of {FAILURES}, not {failures!r}")
    if templates is None:
        templates = collect_templates(pages)
    templates = dict(templates)
    if namespaces is not None and "ns" in pages.columns:
        pages = pages.where(pages.ns.isin(*namespaces))
    missing = [f for f in PAGES_ARROW_SCHEMA.names if f not in pages.columns]
    for name in missing:
        from pyspark.sql import functions as F

        pages = pages.withColumn(name, F.lit(None).cast(
            "int" if name == "ns" else "long" if name.endswith("_id") else "string"))
    pages = pages.select(*PAGES_ARROW_SCHEMA.names)
    sc = pages.sparkSession.sparkContext
    shared = sc.broadcast((siteinfo, lang, templates, redirects))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        info, lg, tpl, red = shared.value
        yield from convert_batches(batches, info, lg, tpl, red, page_timeout=page_timeout, failures=failures,
                                   isolate=isolate, max_worker_mb=max_worker_mb)

    return pages.mapInArrow(run, records_schema())


def convert_dump(spark: SparkSession, path: str, index: str | None = None, *,
                 partitions: int | None = None, lang: str | None = None,
                 namespaces: tuple[int, ...] | None = (0,), redirects: str = "skip",
                 templates: Mapping[str, str] | None = None, page_timeout: float = 0.0,
                 failures: str = "row", isolate: bool = True, max_worker_mb: int = 4096) -> DataFrame:
    """read_dump + convert in one call: a dump file to converted pages, templates read from
    the dump as `unwiki convert` reads them (sources.templates.templates_from_dump)."""
    import os

    from unwiki.sources.multistream import index_beside
    from unwiki.spark.reader import dump_siteinfo, read_dump

    path = os.path.abspath(path)
    index = index or index_beside(path)
    info = dump_siteinfo(path, index)
    if templates is None:
        templates = templates_from_dump(path, site_from_siteinfo(info, lang), index)
    pages = read_dump(spark, path, index, partitions=partitions, lang=lang)
    return convert(pages, siteinfo=info, lang=lang, templates=templates, namespaces=namespaces,
                   redirects=redirects, page_timeout=page_timeout, failures=failures, isolate=isolate,
                   max_worker_mb=max_worker_mb)
