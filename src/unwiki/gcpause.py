"""Pausing the cyclic garbage collector while one page is expanded, parsed or rendered.

A leaf module (it imports no stage), so every stage may use it.

A page's model is tens of thousands of small container objects built in one go and all
alive until the page is done: collections in the meantime free nothing and only walk them
(and the rest of the heap) again and again, a sixth of the parse time. Reference counting
frees everything as usual while paused; cycles wait for the next collection, which comes as
soon as the collector is back on and enough objects are left over."""
from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` with the collector off while it runs (left alone when already off: nesting, or a
    caller who turned it off)."""
    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()
    return run
