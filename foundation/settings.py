"""Runtime settings, read once from the environment into a typed object."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
DEFAULT_SOURCES_FILE = Path(__file__).resolve().parent.parent / "config" / "sources.yaml"
DEFAULT_SMTP_URL = "smtp://127.0.0.1:1025"
DEFAULT_NETWORKS_FILE = DEFAULT_SOURCES_FILE.parent / "networks.yaml"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    index_dir: Path
    #: Where people reach the site: the base of links in emails and of canonical URLs off-request.
    public_url: str = DEFAULT_PUBLIC_URL
    #: smtp://[user:password@]host[:port][?starttls=1] or smtps://... for implicit TLS.
    smtp_url: str = DEFAULT_SMTP_URL
    #: The From address of alert and operator emails.
    mail_from: str = "PeerJobs <alerts@peerjobs.invalid>"
    #: Where operator notices (a source failing) go; none are sent when empty.
    operator_email: str = ""
    #: Signs tokens and admin cookies; when unset, a random key kept in data_dir/secret_key.
    secret_key_value: str = ""
    #: The sources the scheduler crawls and the admin area lists.
    sources_file: Path = DEFAULT_SOURCES_FILE
    #: The peer networks that embed the search widget, with their sites and presets.
    networks_file: Path = DEFAULT_NETWORKS_FILE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("PEERJOBS_DATA_DIR") or "var").resolve()
        database_url = env.get("PEERJOBS_DATABASE_URL") or f"sqlite:///{data_dir / 'peerjobs.db'}"
        index_dir = Path(env.get("PEERJOBS_INDEX_DIR") or data_dir / "index").resolve()
        return cls(
            data_dir=data_dir, database_url=database_url, index_dir=index_dir,
            public_url=(env.get("PEERJOBS_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/"),
            smtp_url=env.get("PEERJOBS_SMTP_URL") or DEFAULT_SMTP_URL,
            mail_from=env.get("PEERJOBS_MAIL_FROM") or cls.mail_from,
            operator_email=env.get("PEERJOBS_OPERATOR_EMAIL") or "",
            secret_key_value=env.get("PEERJOBS_SECRET_KEY") or "",
            sources_file=Path(env.get("PEERJOBS_SOURCES_FILE") or DEFAULT_SOURCES_FILE).resolve(),
            networks_file=Path(env.get("PEERJOBS_NETWORKS_FILE") or DEFAULT_NETWORKS_FILE).resolve(),
        )

    @property
    def secret_key(self) -> str:
        """The configured key, or one made once and kept beside the store (mode 0600), so the web
        app, `peerjobs send-alerts` and the scheduler sign and check the same tokens."""
        if self.secret_key_value:
            return self.secret_key_value
        path = self.data_dir / "secret_key"
        try:
            return path.read_text().strip()
        except FileNotFoundError:
            pass
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(48))
        return path.read_text().strip()
