"""Many small HTTP hosts on loopback, all served by one event loop in one thread.

Each host is a listening socket on its own port with a handler: a plain function from a
`Request` (peerjobs.demo.boards) to `(status, headers, body)`. Sockets are bound when added,
so every host's URL is known before serving starts. A port can also be reserved closed
(bound, never listening): connecting to it is refused, as to a server that is down.
"""
from __future__ import annotations

import asyncio
import socket
import threading
from http import HTTPStatus
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from peerjobs.demo.boards import Request

Answer = tuple[int, dict[str, str], bytes]
Handler = Callable[[Request], Answer]
#: Longest request head read; a longer one closes the connection.
HEAD_LIMIT = 64 * 1024
HOST = "127.0.0.1"


def parse_head(head: bytes) -> tuple[str, str, str, dict[str, str]]:
    """Method, target, HTTP version and lower-cased headers of a request head."""
    request_line, *lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    method, target, version = request_line.split(" ", 2)
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return method.upper(), target, version.strip(), headers


def status_line(status: int) -> str:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Status"
    return f"HTTP/1.1 {status} {reason}\r\n"


def encode_answer(method: str, answer: Answer, keep_alive: bool) -> bytes:
    status, headers, body = answer
    lines = [status_line(status), "Server: AgencyWeb/2.1\r\n", f"Content-Length: {len(body)}\r\n",
             f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n"]
    lines += [f"{name}: {value}\r\n" for name, value in headers.items()]
    head = ("".join(lines) + "\r\n").encode("latin-1")
    return head if method == "HEAD" else head + body


def answer_safely(handler: Handler, request: Request) -> Answer:
    try:
        return handler(request)
    except Exception as error:  # a broken page must not take its host down
        return 500, {"Content-Type": "text/plain"}, f"error: {type(error).__name__}".encode()


class LoopbackHosts:
    def __init__(self) -> None:
        self._listening: list[tuple[socket.socket, Handler]] = []
        self._closed: list[socket.socket] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._servers: list[asyncio.AbstractServer] = []

    def add(self, handler: Handler, port: int = 0) -> str:
        """Listen on a port for this handler; returns the host's base URL."""
        sock = socket.create_server((HOST, port), backlog=64)
        self._listening.append((sock, handler))
        return f"http://{HOST}:{sock.getsockname()[1]}"

    def reserve_closed(self) -> str:
        """A port held but never listening: connections to it are refused."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        self._closed.append(sock)
        return f"http://{HOST}:{sock.getsockname()[1]}"

    def start(self) -> "LoopbackHosts":
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="loopback-hosts", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._open_all(), self._loop).result()
        return self

    async def _open_all(self) -> None:
        self._servers = [await asyncio.start_server(self._connection(handler), sock=sock, limit=HEAD_LIMIT)
                         for sock, handler in self._listening]

    def _connection(self, handler: Handler):
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self._writers.add(writer)
            try:
                while await self._one_exchange(handler, reader, writer):
                    pass
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
                pass
            finally:
                self._writers.discard(writer)
                writer.close()
        return serve

    async def _one_exchange(self, handler: Handler, reader, writer) -> bool:
        method, target, version, headers = parse_head(await reader.readuntil(b"\r\n\r\n"))
        body = await reader.readexactly(min(int(headers.get("content-length") or 0), HEAD_LIMIT))
        parts = urlsplit(target)
        request = Request(method, parts.path or "/", parse_qs(parts.query, keep_blank_values=True), headers, body)
        keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
        writer.write(encode_answer(method, answer_safely(handler, request), keep_alive))
        await writer.drain()
        return keep_alive

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            asyncio.run_coroutine_threadsafe(self._close_all(), self._loop).result(timeout=5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            self._loop.close()
            self._loop = self._thread = None
        for sock in [s for s, _ in self._listening] + self._closed:
            sock.close()
        self._listening, self._closed = [], []

    async def _close_all(self) -> None:
        for server in self._servers:
            server.close()
        for writer in list(self._writers):
            writer.close()
        for server in self._servers:
            await server.wait_closed()
