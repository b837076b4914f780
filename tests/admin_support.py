"""What the admin tests stand on: sources in every state of health, an admin account, and
settings whose sources file gives them their own schedules."""
from __future__ import annotations

import functools
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from indexer import store
from indexer.store.models import CrawlRun, utcnow
from foundation.settings import Settings
from webapp.admin import passwords

USERNAME = "ops"
PASSWORD = "correct horse battery staple"
SCHEDULES_YAML = {"default_crawl": "0 */6 * * *", "platform_crawl": {"usajobs": "30 5,17 * * *"}, "timezone": "UTC"}
SOURCES = [
    {"id": "steady", "platform": "jsonld", "url": "https://steady.example/jobs", "employer": "Steady Care",
     "schedule": "15 3 * * *"},
    {"id": "slow", "platform": "greenhouse", "url": "https://slow.example/", "employer": "Slow Health"},
    {"id": "broken", "platform": "jsonld", "url": "https://broken.example/", "employer": "Broken Agency"},
    {"id": "legacy", "platform": "jsonld", "url": "https://legacy.example/", "employer": "Legacy Center"},
    {"id": "fresh", "platform": "usajobs", "url": "https://data.usajobs.gov/api/search", "employer": "VA"},
]
BROKEN_REASON = "robots.txt could not be read (HTTP 503); nothing was fetched"
SLOW_REASON = "found 6 postings; usually 10"
LEGACY_REASON = "the crawl failed: DNS lookup failed"


def admin_settings(folder: Path, database_url: str, public_url: str = "http://127.0.0.1:5000") -> Settings:
    sources_file = folder / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": SOURCES}))
    return Settings(data_dir=folder, database_url=database_url, index_dir=folder / "index",
                    secret_key_value="admin-test-secret", sources_file=sources_file, public_url=public_url)


def run(source_id: str, started: datetime, items: int, health: str | None, reason: str | None = None,
        status: str = "ok", message: str | None = None, minutes: int = 2) -> CrawlRun:
    return CrawlRun(source_id=source_id, started_at=started, finished_at=started + timedelta(minutes=minutes),
                    status=status, pages=items + 1, items=items, new=1, updated=0, errors=0 if status == "ok" else 3,
                    message=message, stats={}, health=health, health_reason=reason)


def seed(session) -> None:
    """Five sources: healthy, degraded, failing, failing in the old word, never crawled."""
    for entry in SOURCES:
        store.upsert_source(session, store.SourceRecord(id=entry["id"], platform=entry["platform"],
                                                        url=entry["url"], employer=entry["employer"]))
    start = utcnow() - timedelta(days=3)
    session.add_all([
        run("steady", start, 12, "healthy"),
        run("steady", start + timedelta(hours=6), 14, "healthy"),
        run("slow", start, 10, "healthy"),
        run("slow", start + timedelta(hours=6), 6, "degraded", SLOW_REASON),
        run("broken", start, 9, "healthy"),
        run("broken", start + timedelta(hours=6), 0, "failing", BROKEN_REASON, status="failed",
            message="robots.txt answered HTTP 503"),
        run("broken", start + timedelta(hours=12), 0, "failing", BROKEN_REASON, status="failed",
            message="robots.txt answered HTTP 503"),
        run("legacy", start, 0, "unhealthy", LEGACY_REASON, status="failed", message="DNS lookup failed"),
    ])
    store.add_admin(session, USERNAME, password_hash())
    session.commit()


@functools.cache
def password_hash() -> str:
    """Made once: hashing is slow on purpose."""
    return passwords.hash_password(PASSWORD)


def seed_traffic(session) -> None:
    """Widget counts and a few alerts, so the counts pages show tables and not only "none yet"."""
    from indexer.store.models import AlertDelivery, Subscription, WidgetCount
    now = utcnow()
    session.add_all([WidgetCount(network="ohio-peers", day=now.date() - timedelta(days=day), searches=10 + day,
                                 clicks=day % 3) for day in range(4)]
                    + [WidgetCount(network="texas-recovery", day=now.date(), searches=4, clicks=1)])
    subscription = Subscription(email="sam@example.org", frequency="daily", status="active",
                                confirmed_at=now - timedelta(days=2))
    session.add_all([subscription, Subscription(email="lee@example.org", frequency="weekly", status="pending")])
    session.flush()
    session.add(AlertDelivery(subscription_id=subscription.id, message_id="<digest-1@peerjobs.test>",
                              status="sent", sent_at=now - timedelta(days=1)))
    session.commit()
    seed_figures(session)


def seed_figures(session, days: int = 12) -> None:
    """A few weeks of kept figures: events on most days, from a network on some, and snapshots
    of sources by health and open postings by state on all but one day."""
    from indexer.store import figures
    from indexer.store.models import DailyFigure
    today = utcnow().date()
    for back in range(days):
        day = today - timedelta(days=back)
        figures.record_event(session, "subscribed", 1 + back % 3, day=day)
        figures.record_event(session, "confirmed", back % 2, network="ohio-peers" if back % 4 == 0 else None, day=day)
        figures.record_event(session, "unsubscribed", int(back % 5 == 1), day=day)
        figures.record_event(session, "sent", 2 + back % 4, day=day)
        figures.record_event(session, "failed", int(back % 6 == 2), day=day)
        if back and back != 4:
            session.add_all([DailyFigure(day=day, figure="sources_health", key=key, value=value) for key, value in
                             {"failing": back % 3, "degraded": 1, "healthy": 2 + back % 2, "unknown": 1}.items()]
                            + [DailyFigure(day=day, figure="open_peer_by_state", key=state, value=value + back)
                               for state, value in {"OH": 9, "TX": 4, "PA": 3, "NY": 2, "CA": 1, "VT": 0}.items()])
    session.commit()
    figures.take_snapshot(session)


def sign_in(page, username: str = USERNAME, password: str = PASSWORD) -> None:
    """Through the admin area's front door, as a person would: /admin/ sends to sign-in."""
    import re

    from playwright.sync_api import expect
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login\?next="))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sources")
