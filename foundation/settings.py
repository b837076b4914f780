"""Runtime settings: every PEERJOBS_* variable declared once, read at start-up into a typed object.

`VARIABLES` names each one with its default and a line of help (`peerjobs settings` prints
them). `Settings.from_env()` reads the environment once; the object is passed down. Only this
module reads the process environment.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
DEFAULT_SOURCES_FILE = Path(__file__).resolve().parent.parent / "config" / "sources.yaml"
DEFAULT_SMTP_URL = "smtp://127.0.0.1:1025"
DEFAULT_NETWORKS_FILE = DEFAULT_SOURCES_FILE.parent / "networks.yaml"
#: The gettext catalogs (.po, in git) the pages and the alert emails share.
DEFAULT_TRANSLATIONS_DIR = DEFAULT_SOURCES_FILE.parent.parent / "webapp" / "translations"
DEFAULT_CONTACT_URL = "https://github.com/peerjobs/peerjobs/blob/main/docs/crawler.md"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


#: Every environment variable PeerJobs reads.
VARIABLES: tuple[Variable, ...] = (
    Variable("PEERJOBS_DATA_DIR", "var", "Folder of the SQLite store, the index and the secret key."),
    Variable("PEERJOBS_DATABASE_URL", "sqlite:///DATA_DIR/peerjobs.db", "The store: a SQLite file or PostgreSQL."),
    Variable("PEERJOBS_INDEX_DIR", "DATA_DIR/index", "Folder of the search index."),
    Variable("PEERJOBS_PUBLIC_URL", DEFAULT_PUBLIC_URL, "Where people reach the site: links in emails, canonical URLs."),
    Variable("PEERJOBS_SMTP_URL", DEFAULT_SMTP_URL, "smtp://[user:password@]host[:port][?starttls=1] or smtps://..."),
    Variable("PEERJOBS_MAIL_FROM", "PeerJobs <alerts@peerjobs.invalid>", "The From address of alert and operator mail."),
    Variable("PEERJOBS_OPERATOR_EMAIL", "", "Where notices of failing sources go; none are sent when empty."),
    Variable("PEERJOBS_SECRET_KEY", "", "Signs tokens and admin cookies; unset: a random key kept in DATA_DIR."),
    Variable("PEERJOBS_SOURCES_FILE", "", "(config/sources.yaml) The sources the scheduler crawls and the admin area lists."),
    Variable("PEERJOBS_NETWORKS_FILE", "", "(config/networks.yaml) The peer networks that embed the search widget."),
    Variable("PEERJOBS_SCHEDULES_FILE", "", "(config/schedules.yaml) Crawl, alert and index timetables."),
    Variable("PEERJOBS_SCRAPYD_URLS", "", "Scrapyd nodes (comma-separated); unset: crawls run as local processes."),
    Variable("PEERJOBS_RATELIMIT_STORAGE_URL", "memory://", "Where rate limits are counted (redis://... across workers)."),
    Variable("PEERJOBS_USAJOBS_API_KEY", "", "The USAJOBS API key the usajobs platform sends."),
    Variable("PEERJOBS_USAJOBS_EMAIL", "", "The e-mail address the USAJOBS key was issued to."),
    Variable("PEERJOBS_ALLOW_PRIVATE_NETWORKS", "", "1: crawls may reach private and loopback addresses (tests, demo)."),
    Variable("PEERJOBS_CONTACT_URL", DEFAULT_CONTACT_URL, "The page named in the crawler's User-Agent."),
    Variable("PEERJOBS_ADMIN_TIMEZONE", "UTC",
             "The time zone (IANA name, e.g. America/Chicago) the admin area shows times in; cron stays UTC."),
    Variable("PEERJOBS_EGG_CACHE", "", "Where a Scrapyd node extracts the project's egg; unset: a private temp folder."),
)
_DECLARED = {variable.name: variable for variable in VARIABLES}


def variable(name: str, environ: Mapping[str, str] | None = None) -> str:
    """One declared variable's value (its default when unset or empty); an undeclared name is a bug."""
    declared = _DECLARED[name]
    value = (os.environ if environ is None else environ).get(name, "")
    return value if value.strip() else declared.default


def export(values: Mapping[str, str]) -> None:
    """Set variables for this process and every child it starts from now on (the demo's loopback)."""
    unknown = set(values) - set(_DECLARED)
    if unknown:
        raise KeyError(f"undeclared variables: {', '.join(sorted(unknown))}")
    os.environ.update(values)


def environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment with `overrides`: what a child process of PeerJobs is given."""
    return {**os.environ, **(overrides or {})}


class SettingsError(ValueError):
    """A variable's value cannot be used; the message names the variable and what it expects."""


def time_zone(name: str, variable_name: str = "PEERJOBS_ADMIN_TIMEZONE") -> str:
    """An IANA time zone name as given, once it is known to be one."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(f"{variable_name}={name!r} is not a time zone: give an IANA name such as "
                            f"America/New_York, America/Chicago or UTC") from error
    return name


def _config_file(env: Mapping[str, str], name: str, default: Path) -> Path:
    return Path(env.get(name, "").strip() or default).resolve()


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
    ratelimit_storage_url: str = "memory://"
    #: The gettext catalogs of the pages and the alert emails (foundation.catalogs).
    translations_dir: Path = DEFAULT_TRANSLATIONS_DIR
    #: The IANA time zone the admin area shows times in (schedules are still kept in UTC).
    admin_timezone: str = "UTC"
    #: Whether PEERJOBS_DATA_DIR was set (the demo keeps its data apart otherwise).
    data_dir_chosen: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        get = lambda name: variable(name, env).strip()  # noqa: E731
        data_dir = Path(get("PEERJOBS_DATA_DIR")).resolve()
        return cls(
            data_dir=data_dir, database_url=env.get("PEERJOBS_DATABASE_URL") or f"sqlite:///{data_dir / 'peerjobs.db'}",
            index_dir=Path(env.get("PEERJOBS_INDEX_DIR") or data_dir / "index").resolve(),
            public_url=get("PEERJOBS_PUBLIC_URL").rstrip("/"), smtp_url=get("PEERJOBS_SMTP_URL"),
            mail_from=get("PEERJOBS_MAIL_FROM"), operator_email=get("PEERJOBS_OPERATOR_EMAIL"),
            secret_key_value=get("PEERJOBS_SECRET_KEY"),
            sources_file=_config_file(env, "PEERJOBS_SOURCES_FILE", DEFAULT_SOURCES_FILE),
            networks_file=_config_file(env, "PEERJOBS_NETWORKS_FILE", DEFAULT_NETWORKS_FILE),
            ratelimit_storage_url=get("PEERJOBS_RATELIMIT_STORAGE_URL"),
            admin_timezone=time_zone(get("PEERJOBS_ADMIN_TIMEZONE")),
            data_dir_chosen=bool(env.get("PEERJOBS_DATA_DIR", "").strip()),
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
