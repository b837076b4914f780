"""Records one CrawlRun per source crawl: when, how it ended, its figures, health and coverage.

Health (indexer.health) compares the run with the source's recent good runs. A run that is not
failing also settles its source's postings: those it missed or found gone close
(indexer.lifecycle); a failing one closes nothing and says why. After enough failing runs in a
row, operators get one email (crawlers.notices).
"""
from __future__ import annotations

import logging
from datetime import datetime

from scrapy import signals
from sqlalchemy.exc import SQLAlchemyError

from crawlers import notices
from crawlers.pipelines.coverage import PREFIX as COVERAGE_PREFIX, coverage_from_stats
from crawlers.storage import database_url, sessions_for
from crawlers.watchdog import STALLED
from indexer import health, store
from indexer.store.models import utcnow

logger = logging.getLogger(__name__)


class CrawlRunRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        url = database_url(crawler.settings)
        self.sessions = sessions_for(url)
        self.settings = notices.settings_for_crawler(crawler.settings, url)
        self.run_id: int | None = None
        self.run_started: datetime | None = None

    @classmethod
    def from_crawler(cls, crawler):
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider):
        source = spider.source
        with self.sessions.begin() as session:
            store.upsert_source(session, store.SourceRecord(
                id=source.id, platform=source.platform, url=source.url,
                employer=source.employer, enabled=source.enabled, options=source.options,
            ))
            run = store.start_run(session, source.id)
            self.run_id, self.run_started = run.id, run.started_at

    def spider_closed(self, spider, reason):
        if self.run_id is None:  # spider_opened could not reach the store; it logged why
            logger.error("%s: no crawl run was recorded, so none is finished", spider.source.id)
            return
        stats = self.crawler.stats.get_stats()
        figures = run_figures(stats)
        status, message = run_outcome(figures, reason, spider.fatal, spider.problems)
        coverage = coverage_from_stats(stats)
        run = health.figures(status, reason == "finished", figures, stats, coverage, message)
        with self.sessions.begin() as session:
            history = store.recent_good_runs(session, spider.source.id, self.run_id)
            verdict = health.judge(run, history, deferred=bool(stats.get("peerjobs/robots_deferred")))
            closed = close_postings(session, spider.source.id, spider.gone, self.run_started, verdict)
            store.finish_run(session, self.run_id, status, figures, message, stats={**summary(stats), **closed},
                             health=verdict, coverage=coverage)
        if verdict.state != health.HEALTHY:
            logger.warning("%s: %s: %s", spider.source.id, verdict.state, verdict.reason)
        try:
            notices.notify_operators(self.sessions, self.settings, spider.source.id)
        except SQLAlchemyError as error:  # the run is recorded; the next one checks again
            logger.error("%s: could not check whether operators need telling: %s", spider.source.id, error)


def close_postings(session, source_id: str, gone: dict[str, int], run_started: datetime,
                   verdict: health.Verdict) -> dict[str, int]:
    """Expired postings close after any run; gone and missing ones only after a run that is not failing."""
    now = utcnow()
    closed = {"peerjobs/closed/expired": len(store.close_expired(session, now, source_id))}
    if verdict.may_close:
        closed["peerjobs/closed/gone"] = len(store.close_gone(session, source_id, gone, run_started, now))
        closed["peerjobs/closed/missing"] = len(store.close_missing(session, source_id, run_started, now))
    return closed


def run_figures(stats: dict) -> dict[str, int]:
    return {
        "pages": stats.get("response_received_count", 0),
        "items": stats.get("item_scraped_count", 0),
        "new": stats.get("peerjobs/postings/new", 0),
        "updated": stats.get("peerjobs/postings/updated", 0),
        # Not log_count/ERROR: in a shared process it counts every crawler's log records.
        "errors": stats.get("peerjobs/errors", 0) + stats.get("spider_exceptions/count", 0),
    }


def run_outcome(figures: dict[str, int], reason: str, fatal: str | None,
                problems: list[str]) -> tuple[str, str | None]:
    """failed: nothing usable came back; partial: postings, but some pages failed."""
    if reason == "shutdown":
        return "cancelled", "stopped before it finished"
    if reason == STALLED:
        return "failed", "stalled: no page, failure or posting for PEERJOBS_WATCHDOG_MINUTES"
    if fatal:
        return "failed", fatal
    if figures["errors"] and not figures["items"]:
        return "failed", problems[0] if problems else "errors and no postings"
    if figures["errors"]:
        return "partial", f"{figures['errors']} errors; first: {problems[0] if problems else 'see log'}"
    if reason != "finished":
        return "partial", f"closed early: {reason}"
    return "ok", None


def summary(stats: dict) -> dict:
    """The stats worth keeping with the run (JSON-safe)."""
    kept = {}
    for key, value in stats.items():
        if key.startswith(COVERAGE_PREFIX):
            continue
        if key.startswith(("peerjobs/", "downloader/response_status_count/", "robotstxt/",
                           "item_dropped", "retry/")) and isinstance(value, (int, float)):
            kept[key] = value
    return kept
