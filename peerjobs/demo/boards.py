"""Sample applicant-tracking boards: recorded responses served on loopback, one server per board.

Each folder under peerjobs/demo/boards/ is one board and holds a `board.yaml`:

    source:                 # the source entry the demo crawls; "{base}" is this server's URL
      id: demo-greenhouse
      platform: greenhouse
      url: "{base}/acme"
      employer: Acme Recovery Services
    routes:                 # first match wins; unmatched requests get 404
      - path: /v1/boards/acme/jobs
        method: GET         # default GET
        query: {content: "true"}    # optional: these query parameters must be present
        json: {offset: 0}           # optional: a JSON request body must contain these
        file: jobs.json             # the body, read from this folder
        status: 200                 # default 200
        content_type: application/json
        headers: {}                 # extra response headers

Bodies may carry placeholders, filled in when served so the boards always look current:
`{{base}}`, and for N days from today (N may be negative): `{{date:N}}` (2026-01-31),
`{{datetime:N}}` (2026-01-31T09:00:00Z), `{{epoch_ms:N}}`, `{{rfc822:N}}`
(Sat, 31 Jan 2026 09:00:00 GMT) and `{{mdy:N}}` (01/31/2026).

Tests use the same class over folders of their own (`BoardServer(folder)`).
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from peerjobs.background_server import BackgroundServer

BOARDS_DIR = Path(__file__).resolve().parent / "boards"
_PLACEHOLDER = re.compile(r"\{\{(base|date|datetime|epoch_ms|rfc822|mdy)(?::(-?\d+))?\}\}")


@dataclass(frozen=True)
class Request:
    """One request as the board saw it, for tests to inspect (headers, query, body)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


def fill_placeholders(text: str, base: str, today: datetime | None = None) -> str:
    """Replace the `{{...}}` placeholders described in the module docstring."""
    now = today or datetime.combine(datetime.now(timezone.utc).date(), time(9), tzinfo=timezone.utc)

    def replace(match: re.Match[str]) -> str:
        kind, days = match.group(1), int(match.group(2) or 0)
        if kind == "base":
            return base
        moment = now + timedelta(days=days)
        return {
            "date": lambda: moment.date().isoformat(),
            "datetime": lambda: moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "epoch_ms": lambda: str(int(moment.timestamp() * 1000)),
            "rfc822": lambda: format_datetime(moment, usegmt=True),
            "mdy": lambda: moment.strftime("%m/%d/%Y"),
        }[kind]()

    return _PLACEHOLDER.sub(replace, text)


class Board:
    """The routes of one board folder, answering requests with its recorded responses."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        spec = yaml.safe_load((self.folder / "board.yaml").read_text(encoding="utf-8")) or {}
        self.source_entry: dict[str, Any] = spec.get("source") or {}
        self.routes: list[dict[str, Any]] = spec.get("routes") or []

    def match(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> dict | None:
        for route in self.routes:
            if route.get("method", "GET").upper() != method or route["path"] != path:
                continue
            wanted = route.get("query") or {}
            if any(str(v) not in query.get(k, []) for k, v in wanted.items()):
                continue
            if route.get("json") is not None and not _json_contains(body, route["json"]):
                continue
            return route
        return None

    def body_of(self, route: dict[str, Any], base: str) -> bytes:
        if "file" not in route:
            return str(route.get("body", "")).encode("utf-8")
        raw = (self.folder / route["file"]).read_bytes()
        try:
            return fill_placeholders(raw.decode("utf-8"), base).encode("utf-8")
        except UnicodeDecodeError:
            return raw


def _json_contains(body: bytes, wanted: dict[str, Any]) -> bool:
    try:
        document = json.loads(body or b"null")
    except ValueError:
        return False
    return isinstance(document, dict) and all(document.get(k) == v for k, v in wanted.items())


class _Handler(BaseHTTPRequestHandler):
    server_version = "BoardServer/1.0"
    #: Keep-alive, as real ATS APIs do; every answer carries its Content-Length.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool = True) -> None:
        server: BoardServer = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        status, headers, payload = server.respond(Request(
            self.command, parts.path, query, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if with_body and self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args) -> None:
        """Quiet: tests inspect `BoardServer.requests` instead."""


class BoardServer:
    """One board on its own loopback port, in a daemon thread."""

    def __init__(self, folder: Path | str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.board = Board(Path(folder))
        self.address = (host, port)
        self.requests: list[Request] = []
        self.failure: int | None = None
        self._lock = threading.Lock()
        self._serving: BackgroundServer | None = None

    @property
    def base_url(self) -> str:
        assert self._serving is not None, "start() the board first"
        host, port = self._serving.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "BoardServer":
        server = ThreadingHTTPServer(self.address, _Handler)
        server.owner = self
        self._serving = BackgroundServer(server, name=f"board-{self.board.folder.name}")
        return self

    def stop(self) -> None:
        if self._serving is not None:
            self._serving.stop()

    def __enter__(self) -> "BoardServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def set_failure(self, status: int | None) -> None:
        """Answer every request (robots.txt included) with this status until set to None."""
        self.failure = status

    def respond(self, request: Request) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.requests.append(request)
        if self.failure:
            return self.failure, {"Content-Type": "text/plain"}, f"error {self.failure}".encode()
        route = self.board.match(request.method, request.path, request.query, request.body)
        if route is None:
            if request.path == "/robots.txt":
                return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
            return 404, {"Content-Type": "text/plain"}, b"not found"
        headers = {"Content-Type": route.get("content_type", "application/json"),
                   **{str(k): str(v) for k, v in (route.get("headers") or {}).items()}}
        return int(route.get("status", 200)), headers, self.board.body_of(route, self.base_url)

    def source(self) -> dict[str, Any]:
        """The board's source entry with `{base}` filled in, ready for a sources.yaml."""
        return json.loads(json.dumps(self.board.source_entry).replace("{base}", self.base_url))


def board_folders(root: Path = BOARDS_DIR) -> list[Path]:
    """Every sample board bundled with the demo, in name order."""
    return sorted(p.parent for p in root.glob("*/board.yaml"))


class SampleBoards:
    """Every bundled sample board, each on its own loopback port."""

    def __init__(self, root: Path = BOARDS_DIR, host: str = "127.0.0.1", base_port: int = 0) -> None:
        """Board i listens on base_port + i (0: any free port). Fixed ports keep the boards'
        URLs, and so the postings' identities, the same from one demo to the next."""
        self.servers = [BoardServer(folder, host=host, port=base_port + i if base_port else 0)
                        for i, folder in enumerate(board_folders(root))]

    def start(self) -> "SampleBoards":
        try:
            for server in self.servers:
                server.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def sources(self) -> list[dict[str, Any]]:
        return [server.source() for server in self.servers]
