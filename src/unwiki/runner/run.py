"""A conversion run: inputs -> tasks -> worker pool -> sink, with the accounting, resume
manifest, progress bar and summary around it. The CLI is a thin layer over `run()`."""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from unwiki.runner.convert import ConvertOptions, Outcome, install_timer
from unwiki.runner.manifest import Manifest
from unwiki.runner.pool import WorkerPool
from unwiki.runner.progress import Progress
from unwiki.runner.summary import Summary
from unwiki.runner.tasks import PageFilter, Task
from unwiki.runner.worker import WorkerState, page_key, process_task
from unwiki.sinks import FolderSink, JsonlSink, LogFile, Sink, StreamSink
from unwiki.site.config import SiteConfig, build_site
from unwiki.sources.compression import compression_of
from unwiki.sources.files import is_dump, page_files, title_from_filename
from unwiki.sources.multistream import BadIndex, MultistreamDump, index_beside, streams_ahead
from unwiki.sources.page import ns_of_title
from unwiki.sources.siteinfo import site_from_siteinfo
from unwiki.sources.spill import Spill, spill_room
from unwiki.sources.templates import (
    templates_from_dump,
    templates_from_folder,
    templates_from_streams,
    templates_from_xml,
)
from unwiki.sources.xmldump import DumpError, XmlDump

FORMATS = ("text", "markdown", "json", "jsonl", "parquet")


class UsageError(Exception):
    """A problem with the command line or the inputs, reported without a traceback."""


class _ParallelBreak(Exception):
    """The parallel bz2 decoder could not read the dump to its end: read it sequentially."""


@dataclass
class RunOptions:
    inputs: list[str]
    output: str | None = None
    format: str | None = None
    title: str | None = None
    lang: str | None = None
    workers: int | None = None            # None: os.cpu_count(); 0: convert in this process
    namespaces: frozenset[int] | None = None   # None: dumps take ns 0, page files take all
    all_namespaces: bool = False
    titles_file: str | None = None
    limit: int | None = None
    redirects: str = "skip"
    redirect_map: str | None = None
    ordered: bool = False
    resume: bool = False
    page_timeout: float = 30.0
    max_worker_mb: int = 4096
    progress: bool | None = None
    index: str | None = None
    templates: str = "dump"               # "dump" | "none" | a folder of Template:/Module: files
    all_revisions: bool = False
    compression: str | None = None
    chunk_bytes: int = 1 << 20
    chunk_pages: int = 64
    part_rows: int = 100_000
    row_group_rows: int = 4096
    bz2_threads: int = 0
    spill: bool = True                    # plain .bz2 dumps: decompress once (sources/spill.py)
    spill_dir: str | None = None          # where the spill goes (None: the system temp folder)
    commit_seconds: float = 10.0
    page_hook: Any = None                 # called in the worker before each page (tests)
    kill_after: float | None = None       # watchdog: kill a worker stuck this long on a page


@dataclass
class _Group:
    """Inputs that share a wiki (one dump, or all page files): one pool per group."""

    kind: str                             # "dump" | "multistream" | "files"
    paths: list[str] = field(default_factory=list)
    index: str | None = None


@dataclass
class Outputs:
    sink: Sink
    errors: LogFile | None
    redirects: LogFile | None
    summary: str | None
    manifest: Manifest | None
    single: bool = False


# ---- planning -------------------------------------------------------------------------------

def _groups(opts: RunOptions) -> list[_Group]:
    groups: list[_Group] = []
    files = _Group("files")
    for path in opts.inputs:
        if path == "-":
            files.paths.append("-")
        elif os.path.isdir(path):
            found = list(page_files(path))
            if not found:
                raise UsageError(f"{path}: no .wiki/.wikitext/.txt files in this folder")
            files.paths.extend(found)
        elif not os.path.exists(path):
            raise UsageError(f"{path}: no such file or folder")
        elif is_dump(path):
            index = opts.index if opts.index and len(opts.inputs) == 1 else index_beside(path)
            groups.append(_Group("multistream" if index else "dump", [path], index))
        else:
            files.paths.append(path)
    if files.paths:
        groups.insert(0, files)
    if not groups:
        raise UsageError("nothing to convert")
    return groups


