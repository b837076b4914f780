"""Fake careers sites of behavioral-health agencies, served on loopback (content: content.py).

`make demo` crawls them and the test suite uses them as fixtures, so every site
behaves like a small real one: its own host, robots.txt, a listing page, posting
pages carrying schema.org JobPosting JSON-LD in the shapes found in the wild, and
a few deliberate traps (malformed JSON-LD, an Event page, a /private/ posting, a
hostile description). Dates are computed when a page is served so the demo
always looks current.
"""
from __future__ import annotations

import argparse
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from peerjobs.background_server import BackgroundServer
from peerjobs.demo.content import (
    STATE_NAMES, TEMPLATES_DIR, event_jsonld, jsonld_blocks, load_agencies, pay_text, posting_path,
)


class Controls:
    """State the lifecycle tests change while servers run; shared by every handler thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hidden: set[tuple[str, str]] = set()
        self.failures: dict[str, int] = {}
        self.counts: Counter[str] = Counter()

    def is_hidden(self, agency_id: str, posting_id: str) -> bool:
        with self.lock:
            return (agency_id, posting_id) in self.hidden

    def count(self, agency_id: str) -> int | None:
        """Record one request; return the forced failure status, if any."""
        with self.lock:
            self.counts[agency_id] += 1
            return self.failures.get(agency_id)


@dataclass
class Response:
    status: int
    body: str = ""
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)


class AgencySite:
    """One agency's website: maps a path to a page."""

    def __init__(self, agency: dict, base: str, controls: Controls, env: Environment) -> None:
        self.agency, self.base, self.controls, self.env = agency, base, controls, env
        self.postings = {posting_path(p): p for p in agency["postings"]}
        self.events = {f"/careers/{e['id']}/": e for e in agency["events"]}

    def respond(self, raw_path: str) -> Response:
        failure = self.controls.count(self.agency["id"])
        if failure:
            return Response(failure, f"<h1>Error {failure}</h1>")
        url = urlsplit(raw_path)
        if url.path == "/robots.txt":
            return Response(200, "User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8")
        response = self._route(url.path.rstrip("/") + "/", parse_qs(url.query))
        if response.status == 200 and not url.path.endswith("/"):
            return Response(301, headers={"Location": self.base + url.path + "/"})
        return response

    def _route(self, path: str, query: dict) -> Response:
        if path == "/":
            return self._page("home.html")
        if path == "/careers/":
            return self._listing(query.get("page", ["1"])[0])
        if path in self.events:
            return self._event(self.events[path])
        posting = self.postings.get(path)
        if posting and self._visible(posting):
            return self._posting(posting)
        return self._page("not_found.html", status=404)

    def _visible(self, posting: dict) -> bool:
        return not self.controls.is_hidden(self.agency["id"], posting["id"])

    def _page(self, template: str, status: int = 200, **context) -> Response:
        body = self.env.get_template(template).render(
            agency=self.agency, base=self.base, **context)
        return Response(status, body)

    def _listing(self, page_arg: str) -> Response:
        postings = [p for p in self.agency["postings"] if self._visible(p)]
        size = self.agency.get("page_size") or max(len(postings), 1)
        pages = max((len(postings) + size - 1) // size, 1)
        page = int(page_arg) if page_arg.isdigit() else 1
        if not 1 <= page <= pages:
            return self._page("not_found.html", status=404)
        shown = postings[(page - 1) * size: page * size]
        return self._page("listing.html", postings=shown, page=page, pages=pages,
                          events=self.agency["events"] if page == 1 else [],
                          posting_path=posting_path, pay_text=pay_text)

    def _posting(self, posting: dict) -> Response:
        today = date.today()
        return self._page("posting.html", posting=posting, pay=pay_text(posting.get("salary")),
                          posted=today - timedelta(days=posting["days_ago"]),
                          blocks=jsonld_blocks(self.agency, posting, self.base, today),
                          location=self._location_text(posting))

    def _event(self, event: dict) -> Response:
        today = date.today()
        return self._page("event.html", event=event,
                          when=today + timedelta(days=event["days_ahead"]),
                          block=event_jsonld(self.agency, event, self.base, today))

    def _location_text(self, posting: dict) -> str:
        if posting.get("remote"):
            return f"Remote ({STATE_NAMES[self.agency['state']]} residents)"
        site = posting.get("location") or self.agency
        return f"{site['street']}, {site['city']}, {self.agency['state']} {site['zip']}"


# --------------------------------------------------------------------------- HTTP


class _Handler(BaseHTTPRequestHandler):
    server_version = "AgencyCMS/1.0"

    def do_GET(self) -> None:
        self._send(self.server.site.respond(self.path), with_body=True)

    def do_HEAD(self) -> None:
        self._send(self.server.site.respond(self.path), with_body=False)

    def _send(self, response: Response, with_body: bool) -> None:
        body = response.body.encode("utf-8")
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the demo and the tests print their own summaries."""


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site_factory) -> None:
        super().__init__(address, _Handler)
        self.site = site_factory(f"http://{address[0]}:{self.server_address[1]}")


def _can_bind(host: str) -> bool:
    """Linux routes all of 127/8 to loopback; macOS and others only 127.0.0.1 by default."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind((host, 0))
        return True
    except OSError:
        return False


class SampleSites:
    """Every agency's site, each on its own loopback address (or port), in daemon threads."""

    def __init__(self, host_prefix: str = "127.0.0", base_port: int = 0,
                 separate_hosts: bool = True, data_path: Path | None = None) -> None:
        self.host_prefix, self.base_port, self.separate_hosts = host_prefix, base_port, separate_hosts
        self.agencies = load_agencies(data_path)
        self.controls = Controls()
        self.env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)),
                               autoescape=select_autoescape(["html"]))
        self._servers: dict[str, BackgroundServer] = {}

    def start(self) -> "SampleSites":
        separate = self.separate_hosts and _can_bind(f"{self.host_prefix}.2")
        try:
            for index, agency in enumerate(self.agencies):
                host = f"{self.host_prefix}.{index + 2}" if separate else f"{self.host_prefix}.1"
                self._serve(agency, (host, self.base_port + index if self.base_port else 0))
        except BaseException:
            self.stop()
            raise
        return self

    def _serve(self, agency: dict, address: tuple[str, int]) -> None:
        server = _SiteServer(address, lambda base: AgencySite(agency, base, self.controls, self.env))
        self._servers[agency["id"]] = BackgroundServer(server, name=f"site-{agency['id']}")

    def stop(self) -> None:
        for serving in self._servers.values():
            serving.stop()
        self._servers.clear()

    def __enter__(self) -> "SampleSites":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def base_url(self, agency_id: str) -> str:
        return self._servers[agency_id].server.site.base

    def sources(self) -> list[dict]:
        """Entries for the project's sources.yaml, one per agency."""
        return [{"id": f"demo-{a['id']}", "platform": "jsonld", "url": self.base_url(a["id"]) + "/careers/",
                 "employer": a["name"], "enabled": True} for a in self.agencies]

    def write_sources(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump({"sources": self.sources()}, sort_keys=False), encoding="utf-8")
        return path

    def hide_posting(self, agency_id: str, posting_id: str) -> None:
        with self.controls.lock:
            self.controls.hidden.add((agency_id, posting_id))

    def show_posting(self, agency_id: str, posting_id: str) -> None:
        with self.controls.lock:
            self.controls.hidden.discard((agency_id, posting_id))

    def set_failure(self, agency_id: str, status: int | None) -> None:
        with self.controls.lock:
            if status is None:
                self.controls.failures.pop(agency_id, None)
            else:
                self.controls.failures[agency_id] = status

    def request_count(self, agency_id: str) -> int:
        with self.controls.lock:
            return self.controls.counts[agency_id]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the sample agency careers sites on loopback.")
    parser.add_argument("--base-port", type=int, default=8700, help="agency i uses this + i (0: ephemeral)")
    parser.add_argument("--shared-host", action="store_true", help="serve every agency on 127.0.0.1")
    parser.add_argument("--write-sources", type=Path, help="also write a sources.yaml for these sites")
    args = parser.parse_args(argv)
    sites = SampleSites(base_port=args.base_port, separate_hosts=not args.shared_host).start()
    for agency in sites.agencies:
        where = f"{agency['name']} ({agency['city']}, {agency['state']})"
        print(f"{sites.base_url(agency['id'])}/careers/  {where}")
    if args.write_sources:
        print(f"sources written to {sites.write_sources(args.write_sources)}")
    print("Serving; press Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sites.stop()


if __name__ == "__main__":
    main()
