"""The real server: gunicorn workers serving the app on a loopback port, fetched with urllib."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVE = "from webapp import create_app; from webapp.server import serve; serve(create_app, port={port}, workers=2)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PEERJOBS_")}
    env.update(PEERJOBS_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-c", SERVE.format(port=port)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def fetch(url: str, process: subprocess.Popen, within: float = 30.0):
    """The first answer within the time allowed; fails early if the server has died."""
    deadline = time.monotonic() + within
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}: {process.stdout.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"no answer from {url} within {within} seconds")
            time.sleep(0.2)


def test_gunicorn_serves_the_home_page_from_an_empty_data_dir(server, tmp_path):
    base, process = server
    with fetch(base + "/", process) as response:
        assert response.status == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers.get("Set-Cookie") is None
        assert "gunicorn" in response.headers.get("Server", "")
        html = response.read().decode()
    assert 'name="q"' in html and 'name="where"' in html
    assert (tmp_path / "data" / "peerjobs.db").exists()
