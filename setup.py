"""Build step: compile the per-page pipeline (model, preprocessor, expansion, parser,
render, site) to C extension modules with Cython, for about 1.3x its pure-Python speed.

The `.py` sources stay the package: every compiled module is built from its unchanged
`.py`, the extensions are optional (no compiler or no Cython: the pure-Python package
installs and runs, slower), and `unwiki._native` falls back to a module's `.py` when its
extension is older than the source or when UNWIKI_PURE=1. Everything else is in
pyproject.toml.
"""
from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The stages a page goes through; the I/O around them (sources, runner, sinks, spark, cli)
# waits on files and processes, not on the interpreter, and stays Python.
COMPILED_PACKAGES = ("model", "preprocessor", "expansion", "parser", "render", "site")
# ...and the one reader whose work is per byte of the dump: a page's text (see its docstring)
COMPILED_MODULES = ("sources/xmltext.py",)
SRC = Path(__file__).resolve().parent / "src"


def _modules() -> list[str]:
    paths: list[str] = []
    for package in COMPILED_PACKAGES:
        for path in sorted((SRC / "unwiki" / package).rglob("*.py")):
            if path.name != "__init__.py":
                paths.append(str(path.relative_to(SRC.parent)))
    paths.extend(str((SRC / "unwiki" / module).relative_to(SRC.parent)) for module in COMPILED_MODULES)
    return paths


def _extensions() -> list:
    if os.environ.get("UNWIKI_PURE") == "1":
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("unwiki: Cython is not available; installing the pure-Python package")
        return []
    exts = cythonize(_modules(), build_dir="build/cython", quiet=True, nthreads=os.cpu_count() or 1,
                     compiler_directives={"language_level": 3, "binding": True})
    for ext in exts:
        ext.optional = True          # a module that fails to compile stays Python
    return exts


class ParallelBuildExt(build_ext):
    """build_ext on every core: the C files are large and compile one per process."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1


setup(ext_modules=_extensions(), cmdclass={"build_ext": ParallelBuildExt})
