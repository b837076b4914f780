"""Real processes for the kill tests: start a Python snippet, wait for a pid to be gone."""
from __future__ import annotations

import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python(code: str, *args: str, **options) -> subprocess.Popen:
    """A child Python running `code` from the project's root, its stdout a text pipe."""
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, **options)


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = next((line.split()[1] for line in status.splitlines() if line.startswith("State:")), "?")
    return state not in ("Z", "X")


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.05)
    return not running(pid)


def children_of(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [int(child) for child in listed]


class StallingServer:
    """A loopback HTTP server that takes each request and never answers (until it is closed):
    a site that hangs a crawl. `requests` is set once the first request has come in."""

    def __init__(self) -> None:
        self.requests = threading.Event()
        self.closing = threading.Event()
        server = self

        class Stall(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.recv(65536)
                server.requests.set()
                server.closing.wait(120)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Stall)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "StallingServer":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        return self

    def __exit__(self, *_exc) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()
