"""What the browser tests stand on: a sample board, the real app on a loopback server, Debian's
Chromium driven by Playwright, and axe-core from npm (installed here when it is missing)."""
from __future__ import annotations

import fcntl
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from werkzeug.serving import WSGIRequestHandler, make_server

from indexer import store
from foundation.settings import Settings
from tests.web_support import indexed_board, seed_postings
from webapp import create_app

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
AXE_SCRIPT = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
#: Without the networking switches Chromium phones home at start; the machine's network is closed.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
APPLY_URL = "https://careers.miamivalley.example/jobs/recovery-coach/apply"
SOURCE = store.SourceRecord(id="miami-valley", platform="jsonld", url="https://careers.miamivalley.example/",
                            employer="Miami Valley Recovery Services")


def ensure_axe() -> Path:
    """axe-core as pinned in tests/browser/package-lock.json; `npm ci` only when it is missing
    (`make test` installs it first; the lock keeps parallel test workers from racing)."""
    with open(Path(tempfile.gettempdir()) / "peerjobs-axe-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE_SCRIPT.exists():
            subprocess.run(["npm", "ci", "--prefix", str(BROWSER_DIR), "--no-audit", "--no-fund"],
                           check=True, capture_output=True, timeout=300)
    return AXE_SCRIPT


def posting(**overrides) -> dict:
    base = dict(
        url="https://careers.miamivalley.example/jobs/1", apply_url=None,
        title="Peer Support Specialist", employer="Miami Valley Recovery Services",
        description_html="<h2>About the role</h2><p>Walk alongside adults in recovery.</p>"
                         "<ul><li>Share your own story of recovery</li><li>Link people to housing</li></ul>",
        description_text="About the role. Walk alongside adults in recovery.",
        city="Dayton", state="OH", postal_code="45402", latitude=39.7589, longitude=-84.1916,
        remote=False, employment_type="FULL_TIME", pay_min=17.0, pay_max=20.0, pay_unit="HOUR",
        pay_hourly_min=17.0, pay_hourly_max=20.0, date_posted=date.today() - timedelta(days=2),
        category="peer_specialist", is_peer=True,
    )
    return base | overrides


BOARD = {
    "coach_part_time": posting(
        title="Peer Recovery Coach (Part-time)", category="peer_recovery_coach", employment_type="PART_TIME",
        url="https://careers.miamivalley.example/jobs/recovery-coach", apply_url=APPLY_URL,
        description_html="<p>Recovery coach for our outpatient program. CPRS preferred.</p>",
        description_text="Recovery coach for our outpatient program. CPRS preferred.",
        pay_min=18.5, pay_max=21.0, pay_hourly_min=18.5, pay_hourly_max=21.0),
    "coach_full_time": posting(
        title="Peer Recovery Coach", category="peer_recovery_coach", city="Kettering", postal_code="45429",
        latitude=39.6895, longitude=-84.1688, description_text="Recovery coach on our crisis team.",
        url="https://careers.miamivalley.example/jobs/coach-crisis"),
    "coach_far": posting(
        title="Recovery Coach", category="peer_recovery_coach", employment_type="PART_TIME",
        city="Cleveland", postal_code="44114", latitude=41.4993, longitude=-81.6944,
        description_text="Recovery coach in Cleveland.", url="https://careers.miamivalley.example/jobs/cle"),
    "specialist": posting(),
    "family": posting(title="Family Peer Advocate", category="family_peer_advocate",
                      url="https://careers.miamivalley.example/jobs/family"),
    "closed": posting(title="Peer Mentor", category="peer_mentor", url="https://careers.miamivalley.example/jobs/m"),
    **{f"columbus-{n}": posting(title=f"Peer Support Specialist {n}", city="Columbus", postal_code="43215",
                                latitude=39.9612, longitude=-82.9988, url=f"https://careers.miamivalley.example/jobs/c{n}")
       for n in range(24)},  # a full first page of results, far enough from Dayton
}


def seed_board(settings: Settings) -> dict[str, int]:
    """The store and its index, as a crawl would leave them: open jobs near Dayton and one closed."""
    return indexed_board(settings, lambda session: seed_postings(session, SOURCE, BOARD, closed=["closed"]))


class QuietHandler(WSGIRequestHandler):
    """No access log: like the production server, the test server keeps no record of searches."""

    def log_request(self, *args) -> None:
        pass


@contextmanager
def live_server(settings: Settings, port: int = 0, **config) -> Iterator[str]:
    """The real app under a real WSGI server on a loopback port (a free one by default); yields its
    origin. Give the port its public address names when links in emails or snippets must lead back."""
    server = make_server("127.0.0.1", port, create_app(settings, **config), threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}


class Visit:
    """A fresh browser context that records every request and every CSP complaint."""

    def __init__(self, browser, origin: str, viewport: dict):
        self.origin = origin
        self.context = browser.new_context(viewport=viewport, base_url=origin)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.blocked.append(message.text)

    def assert_private(self) -> None:
        """Nothing left the site, nothing was stored, nothing the page tried was blocked."""
        elsewhere = [url for url in self.requests if not url.startswith(self.origin + "/")]
        assert elsewhere == [] and self.requests
        assert self.context.cookies() == []
        assert self.page.evaluate("() => localStorage.length + sessionStorage.length") == 0
        assert self.blocked == []


def visits(browser, origin: str, default: str):
    """A fixture's body: a function opening a Visit at a named viewport; all closed at the end."""
    opened = []

    def open_visit(viewport: str = default, **options) -> Visit:
        opened.append(Visit(browser, origin, VIEWPORTS[viewport]))
        return opened[-1]

    yield open_visit
    for each in opened:
        each.context.close()


def launch_chromium(playwright):
    """Debian's Chromium (never a browser downloaded by Playwright), headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def serious_violations(page, axe_source: str) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.evaluate(axe_source)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in ("serious", "critical")]
