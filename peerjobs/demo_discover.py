"""The demo's discovery part: the sample homepages on loopback, their organizations.csv and
routes in the demo's data directory, and the `peerjobs discover` command that reads them."""
from __future__ import annotations

import shlex
from pathlib import Path
from typing import Callable, Mapping

#: What the printed command sets beside the data directory: the key and e-mail the sample USAJOBS
#: board checks for (`--loopback` lets the loopback sites through the network guard).
DEMO_ENVIRONMENT = {"PEERJOBS_USAJOBS_API_KEY": "demo-key",
                    "PEERJOBS_USAJOBS_EMAIL": "demo@peerjobs.invalid"}


def discover_command_line(data_dir: Path, csv_path: Path, sources_file: Path, routes: Mapping[str, str]) -> str:
    """The exact command that discovers the sample homepages' boards into the demo's store."""
    environment = {"PEERJOBS_DATA_DIR": str(data_dir), **DEMO_ENVIRONMENT}
    words = [f"{name}={shlex.quote(value)}" for name, value in environment.items()]
    words += [".venv/bin/peerjobs", "discover", shlex.quote(str(csv_path)), "--loopback",
              "--sources", shlex.quote(str(sources_file))]
    for host, base in sorted(routes.items()):
        words += ["--route", shlex.quote(f"{host}={base}")]
    return " ".join(words)


def start_homepages(data_dir: Path, sources_file: Path, echo: Callable[..., None]):
    """Start the sample homepages (the caller stops them) and say how to discover their boards."""
    from peerjobs.demo.homepages import start_for_demo

    world = start_for_demo(data_dir, echo)
    routes = world.routes()
    (data_dir / "routes.txt").write_text("".join(f"{host}={base}\n" for host, base in sorted(routes.items())),
                                         encoding="utf-8")
    command = discover_command_line(data_dir, data_dir / "organizations.csv", sources_file, routes)
    (data_dir / "discover.sh").write_text(command + "\n", encoding="utf-8")
    echo(f"Discovery: find these organizations' job boards into the review queue (also in {data_dir / 'discover.sh'}):")
    echo(f"  {command}")
    return world
