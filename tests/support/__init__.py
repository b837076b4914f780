"""Shared test support."""
from __future__ import annotations

from pathlib import Path

from foundation.settings import Settings


def folder_settings(folder: Path) -> Settings:
    """A SQLite store and its search index inside `folder`."""
    return Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}", index_dir=folder / "index")
