"""Pass rates of template expansion on the sweble suites in ../shared (expandtemplates output).

    .venv/bin/python benchmarks/expansion_passrates.py [-v] [--set pfn|obama]

sweble_pfn: per expected output line (comments dropped, blank lines ignored, as the suite's
expected files do). sweble_mass_expansion_barack_obama: per case, exact match of
`expand_text` against the expected expansion; cases whose expansion reaches a Lua module
(#invoke) are reported apart.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

from unwiki.expansion.context import ExpandContext
from unwiki.expansion.engine import Expander
from unwiki.expansion.page import expand_text
from unwiki.preprocessor import preprocess
from unwiki.site import SiteConfig, get_site, parse_title
from unwiki.site.config import build_site

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SUITES = SHARED / "corpus" / "parsertests"
TEMPLATES = SHARED / "corpus" / "templates"
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SECTION = re.compile(r"^==\[ ([A-Z ]+) \]=+$", re.MULTILINE)
NOW = datetime(2012, 10, 18, 12, 0, 0, tzinfo=UTC)  # when the suite was recorded


@dataclass
class LocalSite(SiteConfig):
    """The wiki the suites were recorded on: http://localhost/?title=…"""

    article_path: str = "/?title=$1"
    script: str = "/"


def local_site() -> SiteConfig:
    base = build_site("en")
    site = LocalSite(lang="en")
    for name in base.__slots__:
        setattr(site, name, getattr(base, name))
    site.server = "http://localhost"
    return site


_RECORDING_ESCAPES = re.compile(r"&#x(3D|7B|7C|7D);", re.IGNORECASE)


def _unescape_recording(text: str) -> str:
    """The suite's statements write `=`, `{`, `|`, `}` inside argument values as hex
    references (so the recorded call keeps its structure); its expected outputs show the
    characters themselves, so the same references are read back here."""
    return _RECORDING_ESCAPES.sub(lambda m: chr(int(m.group(1), 16)), text)


def obama_templates() -> dict[str, str]:
    out: dict[str, str] = {}
    index = TEMPLATES / "INDEX.tsv"
    for line in index.read_text(encoding="utf-8").splitlines()[1:]:
        path, title, _size = line.split("\t")
        if "sweble_barack_obama" not in path or not path.endswith(".wikitext"):
            continue
        title = re.sub(r" \(rev \d+\)$", "", title)
        out[title] = (TEMPLATES / path).read_text(encoding="utf-8")
    return out


def parse_case(text: str) -> dict[str, str]:
    parts = _SECTION.split(text)
    return {parts[k]: parts[k + 1][1:-1] if parts[k + 1].endswith("\n") else parts[k + 1][1:]
            for k in range(1, len(parts) - 1, 2)}


def run_obama(verbose: bool) -> tuple[int, int, int, int]:
    folder = SUITES / "sweble_mass_expansion_barack_obama"
    site = local_site()
    templates = obama_templates()
    title = parse_title("Barack Obama", site)
    passed = total = lua = lua_passed = 0
    for path in sorted(folder.glob("*.txt")):
        case = parse_case(path.read_text(encoding="utf-8"))
        statement = case.get("STATEMENT")
        expected = case.get("EXPECTED EXPANSION")
        if statement is None or expected is None:
            continue
        ctx = ExpandContext(title=title, site=site, templates=templates, now=NOW)
        got = expand_text(statement, ctx)
        probe = Expander(ctx, page_mode=False)
        probe.expand(preprocess(statement), probe.root)
        needs_lua = any(name.startswith("Module:") for name, _ in probe.counts)
        ok = _unescape_recording(got) == expected
        if needs_lua:
            lua += 1
            lua_passed += ok
        else:
            total += 1
            passed += ok
        if verbose and not ok:
            print(f"--- FAIL {path.name}{' (lua)' if needs_lua else ''}\n{statement[:300]}\n"
                  f"  want: {expected[:400]!r}\n  got:  {got[:400]!r}")
    return passed, total, lua_passed, lua


def run_pfn(verbose: bool, exclude: tuple[str, ...] = ()) -> tuple[int, int]:
    folder = SUITES / "sweble_pfn"
    site = local_site()
    templates = {}
    for path in (folder / "wikitext").iterdir():
        if not path.name.endswith(".wikitext"):
            templates[unquote(path.name)] = path.read_text(encoding="utf-8")
    passed = total = 0
    for path in sorted((folder / "wikitext").glob("*.wikitext")):
        if path.stem in exclude:
            continue
        want_path = folder / "expanded" / path.name
        if not want_path.exists():
            continue
        ctx = ExpandContext(title=None, site=site, templates=templates, now=NOW)
        got = expand_text(path.read_text(encoding="utf-8"), ctx)
        got_lines = [ln.strip() for ln in _COMMENT.sub("", got).splitlines() if ln.strip()]
        want_lines = [ln.strip() for ln in _COMMENT.sub("", want_path.read_text(encoding="utf-8")).splitlines()
                      if ln.strip()]
        for k, want in enumerate(want_lines):
            total += 1
            have = got_lines[k] if k < len(got_lines) else None
            if have == want:
                passed += 1
            elif verbose:
                print(f"--- FAIL {path.name} line {k + 1}: want {want!r} got {have!r}")
    return passed, total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--set", choices=["pfn", "obama", "all"], default="all")
    args = ap.parse_args()
    if not SUITES.exists():
        print(f"skip: {SUITES} is absent")
        return 0
    if args.set in ("pfn", "all"):
        p, t = run_pfn(args.verbose)
        print(f"sweble_pfn: {p}/{t} lines = {100 * p / max(t, 1):.1f}%")
        p, t = run_pfn(False, exclude=("pfn-convert",))
        print(f"sweble_pfn without pfn-convert ({{{{convert}}}} has no source in the suite): "
              f"{p}/{t} lines = {100 * p / max(t, 1):.1f}%")
    if args.set in ("obama", "all"):
        p, t, lp, lt = run_obama(args.verbose)
        print(f"sweble_mass_expansion_barack_obama: {p}/{t} = {100 * p / max(t, 1):.1f}% "
              f"(cases reaching Lua: {lp}/{lt} pass, excluded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
del get_site
