#!/usr/bin/env python3
"""Whole-dump throughput: `unwiki convert` (JSONL and Parquet) beside WikiExtractor's own
multiprocess mode on the same dumps in the same run; scaling from 1 to 2 workers; peak
memory on a dump and on the same dump made ten times longer.

Every run is a separate process tree, timed by wall clock. Memory is measured two ways:
the peak of the summed RSS of the whole tree (sampled from /proc every 20 ms) and the
largest single process's peak (VmHWM, sampled the same way). Throughput is in MB of decompressed
dump XML per second, and per worker ("per core"): both tools are divided by the worker
count they were given (unwiki's --workers, WikiExtractor's --processes); neither counts
its reader/writer process(es). The CPU seconds of the whole tree (ru_utime + ru_stime from
wait4, which include every waited-for descendant) give a second, load-independent figure:
MB per CPU second. The 1-minute load average before each run is printed beside it: the
wall-clock figures mean little when other work shares the cores.

With --repeat N (default 3) every cell is run N times, the rounds interleaved (each round
runs every tool on every dump once), and the fastest run of each cell is kept, CPU
seconds and memory with it: on a shared virtual machine single runs of the same command
were seen to differ by 30 %, always upwards, so the best of several is the figure that
says what the code costs. The ratios are also given paired: within a round, the runs of
one dump follow each other (unwiki's formats, then WikiExtractor, at one worker count,
then the next count), so each round gives its own ratio under the same machine weather,
and the median of those ratios is printed beside the ratio of the bests. When the machine's
speed drifts over minutes (seen: WikiExtractor's same run taking 1.5 s, then 2.7 s an hour
later), the paired median moves less than either tool's best.

Beside every dump in every round, benchmarks/machine.py's probe runs 1 and then 2
processes of a pure CPU loop at once (nothing shared, no I/O): the machine's own ceiling
for 1 -> 2 scaling in that round. On this shared virtual machine it moved between 1.1x
and 2.7x from one minute to the next (one process alone often runs 1.5x faster than each
of two), so every tool's scaling is also printed as a share of that ceiling, paired by
round (--no-probe skips it).

With --long N (default 5) each plain .bz2 dump is also built N times longer (its pages
repeated with new ids, compressed again) and run like the others: a whole-wiki dump runs
for hours, and on these excerpts (about a second each) the fixed start-up of a run (the
interpreter, imports, the first reads) weighs on scaling and per-core figures in a way it
does not on a real dump. Both figures are printed. Each long dump is also written in its
multistream form (one bz2 stream per 100 pages, with the index beside it: the form of
`…-pages-articles-multistream.xml.bz2`, which Wikipedia publishes for every dump), where
unwiki's workers decompress their own streams, in parallel, instead of the parent
(--no-multistream skips it). WikiExtractor reads the same file as one .bz2.

Commands run:
  unwiki         python -m unwiki.cli convert DUMP --format jsonl|parquet --output OUT --workers N
  WikiExtractor  python -m wikiextractor.WikiExtractor DUMP --processes N --json -q -o OUTDIR
(WikiExtractor's --processes counts its extract workers; it adds a reader and a writer.)

Run:  .venv/bin/python benchmarks/bench_dumps.py [--dumps a.xml.bz2,b.xml.bz2] [--workers 1,2] [--repeat 3] [--long 5]
      [--no-multistream]
"""
from __future__ import annotations

import argparse
import bz2
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from machine import ceiling, probe

ROOT = Path(__file__).resolve().parent.parent
DUMPS = ROOT.parent / "shared" / "corpus" / "dumps"
DEFAULT_DUMPS = [
    DUMPS / "multistream" / "ltgwiki-pages-articles-multistream.xml.bz2",
    DUMPS / "jawiki-head-pages-articles.xml.bz2",
    DUMPS / "enwiki-pages-articles1-shortened-gensim.xml.bz2",
]
MEMORY_DUMP = DUMPS / "ltgwiki-smallwiki-dumpster-dive.xml.bz2"
TARGETS = {"per_core_vs_wikiextractor": 1.5, "scaling_2_vs_1": 1.7, "memory_10x_vs_1x": 1.2}


@dataclass(slots=True)
class Run:
    tool: str
    fmt: str
    dump: str
    workers: int
    seconds: float
    xml_mb: float
    pages: int
    tree_peak_mb: float
    proc_peak_mb: float
    ok: bool
    cpu_s: float = 0.0
    load: float = 0.0
    note: str = ""
    round: int = 0

    @property
    def mb_s(self) -> float:
        return self.xml_mb / self.seconds if self.seconds else 0.0

    @property
    def per_core(self) -> float:
        return self.mb_s / self.workers

    @property
    def mb_cpu_s(self) -> float:
        return self.xml_mb / self.cpu_s if self.cpu_s else 0.0


