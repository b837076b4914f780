"""The whole alert, end to end, against a real SMTP server: subscribe, confirm by POST, new
postings crawled into the store and the index, one digest, one-click unsubscribe, nothing more;
and the day's figures keep every step after the subscription is gone."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.engine import make_url

from indexer import store
from indexer.store import db, figures
from indexer import search
from indexer.store.models import Subscription, utcnow
from foundation.settings import Settings
from tests.test_alerts_send import mail_server
from tests.test_webapp import AGENCY, fields
from webapp import create_app
from alerts.sending import send_alerts

ADDRESS = "Sam.Rivera@example.org"


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def crawl(engine, index_dir: Path, *titles: str) -> list[int]:
    """What a crawl leaves behind: postings in the store, first seen now, and the index synced."""
    with db.session_factory(engine).begin() as session:
        ids = []
        for title in titles:
            number = len(store.posting_ids(session)) + 1
            posting, _ = store.upsert_posting(session, AGENCY.id, f"flow-{number}", fields(
                title=title, city=f"Town {number}", url=f"https://agency.example/careers/{number}/"))
            ids.append(posting.id)
    search.sync(engine, index_dir)
    return ids


def test_subscribe_confirm_digest_unsubscribe_in_one_click_then_nothing_more(tmp_path, database_url):
    with mail_server() as (smtp_url, inbox):
        settings = Settings(data_dir=tmp_path, database_url=database_url, index_dir=tmp_path / "index",
                            smtp_url=smtp_url, public_url="https://jobs.example.org",
                            mail_from="PeerJobs <alerts@jobs.example.org>", secret_key_value="flow-secret")
        engine = db.make_engine(database_url)
        db.migrate(engine)
        with db.session_factory(engine).begin() as session:
            store.upsert_source(session, AGENCY)
        [old] = crawl(engine, settings.index_dir, "Recovery Coach Days")
        app = create_app(settings, TRUSTED_HOSTS=["jobs.example.org", "localhost"])  # the test client is localhost

        browser = app.test_client()
        form = browser.get("/alerts/new?q=recovery+coach")
        answer = browser.post("/alerts/new?q=recovery+coach", buffered=True, data={
            "csrf_token": csrf_token(form.get_data(as_text=True)), "email": ADDRESS, "frequency": "daily"})
        assert answer.status_code == 200
        [confirmation] = inbox.wait_for(1)
        confirm_path = urlsplit(re.search(r"https://jobs\.example\.org/alerts/confirm/\S+",
                                          confirmation.get_body(("plain",)).get_content()).group(0)).path
        page = browser.get(confirm_path)
        assert page.status_code == 200 and status(engine) == "pending"  # opening the link confirms nothing
        confirmed = browser.post(confirm_path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
        assert confirmed.status_code == 200
        assert status(engine) == "active"

        assert send_alerts(settings).sent == 0  # nothing new yet: no email
        new = crawl(engine, settings.index_dir, "Recovery Coach Evenings", "Peer Bridger Weekends")
        report = send_alerts(settings)
        assert (report.sent, report.checked) == (1, 1)
        [_, digest] = inbox.wait_for(2)
        assert digest["To"] == ADDRESS and digest["Subject"] == "1 new peer-support job: recovery coach"
        text = digest.get_body(("plain",)).get_content()
        assert "Recovery Coach Evenings" in text and f"https://jobs.example.org/jobs/{new[0]}" in text
        assert "Recovery Coach Days" not in text and "Peer Bridger" not in text and f"/jobs/{old}\n" not in text
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe_url, mailto = re.findall(r"<([^>]+)>", digest["List-Unsubscribe"])
        assert mailto.startswith("mailto:unsubscribe@jobs.example.org?subject=unsubscribe-")
        manage_url = re.search(r"https://jobs\.example\.org/alerts/manage/\S+", text).group(0)
        assert browser.get(urlsplit(manage_url).path).status_code == 200

        mail_client = app.test_client()  # a mail client: no cookies, no CSRF token
        looked = mail_client.get(urlsplit(unsubscribe_url).path)
        assert looked.status_code == 200 and status(engine) == "active"  # a GET changes nothing
        one_click = app.test_client().post(urlsplit(unsubscribe_url).path, data="List-Unsubscribe=One-Click",
                                           content_type="application/x-www-form-urlencoded")
        assert one_click.status_code == 200 and "Set-Cookie" not in one_click.headers
        assert status(engine) is None

        crawl(engine, settings.index_dir, "Recovery Coach Nights")
        assert send_alerts(settings).sent == 0
        assert len(inbox.messages) == 2  # the confirmation and the one digest, nothing more
        assert todays_figures(engine) == {"subscribed": 1, "confirmed": 1, "sent": 1, "unsubscribed": 1}
        engine.dispose()
    if database_url.startswith("sqlite"):
        stored = Path(make_url(database_url).database)
        files = [stored, Path(f"{stored}-wal")]
        assert not any(ADDRESS.encode() in path.read_bytes() for path in files if path.exists())


def todays_figures(engine) -> dict[str, int]:
    """Each event counted today over all networks, as the admin overview reads them."""
    with db.session_factory(engine)() as session:
        today = {figure: figures.series(session, figure, 1).values.get(figures.ALL, (None,))[0]
                 for figure in figures.EVENTS}
    return {figure: value for figure, value in today.items() if value is not None}


def status(engine) -> str | None:
    with db.session_factory(engine)() as session:
        return session.scalar(select(Subscription.status))


def test_a_digest_counts_postings_first_seen_since_confirming_not_before(tmp_path):
    """Confirming starts the clock: postings already there are never sent, even within the
    overlap that guards against late commits."""
    with mail_server() as (smtp_url, inbox):
        settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'store.db'}",
                            index_dir=tmp_path / "index", smtp_url=smtp_url, secret_key_value="flow-secret")
        engine = db.make_engine(settings.database_url)
        db.migrate(engine)
        with db.session_factory(engine).begin() as session:
            store.upsert_source(session, AGENCY)
            store.upsert_posting(session, AGENCY.id, "before", fields(title="Coach Before"),
                                 now=utcnow() - timedelta(minutes=2))
            subscription = store.add_subscription(session, ADDRESS, {"q": "coach"}, "daily")
            store.confirm_subscription(session, subscription.id)
        search.rebuild(engine, settings.index_dir)
        report = send_alerts(settings)
        engine.dispose()
    assert (report.sent, report.skipped_empty) == (0, 1) and inbox.messages == []
