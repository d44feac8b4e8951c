"""The worker side: turn a Task into an Outcome, encoded for the sink.

State (site, templates, options, encoder) is set once per pool before the workers fork,
so large template tables are shared copy-on-write and never pickled per task.
"""
from __future__ import annotations

import ctypes
import gc
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from unwiki.gcpause import gc_paused
from unwiki.runner.convert import ConvertOptions, Outcome, convert_revisions, error_record, install_timer
from unwiki.runner.tasks import PageFilter, Task
from unwiki.site.config import SiteConfig
from unwiki.sources.files import read_page_file
from unwiki.sources.multistream import read_stream
from unwiki.sources.page import PageData, parse_page
from unwiki.sources.xmldump import DumpError, page_head, page_spans

TITLE_BYTES = 400


@dataclass
class WorkerState:
    site: SiteConfig
    templates: Mapping[str, str]
    options: ConvertOptions
    encode: Callable[[list[dict[str, Any]]], Any]
    init: Callable[[], None] | None = None      # run once in each worker, before encoding
    all_revisions: bool = False
    page_filter: PageFilter = field(default_factory=lambda: PageFilter(namespaces=None))
    # "pages" tasks (Spark): the row a page that got no record leaves in its place, from its
    # first error record, the page and the wiki's language (None: no row)
    failure_row: Callable[[dict[str, Any], PageData, str], dict[str, Any]] | None = None


class Status(ctypes.Structure):
    """What a worker is doing, in shared memory, so the parent can name a page that killed it."""

    _fields_ = [("seq", ctypes.c_int64), ("unit", ctypes.c_int64), ("started", ctypes.c_double),
                ("page_id", ctypes.c_int64), ("title", ctypes.c_char * TITLE_BYTES)]


def _mark(status: Status | None, seq: int, unit: int, title: str = "", page_id: int | None = None) -> None:
    if status is None:
        return
    status.seq = seq
    status.unit = unit
    status.page_id = -1 if page_id is None else page_id
    status.title = title.encode("utf-8")[: TITLE_BYTES - 1]
    status.started = time.monotonic() if unit >= 0 else 0.0


def page_key(page_id: int | None, title: str) -> str:
    return str(page_id) if page_id is not None else f"t:{title}"


def _xml_units(task: Task, state: WorkerState):
    """(unit, fragment bytes, offset) for a sequential-dump chunk."""
    data = task.data
    for i, (s, e) in enumerate(task.spans):
        yield i, data[s:e], task.offsets[i] if task.offsets else None


def _stream_units(task: Task, out: Outcome):
    """(unit, page bytes, None) for each page of a multistream stream the task names (unit:
    its place in task.entries). A stream that cannot be decompressed, and a page the index
    puts in the stream but the stream lacks, leave an error record for each such page; a
    page the stream holds but the index does not list is skipped ("unlisted")."""
    try:
        buf = task.data or read_stream(task.path, task.start, task.end)   # read by the parent?
    except DumpError as exc:
        where = f" at byte {exc.compressed_offset:,}" if exc.compressed_offset is not None else ""
        fail_units(task, out, "dump", f"{exc}{where} of the file: the stream holding this page "
                   "cannot be read", range(len(task.entries)))
        return
    out.text_bytes += len(buf)
    wanted = {page_id: unit for unit, (page_id, _title) in enumerate(task.entries)}
    for s, e in page_spans(buf):
        head = page_head(buf, s, e)
        unit = wanted.pop(head.page_id, None)
        if unit is not None:
            yield unit, buf[s:e], None
        elif head.page_id not in task.passed:   # the index does not list it: counted, not converted
            out.skips.append(("unlisted", page_key(head.page_id, head.title)))
    if wanted:
        fail_units(task, out, "dump", f"the index puts this page in the stream at byte {task.start:,} "
                   "of the file, but the stream does not hold it", sorted(wanted.values()))


def task_pages(task: Task) -> list[tuple[int, str | None, int | None, str]]:
    """(unit, title, page id, key) of each page a task converts."""
    if task.kind == "xml":
        heads = [page_head(task.data, s, e) for s, e in task.spans]
        return [(i, h.title, h.page_id, page_key(h.page_id, h.title)) for i, h in enumerate(heads)]
    if task.kind == "stream":
        return [(i, title, pid, page_key(pid, title)) for i, (pid, title) in enumerate(task.entries)]
    if task.kind == "files":
        return [(i, title, None, f"f:{path}") for i, (title, path) in enumerate(task.items)]
    if task.kind == "pages":
        return [(i, p.title, p.page_id, page_key(p.page_id, p.title)) for i, (_t, p) in enumerate(task.items)]
    return [(i, title, None, f"t:{title}") for i, (title, _text) in enumerate(task.items)]


def fail_units(task: Task, out: Outcome, kind: str, message: str, units: Iterable[int] | None = None) -> None:
    """An error record (and a failure) for each page of `units` (default: all) of the task
    that is not excluded already: the pages a task could not convert at all."""
    pages = task_pages(task)
    for unit in range(len(pages)) if units is None else units:
        if unit in task.exclude:
            continue
        _unit, title, page_id, key = pages[unit]
        out.pages += 1
        out.errors.append(error_record(None, kind, message, title=title, page_id=page_id, source=task.source,
                                       offset=task.offsets[unit] if unit < len(task.offsets) else None))
        out.failures.append((kind, key))


