"""The operators' walkthrough, end to end with real parts only: the demo's sample sites and
boards on loopback (the broken board included), crawled once as the demo does; an admin
account made with `peerjobs admin create-user` as a new user would; the web app and a
`peerjobs scheduler` process on the same store. In Chromium the operator signs in, sees every
source's health with the broken one first, changes a schedule (and the scheduler plans by it),
presses "Run now", watches the run appear in the source's history, and reads why the broken
source fails."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml
from playwright.sync_api import expect

from crawlers.runner import crawl_in_children
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import load_sources
from indexer.store import db
from indexer import search
from foundation.settings import Settings
from peerjobs.demo import SampleSites
from peerjobs.demo.boards import BOARDS_DIR, Board, SampleBoards
from peerjobs.scheduling import background
from tests.admin_support import sign_in
from tests.browser_support import live_server
from webapp.extensions import limiter

USERNAME = "river"
PASSWORD = "harbor lights at dusk"
BROKEN = Board(BOARDS_DIR / "zz-broken-careers").source_entry["id"]
NEW_SCHEDULE = "15,45 * * * *"  # no shipped default fires at minute 15 or 45
RUN_WAIT = 45.0
HEALTH_WORDS = {"Healthy", "Degraded", "Failing"}
RUN_COLUMNS = ("started", "took", "status", "pages", "items", "new", "updated", "errors", "health", "message")


def peerjobs_command() -> str:
    return str(Path(sys.executable).with_name("peerjobs"))


def create_admin(settings: Settings) -> str:
    environ = {**os.environ, "PEERJOBS_DATA_DIR": str(settings.data_dir),
               "PEERJOBS_DATABASE_URL": settings.database_url}
    done = subprocess.run([peerjobs_command(), "admin", "create-user", USERNAME, "--password-stdin"],
                          input=PASSWORD + "\n", env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def history_rows(page) -> list[dict[str, str]]:
    rows = []
    for row in page.locator("table.runs tbody tr").all():
        cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
        rows.append(dict(zip(RUN_COLUMNS, cells)))
    return rows


def wait_for_new_run(page, path: str, known: int, timeout: float) -> tuple[list[dict[str, str]], list[str]]:
    """Reload the history page until it lists more than `known` runs and the newest has ended;
    also the statuses the newest run was seen in along the way."""
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    page.goto(path)
    while True:
        rows = history_rows(page)
        if len(rows) > known:
            if not seen or seen[-1] != rows[0]["status"]:
                seen.append(rows[0]["status"])
            if rows[0]["status"] != "running":
                return rows, seen
        if time.monotonic() > deadline:
            return rows, seen
        time.sleep(0.5)
        page.reload()


def next_run_of(page, card) -> datetime | None:
    moment = card.locator("dd", has_text="Next:").locator("time")
    if moment.count() == 0:
        return None
    return datetime.strptime(moment.get_attribute("datetime"), "%Y-%m-%dT%H:%M:%SZ")


def test_an_operator_walks_through_health_schedules_run_now_and_a_failing_source(browser, tmp_path, monkeypatch):
    # The sample USAJOBS board wants a key and an e-mail, as the real API does (peerjobs demo sets them).
    monkeypatch.setenv("PEERJOBS_USAJOBS_API_KEY", "demo-key")
    monkeypatch.setenv("PEERJOBS_USAJOBS_EMAIL", "demo@peerjobs.invalid")
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    sources_file = data_dir / "sources.yaml"
    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'peerjobs.db'}",
                        index_dir=data_dir / "index", sources_file=sources_file)
    scheduler_log = data_dir / "scheduler.log"

    with ExitStack() as stack:
        sites = stack.enter_context(SampleSites())
        boards = SampleBoards().start()
        stack.callback(boards.stop)
        entries = sites.sources() + boards.sources()
        sources_file.write_text(yaml.safe_dump({"sources": entries}, sort_keys=False), encoding="utf-8")
        source_ids = [entry["id"] for entry in entries]
        assert BROKEN in source_ids and len(set(source_ids)) == len(source_ids)
        run_source = f"demo-{sites.agencies[0]['id']}"
        schedule_source = f"demo-{sites.agencies[1]['id']}"

        # 1. The first crawl of every source, as `peerjobs demo` does it.
        sources = load_sources(sources_file).sources
        assert [source.id for source in sources] == source_ids
        engine = db.make_engine(settings.database_url)
        stack.callback(engine.dispose)
        # No migration first: the crawl processes open the new store side by side, as in the demo.
        code = crawl_in_children(sources, settings, {**LOOPBACK_OVERRIDES, "LOG_LEVEL": "WARNING"},
                                 timeout=60, processes=os.cpu_count() or 1)
        assert code == 0
        search.rebuild(engine, settings.index_dir)

        # 2. The admin account, made on the server the way the sign-in page tells a new user to.
        assert f"admin account '{USERNAME}' created" in create_admin(settings)

        # 3. The web app and the scheduler on the same store and data folder.
        origin = stack.enter_context(live_server(settings))
        limiter.reset()
        stack.callback(limiter.reset)
        scheduler = background.start(settings, sources_file, scheduler_log, loopback=True, schedules={
            "poll_seconds": 1, "alerts": {"instant": None, "daily": None, "weekly": None}})
        stopped: list[int | None] = []
        stack.callback(lambda: stopped or stopped.append(background.stop(scheduler)))

        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=origin)
        stack.callback(context.close)
        page = context.new_page()
        page.set_default_timeout(10_000)

        # 4a. Signing in from the admin area's front door.
        sign_in(page, USERNAME, PASSWORD)

        # 4b. Every source of the sources file, each with its health; the broken one first, failing, and why.
        rows = page.locator("table.source-table tbody tr")
        expect(rows).to_have_count(len(source_ids))
        listed = [row.get_attribute("id").removeprefix("source-") for row in rows.all()]
        assert sorted(listed) == sorted(source_ids)
        words = {source_id: page.locator(f"#source-{source_id} .health").inner_text().strip()
                 for source_id in source_ids}
        assert set(words.values()) <= HEALTH_WORDS, words
        assert {s: w for s, w in words.items() if w != "Healthy"} == {BROKEN: "Failing"}, words
        expect(page.locator(".lead")).to_contain_text(
            f"{len(source_ids)} sources: 1 failing, 0 degraded, {len(source_ids) - 1} healthy.")
        assert listed[0] == BROKEN
        first = rows.first
        expect(first.get_by_role("link", name=BROKEN, exact=True)).to_be_visible()
        expect(first).to_have_class(re.compile(r"\brow-failing\b"))
        reason = first.locator(".reason").inner_text()
        assert "HTTP 500" in reason, reason
        assert re.search(r"the start page \(http://127\.0\.0\.1:\d+/careers/\) answered HTTP 500", reason), reason

        # 4c. A new schedule, shown at once and taken up by the running scheduler.
        page.get_by_role("link", name=schedule_source, exact=True).click()
        page.get_by_label(f"Schedule for {schedule_source}").fill(NEW_SCHEDULE)
        page.get_by_role("button", name="Save schedule").click()
        expect(page.get_by_role("status")).to_contain_text(f"{schedule_source}: schedule set to {NEW_SCHEDULE}.")
        facts = page.locator(".admin-facts")
        expect(facts.locator("dd code").first).to_have_text(NEW_SCHEDULE)
        expect(facts).to_contain_text(f"set here by {USERNAME}")
        expect(page.get_by_label(f"Schedule for {schedule_source}")).to_have_value(NEW_SCHEDULE)
        deadline = time.monotonic() + 15
        planned = next_run_of(page, facts)
        while (planned is None or planned.minute not in (15, 45)) and time.monotonic() < deadline:
            time.sleep(0.5)
            page.reload()
            planned = next_run_of(page, page.locator(".admin-facts"))
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        assert planned is not None and planned.minute in (15, 45) and planned.second == 0, \
            (planned, scheduler_log.read_text())
        assert now - timedelta(seconds=5) <= planned <= now + timedelta(minutes=30), (planned, now)

        # 4d. "Run now" on a healthy source, then its history until the new run has ended.
        page.goto(f"/admin/sources/{run_source}")
        before = history_rows(page)
        assert len(before) == 1 and before[0]["status"] == "ok", before
        page.goto("/admin/sources")
        page.get_by_label(f"Check {run_source}").check()
        page.get_by_role("button", name="Run checked now").click()
        expect(page.get_by_role("status")).to_contain_text(f"1 source queued for a run: {run_source}.")
        rows, seen = wait_for_new_run(page, f"/admin/sources/{run_source}", len(before), RUN_WAIT)
        assert len(rows) == len(before) + 1 and rows[0]["status"] != "running", \
            (rows, seen, scheduler_log.read_text())
        newest, first_run = rows[0], rows[1]
        assert newest["status"] == "ok", (newest, scheduler_log.read_text())
        assert int(newest["items"]) == int(first_run["items"]) > 0, rows
        assert (newest["new"], newest["errors"]) == ("0", "0"), newest
        assert newest["health"].startswith("Healthy"), newest
        expect(page.locator(".health-line .health")).to_have_text("Healthy")
        expect(page.get_by_role("img", name=re.compile(r"^Items found per run, the last 2 runs"))).to_be_visible()

        # 4e. The broken source's history: the reason it fails, in words.
        page.goto("/admin/sources")
        page.get_by_role("link", name=BROKEN, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(BROKEN)
        expect(page.locator(".health-line .health")).to_have_text("Failing")
        last_error = page.locator(".last-error .reason")
        expect(last_error).to_contain_text("HTTP 500")
        expect(last_error).to_contain_text("no postings were read")
        broken_runs = history_rows(page)
        assert broken_runs and broken_runs[0]["status"] == "failed", broken_runs
        assert "HTTP 500" in broken_runs[0]["health"], broken_runs

        # 5. The scheduler stops cleanly when asked.
        stopped.append(background.stop(scheduler))

    log = scheduler_log.read_text()
    assert stopped == [0], log
    assert f"{run_source}: crawl started (run now)" in log, log
    assert "scheduler shutting down" in log, log
    assert "Traceback" not in log, log
