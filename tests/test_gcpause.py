"""The collector is off while a page is processed and back on afterwards, whatever happens."""
import gc

import pytest

from unwiki.gcpause import gc_paused


def test_paused_inside_and_restored_after():
    seen = []
    work = gc_paused(lambda: seen.append(gc.isenabled()) or "done")
    assert gc.isenabled()
    assert work() == "done"
    assert seen == [False]
    assert gc.isenabled()


def test_restored_after_an_exception():
    @gc_paused
    def boom():
        raise ValueError("bad page")

    with pytest.raises(ValueError):
        boom()
    assert gc.isenabled()


def test_nested_and_caller_disabled_are_left_alone():
    inner = gc_paused(gc.isenabled)
    outer = gc_paused(lambda: (inner(), gc.isenabled()))
    assert outer() == (False, False)
    assert gc.isenabled()
    gc.disable()
    try:
        gc_paused(lambda: None)()
        assert not gc.isenabled()   # the caller's choice is kept
    finally:
        gc.enable()


def test_parse_runs_with_the_collector_paused(monkeypatch):
    import unwiki
    from unwiki import api

    states = []
    real = api.expand_page
    monkeypatch.setattr(api, "expand_page", lambda text, ctx: states.append(gc.isenabled()) or real(text, ctx))
    assert unwiki.parse("'''x'''").text() == "x\n"
    assert states == [False] and gc.isenabled()
