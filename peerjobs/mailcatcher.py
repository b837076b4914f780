"""A mail catcher for the demo: an SMTP server on loopback that delivers nowhere, keeping each
message as an .eml file, and a small read-only web page listing them, newest first.

    catcher = MailCatcher(folder, smtp_port=1025, http_port=1080).start()
    ...  # PEERJOBS_SMTP_URL=catcher.smtp_url; read catcher.messages() or open catcher.web_url
    catcher.stop()

`peerjobs mailcatcher` serves it until stopped and prints each message to the terminal. Port 0
picks a free port. Nothing here is meant to face a network: both servers bind to 127.0.0.1.
"""
from __future__ import annotations

import email
import email.policy
import html
import json
import os
import re
import socket
import threading
import time
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from aiosmtpd.controller import Controller

from peerjobs.background_server import BackgroundServer

HOST = "127.0.0.1"
LISTED = 200  # messages on the page, newest first
_NAME = re.compile(r"^\d{19,}-\d{6}$")
_LINK = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+")
_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
# A message's own HTML part is shown sandboxed: no scripts, its own origin, nothing fetched.
_MESSAGE_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class CaughtMessage:
    name: str  # the file's name without .eml; also its address on the page
    sender: str
    to: str
    subject: str
    date: str
    message_id: str
    text: str  # the text part ("" when there is none)
    has_html: bool


def _read(path: Path) -> tuple[CaughtMessage, EmailMessage]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text_part, html_part = message.get_body(("plain",)), message.get_body(("html",))
    try:
        text = text_part.get_content() if text_part is not None else ""
    except (LookupError, ValueError):
        text = ""
    caught = CaughtMessage(
        name=path.stem, sender=str(message.get("From", "")), to=str(message.get("To", "")),
        subject=str(message.get("Subject", "")), date=str(message.get("Date", "")),
        message_id=str(message.get("Message-ID", "")), text=text, has_html=html_part is not None)
    return caught, message


def terminal_text(message: CaughtMessage) -> str:
    """What `peerjobs mailcatcher` prints for each message."""
    return (f"--- {message.date}\nFrom: {message.sender}\nTo: {message.to}\nSubject: {message.subject}\n\n"
            f"{message.text.rstrip() or '(no text part)'}\n")


class _Keeper:
    """aiosmtpd handler: each message to a file, written whole before it appears."""

    def __init__(self, folder: Path, on_message: Callable[[CaughtMessage], None] | None):
        self.folder, self.on_message = folder, on_message
        self._count, self._lock = 0, threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self._count += 1
            name = f"{time.time_ns()}-{self._count % 1_000_000:06d}"
        path = self.folder / f"{name}.eml"
        partial = self.folder / f".{name}.part"
        partial.write_bytes(envelope.original_content or envelope.content)
        os.replace(partial, path)
        if self.on_message is not None:
            try:
                self.on_message(_read(path)[0])
            except Exception:  # a printing problem must not refuse the message
                pass
        return "250 OK: caught"


class MailCatcher:
    def __init__(self, folder: Path | str, smtp_port: int = 1025, http_port: int = 1080,
                 on_message: Callable[[CaughtMessage], None] | None = None):
        self.folder = Path(folder)
        self.smtp_port, self.http_port = smtp_port, http_port
        self.on_message = on_message
        self._controller: Controller | None = None
        self._web: BackgroundServer | None = None

    @property
    def smtp_url(self) -> str:
        return f"smtp://{HOST}:{self.smtp_port}"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.http_port}/"

    def start(self) -> "MailCatcher":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.smtp_port = self.smtp_port or _free_port()
        self._controller = Controller(_Keeper(self.folder, self.on_message), hostname=HOST, port=self.smtp_port)
        self._controller.start()
        try:
            page = ThreadingHTTPServer((HOST, self.http_port), _page_handler(self))
        except OSError:
            self._controller.stop()
            raise
        self._web = BackgroundServer(page, name="mailcatcher-web")
        self.http_port = self._web.port
        return self

    def stop(self) -> None:
        if self._web is not None:
            self._web.stop()
            self._web = None
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "MailCatcher":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def paths(self) -> list[Path]:
        """The kept messages' files, newest first."""
        return sorted((p for p in self.folder.glob("*.eml") if _NAME.match(p.stem)), key=lambda p: p.stem,
                      reverse=True)

    def messages(self) -> list[CaughtMessage]:
        """Every kept message, newest first."""
        return [_read(path)[0] for path in self.paths()]

    def message(self, name: str) -> tuple[CaughtMessage, EmailMessage] | None:
        path = self.folder / f"{name}.eml"
        return _read(path) if _NAME.match(name) and path.is_file() else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------- the page

