"""The base of every platform spider: it crawls one source and says plainly why it failed."""
from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError,
)

from crawlers.items import RawPosting
from crawlers.network_guard import RequestRefused
from crawlers.robots import RobotsDeferred
from crawlers.sources import SourceConfig, load_sources

MAX_EXTERNAL_ID = 200


class SourceSpider(scrapy.Spider):
    """Subclasses set `name` (the platform) and `option_keys`, and implement `start`."""

    #: Source keys beyond the common ones (id, platform, url, employer, ...) this platform reads.
    option_keys: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, source: SourceConfig | None = None, source_id: str | None = None,
                 sources_file: str | None = None, **kwargs: Any):
        if source is None:
            source = _source_from_file(source_id, sources_file)
        super().__init__(name=self.name, **kwargs)
        self.source = source
        self.fatal: str | None = None
        self.problems: list[str] = []

    def option(self, key: str, default: Any = None) -> Any:
        return self.source.options.get(key, default)

    def raw_posting(self, fields: dict[str, Any]) -> RawPosting:
        return RawPosting(source_id=self.source.id, **dict(fields, external_id=stable_id(fields.get("external_id"))))

    def start_failed(self, failure) -> None:
        """The entry page could not be read: the whole run has failed, and says why."""
        self.fatal = describe_failure(failure)
        self.crawler.stats.inc_value("peerjobs/errors")
        self.logger.error("%s: %s", self.source.id, self.fatal)

    def page_failed(self, failure) -> None:
        if failure.check(IgnoreRequest) and not failure.check(HttpError, RequestRefused, RobotsDeferred):
            self.crawler.stats.inc_value("peerjobs/pages_not_fetched")
            self.logger.info("%s: not fetched: %s", self.source.id, failure.getErrorMessage())
            return
        message = describe_failure(failure)
        self.problems.append(message)
        self.crawler.stats.inc_value("peerjobs/errors")
        self.logger.error("%s: %s", self.source.id, message)

    def note_problem(self, message: str) -> None:
        self.problems.append(message)
        self.crawler.stats.inc_value("peerjobs/page_problems")
        self.logger.warning("%s: %s", self.source.id, message)


def _source_from_file(source_id: str | None, sources_file: str | None) -> SourceConfig:
    """Scrapy's command line and Scrapyd pass only strings: look the source up by id."""
    if not source_id:
        raise ValueError("a source or a source_id is required")
    found = load_sources(sources_file).get(source_id)
    if found is None:
        raise ValueError(f"no valid source {source_id!r} in {sources_file or 'config/sources.yaml'}")
    return found


def stable_id(value: Any) -> str | None:
    """External ids as short text: a very long one (a URL with a huge query) becomes its digest."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) <= MAX_EXTERNAL_ID:
        return text or None
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def describe_failure(failure) -> str:
    url = getattr(getattr(failure, "request", None), "url", "")
    if failure.check(RequestRefused, RobotsDeferred):
        return str(failure.value)
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status} from {failure.value.response.url}"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return f"could not find the host of {url} (DNS lookup failed; is the network reachable?)"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return f"connection refused by {url}"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return f"timed out fetching {url}"
    return f"{failure.type.__name__} fetching {url}: {failure.getErrorMessage()}"
