#!/usr/bin/env python3
"""Per-page conversion speed: unwiki against WikiExtractor and mwparserfromhell, same pages,
same process, same run.

What each tool does per page (what it does for one page of a dump):
  unwiki            unwiki.parse(text, title, lang) -> full Document, then .text() and .to_dict()
  wikiextractor     Extractor(id, revid, url, title, [text]).extract(out): clean + compact + write
  mwparserfromhell  mwparserfromhell.parse(text).strip_code()
No template sources are given to any of them. Each pass runs every tool over every page,
tools interleaved; the first pass is a warm-up. Figures: MB/s (UTF-8 bytes of wikitext in)
and pages/s of the best pass, the median pass beside it, and unwiki's speed ratio to each.

Run:  .venv/bin/python benchmarks/bench_pages.py [--repeat 5] [--langs fr,en,ja,zh]
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
TARGETS = {"wikiextractor": 1.0, "mwparserfromhell": 4.0}  # unwiki speed / peer speed


@dataclass(slots=True)
class Page:
    lang: str
    title: str
    text: str
    size: int  # UTF-8 bytes


@dataclass(slots=True)
class Result:
    name: str
    passes: list[dict[str, float]] = field(default_factory=list)  # lang -> seconds, per pass
    errors: int = 0
    first_error: str | None = None
    unavailable: str | None = None


def load_pages(corpus: Path, langs: list[str], limit: int | None) -> list[Page]:
    pages: list[Page] = []
    for lang in langs:
        folder = corpus / lang
        if not folder.is_dir():
            print(f"note: no pages for {lang!r} in {corpus}", file=sys.stderr)
            continue
        files = sorted(folder.glob("*.wiki"))[: limit or None]
        for f in files:
            text = f.read_text(encoding="utf-8")
            pages.append(Page(lang, unquote(f.stem).replace("_", " "), text, len(text.encode("utf-8"))))
    return pages


def unwiki_tool() -> Callable[[Page], object]:
    import unwiki

    def run(page: Page) -> object:
        doc = unwiki.parse(page.text, title=page.title, lang=page.lang)
        return doc.text(), doc.to_dict()

    return run


def wikiextractor_tool() -> Callable[[Page], object]:
    import logging

    from wikiextractor.extract import Extractor

    logging.getLogger().setLevel(logging.ERROR)  # its per-page template warnings

    def run(page: Page) -> object:
        out = io.StringIO()
        Extractor(1, 1, "", page.title, [page.text]).extract(out)
        return out.getvalue()

    return run


def mwparserfromhell_tool() -> Callable[[Page], object]:
    import mwparserfromhell

    def run(page: Page) -> object:
        return mwparserfromhell.parse(page.text).strip_code()

    return run


TOOLS: dict[str, Callable[[], Callable[[Page], object]]] = {
    "unwiki": unwiki_tool,
    "wikiextractor": wikiextractor_tool,
    "mwparserfromhell": mwparserfromhell_tool,
}


def one_pass(fn: Callable[[Page], object], pages: list[Page], res: Result) -> dict[str, float]:
    """Seconds per language for one pass over the pages; page failures are counted, not fatal."""
    by_lang: dict[str, float] = {}
    clock = time.perf_counter
    for page in pages:
        t0 = clock()
        try:
            fn(page)
        except NotImplementedError:
            raise
        except Exception as exc:  # noqa: BLE001 - a peer failing on a page is a figure, not a crash
            res.errors += 1
            if res.first_error is None:
                res.first_error = f"{page.lang}/{page.title}: {type(exc).__name__}: {exc}"[:200]
        by_lang[page.lang] = by_lang.get(page.lang, 0.0) + clock() - t0
    return by_lang


def mb(n: int) -> float:
    return n / 1e6


def report(results: list[Result], pages: list[Page], repeat: int) -> dict:
    langs = list(dict.fromkeys(p.lang for p in pages))
    size = {lang: sum(p.size for p in pages if p.lang == lang) for lang in langs}
    count = {lang: sum(1 for p in pages if p.lang == lang) for lang in langs}
    total_size, total_pages = sum(size.values()), len(pages)
    out: dict = {"pages": total_pages, "bytes": total_size, "repeat": repeat, "tools": {}}

    print(f"\n{total_pages} pages, {mb(total_size):.2f} MB of wikitext "
          f"({', '.join(f'{lang} {count[lang]}/{mb(size[lang]):.2f} MB' for lang in langs)}); "
          f"best and median of {repeat} passes\n")
    head = f"{'tool':18} {'best MB/s':>10} {'median':>8} {'pages/s':>9} " + " ".join(
        f"{lang + ' MB/s':>9}" for lang in langs) + f" {'errors':>7}"
    print(head)
    print("-" * len(head))
    for res in results:
        if res.unavailable:
            print(f"{res.name:18} unavailable: {res.unavailable}")
            out["tools"][res.name] = {"unavailable": res.unavailable}
            continue
        totals = [sum(p.values()) for p in res.passes]
        best, med = min(totals), statistics.median(totals)
        per_lang = {lang: mb(size[lang]) / min(p[lang] for p in res.passes) for lang in langs}
        out["tools"][res.name] = {
            "best_s": best, "median_s": med, "mb_s": mb(total_size) / best,
            "median_mb_s": mb(total_size) / med, "pages_s": total_pages / best,
            "lang_mb_s": per_lang, "errors": res.errors // max(1, len(res.passes)),
            "first_error": res.first_error,
        }
        print(f"{res.name:18} {mb(total_size) / best:10.2f} {mb(total_size) / med:8.2f} "
              f"{total_pages / best:9.1f} " + " ".join(f"{per_lang[lang]:9.2f}" for lang in langs)
              + f" {res.errors // max(1, len(res.passes)):7d}")
    figures = out["tools"]
    if "unwiki" in figures and "best_s" in figures["unwiki"]:
        print()
        for peer, target in TARGETS.items():
            if peer in figures and "best_s" in figures[peer]:
                ratio = figures[peer]["best_s"] / figures["unwiki"]["best_s"]
                med = figures[peer]["median_s"] / figures["unwiki"]["median_s"]
                ok = "meets" if ratio >= target else "BELOW"
                out["tools"]["unwiki"][f"ratio_{peer}"] = ratio
                print(f"unwiki / {peer}: {ratio:.2f}x (median {med:.2f}x); target >= {target:.1f}x: {ok}")
                lang_ratios = ", ".join(
                    f"{lang} {figures['unwiki']['lang_mb_s'][lang] / figures[peer]['lang_mb_s'][lang]:.2f}x"
                    for lang in langs)
                print(f"    per language: {lang_ratios}")
    for res in results:
        if res.first_error:
            print(f"first error of {res.name}: {res.first_error}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of <lang>/*.wiki pages")
    ap.add_argument("--langs", default="fr,en,ja,zh", help="comma-separated languages (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per tool (default: %(default)s)")
    ap.add_argument("--limit", type=int, default=0, help="at most this many pages per language (0 = all)")
    ap.add_argument("--tools", default=",".join(TOOLS), help="subset of: %(default)s")
    ap.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found (../shared beside the project)", file=sys.stderr)
        return 2
    pages = load_pages(args.corpus, [x.strip() for x in args.langs.split(",") if x.strip()], args.limit)
    if not pages:
        print("error: no pages", file=sys.stderr)
        return 2

    results: list[Result] = []
    runners: dict[str, Callable[[Page], object]] = {}
    for name in [t.strip() for t in args.tools.split(",") if t.strip()]:
        res = Result(name)
        results.append(res)
        try:
            fn = TOOLS[name]()
            one_pass(fn, pages, Result(name))  # warm-up: imports, compiled regexes, caches
            runners[name] = fn
        except (ImportError, NotImplementedError, KeyError) as exc:
            res.unavailable = f"{type(exc).__name__}: {exc}"[:200]
    by_name = {r.name: r for r in results}
    for i in range(args.repeat):
        for name, fn in runners.items():
            by_name[name].passes.append(one_pass(fn, pages, by_name[name]))
        print(f"pass {i + 1}/{args.repeat} done", file=sys.stderr)
    figures = report(results, pages, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
