#!/usr/bin/env python3
"""Freeze, then compare, unwiki's outputs (text, JSON, Markdown) on every corpus page.

A refactoring or speed change must leave every output byte-identical:

    .venv/bin/python scripts/snapshot_outputs.py freeze /tmp/before.json
    ... edit ...
    .venv/bin/python scripts/snapshot_outputs.py compare /tmp/before.json [--show 3]
"""
from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path
from urllib.parse import unquote

import unwiki

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pages"


def outputs(corpus: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(corpus.glob("*/*.wiki")):
        lang = path.parent.name
        doc = unwiki.parse(path.read_text(encoding="utf-8"), title=unquote(path.stem).replace("_", " "),
                           lang=lang)
        out[f"{lang}/{path.name}"] = [doc.text(), json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True),
                                      doc.markdown()]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["freeze", "compare"])
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--show", type=int, default=0, help="print a diff of the first N differing pages")
    args = ap.parse_args()
    now = outputs(args.corpus)
    if args.action == "freeze":
        args.snapshot.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"{len(now)} pages frozen to {args.snapshot}")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    differ = [k for k in before if before[k] != now.get(k)]
    print(f"{len(now)} pages; {len(differ)} differ")
    for key in differ[: args.show]:
        for kind, a, b in zip(("text", "json", "markdown"), before[key], now.get(key, ["", "", ""])):
            if a != b:
                print(f"--- {key} ({kind})")
                print("\n".join(list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0))[:20]))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
