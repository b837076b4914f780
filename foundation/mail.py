"""Sending mail through the SMTP server named by PEERJOBS_SMTP_URL.

smtp://host:port plain (a local relay or mail catcher), smtp://...?starttls=1 upgrades with
STARTTLS, smtps://host:port uses TLS from the start; user:password@ logs in. One Mailer keeps
its connection open across messages and reconnects once if the server dropped it.
"""
from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

TIMEOUT = 30


class MailConfigError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> "SmtpServer":
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError(f"PEERJOBS_SMTP_URL must look like smtp://host:port, not {url!r}")
        query = parse_qs(parts.query)
        starttls = query.get("starttls", ["0"])[-1].lower() in ("1", "true", "yes")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError as error:
            raise MailConfigError(f"bad port in PEERJOBS_SMTP_URL: {error}") from None
        return cls(host=parts.hostname, port=port, tls=parts.scheme == "smtps", starttls=starttls,
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None)


class Mailer:
    """with Mailer(url) as mailer: mailer.send(message) ... (one connection for many messages)."""

    def __init__(self, url: str, timeout: float = TIMEOUT, tls_context: ssl.SSLContext | None = None):
        self.server = SmtpServer.from_url(url)
        self.timeout = timeout
        self.tls_context = tls_context or ssl.create_default_context()
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def connect(self) -> smtplib.SMTP:
        server = self.server
        if server.tls:
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=self.timeout, context=self.tls_context)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if server.starttls:
                smtp.starttls(context=self.tls_context)
                smtp.ehlo()
            if server.username:
                smtp.login(server.username, server.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Send one message; a connection the server closed is reopened once."""
        if self._smtp is None:
            self._smtp = self.connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected:
            self.close()
            self._smtp = self.connect()
            self._smtp.send_message(message)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


# ---------------------------------------------------------------- failures

#: What a failed send means for the message and for the run.
RECIPIENT = "recipient"  # the server refused this address or message for good (5xx): a bounce
MESSAGE = "message"  # this message failed for now (4xx): try it again later
CONNECTION = "connection"  # the server could not be reached or dropped us: later messages fail too
SETUP = "setup"  # our configuration is wrong (login, TLS, sender refused): no message can go

_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")


def failure_kind(error: smtplib.SMTPException | OSError) -> str:
    """RECIPIENT, MESSAGE, CONNECTION or SETUP for what Mailer.send raised."""
    if isinstance(error, (ssl.SSLEOFError, ssl.SSLZeroReturnError)):
        return CONNECTION
    if isinstance(error, (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError, ssl.SSLError)):
        return SETUP
    if isinstance(error, (smtplib.SMTPHeloError, smtplib.SMTPConnectError)):
        return CONNECTION
    if isinstance(error, smtplib.SMTPSenderRefused):
        return SETUP if error.smtp_code >= 500 else MESSAGE
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return RECIPIENT if codes and all(code >= 500 for code in codes) else MESSAGE
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return CONNECTION
    if isinstance(error, smtplib.SMTPResponseException):
        return RECIPIENT if error.smtp_code >= 500 else MESSAGE
    return CONNECTION  # refused, timed out, reset, or an SMTP exchange cut short


def describe_failure(error: BaseException) -> str:
    """The error in a few words fit to store and log: SMTP code and text, every address in it
    replaced by <address>, since a refusal usually quotes the recipient."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (0, b""))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        code, text = None, str(error) or type(error).__name__
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    words = _ADDRESS.sub("<address>", " ".join(str(text).split()))[:300]
    return f"{code} {words}" if code else f"{type(error).__name__}: {words}"

