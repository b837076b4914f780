"""Runtime settings, read once from the environment into a typed object."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    index_dir: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("PEERJOBS_DATA_DIR") or "var").resolve()
        database_url = env.get("PEERJOBS_DATABASE_URL") or f"sqlite:///{data_dir / 'peerjobs.db'}"
        index_dir = Path(env.get("PEERJOBS_INDEX_DIR") or data_dir / "index").resolve()
        return cls(data_dir=data_dir, database_url=database_url, index_dir=index_dir)