def _single_page(opts: RunOptions, groups: list[_Group]) -> bool:
    """One page file (or stdin) named on the command line: written as one stream, not a folder.
    A folder holding a single page is still a folder run."""
    return (len(opts.inputs) == 1 and not os.path.isdir(opts.inputs[0])
            and len(groups) == 1 and groups[0].kind == "files" and len(groups[0].paths) == 1)


def _default_format(opts: RunOptions, single: bool) -> str:
    out = (opts.output or "").lower()
    for suffix, fmt in ((".jsonl", "jsonl"), (".jsonl.gz", "jsonl"), (".jsonl.zst", "jsonl"),
                        (".json", "json"), (".md", "markdown"), (".txt", "text"), (".parquet", "parquet")):
        if out.endswith(suffix):
            return fmt
    return "text" if single else "jsonl"


def plan_outputs(opts: RunOptions, single: bool) -> Outputs:
    fmt = opts.format
    out = opts.output
    if single and fmt != "parquet" and (out is None or not os.path.isdir(out)) and fmt != "jsonl":
        return Outputs(StreamSink(fmt, out), None, None, None, None, single=True)
    if out is None or out == "-":
        if fmt != "jsonl":
            raise UsageError(f"-f {fmt} of more than one page needs an output folder: add -o OUT "
                             "(or use -f jsonl to stream JSON lines to stdout)")
        sink = JsonlSink("-", stream=sys.stdout.buffer)
        return Outputs(sink, LogFile("/dev/stderr"), None, None, None)
    lower = out.lower()
    if fmt == "jsonl" and lower.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst", ".gz", ".zst")):
        folder = os.path.dirname(os.path.abspath(out))
        stem = os.path.basename(out).split(".jsonl", 1)[0]
        side = os.path.join(folder, stem)
        sink: Sink = JsonlSink(out, compression=opts.compression)
        errors, summary, manifest = side + ".errors.jsonl", side + ".summary.json", side + ".manifest.jsonl"
        redirects = opts.redirect_map or side + ".redirects.tsv"
    else:
        if os.path.isfile(out):
            raise UsageError(f"{out}: exists and is a file; -f {fmt} writes a folder")
        folder = out
        if fmt == "jsonl":
            ext = {"gz": ".gz", "zst": ".zst"}.get(opts.compression or "", "")
            sink = JsonlSink(os.path.join(folder, "pages.jsonl" + ext), compression=opts.compression)
        elif fmt == "parquet":
            from unwiki.sinks.parquet import ParquetSink

            sink = ParquetSink(folder, part_rows=opts.part_rows, row_group_rows=opts.row_group_rows)
        else:
            sink = FolderSink(folder, fmt)
        errors = os.path.join(folder, "errors.jsonl")
        summary = os.path.join(folder, "summary.json")
        manifest = os.path.join(folder, "_manifest.jsonl")
        redirects = opts.redirect_map or os.path.join(folder, "redirects.tsv")
    redirect_log = LogFile(redirects, tsv=not redirects.endswith(".jsonl")) if opts.redirects == "map" else None
    return Outputs(sink, LogFile(errors), redirect_log, summary, Manifest(manifest))


# ---- the run --------------------------------------------------------------------------------

