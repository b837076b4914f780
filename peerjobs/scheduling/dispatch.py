"""Where a scheduled crawl runs: a child process here, or a Scrapyd node (scheduling.scrapyd).

A dispatcher starts one source's crawl without waiting for it and describes it as a small
JSON-safe dict, kept in the source's CrawlLock.job, so any scheduler can later ask whether
it still runs and stop it. The crawl itself records its CrawlRun (crawlers.extensions).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any, Mapping, Protocol, runtime_checkable

from crawlers.runner import crawl
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import SourceConfig
from foundation.settings import Settings, variable

logger = logging.getLogger(__name__)

SCRAPYD_URLS_ENV = "PEERJOBS_SCRAPYD_URLS"


@runtime_checkable
class Dispatcher(Protocol):
    def start(self, source: SourceConfig, settings: Settings) -> dict:
        """Start crawling `source`; return the job (JSON-safe, with a "kind"). Raises when
        the crawl cannot be started; the message says why."""

    def is_running(self, job: dict) -> bool:
        """Whether the job is still pending or running."""

    def stop(self, job: dict) -> None:
        """End the job (a no-op when it has ended); returns once it has been told to end."""


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


class LocalDispatcher:
    """Each crawl in a fresh spawned process (Twisted's reactor cannot restart), its log in
    data_dir/logs/crawl-<source>.log."""

    kind = "local"

    def __init__(self, loopback: bool = False, overrides: Mapping[str, Any] | None = None,
                 stop_grace: float = 10.0, log_to_files: bool = True):
        #: Loopback test sites and the demo: no politeness delays.
        self.overrides = {**(LOOPBACK_OVERRIDES if loopback else {}), **(overrides or {})}
        #: How long a crawl told to stop may take to shut down before it is killed.
        self.stop_grace = stop_grace
        self.log_to_files = log_to_files
        self.host = socket.gethostname()
        self._children: dict[int, multiprocessing.process.BaseProcess] = {}

    def start(self, source: SourceConfig, settings: Settings) -> dict:
        overrides = dict(self.overrides)
        log_file = None
        if self.log_to_files and "LOG_FILE" not in overrides:
            log_dir = Path(settings.data_dir) / "logs"
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = str(log_dir / f"crawl-{source.id}.log")
            overrides.update(LOG_FILE=log_file, LOG_FILE_APPEND=False)
        child = multiprocessing.get_context("spawn").Process(
            target=crawl, args=([source], settings, overrides), name=f"crawl-{source.id}")
        child.start()
        self._children[child.pid] = child
        job = {"kind": self.kind, "host": self.host, "pid": child.pid}
        if log_file:
            job["log"] = log_file
        return job

    def is_running(self, job: dict) -> bool:
        child = self._children.get(job.get("pid"))
        if child is not None:
            if child.is_alive():
                return True
            child.join(0)
            return False
        if job.get("host") not in (None, self.host):
            return True  # another machine's crawl; its lock's expiry covers it
        return isinstance(job.get("pid"), int) and pid_alive(job["pid"])

    def exit_code(self, job: dict) -> int | None:
        """The crawl process's exit code, when it was started here and has ended."""
        child = self._children.get(job.get("pid"))
        return None if child is None else child.exitcode

    def stop(self, job: dict) -> None:
        """SIGTERM, so Scrapy shuts down and records the run; SIGKILL after the grace time."""
        pid = job.get("pid")
        child = self._children.get(pid)
        if child is not None:
            if child.is_alive():
                child.terminate()
                child.join(self.stop_grace)
            if child.is_alive():
                child.kill()
                child.join(5)
            return
        if job.get("host") not in (None, self.host) or not isinstance(pid, int):
            logger.warning("cannot stop crawl process %s on %s from %s", pid, job.get("host"), self.host)
            return
        self._signal_until_gone(pid)

    def _signal_until_gone(self, pid: int) -> None:
        for sig, wait in ((signal.SIGTERM, self.stop_grace), (signal.SIGKILL, 5.0)):
            if not pid_alive(pid):
                return
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            deadline = time.monotonic() + wait
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.1)

    def forget(self, job: dict) -> None:
        """Drop an ended child from memory."""
        child = self._children.pop(job.get("pid"), None)
        if child is not None and not child.is_alive():
            child.close()


def dispatcher_for(settings: Settings | None = None, environ: Mapping[str, str] | None = None,
                   loopback: bool = False, overrides: Mapping[str, Any] | None = None) -> Dispatcher:
    """Scrapyd nodes when PEERJOBS_SCRAPYD_URLS is set, else local child processes."""
    if variable(SCRAPYD_URLS_ENV, environ).strip():
        from peerjobs.scheduling.scrapyd import ScrapydDispatcher
        return ScrapydDispatcher.from_env(environ, loopback=loopback, overrides=dict(overrides or {}))
    return LocalDispatcher(loopback=loopback, overrides=overrides)
