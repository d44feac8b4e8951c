"""Loading pyarrow without its optional look-ups, in processes unwiki owns.

pyarrow asks at import whether numpy is installed, and `pa.array` asks on its first call
whether pandas is: when they are, each answer costs loading it (numpy: about 0.09 s of
the 0.15 s `import pyarrow.parquet` takes here; pandas: 0.24 s in every worker). A
Parquet run builds tables from Python lists and writes them; it never needs either. So
the CLI process and the workers get "not installed" for those names while pyarrow asks,
and nothing else: the finder is removed right after, and a later `import numpy` works.
pyarrow then keeps its numpy-free mode for the life of the process, which is why this is
done only where unwiki owns the process (the CLI), never in a library caller's.
Numpy has been optional to pyarrow since 18.0, the version pyproject.toml asks for.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class _Refuse:
    """A meta-path finder that answers "not installed" for some top-level packages."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".", 1)[0] in self.names:
            raise ImportError(f"{name} is not needed in this unwiki process")


@contextmanager
def refusing(*names: str) -> Iterator[None]:
    """While inside, importing any of `names` (not already imported) fails."""
    finder = _Refuse(names)
    sys.meta_path.insert(0, finder)  # type: ignore[arg-type]
    try:
        yield
    finally:
        sys.meta_path.remove(finder)  # type: ignore[arg-type]


def load_pyarrow_without_numpy() -> None:
    """Import pyarrow and pyarrow.parquet with numpy refused (the CLI, before a Parquet
    run). Nothing to do when either is already loaded."""
    if "pyarrow" in sys.modules or "numpy" in sys.modules:
        return
    with refusing("numpy"):
        import pyarrow.parquet  # noqa: F401
