"""The search index on disk: generations, the atomic `current` swap, the sync watermark, a lock.

``index_dir/generations/<id>/`` holds one complete index plus ``state.json`` (the sync
watermark and the schema version; its presence marks the generation finished); ``index_dir/current`` is a relative
symlink to the live generation, replaced atomically with os.replace.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

STATE_FILE = "state.json"
logger = logging.getLogger(__name__)
_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


def live_generation(index_dir: Path) -> Path | None:
    """The finished generation `current` points at, or None when there is none yet."""
    link = index_dir / "current"
    if not link.is_symlink():
        return None
    target = (index_dir / os.readlink(link)).resolve()
    return target if (target / STATE_FILE).exists() else None


def swap(index_dir: Path, generation: Path) -> None:
    """Point `current` at `generation` in one rename: readers see the old or the new, never neither."""
    temporary = index_dir / f".current-{secrets.token_hex(4)}"
    os.symlink(os.path.relpath(generation, index_dir), temporary)
    try:
        os.replace(temporary, index_dir / "current")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_generations(index_dir: Path, keep: set[Path | None], unfinished_only: bool = False) -> None:
    for path in (index_dir / "generations").iterdir():
        if path.resolve() in keep or (unfinished_only and (path / STATE_FILE).exists()):
            continue
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def exclusive(index_dir: Path) -> Iterator[None]:
    """One sync or rebuild at a time per index, across processes (cron, CLI, workers) and threads.

    A POSIX record lock: the kernel drops it when the process that took it ends, however it
    ends, and a forked child never inherits it, so no helper left behind can hold it. The file
    names the holder's pid, for whoever waits. Threads of one process wait on a thread lock
    first (record locks are per process)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with _thread_lock(index_dir), open(index_dir / ".lock", "a+") as handle:
        _wait_for_lock(handle, index_dir)
        try:
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def lock_holder(index_dir: Path) -> int | None:
    """The pid that last took the index lock (it may have ended since), or None."""
    try:
        text = (index_dir / ".lock").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _wait_for_lock(handle, index_dir: Path) -> None:
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        logger.info("index %s: waiting for process %s to finish with it", index_dir, lock_holder(index_dir))
        fcntl.lockf(handle, fcntl.LOCK_EX)


def _thread_lock(index_dir: Path) -> threading.Lock:
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(str(index_dir.resolve()), threading.Lock())


def read_watermark(generation: Path) -> datetime | None:
    value = json.loads((generation / STATE_FILE).read_text()).get("watermark")
    return datetime.fromisoformat(value) if value else None


def read_started(generation: Path) -> datetime | None:
    """When the sync or build that wrote the state began reading the store (None if unknown)."""
    try:
        value = json.loads((generation / STATE_FILE).read_text()).get("read_started")
    except (OSError, ValueError):
        return None
    return datetime.fromisoformat(value) if value else None


def read_schema(generation: Path) -> int | None:
    """The schema version the generation was built with (None: older than versioning, or gone)."""
    try:
        return json.loads((generation / STATE_FILE).read_text()).get("schema")
    except (OSError, ValueError):
        return None


def write_state(generation: Path, watermark: datetime | None, schema: int | None = None,
                read_started: datetime | None = None) -> None:
    """Written last, atomically: its presence is what marks a generation finished."""
    state = {"watermark": watermark.isoformat() if watermark else None, "schema": schema,
             "read_started": read_started.isoformat() if read_started else None,
             "written_at": datetime.now(timezone.utc).isoformat()}
    temporary = generation / f".{STATE_FILE}.tmp"
    temporary.write_text(json.dumps(state))
    os.replace(temporary, generation / STATE_FILE)


def new_generation(index_dir: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    generation = index_dir / "generations" / f"{stamp}-{secrets.token_hex(3)}"
    generation.mkdir(parents=True)
    return generation
