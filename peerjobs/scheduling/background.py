"""A `peerjobs scheduler` process beside another command (the demo's web app), and its end."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from foundation.settings import Settings, environment


def start(settings: Settings, sources_file: Path, log_file: Path, loopback: bool = False,
          schedules: dict | None = None) -> subprocess.Popen:
    """Start a scheduler on these settings and sources, logging to `log_file`; `schedules`
    (keys of config/schedules.yaml) are written beside the log and used instead of the file."""
    environ = environment({"PEERJOBS_DATA_DIR": str(settings.data_dir),
               "PEERJOBS_DATABASE_URL": settings.database_url, "PEERJOBS_INDEX_DIR": str(settings.index_dir),
               "PEERJOBS_SOURCES_FILE": str(sources_file), "PEERJOBS_SMTP_URL": settings.smtp_url,
               "PEERJOBS_PUBLIC_URL": settings.public_url, "PEERJOBS_MAIL_FROM": settings.mail_from,
               "PEERJOBS_OPERATOR_EMAIL": settings.operator_email})
    command = [sys.executable, "-m", "peerjobs.cli", "scheduler"] + (["--loopback"] if loopback else [])
    if schedules is not None:
        schedules_file = Path(log_file).with_name("schedules.yaml")
        schedules_file.write_text(yaml.safe_dump(schedules, sort_keys=False), encoding="utf-8")
        command += ["--schedules", str(schedules_file)]
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "ab") as log:
        process = subprocess.Popen(command, env=environ, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    process.owner_pid = os.getpid()
    return process


def stop(process: subprocess.Popen, timeout: float = 30.0) -> int | None:
    """SIGTERM (the scheduler stops its crawls and frees their locks), SIGKILL after `timeout`.

    A no-op in a forked copy of the starting process (a web server worker leaving)."""
    if getattr(process, "owner_pid", os.getpid()) != os.getpid():
        return None
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    return process.returncode