class _Run:
    def __init__(self, opts: RunOptions, outputs: Outputs, summary: Summary, done: set[str] | None) -> None:
        self.opts = opts
        self.out = outputs
        self.summary = summary
        self.done = done
        self.seq = 0
        self.input_base = 0                 # compressed bytes of inputs finished before this one
        self.input_pos = 0
        self.pending: dict[int, tuple[Any, Outcome, Task | None]] = {}
        self.next_write = 0
        self.side_keys: list[str] = []      # skipped/failed keys since the last commit
        self.delta: dict[str, Any] = self._zero()
        self.last_commit = time.monotonic()
        self.limit_taken = 0
        total = sum(os.path.getsize(p) for p in opts.inputs if p != "-" and os.path.isfile(p))
        show = opts.progress if opts.progress is not None else sys.stderr.isatty() and not outputs.single
        self.progress = Progress(total, bool(show))

    @staticmethod
    def _zero() -> dict[str, Any]:
        return {"read": 0, "written": 0, "records": 0, "skipped": Counter(), "failed": Counter(),
                "redirects_mapped": 0}

    # -- accounting ------------------------------------------------------------------------
    def skip(self, reason: str, key: str) -> None:
        self.summary.skipped[reason] += 1
        self.delta["skipped"][reason] += 1
        self.side_keys.append(key)

    def read(self, n: int = 1) -> None:
        self.summary.read += n

    def admit(self, flt: PageFilter, title: str, ns: int, key: str, site: SiteConfig,
              redirect: tuple[str, int | None] | None = None) -> bool:
        """Account for one page met in the input: done by an earlier run (--resume), skipped
        with its reason (a redirect, when mapped, goes to the redirect map), or taken."""
        reason = flt.check(title, ns, key, site, redirect=redirect is not None)
        if reason == "done":
            self.summary.resumed += 1
            return False
        self.read()
        if reason is None and redirect is not None and self.opts.redirects == "map":
            self.map_redirect(title, *redirect)
            reason = "redirect"
        if reason:
            self.skip(reason, key)
            return False
        flt.taken += 1
        return True

    def map_redirect(self, title: str, target: str, page_id: int | None) -> None:
        if self.out.redirects is not None:
            self.out.redirects.add({"title": title, "target": target, "page_id": page_id})
            self.summary.redirects_mapped += 1
            self.delta["redirects_mapped"] += 1

    def handle(self, seq: int, payload: Any, outcome: Outcome) -> None:
        """A finished task; in --ordered mode held back until its predecessors are written."""
        self.summary.text_bytes += outcome.text_bytes   # a stream's XML, known once decompressed
        if seq < 0 or not self.opts.ordered:
            self._write(payload, outcome)
            return
        self.pending[seq] = (payload, outcome, None)
        while self.next_write in self.pending:
            p, o, _ = self.pending.pop(self.next_write)
            self._write(p, o)
            self.next_write += 1

    def _write(self, payload: Any, outcome: Outcome) -> None:
        if payload is not None:
            self.out.sink.write(payload, outcome.keys)
        n = len(outcome.keys)
        self.summary.written += n
        self.summary.records += n
        for reason, key in outcome.skips:
            if reason == "unlisted":    # a page only a worker met (not in the multistream index)
                if self.done is not None and key in self.done:
                    # counted by the run this one resumes: its stream is read again for
                    # the pages of it that run had not written yet
                    self.summary.resumed += 1
                    continue
                self.read()
            self.skip(reason, key)
        for kind, key in outcome.failures:
            self.summary.failed[kind] += 1
            self.delta["failed"][kind] += 1
            self.side_keys.append(key)
        for err in outcome.errors:
            if self.out.errors is not None:
                self.out.errors.add(err)
        if self.out.single:
            for err in outcome.errors:
                print(f"unwiki: {_describe_error(err)}", file=sys.stderr)
        for r in outcome.redirects:
            self.map_redirect(r["title"], r["target"], r.get("page_id"))
        self.progress.update(self.input_pos, self.summary.read, sum(self.summary.failed.values()))
        self.maybe_commit()

    def maybe_commit(self, force: bool = False) -> None:
        durable = self.out.sink.take_durable()
        if durable:
            self.delta["written"] += len(durable)
            self._durable_keys = getattr(self, "_durable_keys", []) + durable
        keys = getattr(self, "_durable_keys", [])
        if self.out.manifest is None:
            self._durable_keys = []
            self.side_keys = []
            return
        due = force or bool(durable) or time.monotonic() - self.last_commit >= self.opts.commit_seconds
        if not due or not (keys or self.side_keys):
            return
        line = {
            "keys": keys + self.side_keys,
            "sink": self.out.sink.state(),
            "errors": self.out.errors.flush() if self.out.errors else 0,
            "redirects": self.out.redirects.flush() if self.out.redirects else 0,
            "counts": {**self.delta, "read": len(keys) + len(self.side_keys),
                       "records": self.delta["written"],
                       "skipped": dict(self.delta["skipped"]), "failed": dict(self.delta["failed"])},
            "time": round(time.time(), 3),
        }
        self.out.manifest.commit(line)
        self._durable_keys = []
        self.side_keys = []
        self.delta = self._zero()
        self.last_commit = time.monotonic()

    # -- task sources ----------------------------------------------------------------------
    def _filter(self, site: SiteConfig | None, files: bool) -> PageFilter:
        o = self.opts
        if o.all_namespaces:
            namespaces = None
        elif o.namespaces is not None:
            namespaces = o.namespaces
        else:
            namespaces = None if files else frozenset({0})
        f = PageFilter(namespaces=namespaces, limit=o.limit, done=self.done, redirects=o.redirects)
        if o.titles_file:
            f.with_site_titles(PageFilter.load_titles(o.titles_file), site)
        f.taken = self.limit_taken
        return f

    def dump_tasks(self, dump: XmlDump, site: SiteConfig, flt: PageFilter) -> Iterator[Task]:
        for chunk in dump.chunks():
            spans, offsets = [], []
            for (s, e), head in zip(chunk.spans, chunk.heads):
                if flt.exhausted:
                    break
                ns = head.ns if head.ns is not None else ns_of_title(head.title, site)
                key = page_key(head.page_id, head.title)
                redirect = (head.redirect, head.page_id) if head.redirect is not None else None
                if not self.admit(flt, head.title, ns, key, site, redirect):
                    continue
                spans.append((s, e))
                offsets.append(chunk.offset + s)
            self.input_pos = self.input_base + chunk.compressed_offset
            if spans:
                data = chunk.data
                kept = sum(e - s for s, e in spans)
                if kept < len(data) // 2:   # mostly filtered out: send only the kept pages
                    parts, new_spans, pos = [], [], 0
                    for s, e in spans:
                        parts.append(data[s:e])
                        new_spans.append((pos, pos + e - s))
                        pos += e - s
                    data, spans = b"".join(parts), new_spans
                yield self._task(kind="xml", data=data, spans=spans, offsets=offsets, source=dump.path,
                                 text_bytes=len(data))
            if flt.exhausted:
                return

    def stream_tasks(self, dump: MultistreamDump, site: SiteConfig, flt: PageFilter) -> Iterator[Task]:
        """A task per stream that holds pages to convert. Cores the workers leave free
        decompress the streams ahead in the parent (the task then carries the XML); with a
        worker on every core, each worker decompresses its own streams."""
        tasks = self._stream_tasks(dump, site, flt)
        spare = (os.cpu_count() or 1) - self.workers
        if self.workers == 0 or spare <= 0:
            yield from tasks
            return
        for task, xml in streams_ahead(dump.path, tasks, lambda t: (t.start, t.end), spare):
            try:
                task.data = xml.result()
            except DumpError:
                pass                    # the worker reads the stream again and reports the fault
            yield task

    def _stream_tasks(self, dump: MultistreamDump, site: SiteConfig, flt: PageFilter) -> Iterator[Task]:
        for stream in dump.streams:
            keep, passed = [], []
            for entry in stream.entries:
                if flt.exhausted or not self.admit(flt, entry.title, ns_of_title(entry.title, site),
                                                   page_key(entry.page_id, entry.title), site):
                    passed.append(entry.page_id)
                    continue
                keep.append((entry.page_id, entry.title))
            self.input_pos = self.input_base + stream.end
            if keep:
                yield self._task(kind="stream", path=dump.path, start=stream.start, end=stream.end,
                                 entries=tuple(keep), passed=frozenset(passed), source=dump.path)
            if flt.exhausted:
                return
        tail = dump.tail_input()
        if tail is not None:
            last = dump.streams[-1].entries[-1]
            print(f"unwiki: warning: {dump.index} ends at page {last.title!r} (id {last.page_id}), but "
                  f"{dump.path} holds more pages from byte {dump.tail:,} on; those are read in order",
                  file=sys.stderr)
            rest = XmlDump(dump.path, chunk_bytes=self.opts.chunk_bytes, chunk_pages=self.opts.chunk_pages,
                           source=tail)
            try:
                yield from self.dump_tasks(rest, site, flt)
            finally:
                rest.close()

    def file_tasks(self, paths: list[str], site: SiteConfig, flt: PageFilter) -> Iterator[Task]:
        batch: list[tuple[str, Any]] = []
        size = 0
        for path in paths:
            if flt.exhausted:
                break
            if path == "-":
                title = self.opts.title
                text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
                self.read()
                flt.taken += 1
                yield self._task(kind="texts", items=[(title, text)], source="<stdin>", text_bytes=len(text))
                continue
            title = self.opts.title if self.opts.title and len(paths) == 1 else title_from_filename(path)
            key = f"f:{path}"
            if not self.admit(flt, title, ns_of_title(title, site), key, site):
                continue
            batch.append((title, path))
            fsize = os.path.getsize(path)
            size += fsize
            self.input_pos += fsize
            if len(batch) >= 16 or size >= self.opts.chunk_bytes:
                yield self._task(kind="files", items=batch, source="", text_bytes=size)
                batch, size = [], 0
        if batch:
            yield self._task(kind="files", items=batch, source="", text_bytes=size)

    def _task(self, **kw: Any) -> Task:
        task = Task(seq=self.seq, input_pos=self.input_pos, **kw)
        self.seq += 1
        self.summary.text_bytes += kw.get("text_bytes", 0)
        return task

    # -- driving the pool --------------------------------------------------------------------
    def drive(self, tasks: Iterator[Task], state: WorkerState) -> DumpError | None:
        """Feed tasks to the workers (or convert inline); returns the DumpError that ended
        the input early, after everything read before it has been converted and written."""
        fatal: DumpError | None = None
        workers = self.workers
        if workers == 0:
            install_timer()
            try:
                for task in tasks:
                    payload, outcome = process_task(task, state)
                    self.handle(task.seq, payload, outcome)
            except DumpError as exc:
                fatal = exc
            return fatal
        pool = WorkerPool(workers, state, page_timeout=self.opts.page_timeout,
                          max_rss_mb=self.opts.max_worker_mb, kill_after=self.opts.kill_after)
        exhausted = False
        window = workers * 4
        try:
            while True:
                while not exhausted and pool.has_room() and not pool.retry and (
                        not self.opts.ordered or self.seq - self.next_write < window):
                    try:
                        task = next(tasks)
                    except StopIteration:
                        exhausted = True
                        break
                    except DumpError as exc:
                        fatal = exc
                        exhausted = True
                        break
                    pool.submit(task)
                if exhausted and pool.in_flight == 0 and not pool.retry:
                    break
                for seq, payload, outcome in pool.results(0.2):
                    self.handle(seq, payload, outcome)
                if not pool.in_flight and not pool.retry and not exhausted:
                    continue
                self.maybe_commit()
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        return fatal

    @property
    def workers(self) -> int:
        w = self.opts.workers
        return (os.cpu_count() or 1) if w is None else max(0, w)

    def _spills(self, path: str) -> bool:
        """A plain .bz2 dump read twice (template pre-pass, then conversion) is decompressed
        once, into a spill, when the disk has room for it."""
        o = self.opts
        return (o.spill and o.templates == "dump" and compression_of(path) == "bz2"
                and spill_room(path, o.spill_dir))

    def _spilled_dump(self, path: str) -> tuple[XmlDump, dict[str, str]]:
        """The template pre-pass over the dump, teeing it into a spill; then the dump to
        convert, read back from the spill (from the file again if the spill failed).

        The pool is not started yet, so the pre-pass decompresses on every core the run will
        use (indexed_bzip2). Its parallel decoder drops the last read of a cut-off or corrupt
        file and reports other offsets, so a dump it cannot read to the end is read again
        by the sequential decoder, whose spill replays the break exactly."""
        o = self.opts
        threads = o.bz2_threads or min(os.cpu_count() or 1, self.workers + 1)   # 1: sequential
        if threads > 1:
            try:
                return self._spill_pass(path, threads)
            except _ParallelBreak:
                pass
        return self._spill_pass(path, 0)

    def _spill_pass(self, path: str, threads: int) -> tuple[XmlDump, dict[str, str]]:
        o = self.opts
        spill = Spill(o.spill_dir)
        try:
            try:
                first = XmlDump(path, bz2_threads=threads, spill=spill)
            except Exception as exc:  # noqa: BLE001 - any trouble in the parallel decoder: read sequentially
                if threads > 1:
                    raise _ParallelBreak from exc
                raise
            templates = templates_from_xml(first, site_from_siteinfo(first.siteinfo, o.lang))
            if threads > 1 and first.broken is not None:
                raise _ParallelBreak
            source = spill.reader(path, first.size) if spill.ok else None
            dump = XmlDump(path, bz2_threads=o.bz2_threads, chunk_bytes=o.chunk_bytes,
                           chunk_pages=o.chunk_pages, source=source)
        except BaseException:
            spill.discard()
            raise
        return dump, templates

    def _open_dump(self, group: _Group) -> tuple[Any, Callable[..., Iterator[Task]], dict[str, str] | None]:
        """The dump of a group, ready to serve pages, with the task maker for its kind and the
        templates a spilled pre-pass found (None when the pre-pass is still to run). A
        multistream dump whose index cannot be read is read in order, as the one .bz2 it is."""
        o = self.opts
        path = group.paths[0]
        if group.kind == "multistream":
            try:
                return MultistreamDump(path, group.index), self.stream_tasks, None
            except BadIndex as exc:
                print(f"unwiki: warning: {exc}; reading {path} in order, without it", file=sys.stderr)
        if self._spills(path):
            dump, spilled = self._spilled_dump(path)
            return dump, self.dump_tasks, spilled
        return (XmlDump(path, bz2_threads=o.bz2_threads, chunk_bytes=o.chunk_bytes, chunk_pages=o.chunk_pages),
                self.dump_tasks, None)

    def run_group(self, group: _Group) -> None:
        o = self.opts
        if group.kind == "files":
            site = build_site(o.lang or "en")
            templates = templates_from_folder(o.templates, site) if o.templates not in ("dump", "none") else {}
            flt = self._filter(site, files=True)
            tasks = self.file_tasks(group.paths, site, flt)
            source = None
        else:
            path = group.paths[0]
            self.summary.inputs.append(path)
            try:
                dump, tasks_factory, spilled = self._open_dump(group)
            except DumpError as exc:    # no page could be read: the run goes on to the next input
                self._stopped(exc, "no page of it could be read")
                return
            site = site_from_siteinfo(dump.siteinfo, o.lang)
            if spilled is not None:
                templates = spilled
            elif o.templates == "dump":
                # the pool is not started yet: the pre-pass may use every core the run will
                threads = min(os.cpu_count() or 1, self.workers + 1)
                templates = (templates_from_streams(dump, site, threads) if isinstance(dump, MultistreamDump)
                             else templates_from_dump(path, site, threads=threads))
            elif o.templates == "none":
                templates = {}
            else:
                templates = templates_from_folder(o.templates, site)
            flt = self._filter(site, files=False)
            tasks = tasks_factory(dump, site, flt)
            source = dump
        self.out.sink.warm_up()         # before the workers fork: they inherit what it loads
        needs = self.out.sink.needs
        state = WorkerState(site=site, templates=templates,
                            options=ConvertOptions(needs=needs, redirects=o.redirects,
                                                   page_timeout=o.page_timeout, lang=o.lang,
                                                   hook=o.page_hook),
                            encode=self.out.sink.encode, init=self.out.sink.worker_init,
                            all_revisions=o.all_revisions)
        try:
            fatal = self.drive(tasks, state)
        finally:
            if isinstance(source, XmlDump):
                source.close()          # (a spill read back is deleted here)
        self.limit_taken = flt.taken
        if source is not None:
            self.input_base += source.size
            self.input_pos = self.input_base
        if fatal is None and isinstance(source, MultistreamDump):
            fatal = source.cut_off
        if fatal is not None:
            self._stopped(fatal, "everything before it was converted and written")

    def _stopped(self, err: DumpError, outcome: str) -> None:
        """An input that broke off: into the summary's `fatal` list, and said on stderr."""
        self.summary.fatal.append({"input": err.path, "message": err.describe(),
                                   "offset": err.offset, "compressed_offset": err.compressed_offset,
                                   "last_title": err.last_title, "last_page_id": err.last_id})
        print(f"unwiki: error: {err.describe()}; {outcome}", file=sys.stderr)


