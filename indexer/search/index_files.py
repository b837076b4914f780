"""The search index on disk: generations, the atomic `current` swap, the sync watermark, a lock.

``index_dir/generations/<id>/`` holds one complete index plus ``state.json`` (the sync
watermark and the schema version; its presence marks the generation finished); ``index_dir/current`` is a relative
symlink to the live generation, replaced atomically with os.replace.
"""
from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

STATE_FILE = "state.json"


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
    """One sync or rebuild at a time per index, across processes (cron, CLI, workers)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
