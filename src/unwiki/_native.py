"""Which of unwiki's modules run compiled, and the rule that keeps the `.py` authoritative.

`setup.py` may build each module of the per-page pipeline into a C extension beside its
`.py` (same source, compiled by Cython). Python would import such an extension even after
its `.py` was edited; the finder installed here imports the `.py` instead when the
extension is older than it (a stale build: warned once) or when UNWIKI_PURE=1 (the
pure-Python fallback, which the tests compare with the compiled modules).

A `.pxd` (parser/nodes.pxd) shares C functions between compiled modules: an extension
that calls them fails to import when the module holding them runs from its `.py`. So an
extension whose source cimports from the package, or has a `.pxd` beside it, is stale too
when it is older than any `.pxd` of the package, or than the `.py` beside one.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import warnings
from importlib.machinery import ModuleSpec
from pathlib import Path

PURE = os.environ.get("UNWIKI_PURE") == "1"
_EXT_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


class SourceFirstFinder:
    """Imports an `unwiki.*` module from its `.py` when its extension must not be used.
    (A meta path finder needs only `find_spec`; importlib.abc's base class would cost an
    import of importlib.resources at every start.)"""

    def __init__(self) -> None:
        self.stale: list[str] = []
        self._shared: float | None = None

    def _shared_mtime(self) -> float:
        """The newest of the package's `.pxd` files and of the `.py` beside each."""
        if self._shared is None:
            newest = 0.0
            for pxd in Path(__file__).parent.rglob("*.pxd"):
                for f in (pxd, pxd.with_suffix(".py")):
                    try:
                        newest = max(newest, f.stat().st_mtime)
                    except FileNotFoundError:
                        pass
            self._shared = newest
        return self._shared

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if not fullname.startswith("unwiki.") or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        for folder in path:
            source = Path(folder, leaf + ".py")
            ext = _extension(Path(folder), leaf)
            if ext is None:
                continue
            if not PURE:
                try:
                    built = ext.stat().st_mtime
                    if built >= source.stat().st_mtime and (
                            built >= self._shared_mtime() or not _shares_c(source)):
                        return None               # a current build: let Python import it
                except FileNotFoundError:
                    return None
                self._warn_stale(fullname)
            if source.is_file():
                return importlib.util.spec_from_file_location(fullname, source)
        return None

    def _warn_stale(self, fullname: str) -> None:
        if not self.stale:
            warnings.warn(f"unwiki: the compiled {fullname} is older than its source; using the "
                          "Python sources of such modules (rebuild with `pip install -e .`)",
                          RuntimeWarning, stacklevel=3)
        self.stale.append(fullname)


def _shares_c(source: Path) -> bool:
    """Whether the module's build depends on a `.pxd` of the package: it has one beside it,
    or it cimports from the package."""
    return source.with_suffix(".pxd").is_file() or b"cimports.unwiki." in source.read_bytes()


def _extension(folder: Path, leaf: str) -> Path | None:
    for suffix in _EXT_SUFFIXES:
        candidate = folder / (leaf + suffix)
        if candidate.is_file():
            return candidate
    return None


FINDER = SourceFirstFinder()


def install() -> None:
    if FINDER not in sys.meta_path:
        sys.meta_path.insert(0, FINDER)


def compiled_modules() -> list[str]:
    """Names of the unwiki modules imported so far that run as compiled extensions."""
    return sorted(name for name, mod in list(sys.modules.items())
                  if name.startswith("unwiki.") and (getattr(mod, "__file__", "") or "").endswith(_EXT_SUFFIXES))