def linked(text: str) -> str:
    """Text escaped for HTML, with each web or mailto address a link to itself."""
    parts, last = [], 0
    for match in _LINK.finditer(text):
        address = match.group(0).rstrip(".,;:)")
        end = match.start() + len(address)
        parts.append(html.escape(text[last:match.start()]))
        parts.append(f'<a href="{html.escape(address)}">{html.escape(address)}</a>')
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def listing(messages: list[CaughtMessage], folder: Path) -> str:
    items = []
    for message in messages[:LISTED]:
        extra = f' · <a href="/messages/{message.name}.html">HTML part</a>' if message.has_html else ""
        items.append(
            f'<article><h2>{html.escape(message.subject) or "(no subject)"}</h2>'
            f'<p class="meta">From {html.escape(message.sender)} to {html.escape(message.to)}<br>'
            f'{html.escape(message.date)} · <a href="/messages/{message.name}.eml">raw</a>{extra}</p>'
            f"<pre>{linked(message.text) or '(no text part)'}</pre></article>")
    count = len(messages)
    heading = "No mail caught yet." if not count else (f"{count} message{'s' if count != 1 else ''}, newest first"
                                                        + (f" (the latest {LISTED} shown)" if count > LISTED else ""))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mail catcher</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1f2933;line-height:1.5}}
article{{border-top:1px solid #cbd2d9;padding:.5rem 0}} h2{{font-size:1.1rem;margin:.25rem 0}}
.meta{{color:#52606d;font-size:.9rem;margin:0}} pre{{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem}}
a{{color:#1a56a8}}
</style></head>
<body><h1>Mail catcher</h1>
<p>Mail sent to this catcher is kept in <code>{html.escape(str(folder))}</code> and goes nowhere else.
<a href="/">Refresh</a></p>
<p>{heading}</p>
{"".join(items)}
</body></html>
"""


def _page_handler(catcher: MailCatcher):
    class Page(BaseHTTPRequestHandler):
        server_version = "mailcatcher"
        sys_version = ""

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/":
                return self._send(listing(catcher.messages(), catcher.folder), "text/html; charset=utf-8")
            if path == "/messages.json":
                body = json.dumps([asdict(message) for message in catcher.messages()], ensure_ascii=False)
                return self._send(body, "application/json")
            match = re.fullmatch(r"/messages/([0-9-]+)\.(eml|html)", path)
            found = catcher.message(match.group(1)) if match else None
            if found is None:
                return self._send("Not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)
            caught, message = found
            if match.group(2) == "eml":
                raw = (catcher.folder / f"{caught.name}.eml").read_bytes().decode("utf-8", "replace")
                return self._send(raw, "text/plain; charset=utf-8")
            part = message.get_body(("html",))
            if part is None:
                return self._send("This message has no HTML part.\n", "text/plain; charset=utf-8",
                                  HTTPStatus.NOT_FOUND)
            return self._send(part.get_content(), "text/html; charset=utf-8", policy=_MESSAGE_POLICY)

        def do_POST(self):
            self._send("This page is read-only.\n", "text/plain; charset=utf-8", HTTPStatus.METHOD_NOT_ALLOWED)

        do_PUT = do_DELETE = do_PATCH = do_POST

        def _send(self, body: str, content_type: str, status: HTTPStatus = HTTPStatus.OK,
                  policy: str = _PAGE_POLICY) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", policy)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")
            if status == HTTPStatus.METHOD_NOT_ALLOWED:
                self.send_header("Allow", "GET")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002  (the base class's name)
            pass

    return Page


def serve_forever(folder: Path, smtp_port: int, http_port: int, echo: Callable[[str], None] = print) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM), echoing each message as it arrives."""
    import signal

    stopped = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    catcher = MailCatcher(folder, smtp_port, http_port, on_message=lambda message: echo(terminal_text(message)))
    catcher.start()
    echo(f"Mail catcher: SMTP at {catcher.smtp_url}, messages at {catcher.web_url} (kept in {catcher.folder}).")
    echo(f"Point PeerJobs at it: PEERJOBS_SMTP_URL={catcher.smtp_url}. Ctrl-C stops it.")
    try:
        while not stopped.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        catcher.stop()
        signal.signal(signal.SIGTERM, previous)
