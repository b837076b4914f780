"""Crawls dispatched to Scrapyd nodes over their JSON API instead of local child processes.

PEERJOBS_SCRAPYD_URLS lists the nodes (comma-separated, `http://user:password@host:6800`
when a node asks for basic auth). Each crawl goes to the least busy node that answers
(daemonstatus.json: pending + running), as the `source` spider of the deployed `peerjobs`
project with the whole source entry as an argument, so nodes need no copy of the sources
file. The job's settings carry the database URL (and the mail settings): the CrawlRunRecorder
in the job's process records the run in the shared database exactly as a local crawl does.
"""
from __future__ import annotations

import base64
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Mapping, Sequence
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from sqlalchemy.engine import make_url

from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import SourceConfig
from crawlers.spiders.source import source_to_json
from foundation.settings import Settings, variable

logger = logging.getLogger(__name__)

URLS_ENV = "PEERJOBS_SCRAPYD_URLS"
PROJECT = "peerjobs"
SPIDER = "source"
KIND = "scrapyd"


class ScrapydError(RuntimeError):
    """A node did not answer or refused; the message says which and why (never its password)."""


@dataclass(frozen=True)
class Node:
    """One Scrapyd server: its URL without credentials (safe to log and to store) and its auth."""

    url: str
    authorization: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Node":
        parts = urlsplit(text.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not a Scrapyd URL (expected http(s)://host:port): {_without_credentials(text)!r}")
        authorization = None
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            authorization = "Basic " + base64.b64encode(pair).decode()
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        return cls(urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", "")), authorization)

    def endpoint(self, name: str) -> str:
        return f"{self.url}/{name}"


def _without_credentials(text: str) -> str:
    parts = urlsplit(text.strip())
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def parse_nodes(value: str) -> list[Node]:
    """The nodes a PEERJOBS_SCRAPYD_URLS value names, in order, without repeats."""
    nodes: list[Node] = []
    for item in value.split(","):
        if item.strip():
            node = Node.parse(item)
            if node.url not in {known.url for known in nodes}:
                nodes.append(node)
    return nodes


def least_busy(loads: Mapping[str, int], order: Sequence[str]) -> list[str]:
    """Node URLs that answered, least loaded first; ties keep the configured order."""
    return sorted((url for url in order if url in loads), key=lambda url: (loads[url], order.index(url)))


def job_settings(settings: Settings, loopback: bool, overrides: Mapping[str, Any]) -> dict[str, str]:
    """The Scrapy settings a job runs with, as Scrapyd passes them: strings.

    The database and mail settings are the scheduler's, so a node needs none of its own: the
    job records its run where the scheduler looks, and a source failing again and again is
    told to the operators (crawlers.notices) through the scheduler's SMTP server."""
    shared = {
        "PEERJOBS_DATABASE_URL": settings.database_url,
        "PEERJOBS_SMTP_URL": settings.smtp_url,
        "PEERJOBS_MAIL_FROM": settings.mail_from,
        "PEERJOBS_OPERATOR_EMAIL": settings.operator_email,
        "PEERJOBS_PUBLIC_URL": settings.public_url,
    }
    chosen = {**(LOOPBACK_OVERRIDES if loopback else {}), **overrides,
              **{key: value for key, value in shared.items() if value}}
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in chosen.items()}


def is_scrapyd_job(job: object) -> bool:
    """A job this dispatcher started (a stored lock may hold a local crawl's job instead)."""
    return (isinstance(job, dict) and job.get("kind") == KIND
            and all(isinstance(job.get(key), str) for key in ("node", "project", "job")))


def shared_database_problem(database_url: str, nodes: Sequence[Node]) -> str | None:
    """SQLite is a file on one machine: nodes elsewhere would each write to a database of their own."""
    if make_url(database_url).get_backend_name() != "sqlite":
        return None
    remote = [node.url for node in nodes if urlsplit(node.url).hostname not in ("127.0.0.1", "::1", "localhost")]
    if remote:
        return (f"Scrapyd nodes on other machines ({', '.join(remote)}) cannot share a SQLite database; "
                "set PEERJOBS_DATABASE_URL to the PostgreSQL server every node reaches")
    return None


class ScrapydDispatcher:
    """The Dispatcher for Scrapyd nodes: start(source, settings) -> job, is_running(job), stop(job)."""

    kind = KIND

    def __init__(self, urls: Sequence[str] | str, project: str = PROJECT, loopback: bool = False,
                 overrides: Mapping[str, Any] | None = None, timeout: float = 10.0):
        self.nodes = parse_nodes(urls) if isinstance(urls, str) else parse_nodes(",".join(urls))
        if not self.nodes:
            raise ValueError(f"no Scrapyd node URLs given (set {URLS_ENV})")
        self.project = project
        #: Loopback test sites and the demo: no politeness delays (crawlers.settings.LOOPBACK_OVERRIDES).
        self.loopback = loopback
        self.overrides = dict(overrides or {})
        self.timeout = timeout

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> "ScrapydDispatcher | None":
        """The dispatcher PEERJOBS_SCRAPYD_URLS asks for, or None when it is unset."""
        value = variable(URLS_ENV, environ).strip()
        return cls(value, **kwargs) if value else None

    def start(self, source: SourceConfig, settings: Settings) -> dict:
        """Schedule the crawl on the least busy node that takes it; ScrapydError when none does."""
        problem = shared_database_problem(settings.database_url, self.nodes)
        if problem:
            raise ScrapydError(problem)
        loads, failures = self.loads()
        form: list[tuple[str, str]] = [("project", self.project), ("spider", SPIDER),
                                       ("jobid", f"{source.id}-{uuid.uuid4().hex[:12]}"),
                                       ("source_json", source_to_json(source))]
        form += [("setting", f"{key}={value}") for key, value in
                 job_settings(settings, self.loopback, self.overrides).items()]
        by_url = {node.url: node for node in self.nodes}
        for url in least_busy(loads, [node.url for node in self.nodes]):
            try:
                answer = self._call(by_url[url], "schedule.json", form=form)
            except ScrapydError as error:
                logger.warning("%s: Scrapyd node %s did not take the crawl: %s", source.id, url, error)
                failures.append(f"{url}: {error}")
                continue
            logger.info("%s: crawl scheduled on %s as job %s", source.id, url, answer["jobid"])
            return {"kind": KIND, "node": url, "project": self.project, "job": answer["jobid"],
                    "log": f"{url}/logs/{self.project}/{SPIDER}/{answer['jobid']}.log"}
        raise ScrapydError(f"no Scrapyd node took the crawl of {source.id}: " + "; ".join(failures))

    def loads(self) -> tuple[dict[str, int], list[str]]:
        """Pending + running jobs of each node that answers, and why the others did not."""
        loads: dict[str, int] = {}
        failures: list[str] = []
        for node in self.nodes:
            try:
                status = self._call(node, "daemonstatus.json")
                loads[node.url] = int(status.get("pending", 0)) + int(status.get("running", 0))
            except (ScrapydError, TypeError, ValueError) as error:
                logger.warning("Scrapyd node %s skipped: %s", node.url, error)
                failures.append(f"{node.url}: {error}")
        return loads, failures

    def is_running(self, job: dict) -> bool:
        """Pending or running on its node.

        A node that cannot be asked raises ScrapydError rather than answering False: a network
        blip must not end a crawl that goes on (the scheduler would record it as failed and
        free its source). The scheduler takes a crawl it cannot ask about as still running,
        and its time limit ends one whose node is gone for good."""
        if not is_scrapyd_job(job):
            logger.warning("not a Scrapyd job, so not running on a node: %s", job)
            return False
        try:
            jobs = self._call(self._node(job), "listjobs.json", query={"project": job["project"]})
        except ScrapydError as error:
            raise ScrapydError(f"cannot tell whether job {job['job']} on {job['node']} runs: {error}") from error
        listed = [entry.get("id") for key in ("pending", "running") for entry in jobs.get(key) or []]
        return job["job"] in listed

    def stop(self, job: dict) -> None:
        """Cancel the job: a pending one is dropped, a running one shuts down and records its run
        as cancelled."""
        if not is_scrapyd_job(job):
            logger.warning("not a Scrapyd job, so nothing to cancel on a node: %s", job)
            return
        try:
            answer = self._call(self._node(job), "cancel.json", form=[("project", job["project"]), ("job", job["job"])])
        except ScrapydError as error:
            logger.warning("job %s on %s: could not cancel it: %s", job.get("job"), job.get("node"), error)
            return
        logger.info("job %s on %s cancelled (it was %s)", job["job"], job["node"], answer.get("prevstate"))

    def _node(self, job: dict) -> Node:
        """The configured node a job runs on (with its credentials), or the bare URL stored in the job."""
        return next((node for node in self.nodes if node.url == job["node"]), Node(job["node"]))

    def _call(self, node: Node, name: str, query: Mapping[str, str] | None = None,
              form: Sequence[tuple[str, str]] | None = None) -> dict:
        """One API call; ScrapydError for anything but a JSON answer with status ok."""
        url = node.endpoint(name) + (f"?{urlencode(query)}" if query else "")
        data = urlencode(list(form)).encode() if form is not None else None
        request = Request(url, data=data, method="POST" if form is not None else "GET")
        if node.authorization:
            request.add_header("Authorization", node.authorization)
        try:
            with urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except HTTPError as error:
            body = error.read()
            message = _message(body)
            raise ScrapydError(f"HTTP {error.code}" + (f": {message}" if message else "")) from error
        except (URLError, OSError) as error:
            raise ScrapydError(f"unreachable: {getattr(error, 'reason', error)}") from error
        try:
            answer = json.loads(body)
        except ValueError as error:
            raise ScrapydError(f"{name} did not answer JSON") from error
        if not isinstance(answer, dict) or answer.get("status") != "ok":
            raise ScrapydError(_message(body) or f"{name} answered {str(answer)[:200]}")
        return answer


def _message(body: bytes) -> str:
    try:
        answer = json.loads(body)
    except ValueError:
        return ""
    return str(answer.get("message", "")).strip()[:500] if isinstance(answer, dict) else ""
