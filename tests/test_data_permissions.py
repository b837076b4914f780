"""The store's files are private: the data folder 0700, the SQLite file and its WAL 0600."""
import os
import stat

import pytest
from sqlalchemy import text

from foundation.settings import Settings
from indexer.store import db


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_store_is_private(tmp_path, usual_umask):
    data = tmp_path / "var" / "data"
    engine = db.make_engine(f"sqlite:///{data / 'peerjobs.db'}")
    db.migrate(engine)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        written = [path for path in data.iterdir()]
        modes = {path.name: mode(path) for path in written}
    engine.dispose()
    assert mode(data) == 0o700
    assert modes["peerjobs.db"] == 0o600
    assert all(value == 0o600 for value in modes.values()), modes


def test_the_data_folder_made_for_the_secret_key_is_private(tmp_path, usual_umask):
    settings = Settings(data_dir=tmp_path / "fresh", database_url="sqlite://", index_dir=tmp_path / "index")
    assert settings.secret_key
    assert mode(tmp_path / "fresh") == 0o700
    assert mode(tmp_path / "fresh" / "secret_key") == 0o600

