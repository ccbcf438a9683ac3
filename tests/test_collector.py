"""The cycle collector is paused inside paused_collector only, and left as it was found."""
from __future__ import annotations

import gc

import pytest

from kg.collector import paused_collector


def test_the_collector_is_paused_inside_and_runs_again_after():
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error():
    with pytest.raises(ValueError), paused_collector():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused():
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_as_a_decorator_it_pauses_each_call():
    @paused_collector()
    def running() -> bool:
        return gc.isenabled()

    assert (running(), running(), gc.isenabled()) == (False, False, True)
