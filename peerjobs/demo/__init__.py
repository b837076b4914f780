"""Sample careers sites of invented behavioral-health agencies, served on loopback.

Used by `make demo` and as fixtures by the test suite; see server.py.
"""
from __future__ import annotations

__all__ = ["SampleSites"]


def __getattr__(name: str):
    # Imported lazily so `python -m peerjobs.demo.server` does not load the module twice.
    if name == "SampleSites":
        from peerjobs.demo.server import SampleSites
        return SampleSites
    raise AttributeError(name)
