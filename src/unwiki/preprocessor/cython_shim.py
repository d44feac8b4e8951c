"""What modules compiled in Cython's pure-Python mode use of `cython` when Cython is not
installed (a pure install: no C compiler at build time, and Cython is only a build
requirement). Import it as
`try: import cython except ImportError: from unwiki.preprocessor.cython_shim import cython`.

`cclass` leaves a class as it is, `declare` declares nothing (and gives the value, if one),
`locals` types nothing, `ccall`, `cfunc`, `inline` and `exceptval(...)` leave a function as
it is, `no_gc` and `freelist(n)` a class; the C types (`Py_ssize_t`, `int`, `long`, `uchar`,
`bint`, `Py_UCS4`, pointer types) are Python types that stand for them in annotations;
`compiled` is False. `cast`, `NULL` and `pointer` exist for code under `if cython.compiled:`,
which never runs here. `tests/test_native.py` imports every module with Cython hidden."""
from __future__ import annotations

from types import SimpleNamespace

cython = SimpleNamespace(cclass=lambda cls: cls,
                         declare=lambda type_=None, value=None, **kwargs: value,
                         locals=lambda **types: lambda function: function,
                         ccall=lambda function: function, cfunc=lambda function: function,
                         inline=lambda function: function, Py_ssize_t=int, int=int, long=int,
                         uchar=int, bint=bool, Py_UCS4=str, p_uchar=bytes, p_char=bytes,
                         p_ushort=object, p_void=object, pointer=lambda type_: object,
                         cast=lambda type_, value, **kwargs: value, NULL=None, compiled=False,
                         no_gc=lambda cls: cls, freelist=lambda size: lambda cls: cls,
                         exceptval=lambda *args, **kwargs: lambda function: function)
