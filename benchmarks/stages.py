#!/usr/bin/env python3
"""Where unwiki's per-page time goes: the four stages of `bench_pages.py`'s unwiki run
(expansion, document building, `.text()`, `.to_dict()`), timed apart, per language.

Each stage's figure is the best of `--repeat` passes over the same pages (CPU time of this
process, so other work on the machine disturbs it less than wall time); `--markdown` adds
`.markdown()`. Use it to see which stage a change moved; `bench_pages.py` stays the figure
that compares with the peers.

Run:  .venv/bin/python benchmarks/stages.py [--repeat 5] [--langs fr,en,ja,zh]
      UNWIKI_PURE=1 .venv/bin/python benchmarks/stages.py   # the pure-Python build
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import unwiki  # noqa: E402
from bench_pages import DEFAULT_CORPUS, load_pages  # noqa: E402
from unwiki.api import _context  # noqa: E402
from unwiki.expansion.page import expand_page  # noqa: E402
from unwiki.parser.document import build_document  # noqa: E402


def one_pass(pages: list, stages: list[str]) -> dict[tuple[str, str], float]:
    """CPU seconds per (language, stage) for one pass over the pages."""
    clock = time.process_time
    out: dict[tuple[str, str], float] = {}
    for p in pages:
        ctx = _context(p.title, p.lang, None, None, None)
        t0 = clock()
        expanded = expand_page(p.text, ctx)
        t1 = clock()
        doc = build_document(expanded, ctx)
        doc.title, doc.lang = p.title, ctx.site.lang
        t2 = clock()
        doc.text()
        t3 = clock()
        doc.to_dict()
        t4 = clock()
        times = {"expand": t1 - t0, "build": t2 - t1, "text": t3 - t2, "to_dict": t4 - t3}
        if "markdown" in stages:
            doc.markdown()
            times["markdown"] = clock() - t4
        for stage in stages:
            out[p.lang, stage] = out.get((p.lang, stage), 0.0) + times[stage]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--langs", default="fr,en,ja,zh")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--markdown", action="store_true", help="also time .markdown()")
    args = ap.parse_args(argv)
    pages = load_pages(args.corpus, args.langs.split(","), None)
    if not pages:
        print(f"error: no pages under {args.corpus}", file=sys.stderr)
        return 2
    stages = ["expand", "build", "text", "to_dict"] + (["markdown"] if args.markdown else [])
    langs = list(dict.fromkeys(p.lang for p in pages))
    gc.disable()           # unwiki.parse pauses the collector too (unwiki.gcpause)
    one_pass(pages, stages)
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.repeat):
        for key, t in one_pass(pages, stages).items():
            best[key] = min(best.get(key, t), t)
        gc.collect()
    size = sum(p.size for p in pages)
    print(f"unwiki {unwiki.__version__} ({unwiki.build_kind()}); {len(pages)} pages, "
          f"{size / 1e6:.2f} MB; best of {args.repeat} passes, CPU ms")
    print(f"{'stage':10}" + "".join(f"{lang:>9}" for lang in langs) + f"{'all':>9}{'share':>7}")
    total = sum(best.values())
    for stage in stages:
        row = [best[lang, stage] for lang in langs]
        print(f"{stage:10}" + "".join(f"{t * 1e3:9.1f}" for t in row)
              + f"{sum(row) * 1e3:9.1f}{sum(row) / total * 100:6.1f}%")
    print(f"{'total':10}" + "".join(f"{sum(best[lang, s] for s in stages) * 1e3:9.1f}" for lang in langs)
          + f"{total * 1e3:9.1f}   ({size / 1e6 / total:.2f} MB/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
