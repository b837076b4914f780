"""What `peerjobs recheck` and the scheduler's re-check job do: fetch the pages of postings
readers reported closed (crawlers.recheck), then sync the index when one closed."""
from __future__ import annotations

import logging
from typing import Any, Callable, Mapping

from crawlers.recheck import recheck_in_child
from crawlers.settings import LOOPBACK_OVERRIDES
from foundation.settings import Settings
from indexer import store
from indexer.store import db

logger = logging.getLogger(__name__)
Echo = Callable[..., None]
#: Reports re-checked in one go; the rest wait for the next.
BATCH = 50


def run_rechecks(settings: Settings, engine, overrides: Mapping[str, Any] | None = None,
                 timeout: float = 300) -> list[tuple[store.Recheck, str]]:
    """Re-check every report waiting for it; (check, result in words) for each."""
    sessions = db.session_factory(engine)
    with sessions.begin() as session:
        checks = store.rechecks_due(session, BATCH)
    if not checks:
        return []
    code = recheck_in_child(checks, settings, overrides, timeout)
    if code != 0:
        logger.warning("the re-check process exited with %s", code)
    with sessions.begin() as session:
        results = [(check, _result(session, check.report_id, code)) for check in checks]
    if any(result.startswith("closed") for _check, result in results):
        from indexer import search
        search.sync(engine, settings.index_dir)
    return results


def _result(session, report_id: int, code: int) -> str:
    """The report's result; one the re-check did not reach is recorded as such, so a crashing
    or stuck re-check is not started again at every poll."""
    report = store.get_report(session, report_id)
    if report is None:
        return "the report is gone"
    if not report.recheck_result or report.recheck_requested_at is not None:
        store.record_recheck(session, report_id, f"not re-checked: the re-check process ended with exit code {code}")
    return report.recheck_result


def recheck_command(settings: Settings, overrides: Mapping[str, Any], loopback: bool, echo: Echo) -> int:
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    results = run_rechecks(settings, engine, {**(LOOPBACK_OVERRIDES if loopback else {}), **overrides})
    if not results:
        echo("No reports are waiting for a re-check.")
    for check, result in results:
        echo(f"report {check.report_id}, posting {check.posting_id}: {result}")
    return 1 if any(result.startswith("not re-checked") for _check, result in results) else 0


def recheck_job(settings: Settings, engine, overrides: Mapping[str, Any] | None = None) -> int:
    """The scheduler's job: how many reports it re-checked."""
    results = run_rechecks(settings, engine, overrides)
    for check, result in results:
        logger.info("report %d, posting %d: %s", check.report_id, check.posting_id, result)
    return len(results)