def _describe_error(err: dict[str, Any]) -> str:
    where = f" ({err['where']})" if err.get("where") else ""
    title = err.get("title")
    page = f"page {title!r}" if title else "the page"
    if err.get("page_id") is not None:
        page += f" (id {err['page_id']})"
    if err.get("offset") is not None:
        page += f" at byte {err['offset']:,}"
    return f"{page}: {err['kind']}: {err['message']}{where}"


def run(opts: RunOptions) -> Summary:
    """Convert everything the options name; returns the summary (also in summary.json)."""
    groups = _groups(opts)
    single = _single_page(opts, groups)
    opts.format = opts.format or _default_format(opts, single)
    if opts.format not in FORMATS:
        raise UsageError(f"unknown format {opts.format!r} (choose from {', '.join(FORMATS)})")
    if opts.redirects not in ("skip", "keep", "map"):
        raise UsageError("--redirects must be skip, keep or map")
    if opts.titles_file and not os.path.isfile(opts.titles_file):
        raise UsageError(f"{opts.titles_file}: --titles file not found")
    outputs = plan_outputs(opts, single)
    summary = Summary()
    summary.workers = 0 if single else (os.cpu_count() or 1) if opts.workers is None else opts.workers
    done: set[str] | None = None
    if outputs.manifest is not None:
        if opts.resume:
            done, last, counts = outputs.manifest.load()
            summary.add(counts)
            outputs.sink.restore(last["sink"] if last else {})
            if outputs.errors:
                outputs.errors.restore(last["errors"] if last else 0)
            if outputs.redirects:
                outputs.redirects.restore(last["redirects"] if last else 0)
        else:
            outputs.manifest.reset()
            outputs.sink.restore({})
            if outputs.errors:
                outputs.errors.restore(0)
                outputs.errors.open()         # errors.jsonl exists (empty) even when nothing fails
            if outputs.redirects:
                outputs.redirects.restore(0)
    if single:
        opts.workers = 0
    runner = _Run(opts, outputs, summary, done)
    interrupted = False
    try:
        for group in groups:
            runner.run_group(group)
    except KeyboardInterrupt:
        interrupted = True
        summary.fatal.append({"input": None, "message": "interrupted (Ctrl-C); continue with --resume"})
    finally:
        runner.progress.close()
        outputs.sink.close()
        runner.maybe_commit(force=True)
        for log in (outputs.errors, outputs.redirects):
            if log is not None:
                log.close()
        if outputs.manifest is not None:
            outputs.manifest.close()
        summary.finished = time.time()
        summary.outputs = outputs.sink.files
        summary.input_bytes = runner.input_base if runner.input_base else runner.input_pos
        summary.outputs_summary = not outputs.single
        if outputs.summary:
            summary.save(outputs.summary)
    if interrupted:
        raise KeyboardInterrupt
    return summary
