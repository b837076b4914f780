"""The base of the JSON applicant-tracking platforms (field helpers: ats_fields.py).

A platform subclass says where its list lives (`list_request`), where the jobs sit in an
answer (`jobs_in`), whether there is another page (`has_more`), whether a job needs a detail
call (`detail_request`), and how one job becomes raw-posting fields (`fields_of`, which calls
the platform module's pure function). Everything else (paging, bad JSON, failures) is here.
"""
from __future__ import annotations

from typing import Any, ClassVar, Iterable, Iterator
from urllib.parse import urlsplit

from scrapy.http import JsonRequest

from crawlers.platforms.base import SourceSpider
from indexer.parsers.json_reader import holds_too_deep, read_json


class ApiSpider(SourceSpider):
    """Reads a board through its JSON API. No `name`: a base, not a platform."""

    #: The platform's public API origin; the source's `api_url` replaces it.
    default_api: ClassVar[str] = ""
    #: Jobs asked for per list request, and the most the platform allows.
    page_size: ClassVar[int] = 100
    max_page_size: ClassVar[int] = 100
    #: List pages read at most; the source's `max_pages` changes it.
    max_pages: ClassVar[int] = 50
    option_keys = frozenset({"api_url", "max_pages", "page_size"})

    async def start(self) -> Any:
        problem = self.setup_problem()
        if problem:
            self.fail(problem)
            return
        for request in self.list_requests():
            yield request

    # Hooks ---------------------------------------------------------------------------

    def setup_problem(self) -> str | None:
        """Why this source cannot be crawled at all (a board id missing from its URL ...)."""
        return None

    def list_requests(self) -> Iterable[JsonRequest]:
        yield self.list_request(0)

    def list_request(self, page: int) -> JsonRequest:
        raise NotImplementedError

    def jobs_in(self, data: Any) -> list[Any]:
        raise NotImplementedError

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        """Another list page follows this one (page counts from 0)."""
        return False

    def detail_request(self, job: dict[str, Any]) -> JsonRequest | None:
        return None

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        raise NotImplementedError

    # Machinery -----------------------------------------------------------------------

    def api_url(self) -> str:
        """The API origin: `api_url` from the source, else the platform's, else the board's own."""
        given = self.option("api_url") or self.default_api or self.source.url
        parts = urlsplit(given)
        return f"{parts.scheme}://{parts.netloc}"

    def number_option(self, key: str, default: int) -> int:
        """A whole-number source key; anything else (a typo, "ten") counts as its default."""
        try:
            return max(1, int(self.option(key, default)))
        except (TypeError, ValueError):
            return default

    def size(self) -> int:
        return min(self.number_option("page_size", self.page_size), self.max_page_size)

    def api_request(self, url: str, page: int | None = None, **kwargs: Any) -> JsonRequest:
        """A list page when `page` is given (page 0 failing fails the run), else a detail call."""
        if page is None:
            return JsonRequest(url, callback=self.parse_detail, errback=self.detail_lost, **kwargs)
        errback = self.start_failed if page == 0 else self.page_failed
        meta = {"list_page": page}
        if "data" in kwargs:
            # A kept-alive connection the server has closed is retried by the HTTP client for
            # a GET, never for a POST: a POST list page gets a retry of its own.
            meta["max_retry_times"] = max(1, self.crawler.settings.getint("RETRY_TIMES"))
        return JsonRequest(url, callback=self.parse_list, errback=errback, meta=meta, **kwargs)

    def fail(self, message: str) -> None:
        self.fatal = message
        self.crawler.stats.inc_value("peerjobs/errors")
        self.logger.error("%s: %s", self.source.id, message)

    def parse_list(self, response) -> Iterator[Any]:
        page = response.meta["list_page"]
        data = self.json_of(response, first_list=page == 0)
        if data is None:
            return
        try:
            jobs = self.jobs_in(data)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            self.unreadable(f"{response.url}: no job list in the answer ({error!r})", first_list=page == 0)
            return
        for job in jobs:
            yield from self.job_or_detail(job, response.url)
        if jobs and page + 1 < self.number_option("max_pages", self.max_pages) \
                and self.has_more(data, page, jobs):
            yield self.list_request(page + 1)

    def job_or_detail(self, job: Any, list_url: str) -> Iterator[Any]:
        if not isinstance(job, dict):
            self.note_problem(f"{list_url}: a job is {type(job).__name__}, not an object")
            return
        request = self.detail_request(job)
        if request is None:
            yield from self.posting_of(job, None)
        else:
            request.cb_kwargs["job"] = job
            yield request

    def parse_detail(self, response, job: dict[str, Any]) -> Iterator[Any]:
        detail = self.json_of(response)
        yield from self.posting_of(job, detail if isinstance(detail, dict) else None)

    def detail_lost(self, failure) -> Iterator[Any]:
        """A detail answering 404/410 means the job is gone; any other failure loses only the
        detail, and what the list said is still a posting."""
        self.detail_failed(failure)
        if failure.request.url not in self.gone:
            yield from self.posting_of(failure.request.cb_kwargs["job"], None)

    def posting_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> Iterator[Any]:
        if holds_too_deep(job) or holds_too_deep(detail):
            self.drop("json_too_deep", f"a job nested deeper than JSON should be: {str(job)[:80]}")
            return
        try:
            fields = self.fields_of(job, detail)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            self.drop("unreadable_job", f"unreadable job {str(job)[:80]}: {error!r}")
            return
        fields["employer"] = fields.get("employer") or self.source.employer
        fields["external_id"] = fields.get("external_id") or fields.get("url")
        yield self.raw_posting(fields)

    def json_of(self, response, first_list: bool = False) -> Any:
        try:
            return read_json(response.body)
        except (ValueError, UnicodeDecodeError) as error:
            kind = response.headers.get("Content-Type", b"").decode("latin-1") or "no content type"
            self.unreadable(f"{response.url} did not answer JSON ({kind}): {error}", first_list)
            return None

    def unreadable(self, message: str, first_list: bool) -> None:
        """An unreadable first list page fails the run (a wrong board); any other answer costs itself."""
        if first_list:
            self.fail(message + "; is the board's URL right?")
        else:
            self.note_problem(message)
