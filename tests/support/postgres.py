"""A PostgreSQL server for the suite: the one named, the local one, or a throwaway one."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psycopg

LOCAL_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def answers(url: str) -> bool:
    try:
        with psycopg.connect(_dsn(url), connect_timeout=3) as conn:
            conn.execute("select 1")
        return True
    except psycopg.Error:
        return False


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def postgres_url() -> Iterator[str]:
    named = os.environ.get("PEERJOBS_TEST_POSTGRES_URL")
    if named:
        yield named
        return
    if answers(LOCAL_URL):
        yield LOCAL_URL
        return
    with throwaway_server() as url:
        yield url


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _install_binaries() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError("PostgreSQL is not installed and cannot be installed here; "
                           "set PEERJOBS_TEST_POSTGRES_URL")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", "postgresql"], check=True, env=env)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_server() -> Iterator[str]:
    """initdb + pg_ctl in a temporary folder, removed afterwards."""
    bindir = _binaries()
    if bindir is None:
        _install_binaries()
        bindir = _binaries()
    workdir = Path(tempfile.mkdtemp(prefix="peerjobs-pg-"))
    user_args: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        user_args = ["runuser", "-u", "postgres", "--"]
    datadir, port = workdir / "data", _free_port()
    run = lambda *cmd: subprocess.run([*user_args, *cmd], check=True, capture_output=True)
    run(str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "-A", "trust")
    run(str(bindir / "pg_ctl"), "-D", str(datadir), "-w", "-l", str(workdir / "log"), "-o",
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1", "start")
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while not answers(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        yield url
    finally:
        subprocess.run([*user_args, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def private_schema(url: str) -> Iterator[str]:
    """A schema of its own for one test, dropped afterwards; yields a URL that uses it."""
    name = f"t_{os.getpid()}_{time.monotonic_ns()}"
    with psycopg.connect(_dsn(url), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(_dsn(url), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