@dataclass(slots=True)
class Probe:
    """One run of the machine probe: `procs` CPU loops at once, next to `dump`'s runs."""
    dump: str
    procs: int
    seconds: float
    cpu_s: float
    round: int


# ---- measuring a process tree -----------------------------------------------------------

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _rss_kb(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of one process in kB. The peak is VmHWM of the process's own
    memory: wait4's ru_maxrss is not used because Linux carries the forking process's
    high-water mark across fork and exec, so every child would report at least this
    benchmark's own size."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return rss, hwm


def tree_rss_kb(root: int) -> tuple[int, int]:
    """(summed RSS of the process tree under `root`, largest peak RSS of one of its processes)."""
    kids = _children()
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        rss, hwm = _rss_kb(pid)
        total += rss
        largest = max(largest, hwm)
        todo.extend(kids.get(pid, ()))
    return total, largest


def measure(cmd: list[str], log: Path) -> tuple[float, float, float, float, int]:
    """(seconds, tree peak MB, largest process peak MB, tree CPU seconds, exit code)."""
    peak = [0, 0]
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                total, largest = tree_rss_kb(proc.pid)
                peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, peak[0] / 1024, peak[1] / 1024, cpu, proc.returncode


# ---- inputs -----------------------------------------------------------------------------

def xml_size_mb(path: Path) -> float:
    if path.suffix == ".bz2":
        n = 0
        with bz2.open(path, "rb") as fh:
            while block := fh.read(1 << 22):
                n += len(block)
        return n / 1e6
    return path.stat().st_size / 1e6


_PAGE = re.compile(rb"<page>.*?</page>\s*", re.S)
_PAGE_ID = re.compile(rb"(<page>.*?<id>)(\d+)(</id>)", re.S)


def build_repeated(src: Path, times: int, dest: Path) -> Path:
    """`src` with its `<page>` elements repeated `times` times (new page ids), as plain XML."""
    with bz2.open(src, "rb") if src.suffix == ".bz2" else open(src, "rb") as fh:
        data = fh.read()
    pages = list(_PAGE.finditer(data))
    head, tail = data[: pages[0].start()], data[pages[-1].end():]
    ids = [int(m.group(2)) for p in pages if (m := _PAGE_ID.match(p.group(0)))]
    step = max(ids, default=0) + 1
    with open(dest, "wb") as out:
        out.write(head)
        for k in range(times):
            for p in pages:
                out.write(_PAGE_ID.sub(lambda m, k=k: m.group(1) + str(int(m.group(2)) + k * step).encode()
                                       + m.group(3), p.group(0), count=1))
        out.write(tail)
    return dest


def build_long(src: Path, times: int, work: Path) -> Path:
    """`src` made `times` times longer (`build_repeated`), bz2-compressed again: a dump long
    enough that start-up (the interpreter, imports, the template pre-pass's first reads) is
    a small part of the run, as on a real Wikipedia dump."""
    stem = src.name.split(".xml")[0]
    plain = build_repeated(src, times, work / f"{stem}-x{times}.xml")
    dest = work / f"{stem}-x{times}.xml.bz2"
    with open(plain, "rb") as fh, bz2.open(dest, "wb", compresslevel=9) as out:
        while block := fh.read(1 << 22):
            out.write(block)
    plain.unlink()
    return dest


_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_ID = re.compile(rb"<id>(\d+)</id>")
STREAM_PAGES = 100      # pages per bz2 stream in Wikipedia's multistream dumps


def build_multistream(src: Path, work: Path) -> Path:
    """`src` in the form Wikipedia publishes every dump in as well: `…-multistream.xml.bz2`,
    one bz2 stream for the header, one per 100 pages, one for the closing tag, with
    `…-multistream-index.txt.bz2` beside it (`offset:page_id:title`, the title as escaped
    in the XML). The same XML, so WikiExtractor reads it as one .bz2; unwiki finds the
    index and has its workers decompress streams in parallel instead of the parent."""
    with bz2.open(src, "rb") if src.suffix == ".bz2" else open(src, "rb") as fh:
        data = fh.read()
    pages = list(_PAGE.finditer(data))
    stem = src.name.split(".xml")[0]
    dest = work / f"{stem}-multistream.xml.bz2"
    lines: list[bytes] = []
    with open(dest, "wb") as out:
        offset = out.write(bz2.compress(data[: pages[0].start()], 9))
        for k in range(0, len(pages), STREAM_PAGES):
            group = [p.group(0) for p in pages[k:k + STREAM_PAGES]]
            for page in group:
                page_id = _ID.search(page)
                title = _TITLE.search(page)
                lines.append(b"%d:%s:%s" % (offset, page_id.group(1) if page_id else b"",
                                            title.group(1) if title else b""))
            offset += out.write(bz2.compress(b"".join(group), 9))
        out.write(bz2.compress(data[pages[-1].end():], 9))
    with bz2.open(work / f"{stem}-multistream-index.txt.bz2", "wb") as index:
        index.write(b"\n".join(lines) + b"\n")
    return dest


# ---- the tools --------------------------------------------------------------------------

def unwiki_cmd(dump: Path, fmt: str, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "unwiki.cli", "convert", str(dump), "--format", fmt,
            "--output", str(out), "--workers", str(workers), "--no-progress"]


def wikiextractor_cmd(dump: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "wikiextractor.WikiExtractor", str(dump), "--processes", str(workers),
            "--json", "-q", "-o", str(out)]


def count_pages(tool: str, fmt: str, out: Path) -> int:
    if tool == "wikiextractor":
        return sum(sum(1 for _ in f.open("rb")) for f in out.rglob("wiki_*"))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        files = [out] if out.is_file() else sorted(out.rglob("*.parquet"))
        return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    files = [out] if out.is_file() else sorted(out.rglob("*.jsonl*"))
    return sum(sum(1 for _ in f.open("rb")) for f in files)


def run(tool: str, fmt: str, dump: Path, workers: int, xml_mb: float, work: Path) -> Run:
    out = work / f"{tool}-{fmt}-{workers}-{dump.name}"
    shutil.rmtree(out, ignore_errors=True)
    if out.is_file():
        out.unlink()
    if tool == "unwiki":
        target = out / "pages.jsonl" if fmt == "jsonl" else out
        out.mkdir(parents=True, exist_ok=True)
        cmd = unwiki_cmd(dump, fmt, target, workers)
    else:
        target = out
        cmd = wikiextractor_cmd(dump, out, workers)
    log = work / f"{out.name}.log"
    load = os.getloadavg()[0]
    seconds, tree_mb, proc_mb, cpu, code = measure(cmd, log)
    note = "" if code == 0 else f"exit {code}: " + log.read_text(errors="replace")[-300:].replace("\n", " | ")
    pages = count_pages(tool, fmt, target) if target.exists() else 0
    return Run(tool, fmt, dump.name, workers, seconds, xml_mb, pages, tree_mb, proc_mb, code == 0, cpu, load,
               note)


# ---- report -----------------------------------------------------------------------------

def print_runs(runs: list[Run]) -> None:
    w = max([len(r.dump) for r in runs] + [4])
    head = (f"{'tool':14} {'format':8} {'dump':{w}} {'wk':>3} {'sec':>7} {'MB/s':>7} {'MB/s/core':>9} "
            f"{'cpu s':>7} {'MB/cpu-s':>8} {'pages':>7} {'tree MB':>8} {'proc MB':>8} {'load':>5}")
    print(head)
    print("-" * len(head))
    for r in runs:
        print(f"{r.tool:14} {r.fmt:8} {r.dump:{w}} {r.workers:3d} {r.seconds:7.2f} {r.mb_s:7.2f} "
              f"{r.per_core:9.2f} {r.cpu_s:7.2f} {r.mb_cpu_s:8.2f} {r.pages:7d} {r.tree_peak_mb:8.1f} "
              f"{r.proc_peak_mb:8.1f} {r.load:5.2f}" + ("" if r.ok else f"  FAILED {r.note}"))


def paired_median(every: list[Run], key: tuple[str, str, str, int], peer: tuple[str, str, str, int],
                  figure: Callable[[Run, Run], float]) -> tuple[float, int]:
    """The median over rounds of `figure(run, peer's run)`, each pair taken from one round
    (so from minutes of the same machine weather), and the number of pairs."""
    rounds: dict[int, dict[tuple[str, str, str, int], Run]] = {}
    for r in every:
        if r.ok:
            rounds.setdefault(r.round, {})[(r.tool, r.fmt, r.dump, r.workers)] = r
    xs = [figure(cells[key], cells[peer]) for cells in rounds.values() if key in cells and peer in cells]
    return (statistics.median(xs), len(xs)) if xs else (0.0, 0)


def machine_ceilings(probes: list[Probe]) -> dict[tuple[str, int], float]:
    """{(dump, round): the probe's 1 -> 2 ceiling measured beside that dump in that round}."""
    loops = {(p.dump, p.round, p.procs): p.seconds for p in probes}
    return {(dump, rnd): ceiling(loops[dump, rnd, 1], t2, 2)
            for (dump, rnd, procs), t2 in loops.items() if procs == 2 and (dump, rnd, 1) in loops}


def ratios(runs: list[Run], every: list[Run], probes: list[Probe]) -> dict[str, float]:
    """Per-core ratio to WikiExtractor (by wall clock per worker, and by CPU seconds) and
    1 -> 2 worker scaling, for every dump and format: of the best runs, and paired by round
    (median; `every` holds all the runs, with their rounds); each scaling also as a share of
    the machine's own ceiling measured beside it in the same round."""
    out: dict[str, float] = {}
    find = {(r.tool, r.fmt, r.dump, r.workers): r for r in runs if r.ok}
    w = max([len(r.dump) for r in runs] + [4])
    target = TARGETS["per_core_vs_wikiextractor"]
    print(f"\nper core: unwiki / WikiExtractor at the same worker count (target >= {target}x)")
    print(f"  {'format':7} {'dump':{w}} {'wk':>3} {'wall/worker':>11} {'per CPU-s':>9} {'paired median':>14}")
    for (tool, fmt, dump, workers), r in sorted(find.items()):
        peer_key = ("wikiextractor", "json", dump, workers)
        peer = find.get(peer_key)
        if tool != "unwiki" or not peer:
            continue
        x = r.per_core / peer.per_core
        y = r.mb_cpu_s / peer.mb_cpu_s if peer.mb_cpu_s and r.mb_cpu_s else 0.0
        m, n = paired_median(every, (tool, fmt, dump, workers), peer_key, lambda a, b: a.per_core / b.per_core)
        out[f"per_core_vs_wikiextractor/{fmt}/{dump}/{workers}"] = x
        out[f"per_cpu_s_vs_wikiextractor/{fmt}/{dump}/{workers}"] = y
        out[f"per_core_vs_wikiextractor_paired/{fmt}/{dump}/{workers}"] = m
        print(f"  {fmt:7} {dump:{w}} {workers:3d} {x:10.2f}x {y:8.2f}x {m:9.2f}x ({n})")
    ceilings = machine_ceilings(probes)
    print(f"\nscaling: time with 1 worker / time with 2 (target >= {TARGETS['scaling_2_vs_1']}x): best runs, "
          "paired median, and the paired median of (scaling / the machine's ceiling beside it)")
    for (tool, fmt, dump, workers), r in sorted(find.items()):
        one = find.get((tool, fmt, dump, 1))
        if workers != 2 or not one:
            continue
        x = one.seconds / r.seconds
        m, n = paired_median(every, (tool, fmt, dump, 1), (tool, fmt, dump, 2), lambda a, b: a.seconds / b.seconds)
        out[f"scaling_2_vs_1/{tool}/{fmt}/{dump}"] = x
        out[f"scaling_2_vs_1_paired/{tool}/{fmt}/{dump}"] = m
        share = ""
        if ceilings:        # probed beside every dump in every round
            rel, _ = paired_median(every, (tool, fmt, dump, 1), (tool, fmt, dump, 2),
                                   lambda a, b: a.seconds / b.seconds / ceilings[a.dump, a.round])
            out[f"scaling_2_vs_1_of_machine_paired/{tool}/{fmt}/{dump}"] = rel
            share = f"{rel:6.0%} of the machine's"
        print(f"  {tool:14} {fmt:7} {dump:{w}} {x:5.2f}x {m:6.2f}x ({n}) {share}")
    for dump in sorted({d for d, _ in ceilings}):
        here = [p for p in probes if p.dump == dump]
        best = ceiling(min(p.seconds for p in here if p.procs == 1), min(p.seconds for p in here if p.procs == 2), 2)
        rounds = [c for (d, _), c in ceilings.items() if d == dump]
        out[f"machine_ceiling/{dump}"] = best
        out[f"machine_ceiling_paired/{dump}"] = statistics.median(rounds)
        print(f"  {'machine probe':14} {'':7} {dump:{w}} {best:5.2f}x {statistics.median(rounds):6.2f}x "
              f"({len(rounds)}) 2 CPU loops vs 1, nothing shared: {min(rounds):.2f}-{max(rounds):.2f}x by round")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dumps", default=",".join(str(d) for d in DEFAULT_DUMPS),
                    help="comma-separated dump files (default: ltg multistream, ja head, en excerpt)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run (default: %(default)s)")
    ap.add_argument("--formats", default="jsonl,parquet", help="unwiki output formats (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of every cell, rounds interleaved; the fastest is kept (default: %(default)s)")
    ap.add_argument("--no-wikiextractor", action="store_true", help="skip the WikiExtractor runs")
    ap.add_argument("--memory-dump", type=Path, default=MEMORY_DUMP,
                    help="dump for the 1x vs 10x peak-memory test (default: the complete ltg wiki)")
    ap.add_argument("--times", type=int, default=10, help="repeat factor for the long dump (default: 10)")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory test")
    ap.add_argument("--long", type=int, default=5, metavar="N",
                    help="also run every tool on each .bz2 dump made N times longer, so that "
                         "start-up is amortized as on a whole wiki (0: skip; default: %(default)s)")
    ap.add_argument("--no-multistream", dest="multistream", action="store_false",
                    help="do not also run each long dump in its multistream form (100 pages per bz2 "
                         "stream, with an index, as Wikipedia publishes every dump)")
    ap.add_argument("--no-probe", dest="probe", action="store_false",
                    help="do not measure the machine's own 1 -> 2 scaling beside every dump (machine.py)")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    ap.add_argument("--json", type=Path, help="also write all figures here as JSON")
    args = ap.parse_args(argv)

    dumps = [Path(d) for d in args.dumps.split(",") if d]
    missing = [d for d in dumps + ([] if args.no_memory else [args.memory_dump]) if not d.is_file()]
    if missing:
        print(f"error: not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    workers = [int(w) for w in args.workers.split(",")]
    formats = [f for f in args.formats.split(",") if f]
    work = args.work or Path(tempfile.mkdtemp(prefix="unwiki-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    try:
        if args.long > 1:
            longs = [build_long(d, args.long, work) for d in dumps if d.suffix == ".bz2" and "multistream" not in d.name]
            if args.multistream:
                longs += [build_multistream(d, work) for d in longs]
            print(f"built: {', '.join(d.name for d in longs)}", file=sys.stderr)
            dumps += longs
        sizes = {dump: xml_size_mb(dump) for dump in dumps}
        best: dict[tuple[str, str, str, int], Run] = {}
        every: list[Run] = []
        probes: list[Probe] = []
        for round_ in range(1, max(1, args.repeat) + 1):
            for dump in dumps:
                if args.probe and 1 in workers and 2 in workers:
                    for procs in (1, 2):
                        probes.append(Probe(dump.name, procs, *probe(procs), round_))
                for n in workers:
                    cells = [("unwiki", fmt) for fmt in formats]
                    cells += [] if args.no_wikiextractor else [("wikiextractor", "json")]
                    for tool, fmt in cells:
                        r = run(tool, fmt, dump, n, sizes[dump], work)
                        r.round = round_
                        every.append(r)
                        key = (tool, fmt, dump.name, n)
                        if key not in best or (r.ok and (not best[key].ok or r.seconds < best[key].seconds)):
                            best[key] = r
                        print(f"round {round_}: {tool} {fmt} {dump.name} {n} wk: {r.seconds:.2f}s",
                              file=sys.stderr)
        runs.extend(best.values())
        memory: dict[str, float] = {}
        if not args.no_memory:
            one = build_repeated(args.memory_dump, 1, work / "x1.xml")
            many = build_repeated(args.memory_dump, args.times, work / f"x{args.times}.xml")
            n = max(workers)
            for path in (one, many):
                runs.append(run("unwiki", "jsonl", path, n, xml_size_mb(path), work))
                print(f"done: memory {path.name}: {runs[-1].seconds:.1f}s", file=sys.stderr)
            a, b = runs[-2], runs[-1]
            if a.ok and b.ok:
                memory = {"tree_10x_vs_1x": b.tree_peak_mb / a.tree_peak_mb,
                          "proc_10x_vs_1x": b.proc_peak_mb / a.proc_peak_mb}
        print()
        print_runs(runs)
        figures = ratios(runs, every, probes)
        if memory:
            print(f"\npeak memory, {args.times}x dump vs 1x ({n} workers, target <= "
                  f"{TARGETS['memory_10x_vs_1x']}x): whole tree {a.tree_peak_mb:.1f} -> {b.tree_peak_mb:.1f} MB "
                  f"= {memory['tree_10x_vs_1x']:.2f}x; largest process {a.proc_peak_mb:.1f} -> "
                  f"{b.proc_peak_mb:.1f} MB = {memory['proc_10x_vs_1x']:.2f}x")
            figures.update({f"memory/{k}": v for k, v in memory.items()})
        if args.json:
            args.json.write_text(json.dumps({"runs": [asdict(r) for r in runs], "every_run": [asdict(r) for r in every],
                                             "probes": [asdict(p) for p in probes],
                                             "figures": figures}, indent=2))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
