"""The sample homepages: invented agencies' websites on loopback, each labeled with what a
careers-page discovery should find on it (a platform and board URL, or a dead end).

Every organization is its own host (its own port), so robots.txt and per-domain throttling are
per organization; one event loop in one thread serves them all, with the sample boards
(peerjobs/demo/boards/) they link to. API platforms are linked by their real board URLs
(https://job-boards.greenhouse.io/harborlight); `routes()` says which loopback board answers
for each such host. Hosted platforms are linked on the loopback board server itself.

    with HomepageWorld() as world:
        world.write_csv(tmp / "orgs.csv")
        for org in world.organizations: org.website, org.expect

The catalog format is described at the top of homepages.yaml.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from peerjobs.demo.boards import BOARDS_DIR, BoardServer, Request
from peerjobs.demo.content import TEMPLATES_DIR
from peerjobs.demo.homepage_catalog import (
    BOARD_ENTRY_KEYS, HELDOUT_FILE, HOMEPAGES_FILE, Organization, board_hosts, boards_needed, expected_source,
    filler, load_catalog, organization,
)
from peerjobs.demo.homepage_csv import write_organizations_csv
from peerjobs.demo.homepage_site import HomepageSite
from peerjobs.demo.loopback_hosts import Answer, LoopbackHosts

__all__ = ["HELDOUT_FILE", "HOMEPAGES_FILE", "HomepageWorld", "Organization", "expected_source", "start_for_demo"]


class _Slot:
    """A host's handler, set once every host's URL is known."""

    def __init__(self) -> None:
        self.target = None

    def __call__(self, request: Request) -> Answer:
        return self.target(request)


class _LoopBoard(BoardServer):
    """A sample board answered by the world's event loop instead of a server of its own."""

    def __init__(self, folder: Path, base: str) -> None:
        super().__init__(folder)
        self._base = base

    @property
    def base_url(self) -> str:
        return self._base


class HomepageWorld:
    def __init__(self, catalog: Path = HOMEPAGES_FILE) -> None:
        self.catalog = Path(catalog)
        self.entries = load_catalog(self.catalog)
        self.organizations: list[Organization] = []
        self.boards: dict[str, BoardServer] = {}
        self._hosts: LoopbackHosts | None = None
        self._env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]))

    def start(self) -> "HomepageWorld":
        """Bind every board's and site's port first (so each page can name any URL), then serve."""
        hosts, bases = LoopbackHosts(), {}
        self.boards = {folder: self._add_board(hosts, folder, bases) for folder in boards_needed(self.entries)}
        slots = {entry["id"]: self._add_site(hosts, entry, bases) for entry in self.entries}
        self.organizations = []
        for entry in self.entries:
            site = bases[f"org:{entry['id']}"]
            fill = filler(bases, site)
            slots[entry["id"]].target = HomepageSite(entry, site, fill, self._env).respond
            self.organizations.append(organization(entry, site, fill))
        self._hosts = hosts.start()
        return self

    def _add_board(self, hosts: LoopbackHosts, folder: str, bases: dict[str, str]) -> BoardServer:
        slot = _Slot()
        bases[f"board:{folder}"] = hosts.add(slot)
        board = _LoopBoard(BOARDS_DIR / folder, bases[f"board:{folder}"])
        slot.target = board.respond
        return board

    def _add_site(self, hosts: LoopbackHosts, entry: dict[str, Any], bases: dict[str, str]) -> _Slot:
        slot = _Slot()
        bases[f"org:{entry['id']}"] = hosts.reserve_closed() if entry.get("refused") else hosts.add(slot)
        return slot

    def stop(self) -> None:
        if self._hosts is not None:
            self._hosts.stop()
            self._hosts = None

    def __enter__(self) -> "HomepageWorld":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def get(self, org_id: str) -> Organization:
        return next(org for org in self.organizations if org.id == org_id)

    def routes(self) -> dict[str, str]:
        """Real ATS host -> the loopback base URL answering that board's API (a source's api_url)."""
        found: dict[str, str] = {}
        for board in self.boards.values():
            entry = board.board.source_entry
            if "api_url" not in entry:
                continue
            found.update({host: board.base_url for host in board_hosts(entry)})
        return found

    def recorded_options(self) -> dict[str, dict[str, Any]]:
        """Real ATS host -> the source keys its recorded board needs besides `api_url` (the
        page size and search words it was recorded with: it answers no other pages)."""
        found: dict[str, dict[str, Any]] = {}
        for board in self.boards.values():
            entry = board.board.source_entry
            if "api_url" in entry:
                extra = {k: v for k, v in entry.items() if k not in BOARD_ENTRY_KEYS}
                found.update({host: extra for host in board_hosts(entry)})
        return found

    def trial_source(self, org: Organization) -> dict[str, Any] | None:
        """The organization's expected source, ready for a trial crawl on loopback."""
        return expected_source(org, self.routes(), self.recorded_options())

    def write_csv(self, path: Path | str, style: str = "peerjobs") -> Path:
        return write_organizations_csv(self.organizations, Path(path), style)


def start_for_demo(data_dir: Path, echo=print) -> HomepageWorld:
    """Start the sample homepages and write their organizations (with this run's ports) to
    DATA_DIR/organizations.csv, for `peerjobs discover` to read; the caller stops the world."""
    world = HomepageWorld().start()
    path = world.write_csv(Path(data_dir) / "organizations.csv")
    echo(f"Sample homepages: {len(world.organizations)} organizations on loopback, listed in {path}")
    return world
