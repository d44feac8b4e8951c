"""The template pre-pass of a dump, on a thread, while the workers already convert.

A dump without a multistream index must be read to its end before any page is known to be
final: a Template: or Module: page anywhere in it may change any other page. Run alone,
that pass (decompress, find those pages, tee the bytes into a spill) was serial start-up:
0.1-0.3 s on the 6-10 MB jawiki and enwiki excerpts, a quarter of a two-worker run.

Here it runs on a thread of the parent. The chunks it reads are handed to the parent
("the tap", at most `TAP_BYTES` waiting), which dispatches them at once to workers forked
with no templates. Their results are held until the pass ends (runner/speculation.py): if
the dump has no template pages they are final; otherwise those pages are converted again
by workers forked with the templates. Chunks the tap could not take are read back from the
spill, from the first page not handed over.

The pass decodes a .bz2 with indexed_bzip2, which on a cut-off or corrupt file drops its
last read and reports other offsets. A dump it cannot read to its end is read again with
Python's bz2, whose spill replays the break exactly; the pages handed over before are
correct and are kept.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator

from unwiki.site.config import SiteConfig
from unwiki.sources.spill import Spill
from unwiki.sources.templates import collect_templates, templates_from_dump
from unwiki.sources.xmldump import DumpError, RawChunk, XmlDump

# Decompressed XML the tap holds for the parent beyond what the pool has taken: enough for
# the pass to run ahead of the workers on a small dump, a constant for a large one.
TAP_BYTES = 16 << 20
_WAIT = 0.05


class _Stopped(Exception):
    """The run ended before the pass did (an error or Ctrl-C in the parent)."""


class PrePass:
    """Reads a dump for its templates on a thread; `chunks()` gives the parent every page.

    With `spill` the pass tees the decompressed dump into a spill and hands its chunks over;
    without, it only collects templates and the parent reads the dump itself (`tapped` is
    False). `template_seen` turns True at the first Template:/Module: page; `templates`
    is complete once `finished`.
    """

    def __init__(self, path: str, site: SiteConfig, *, threads: int, spill: bool,
                 spill_dir: str | None, chunk_bytes: int, chunk_pages: int,
                 bz2_threads: int = 0, tap_bytes: int | None = None) -> None:
        self.path = path
        self.site = site
        self.size = os.path.getsize(path)   # compressed bytes: what progress and the summary count
        self.threads = threads              # indexed_bzip2 threads of the pass (0: Python's bz2)
        self.tapped = spill
        self.spill_dir = spill_dir
        self.chunk_bytes = chunk_bytes
        self.chunk_pages = chunk_pages
        self.bz2_threads = bz2_threads      # the user's --bz2-threads, for re-reading the file
        self.tap_bytes = TAP_BYTES if tap_bytes is None else tap_bytes
        self.templates: dict[str, str] = {}
        self.template_seen = False
        self.finished = False
        self.error: BaseException | None = None     # the pass failed (not a break in the dump)
        self._cond = threading.Condition()
        self._tap: deque[RawChunk] = deque()
        self._tap_held = 0
        self._tap_open = spill
        self._handed_end = 0                # dump offset after the last chunk handed over
        self._resume: int | None = None     # first page not handed over (None: all were)
        self._clean = False                 # the dump was read to </mediawiki>
        self._spill: Spill | None = None
        self._rest: XmlDump | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="unwiki-template-pass", daemon=True)

    def start(self) -> PrePass:
        self._thread.start()
        return self

    # -- the thread --------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            if not self.tapped:
                self.templates = templates_from_dump(self.path, self.site, threads=self.threads)
                self.template_seen = bool(self.templates)
            elif not self._pass(self.threads) and self.threads >= 1:
                self._close_tap()
                self.templates = {}
                self._pass(0)
        except _Stopped:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            self.error = exc
        finally:
            with self._cond:
                self.finished = True
                self._cond.notify_all()

    def _pass(self, threads: int) -> bool:
        """One read of the dump into a new spill; False when indexed_bzip2 (`threads` >= 1)
        could not read it to its end."""
        if self._spill is not None:
            self._spill.discard()
        spill = self._spill = Spill(self.spill_dir)
        try:
            dump = XmlDump(self.path, bz2_threads=threads, spill=spill, chunk_bytes=self.chunk_bytes,
                           chunk_pages=self.chunk_pages)
        except Exception:
            if threads >= 1:
                return False
            raise
        try:
            for chunk in dump.chunks():
                if self._stop:
                    raise _Stopped
                if collect_templates(self.templates, chunk, self.site):
                    self.template_seen = True
                self._hand_over(chunk)
            self._clean = True
        except DumpError:
            pass                # replayed by the spill when the parent reads on from it
        finally:
            dump.close()
        return threads < 1 or dump.broken is None

    def _hand_over(self, chunk: RawChunk) -> None:
        with self._cond:
            if self._tap_open and self._tap_held + len(chunk.data) <= self.tap_bytes:
                self._tap.append(chunk)
                self._tap_held += len(chunk.data)
                self._handed_end = chunk.offset + chunk.spans[-1][1]
                self._cond.notify_all()
            elif self._tap_open:
                self._tap_open = False
                self._resume = chunk.offset

    def _close_tap(self) -> None:
        with self._cond:
            if self._tap_open:
                self._tap_open = False
                self._resume = self._handed_end

    # -- the parent --------------------------------------------------------------------------
    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` for the pass to end; True once it has."""
        with self._cond:
            if not self.finished:
                self._cond.wait(timeout)
            return self.finished

    def chunks(self) -> Iterator[RawChunk | None]:
        """Every page of the dump in order: the chunks handed over, then the rest read back
        from the spill. None when nothing is ready yet (the caller collects results and asks
        again). Raises the dump's DumpError where it breaks off."""
        if not self.tapped:
            yield from self._read_on(0)
            return
        while True:
            with self._cond:
                if not self._tap and self._tap_open and not self.finished:
                    self._cond.wait(_WAIT)
                if self._tap:
                    chunk = self._tap.popleft()
                    self._tap_held -= len(chunk.data)
                elif self._tap_open and not self.finished:
                    chunk = None
                else:
                    break
            yield chunk
        while not self.wait(_WAIT):
            yield None
        if self.error is not None:
            raise self.error
        if self._clean and self._resume is None:
            return
        yield from self._read_on(self._resume if self._resume is not None else self._handed_end)

    def _read_on(self, resume: int) -> Iterator[RawChunk]:
        """The pages from dump offset `resume` on, from the spill (or the file, if the spill
        failed), with the break the dump ends with, if any."""
        spill = self._spill
        if spill is not None and spill.ok:
            self._rest = XmlDump(self.path, chunk_bytes=self.chunk_bytes, chunk_pages=self.chunk_pages,
                                 source=spill.reader(self.path, self.size))
        else:
            self._rest = XmlDump(self.path, bz2_threads=self.bz2_threads, chunk_bytes=self.chunk_bytes,
                                 chunk_pages=self.chunk_pages)
        for chunk in self._rest.chunks():
            first = next((i for i, (s, _e) in enumerate(chunk.spans) if chunk.offset + s >= resume), None)
            if first is None:
                continue
            if first:
                chunk = RawChunk(chunk.data, chunk.spans[first:], chunk.heads[first:], chunk.offset,
                                 chunk.compressed_offset)
            yield chunk

    def close(self) -> None:
        """Stop the pass if it still runs; remove the spill."""
        self._stop = True
        if self._thread.is_alive():
            self._thread.join()
        if self._rest is not None:
            self._rest.close()
        if self._spill is not None:
            self._spill.discard()
