#!/usr/bin/env python3
"""What this machine gives to N busy processes: the ceiling any tool's scaling meets here.

A 1 -> 2 worker scaling figure mixes the tool's design with the machine's: two vCPUs of
a shared virtual machine need not run two processes at one process's speed (host
threads shared, neighbours' load). This probe measures the machine alone: N processes
started together, each running the same pure-Python integer loop (no I/O, no memory
traffic, nothing shared, no parent doing work), and reports their throughput against
one process's. A perfect two-core machine gives 2.0x. A tool's scaling comes out above
it only when the weather changed between the probe and the tool's runs (a round's figure
above 2x says the one loop ran in a slow minute), or when the tool's 1-worker run left
the second core idle for reasons of its own.

bench_dumps.py runs it just before every dump's runs in every round, so each scaling
figure has the machine's own beside it.

Run alone:  .venv/bin/python benchmarks/machine.py [--rounds 8] [--procs 2]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

LOOPS = 12_000_000      # about 0.4-0.7 s of one core here
_CHILD = ("import time\n"
          "def spin(n):\n    s = 0\n    for i in range(n):\n        s += i * i\n    return s\n"
          "t = time.perf_counter()\nc = time.process_time()\nspin({loops})\n"
          "print(time.perf_counter() - t, time.process_time() - c)\n")


def probe(procs: int, loops: int = LOOPS) -> tuple[float, float]:
    """(wall seconds of the slowest of `procs` processes running the loop at once, their
    mean CPU seconds). Each process times its own loop, so interpreter start-up is left
    out; a CPU time below the wall time is time the process waited for a core."""
    code = _CHILD.format(loops=loops)
    children = [subprocess.Popen([sys.executable, "-S", "-c", code], stdout=subprocess.PIPE)
                for _ in range(procs)]
    walls, cpus = [], []
    for child in children:
        out, _ = child.communicate()
        wall, cpu = out.split()
        walls.append(float(wall))
        cpus.append(float(cpu))
    return max(walls), statistics.fmean(cpus)


def ceiling(one: float, many: float, procs: int) -> float:
    """Throughput of `procs` processes against one's, from their loop times."""
    return procs * one / many if many else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=8, help="rounds of 1 then N processes (default: %(default)s)")
    ap.add_argument("--procs", type=int, default=2, help="processes run at once (default: %(default)s)")
    args = ap.parse_args(argv)
    ones, manys = [], []
    print(f"{'round':>5} {'1 proc s':>9} {'cpu s':>6} {f'{args.procs} procs s':>10} {'cpu s':>6} {'ceiling':>8}")
    for k in range(1, args.rounds + 1):
        one, one_cpu = probe(1)
        many, many_cpu = probe(args.procs)
        ones.append(one)
        manys.append(many)
        print(f"{k:5d} {one:9.3f} {one_cpu:6.3f} {many:10.3f} {many_cpu:6.3f} "
              f"{ceiling(one, many, args.procs):7.2f}x")
    paired = statistics.median(ceiling(a, b, args.procs) for a, b in zip(ones, manys))
    print(f"\n{args.procs} processes vs 1: best against best {ceiling(min(ones), min(manys), args.procs):.2f}x, "
          f"paired median {paired:.2f}x (a perfect machine: {args.procs:.1f}x); "
          f"one process's loop: {min(ones):.3f}-{max(ones):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
