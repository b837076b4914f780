"""What the widget's browser tests stand on: host sites on other loopback origins that serve the
pages a test writes (with the headers it chooses), a networks file naming those sites, and small
readers of what PeerJobs kept (counts, mail)."""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

import yaml
from sqlalchemy import func, select

from indexer.store import db
from indexer.store.models import WidgetCount
from foundation.settings import Settings
from tests.browser_support import BOARD
from tests.support.smtp import Inbox
from indexer.networks import Network
from webapp.widget.snippets import snippets

NETWORK_ID = "buckeye-peers"
NETWORK_NAME = "Buckeye Peer Network"
#: Ohio only, two roles, five results a page, no starting place: the presets find the whole board.
PRESETS = {"states": ["OH"], "categories": ["peer_specialist", "peer_recovery_coach"], "where": "",
           "radius": 50, "remote": False}
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{head}</head>
<body><main><h1>{title}</h1>
{body}
</main></body></html>
"""


def host_page(body: str, title: str = "Ohio peer support", head: str = "") -> str:
    """A plain page of a peer network's site with `body` (a snippet) in its main content."""
    return PAGE.format(title=title, head=head, body=body)


def write_networks(path: Path, origins: list[str]) -> Path:
    network = {"id": NETWORK_ID, "name": NETWORK_NAME, "origins": origins, "filters": PRESETS,
               "accent": "#1d4ed8", "results": 5, "show_filters": True, "show_alerts": True}
    path.write_text(yaml.safe_dump({"networks": [network]}), encoding="utf-8")
    return path


class HostHandler(BaseHTTPRequestHandler):
    """Serves the site's pages from memory: (body, content type, extra headers) by path."""

    def do_GET(self) -> None:
        found = self.server.pages.get(urlsplit(self.path).path)
        if found is None:
            self.send_error(404)
            return
        body, content_type, headers = found
        self.send_response(200)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(body)),
                            "Cache-Control": "no-store", **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class HostSite:
    """A peer network's website on its own loopback origin."""

    def __init__(self, server: ThreadingHTTPServer):
        self.server = server
        self.origin = f"http://127.0.0.1:{server.server_port}"

    def put(self, path: str, text: str, content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> str:
        """Serve `text` at `path` from now on; its full URL."""
        self.server.pages[path] = (text.encode("utf-8"), content_type, headers or {})
        return self.origin + path


@contextmanager
def host_site() -> Iterator[HostSite]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostHandler)
    server.daemon_threads = True
    server.pages = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield HostSite(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Site:
    """PeerJobs (origin, settings, inbox, posting ids) and the network's listed and unlisted sites."""
    origin: str
    settings: Settings
    inbox: Inbox
    ids: dict[str, int]
    listed: HostSite
    unlisted: HostSite

    def job_id(self, title: str) -> int:
        [key] = [key for key, fields in BOARD.items() if fields["title"] == title]
        return self.ids[key]


def script_snippet(origin: str, network_id: str = NETWORK_ID) -> str:
    return (f'<div id="peerjobs-widget"></div>\n'
            f'<script src="{origin}/widget.js" data-network="{network_id}" async></script>')


def frame_tag(origin: str, network_id: str) -> str:
    """A frame of /embed as the snippet writes it, without the resizer."""
    return (f'<iframe class="peerjobs-frame" src="{origin}/embed?network={network_id}" '
            'title="Peer-support jobs from PeerJobs" width="100%" height="640" frameborder="0"></iframe>')


def frame_snippet(site: Site) -> str:
    """The frame and its resizer, as the snippet page writes them."""
    return snippets(site.origin, Network(id=NETWORK_ID, name=NETWORK_NAME, origins=(site.listed.origin,))).frame


def tab_to(page, target, limit: int = 40) -> None:
    """Press Tab until `target` has the focus (inside shadow roots and frames too)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("node => node.getRootNode().activeElement === node && document.hasFocus()"):
            return
    raise AssertionError(f"Tab never reached {target}")


def search(scope, what: str, where: str = "") -> None:
    scope.get_by_label("What", exact=True).fill(what)
    scope.get_by_label("Where", exact=True).fill(where)
    scope.get_by_role("button", name="Search", exact=True).click()


def api_total(origin: str, **params: str) -> int:
    """How many jobs the network's search finds, asked without a browser (no Origin header)."""
    with urlopen(f"{origin}/api/v1/networks/{NETWORK_ID}/jobs?{urlencode(params)}", timeout=10) as answer:
        return json.load(answer)["total"]


def clicks_counted(settings: Settings) -> int:
    """The network's click-throughs over every day the store has counted."""
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            counted = session.scalar(select(func.sum(WidgetCount.clicks)).where(WidgetCount.network == NETWORK_ID))
            return counted or 0
    finally:
        engine.dispose()


def mail_to(inbox: Inbox, address: str, timeout: float = 10.0) -> str:
    """The plain-text body of the first message to `address`, waiting up to `timeout` seconds."""
    def to_address():
        return [m for m, rcpts in zip(inbox.messages, inbox.recipients) if address in rcpts]

    with inbox.received:
        inbox.received.wait_for(to_address, timeout)
        found = to_address()
    assert found, f"no mail to {address} within {timeout} s"
    return found[0].get_body(("plain",)).get_content()
