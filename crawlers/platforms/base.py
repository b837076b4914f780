"""The base of every platform spider: it crawls one source and says plainly why it failed."""
from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet.error import (
    ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError,
)

from crawlers.items import RawPosting
from crawlers.network_guard import RequestRefused
from crawlers.robots import RobotsDeferred
from foundation import sources_file
from foundation.sources_file import SourceConfig
from crawlers.storage import sessions_for
from indexer import store
from indexer.lifecycle import GONE_STATUSES

MAX_EXTERNAL_ID = 200


class SourceSpider(scrapy.Spider):
    """Subclasses set `name` (the platform) and `option_keys`, and implement `start`."""

    #: Source keys beyond the common ones (id, platform, url, employer, ...) this platform reads.
    option_keys: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, source: SourceConfig | None = None, source_id: str | None = None,
                 sources_file: str | None = None, **kwargs: Any):
        if source is None:
            source = source_from_file(type(self), source_id, sources_file)
        super().__init__(name=self.name, **kwargs)
        self.source = source
        self.fatal: str | None = None
        self.problems: list[str] = []
        #: Detail pages that answered 404/410 (url -> status): their postings are gone.
        self.gone: dict[str, int] = {}

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

    def detail_failed(self, failure) -> None:
        """A posting page that answers 404 or 410 says its posting is gone: noted, not an error."""
        response = getattr(failure.value, "response", None)
        if failure.check(HttpError) and response is not None and response.status in GONE_STATUSES:
            for url in {failure.request.url, response.url}:
                self.gone[url] = response.status
            self.crawler.stats.inc_value("peerjobs/pages_gone")
            return
        self.page_failed(failure)

    def urls_to_recheck(self) -> list[str]:
        """Pages of this source's open postings that its last healthy crawl missed: a spider
        requests them once more, so a dead page (404/410) closes its posting at once."""
        url = self.crawler.settings.get("PEERJOBS_DATABASE_URL")
        if not url:
            return []
        try:
            with sessions_for(url).begin() as session:
                return store.recheck_urls(session, self.source.id)
        except SQLAlchemyError as error:
            self.logger.warning("%s: no re-check of missing postings: %s", self.source.id, error)
            return []

    def note_problem(self, message: str) -> None:
        self.problems.append(message)
        self.crawler.stats.inc_value("peerjobs/page_problems")
        self.logger.warning("%s: %s", self.source.id, message)


def source_from_file(spider: type[SourceSpider], source_id: str | None, path: str | None) -> SourceConfig:
    """Scrapy's command line and Scrapyd pass only strings: look the source up by id, checked
    with this spider's own keys (an entry of another platform is not this spider's)."""
    if not source_id:
        raise ValueError("a source or a source_id is required")
    check = getattr(spider, "entry_problems", None)
    rules = sources_file.PlatformRules({spider.name: frozenset(spider.option_keys)},
                                       lambda _platform, entry: check(entry) if check else [])
    found = sources_file.load_sources(path, rules).get(source_id)
    if found is None:
        raise ValueError(f"no valid {spider.name} source {source_id!r} in {path or 'config/sources.yaml'}")
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
