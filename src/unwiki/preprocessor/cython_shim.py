"""What modules compiled in Cython's pure-Python mode use of `cython` when Cython is not
installed: `cclass` leaves a class as it is, `declare` declares nothing (and gives the value,
if one). Import it as
`try: import cython except ImportError: from unwiki.preprocessor.cython_shim import cython`.
`locals` types nothing, `ccall` and `cfunc` leave a function a plain function, `inline` too,
`Py_ssize_t` and `int` are int, `bint` bool, `Py_UCS4` str; `compiled` is False; `no_gc`
leaves a class as it is, `freelist(n)` too; `exceptval(...)` leaves a function as it is."""
from __future__ import annotations

from types import SimpleNamespace

cython = SimpleNamespace(cclass=lambda cls: cls,
                         declare=lambda type_=None, value=None, **kwargs: value,
                         locals=lambda **types: lambda function: function,
                         ccall=lambda function: function, cfunc=lambda function: function,
                         inline=lambda function: function, Py_ssize_t=int, int=int, bint=bool,
                         Py_UCS4=str, compiled=False, no_gc=lambda cls: cls,
                         freelist=lambda size: lambda cls: cls,
                         exceptval=lambda *args, **kwargs: lambda function: function)
