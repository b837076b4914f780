"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, parsed."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Iterator

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: messages as EmailMessage, with the envelope recipients kept."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.lock = threading.Lock()
        self.received = threading.Condition(self.lock)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self.received:
            self.messages.append(message)
            self.recipients.append(list(envelope.rcpt_tos))
            self.received.notify_all()
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m, rcpts in zip(self.messages, self.recipients) if address in rcpts]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        with self.received:
            self.received.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[str, Inbox]]:
    """(smtp_url, inbox) of a server on a free loopback port."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}", inbox
    finally:
        controller.stop()
