"""Child processes that end with their parent, and stop signals turned into a clean exit.

A helper process left behind by a parent killed with SIGKILL keeps what it inherited (an index
lock, hundreds of megabytes) until someone kills it by hand. On Linux the kernel sends the child
a signal the moment its parent dies (prctl PR_SET_PDEATHSIG); elsewhere, and as a second line,
`parent_gone` tells a child that polls whether it has been re-parented.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

_PR_SET_PDEATHSIG = 1
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a child: the kernel kills it when its parent ends (Linux)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_gone(parent_pid):  # the parent died before prctl took effect
        os._exit(1)


def parent_gone(parent_pid: int) -> bool:
    return os.getppid() != parent_pid


class Stopped(BaseException):
    """SIGTERM or SIGINT arrived; raised in the main thread so `finally` blocks run."""


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, the first SIGTERM or SIGINT raises Stopped; later ones are ignored, so
    the clean-up they interrupt runs to its end. The handlers before are put back after."""
    def stop(number, _frame):
        for each in STOP_SIGNALS:
            signal.signal(each, signal.SIG_IGN)
        raise Stopped(signal.Signals(number).name)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

