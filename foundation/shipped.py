"""Files shipped beside the code (config/*.yaml, the migrations) as real paths, wherever it runs.

From a checkout or an installed package they are plain files. A Scrapyd node imports the
code from the project's egg, a ZIP archive on sys.path: there `Path(__file__)` points inside
the archive, which open() cannot read and Alembic cannot list. The egg is then extracted
once into a cache folder (one per egg content, shared by every crawl of that version) and the
path returned points there.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from foundation.settings import variable

#: Where eggs are extracted; by default a private folder under the system's temp folder.
CACHE_ENV = "PEERJOBS_EGG_CACHE"


class ShippedFileError(RuntimeError):
    """The egg's files cannot be extracted (no usable cache folder)."""


def shipped_path(path: Path | str) -> Path:
    """`path` itself when it exists or lies in no archive; else its extracted copy."""
    path = Path(path)
    if path.exists():
        return path
    found = archive_of(path)
    if found is None:
        return path
    archive, inner = found
    return extracted(archive) / inner


#: libyaml's loader where PyYAML was built with it: the taxonomy and lexicon files load in a
#: tenth of the time, which every crawl and store-writer process pays at its start.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """yaml.safe_load, with libyaml's loader where there is one."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def read_yaml(path: Path | str | None, shipped: Path, error: type[Exception], what: str) -> tuple[Any, Path]:
    """(the parsed YAML, where it was read): `path`, else the shipped file; a file that cannot be
    read or parsed raises `error` naming the file and `what` it holds."""
    source = Path(path) if path else shipped_path(shipped)
    try:
        return load_yaml(source.read_text(encoding="utf-8")), source
    except (OSError, yaml.YAMLError) as problem:
        raise error(f"{source}: cannot read {what}: {problem}") from problem


def archive_of(path: Path) -> tuple[Path, str] | None:
    """(the ZIP archive holding `path`, the path inside it), or None for an ordinary path."""
    for parent in path.parents:
        if parent.is_file():
            if zipfile.is_zipfile(parent):
                return parent, path.relative_to(parent).as_posix()
            return None
    return None


def extracted(archive: Path) -> Path:
    """The folder holding the archive's contents, extracted on first use.

    Concurrent crawls of one egg may race: each extracts into a folder of its own and renames
    it into place; the loser removes its copy and uses the winner's."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()[:24]
    cache = cache_dir()
    target = cache / digest
    if target.is_dir():
        return target
    work = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=cache))
    try:
        with zipfile.ZipFile(archive) as egg:
            egg.extractall(work)
        os.rename(work, target)
    except OSError:
        if not target.is_dir():
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def cache_dir() -> Path:
    """The extraction folder: made private (0700) and refused if another user owns it, since
    the migrations run from there."""
    configured = variable(CACHE_ENV)
    uid = os.getuid()
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / f"peerjobs-eggs-{uid}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != uid or stat.S_IMODE(info.st_mode) & 0o022:
        raise ShippedFileError(f"{folder} belongs to another user or is writable by others; "
                               f"set {CACHE_ENV} to a private folder")
    return folder
