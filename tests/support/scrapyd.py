"""Real Scrapyd nodes on loopback, and the project's egg built and deployed the documented way."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping
from urllib.error import URLError
from urllib.request import urlopen

from tests.support.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: What an egg is built from: scrapy.cfg and setup.py, the packages and config/.
PROJECT_FILES = ("scrapy.cfg", "setup.py", "pyproject.toml", "README.md", "config",
                 "crawlers", "indexer", "peerjobs", "webapp")

CONF = """[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {dir}/eggs
logs_dir = {dir}/logs
dbs_dir = {dir}/dbs
items_dir =
jobs_dir =
max_proc = {max_proc}
poll_interval = 0.5
"""


def answers(url: str) -> bool:
    try:
        with urlopen(f"{url}/daemonstatus.json", timeout=2) as response:
            return json.loads(response.read()).get("status") == "ok"
    except (URLError, OSError, ValueError):
        return False


@contextmanager
def scrapyd_node(folder: Path, env: Mapping[str, str] | None = None, max_proc: int = 2,
                 timeout: float = 30) -> Iterator[str]:
    """The URL of a Scrapyd serving on a free loopback port from `folder`; stopped afterwards.

    The node runs in `folder` (no scrapy.cfg above it) and without PYTHONPATH, so its jobs
    import the project from the deployed egg, not from this checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (folder / "scrapyd.conf").write_text(CONF.format(port=port, dir=folder, max_proc=max_proc))
    environ = {key: value for key, value in os.environ.items()
               if key != "PYTHONPATH" and not key.startswith("SCRAPY")}
    environ.update(env or {})
    log = open(folder / "scrapyd.log", "wb")
    process = subprocess.Popen([str(BIN / "scrapyd"), "--pidfile", ""], cwd=folder, env=environ,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Scrapyd did not start:\n{(folder / 'scrapyd.log').read_text()[-3000:]}")
            time.sleep(0.1)
        yield url
    finally:
        _stop(process)
        log.close()


def _stop(process: subprocess.Popen) -> None:
    """Scrapyd and the crawls it started (one process group) end, politely first."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def project_copy(folder: Path, targets: Mapping[str, str]) -> Path:
    """The project's files copied to `folder`, its scrapy.cfg naming the deploy `targets`
    (name -> URL) as an operator's ~/.scrapy.cfg would; building there leaves the checkout
    untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, folder / name)
    with open(folder / "scrapy.cfg", "a", encoding="utf-8") as cfg:
        for name, url in targets.items():
            cfg.write(f"\n[deploy:{name}]\nurl = {url}/\n")
    return folder


def scrapyd_deploy(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`scrapyd-deploy ARGS` run in the project folder, as docs/operations.md says."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("SCRAPY")}
    result = subprocess.run([str(BIN / "scrapyd-deploy"), *args], cwd=project, env=environ,
                            capture_output=True, text=True, timeout=180)
    if result.returncode != 0:
        raise RuntimeError(f"scrapyd-deploy {' '.join(args)} failed:\n{result.stderr}\n{result.stdout}")
    return result
