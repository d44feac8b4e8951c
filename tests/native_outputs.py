"""Every output of the pipeline on real input, as JSON on stdout: run once on the compiled
modules and once with UNWIKI_PURE=1 by test_native.py, which asserts the two are equal.

Inputs: every page of ../shared/corpus/pages (text, JSON, Markdown), and the sweble
parser-function suite expanded and parsed with its own templates (the expansion engine's
paths that corpus pages without template sources never reach).
"""
from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import unwiki
from unwiki import _native

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NOW = datetime(2012, 10, 18, 12, 0, 0, tzinfo=UTC)


def main() -> None:
    out: dict[str, object] = {}
    for path in sorted((SHARED / "corpus" / "pages").glob("*/*.wiki")):
        doc = unwiki.parse(path.read_text(encoding="utf-8"), title=unquote(path.stem).replace("_", " "),
                           lang=path.parent.name)
        out[f"page {path.parent.name}/{path.name}"] = [doc.text(), doc.to_dict(), doc.markdown()]
    folder = SHARED / "corpus" / "parsertests" / "sweble_pfn" / "wikitext"
    templates = {unquote(p.name): p.read_text(encoding="utf-8")
                 for p in folder.iterdir() if not p.name.endswith(".wikitext")}
    for path in sorted(folder.glob("*.wikitext")):
        source = path.read_text(encoding="utf-8")
        out[f"expand {path.name}"] = unwiki.expand(source, templates=templates, now=NOW)
        out[f"parse {path.name}"] = unwiki.parse(source, title=path.stem, templates=templates).to_dict()
    json.dump({"build": unwiki.build_kind(), "compiled": _native.compiled_modules(), "outputs": out},
              sys.stdout, ensure_ascii=False, sort_keys=True, default=str)


if __name__ == "__main__":
    main()
