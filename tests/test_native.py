"""The compiled build (setup.py, Cython) and the pure-Python sources are one program: same
outputs on real input, and a compiled module never shadows an edited source."""
from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unwiki._native import SourceFirstFinder

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"


def _outputs(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "UNWIKI_PURE"}
    if pure:
        env["UNWIKI_PURE"] = "1"
    done = subprocess.run([sys.executable, str(HERE / "native_outputs.py")], env=env, check=True,
                          capture_output=True, text=True, timeout=600)
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus" / "pages").is_dir(), reason="../shared/corpus is not present")
def test_compiled_modules_give_the_pure_python_outputs():
    compiled = _outputs(pure=False)
    if not compiled["compiled"]:
        if os.environ.get("UNWIKI_EXPECT_NATIVE") == "1":
            pytest.fail("scripts/_setup.sh found a C compiler, yet no unwiki module runs compiled: "
                        "the Cython build in setup.py failed (see `pip install -e . -v`)")
        pytest.skip("pure-Python install (no compiled modules): nothing to compare")
    pure = _outputs(pure=True)
    assert pure["compiled"] == [] and pure["build"] == "pure Python"
    assert "unwiki.parser.inline" in compiled["compiled"]
    a, b = compiled["outputs"], pure["outputs"]
    assert len(a) > 263 and a.keys() == b.keys()
    differ = [k for k in a if a[k] != b[k]]
    assert not differ, f"{len(differ)} outputs differ between compiled and pure Python, e.g. {differ[:5]}"


def _probe(tmp_path: Path, ext_age: float) -> tuple[Path, Path]:
    source = tmp_path / "zz_probe.py"
    source.write_text("X = 1\n")
    ext = tmp_path / ("zz_probe" + importlib.machinery.EXTENSION_SUFFIXES[0])
    ext.write_bytes(b"not loaded by these tests")
    now = time.time()
    os.utime(source, (now, now))
    os.utime(ext, (now + ext_age, now + ext_age))
    return source, ext


def test_a_current_extension_is_left_to_python(tmp_path, monkeypatch):
    monkeypatch.setattr("unwiki._native.PURE", False)
    _probe(tmp_path, ext_age=+10)
    assert SourceFirstFinder().find_spec("unwiki.zz_probe", [str(tmp_path)]) is None


def test_an_extension_older_than_its_source_is_bypassed_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr("unwiki._native.PURE", False)
    source, _ = _probe(tmp_path, ext_age=-10)
    finder = SourceFirstFinder()
    with pytest.warns(RuntimeWarning, match="older than its source"):
        spec = finder.find_spec("unwiki.zz_probe", [str(tmp_path)])
    assert spec is not None and spec.origin == str(source)
    assert finder.stale == ["unwiki.zz_probe"]


def test_unwiki_pure_imports_sources_even_over_a_current_build(tmp_path, monkeypatch):
    monkeypatch.setattr("unwiki._native.PURE", True)
    source, _ = _probe(tmp_path, ext_age=+10)
    spec = SourceFirstFinder().find_spec("unwiki.zz_probe", [str(tmp_path)])
    assert spec is not None and spec.origin == str(source)


def test_modules_outside_unwiki_are_not_touched(tmp_path, monkeypatch):
    monkeypatch.setattr("unwiki._native.PURE", True)
    _probe(tmp_path, ext_age=+10)
    assert SourceFirstFinder().find_spec("zz_probe", [str(tmp_path)]) is None


def test_an_extension_that_cimports_is_stale_when_a_pxd_or_its_module_is_newer(tmp_path, monkeypatch):
    """parser/nodes.pxd shares C functions: a compiled caller older than nodes.pxd or
    nodes.py would fail to import against the pure nodes, so it is bypassed as well; a
    module that cimports nothing from the package is not."""
    monkeypatch.setattr("unwiki._native.PURE", False)
    source, ext = _probe(tmp_path, ext_age=+10)
    finder = SourceFirstFinder()
    finder._shared = ext.stat().st_mtime + 5          # nodes.pxd (or nodes.py) edited after the build
    assert finder.find_spec("unwiki.zz_probe", [str(tmp_path)]) is None
    source.write_text("from cython.cimports.unwiki.parser.nodes import _get\n", encoding="utf-8")
    os.utime(source, (ext.stat().st_mtime - 10,) * 2)
    with pytest.warns(RuntimeWarning):
        spec = finder.find_spec("unwiki.zz_probe", [str(tmp_path)])
    assert spec is not None and spec.origin == str(source)
    finder._shared = ext.stat().st_mtime - 5          # rebuilt since
    assert finder.find_spec("unwiki.zz_probe", [str(tmp_path)]) is None
    source.write_text("X = 1\n", encoding="utf-8")   # the module that has the .pxd
    os.utime(source, (ext.stat().st_mtime - 10,) * 2)
    source.with_suffix(".pxd").write_text("cdef int x\n", encoding="utf-8")
    finder._shared = ext.stat().st_mtime + 5
    assert finder.find_spec("unwiki.zz_probe", [str(tmp_path)]) is not None   # (warned once, above)
    assert finder.stale == ["unwiki.zz_probe"] * 2


_WITHOUT_CYTHON = """
import importlib, pkgutil, sys
sys.modules["cython"] = None            # `import cython` raises ImportError, as in a pure install
import unwiki
from unwiki.runner import RunOptions, run
for info in pkgutil.walk_packages(unwiki.__path__, "unwiki."):
    if not info.name.startswith("unwiki.spark"):       # (needs pyspark, an extra)
        importlib.import_module(info.name)
run(RunOptions([sys.argv[1]], output=sys.argv[2], format="jsonl", workers=0, limit=300, ordered=True))
"""


@pytest.mark.skipif(not (SHARED / "corpus" / "dumps").is_dir(), reason="../shared/corpus is not present")
def test_without_cython_every_module_imports_and_a_dump_converts_the_same(tmp_path):
    """Cython is a build requirement only: an install built without a C compiler runs the
    sources with `preprocessor/cython_shim` standing in for it. Every module must import
    that way (a C type missing from the shim broke the dump reader's import), and the
    records must be the compiled build's."""
    dump = SHARED / "corpus" / "dumps" / "jawiki-head-pages-articles.xml.bz2"
    env = {**os.environ, "UNWIKI_PURE": "1"}
    subprocess.run([sys.executable, "-c", _WITHOUT_CYTHON, str(dump), str(tmp_path / "pure.jsonl")], env=env,
                   check=True, capture_output=True, text=True, timeout=900)
    from unwiki.runner import RunOptions, run

    run(RunOptions([str(dump)], output=str(tmp_path / "main.jsonl"), format="jsonl", workers=0, limit=300,
                   ordered=True))
    pure, main = ((tmp_path / f"{n}.jsonl").read_text(encoding="utf-8").splitlines() for n in ("pure", "main"))
    assert len(main) > 100 and pure == main