def process_task(task: Task, state: WorkerState, status: Status | None = None) -> tuple[Any, Outcome]:
    """Convert every page of the task; returns (sink payload, outcome without records)."""
    out = Outcome()
    site, opts = state.site, state.options
    if task.kind in ("xml", "stream"):
        units = _xml_units(task, state) if task.kind == "xml" else _stream_units(task, out)
        for unit, fragment, offset in units:
            if unit in task.exclude:
                continue
            _mark(status, task.seq, unit)
            try:
                pages = parse_page(fragment, site, all_revisions=state.all_revisions)
            except Exception as exc:  # noqa: BLE001 - malformed page XML: record it, go on
                head = page_head(fragment, 0, len(fragment))
                out.pages += 1
                out.errors.append(error_record(None, "xml", f"malformed page XML: {exc}", title=head.title,
                                               page_id=head.page_id, source=task.source, offset=offset))
                out.failures.append(("xml", page_key(head.page_id, head.title)))
                continue
            first = pages[0]
            _mark(status, task.seq, unit, first.title, first.page_id)
            convert_revisions(pages, site, state.templates, opts, out,
                              key=page_key(first.page_id, first.title), source=task.source, offset=offset)
    elif task.kind == "pages":
        _page_units(task, state, status, out)
    else:
        for unit, (title, item) in enumerate(task.items):
            if unit in task.exclude:
                continue
            _mark(status, task.seq, unit, title)
            if task.kind == "files":
                try:
                    text = read_page_file(item)
                except OSError as exc:
                    out.pages += 1
                    out.errors.append(error_record(None, "io", str(exc), title=title, source=item))
                    out.failures.append(("io", f"f:{item}"))
                    continue
                source = item
            else:
                text, source = item, task.source
            page = PageData(title=title, ns=_ns_of(title, site), text=text)
            convert_revisions([page], site, state.templates, opts, out,
                              key=f"f:{source}" if task.kind == "files" else f"t:{title}", source=source)
    _mark(status, task.seq, -1)
    payload = _encode(state, out.records) if out.records else None
    out.records = []
    return payload, out


def _page_units(task: Task, state: WorkerState, status: Status | None, out: Outcome) -> None:
    """Pages already read (Spark rows): each converted, or its failure row in its place."""
    site = state.site
    for unit, (_title, page) in enumerate(task.items):
        if unit in task.exclude:
            continue
        _mark(status, task.seq, unit, page.title, page.page_id)
        records, errors = len(out.records), len(out.errors)
        convert_revisions([page], site, state.templates, state.options, out,
                          key=page_key(page.page_id, page.title), source=task.source)
        if state.failure_row is not None and len(out.records) == records and len(out.errors) > errors:
            out.records.append(state.failure_row(out.errors[errors], page, site.lang))


@gc_paused
def _encode(state: WorkerState, records: list[dict[str, Any]]) -> Any:
    """The task's records for the sink (with the collector paused: see unwiki.gcpause)."""
    return state.encode(records)


def _ns_of(title: str, site: SiteConfig) -> int:
    from unwiki.sources.page import ns_of_title

    return ns_of_title(title, site)


# ---- the worker process -------------------------------------------------------------------

_STATE: WorkerState | None = None


def set_state(state: WorkerState) -> None:
    """Set in the parent just before forking the workers (they inherit it)."""
    global _STATE
    _STATE = state


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the parent dies (belt and braces)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def worker_main(task_conn, result_conn, status: Status, state: WorkerState | None = None,
                close_fds: tuple[int, ...] = ()) -> None:
    """Receive tasks (a reader thread drains the pipe so the parent never blocks on send),
    convert, send (seq, payload, outcome) back. A None task means: finish. A worker whose
    parent died exits (it would otherwise hold the pipes of a killed run open)."""
    state = state or _STATE
    assert state is not None, "set_state() runs before the workers fork"
    for fd in close_fds:            # the parent's ends of the other workers' pipes
        try:
            os.close(fd)
        except OSError:
            pass
    parent = os.getppid()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the parent decides when to stop
    install_timer()
    if state.init is not None:
        state.init()
    # What the worker inherited (modules, the site, the template sources) lives as long as
    # it does: out of the collector's sight, full collections no longer walk it between pages
    gc.freeze()
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def reader() -> None:
        while True:
            try:
                while not task_conn.poll(1.0):
                    if os.getppid() != parent:
                        os._exit(1)
                task = task_conn.recv()
            except (EOFError, OSError):
                inbox.put(None)
                return
            inbox.put(task)
            if task is None:
                return

    threading.Thread(target=reader, daemon=True).start()
    while True:
        task = inbox.get()
        if task is None:
            break
        payload, out = process_task(task, state, status)
        result_conn.send((task.seq, payload, out))
    result_conn.close()
    os._exit(0)
