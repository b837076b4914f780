"""Job alerts, the subscriber's side, through the real app, store and a real SMTP server
(aiosmtpd on loopback): subscribe, confirm by POST, change, unsubscribe in one click; the same
answer for every address; CSRF, rate limits; and a deleted address gone from the database file
and from every log line."""
from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from indexer import store
from indexer.store.models import AlertDelivery, Subscription
from foundation.settings import Settings
from indexer.taxonomy import load_taxonomy
from tests.support.smtp import free_port, smtp_server
from tests.test_openapi import CheckedClient, check_against_document
from webapp import create_app
from alerts import subscribing, tokens
from alerts.words import search_in_words

ADDRESS = "Sam.Rivera+jobs@Example.ORG"
STORED = "Sam.Rivera+jobs@example.org"
SEARCH_ARGS = "q=recovery+coach&where=Dayton,+OH&employment_type=PART_TIME"
SEARCH = {"q": "recovery coach", "where": "Dayton, OH", "employment_type": ["PART_TIME"]}
API_DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"
NOW = datetime(2026, 3, 2, 12, 0)


@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


def alert_settings(folder: Path, database_url: str, smtp_url: str) -> Settings:
    return Settings(data_dir=folder, database_url=database_url, index_dir=folder / "index", smtp_url=smtp_url,
                    public_url="https://jobs.example", mail_from="PeerJobs <alerts@jobs.example>",
                    secret_key_value="test-secret")


@pytest.fixture
def app(tmp_path, smtp):
    return create_app(alert_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}", smtp[0]))


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def sign_up(client, email: str = ADDRESS, frequency: str = "daily", args: str = SEARCH_ARGS):
    """Open the form (which sets the CSRF cookie) and send it, as a browser would."""
    page = client.get(f"/alerts/new?{args}")
    assert page.status_code == 200
    return client.post(f"/alerts/new?{args}", buffered=True,  # buffered: the email goes when it closes
                       data={"csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
                             "frequency": frequency})


def path_of(url: str) -> str:
    return urlsplit(url).path


def links(message: EmailMessage) -> tuple[list[str], list[str]]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return re.findall(r"https?://\S+", text), re.findall(r'href="([^"]+)"', html)


def post_api(client, body, **options):
    """POST /api/v1/alerts, the answer checked against the OpenAPI document."""
    sent = {"json": body} if not isinstance(body, str) else {"data": body, "content_type": "application/json"}
    response = client.post("/api/v1/alerts", buffered=True, **sent, **options)
    request = Request(EnvironBuilder(path="/api/v1/alerts", method="POST", base_url="http://localhost/",
                                     **sent).get_environ())
    check_against_document(response, request)
    return response


def rows(app) -> list[Subscription]:
    with app.extensions["peerjobs_sessions"]() as session:
        return list(session.query(Subscription).order_by(Subscription.id))


# Rules: addresses, searches, words ------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("sam@example.org", "sam@example.org"),
    ("  Sam.Rivera+jobs@Example.ORG \n", "Sam.Rivera+jobs@example.org"),
    ("o'neil@mail.co.uk", "o'neil@mail.co.uk"),
    ("a@b-c.example", "a@b-c.example"),
    ("sam@example", None),                       # no dot in the domain
    ("sam@192.168.0.1", None),
    ("sam@[192.168.0.1]", None),
    ("sam@@example.org", None),
    ("sam@example.org\r\nBcc: all@example.org", None),
    ("sam@example.org, pat@example.org", None),
    ("Sam <sam@example.org>", None),
    ('"sam rivera"@example.org', None),
    ("sam..rivera@example.org", None),
    (".sam@example.org", None),
    ("sam@-example.org", None),
    ("søren@example.org", None),
    ("x" * 65 + "@example.org", None),
    ("sam@" + "a" * 250 + ".org", None),
    ("", None),
    (None, None),
])
def test_addresses_are_normalized_or_refused(typed, stored):
    assert subscribing.normalize_email(typed) == stored


def test_an_alert_keeps_the_search_but_not_its_page_or_order():
    args = MultiDict([("q", " recovery  coach "), ("where", "Dayton, OH"), ("employment_type", "PART_TIME"),
                      ("page", "3"), ("sort", "date"), ("per_page", "50"), ("radius", "25"), ("junk", "x")])
    assert subscribing.search_from_args(args) == SEARCH
    assert subscribing.search_from_args({}) == {}


@pytest.mark.parametrize("search, words", [
    ({}, "Peer-support jobs"),
    (SEARCH, "Peer-support jobs matching “recovery coach” within 25 miles of Dayton, OH (part-time)"),
    ({"category": ["peer_recovery_coach", "peer_specialist"], "where": "Ohio", "remote": 1},
     "Recovery coach or peer specialist jobs in Ohio (remote only)"),
    ({"include_non_peer": 1, "min_hourly": 18, "no_certification_required": 1, "posted_within": 7},
     "All jobs (paying at least $18.00 an hour, no certification needed, posted in the past week)"),
])
def test_the_search_reads_in_words(search, words):
    assert search_in_words(search, load_taxonomy()) == words


# The store --------------------------------------------------------------------------------------

def test_the_store_keeps_one_subscription_per_address_and_search(session):
    first = store.add_subscription(session, STORED, SEARCH, "daily", now=NOW)
    other = store.add_subscription(session, STORED, {"q": "peer"}, "weekly", network="ohio-peers", now=NOW)
    session.commit()
    assert store.find_subscription(session, STORED.upper(), dict(SEARCH)).id == first.id
    assert store.find_subscription(session, STORED, {"q": "coach"}) is None
    assert [s.id for s in store.subscriptions_of(session, "sam.rivera+JOBS@example.org")] == [first.id, other.id]
    assert (first.status, first.network, other.network) == ("pending", None, "ohio-peers")
    with pytest.raises(ValueError):
        store.add_subscription(session, STORED, {}, "hourly")

    assert not store.confirmation_sent_since(session, STORED, NOW - timedelta(days=1))
    store.set_confirmation_sent(session, first.id, NOW - timedelta(hours=2))
    assert store.confirmation_sent_since(session, STORED.lower(), NOW - timedelta(days=1))
    assert not store.confirmation_sent_since(session, STORED, NOW - timedelta(hours=1))


def test_confirming_pausing_and_resuming_move_the_seen_through_time(session):
    subscription = store.add_subscription(session, STORED, SEARCH, "daily", now=NOW)
    assert store.pause_subscription(session, subscription.id, NOW).status == "pending"  # nothing to pause yet
    store.confirm_subscription(session, subscription.id, NOW + timedelta(hours=1))
    assert (subscription.status, subscription.confirmed_at, subscription.seen_through) == (
        "active", NOW + timedelta(hours=1), NOW + timedelta(hours=1))
    store.confirm_subscription(session, subscription.id, NOW + timedelta(hours=5))   # twice: no change
    assert subscription.confirmed_at == NOW + timedelta(hours=1)
    store.pause_subscription(session, subscription.id, NOW + timedelta(days=1))
    assert (subscription.status, subscription.paused_at) == ("paused", NOW + timedelta(days=1))
    subscription.bounces = 3
    store.resume_subscription(session, subscription.id, NOW + timedelta(days=9))
    assert (subscription.status, subscription.paused_at, subscription.bounces, subscription.seen_through) == (
        "active", None, 0, NOW + timedelta(days=9))
    store.set_frequency(session, subscription.id, "weekly")
    assert subscription.frequency == "weekly"
    session.commit()


def test_deleting_takes_the_outbox_rows_along_and_unconfirmed_ones_expire(session):
    kept = store.add_subscription(session, STORED, SEARCH, "daily", now=NOW - timedelta(days=30))
    store.confirm_subscription(session, kept.id, NOW - timedelta(days=29))
    stale = store.add_subscription(session, "old@example.org", {}, "daily", now=NOW - timedelta(days=30))
    asked_again = store.add_subscription(session, "again@example.org", {}, "daily", now=NOW - timedelta(days=30))
    store.set_confirmation_sent(session, asked_again.id, NOW - timedelta(days=2))
    session.add(AlertDelivery(subscription_id=kept.id, message_id="<1@jobs.example>", posting_ids=[1]))
    session.commit()
    assert store.delete_unconfirmed(session, NOW - subscribing.UNCONFIRMED_KEPT) == 1
    session.commit()
    assert store.get_subscription(session, stale.id) is None
    assert store.get_subscription(session, asked_again.id) is not None
    assert store.delete_subscription(session, kept.id) is True
    session.commit()
    assert store.erase_deleted(session) is True
    assert session.query(AlertDelivery).count() == 0
    assert store.delete_subscription(session, kept.id) is False


def test_subscribe_sends_one_confirmation_a_day_and_never_changes_an_active_alert(session):
    due = subscribing.subscribe(session, ADDRESS, "daily", SEARCH, now=NOW)
    assert due is not None and (due.email, due.search, due.frequency) == (STORED, SEARCH, "daily")
    assert subscribing.subscribe(session, ADDRESS.lower(), "weekly", SEARCH, now=NOW + timedelta(hours=3)) is None
    other = {"q": "peer mentor"}
    assert subscribing.subscribe(session, ADDRESS, "weekly", other, now=NOW + timedelta(hours=4)) is None
    assert len(store.subscriptions_of(session, STORED)) == 2          # stored, its confirmation waits
    again = subscribing.subscribe(session, ADDRESS, "weekly", other, now=NOW + timedelta(days=1, hours=5))
    assert again is not None and again.search == other and again.frequency == "weekly"

    subscribing.confirm(session, due.subscription_id, now=NOW + timedelta(hours=1))
    later = NOW + timedelta(days=3)
    assert subscribing.subscribe(session, ADDRESS, "instant", SEARCH, now=later) is None
    active = store.get_subscription(session, due.subscription_id)
    assert (active.status, active.frequency) == ("active", "daily")
    with pytest.raises(ValueError):
        subscribing.subscribe(session, "not an address", "daily", SEARCH)


def test_an_address_holds_a_limited_number_of_searches(session):
    for n in range(subscribing.MAX_PER_ADDRESS):
        subscribing.subscribe(session, ADDRESS, "daily", {"q": f"peer {n}"}, now=NOW)
    assert subscribing.subscribe(session, ADDRESS, "daily", {"q": "one more"}, now=NOW + timedelta(days=2)) is None
    assert len(store.subscriptions_of(session, ADDRESS)) == subscribing.MAX_PER_ADDRESS


# The whole way, through the pages -------------------------------------------------------------

@pytest.fixture
def flow_app(tmp_path, database_url, smtp):
    return create_app(alert_settings(tmp_path, database_url, smtp[0]))


def test_subscribe_confirm_by_post_manage_and_leave_in_one_click(flow_app, smtp):
    _url, inbox = smtp
    client = flow_app.test_client()
    answer = sign_up(client)
    assert answer.status_code == 200 and "Check your email" in answer.get_data(as_text=True)
    [message] = inbox.wait_for(1)
    assert inbox.recipients == [[STORED]]
    text_links, html_links = links(message)
    [confirm_url] = text_links
    assert html_links == [confirm_url] and confirm_url.startswith("https://jobs.example/alerts/confirm/")
    [pending] = rows(flow_app)
    assert (pending.status, pending.email, pending.search, pending.frequency) == ("pending", STORED, SEARCH, "daily")

    page = client.get(path_of(confirm_url))      # what a mail scanner does: nothing changes
    assert page.status_code == 200 and "<button" in page.get_data(as_text=True)
    assert rows(flow_app)[0].status == "pending"
    done = client.post(path_of(confirm_url), data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert done.status_code == 200 and "Your alert is on" in done.get_data(as_text=True)
    [active] = rows(flow_app)
    assert active.status == "active" and active.seen_through == active.confirmed_at is not None

    manage_path = re.search(r'href="(/alerts/manage/[^"]+)"', done.get_data(as_text=True)).group(1)
    page = client.get(manage_path)
    assert "recovery coach" in page.get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    changed = client.post(manage_path, data={"csrf_token": token, "action": "frequency", "frequency": "weekly"})
    assert changed.status_code == 303 and rows(flow_app)[0].frequency == "weekly"
    assert "Saved" in client.get(changed.location).get_data(as_text=True)
    client.post(manage_path, data={"csrf_token": token, "action": "pause"})
    assert rows(flow_app)[0].status == "paused"
    client.post(manage_path, data={"csrf_token": token, "action": "resume"})
    assert rows(flow_app)[0].status == "active"

    unsubscribe_path = path_of(tokens.link(flow_app.config["PEERJOBS_SETTINGS"], "unsubscribe", active.id))
    mail_client = flow_app.test_client()                      # a mail client: no cookie, no CSRF token
    assert mail_client.get(unsubscribe_path).status_code == 200
    assert len(rows(flow_app)) == 1 and mail_client.get_cookie("session") is None
    gone = mail_client.post(unsubscribe_path, data="List-Unsubscribe=One-Click",
                            content_type="application/x-www-form-urlencoded")
    assert gone.status_code == 200 and "You are unsubscribed" in gone.get_data(as_text=True)
    assert rows(flow_app) == []
    again = flow_app.test_client().post(unsubscribe_path, data="List-Unsubscribe=One-Click",
                                        content_type="application/x-www-form-urlencoded")
    assert (again.status_code, again.get_data()) == (200, gone.get_data())
    assert client.get(manage_path).status_code == 404
    assert len(inbox.wait_for(2, timeout=0.2)) == 1           # nothing more was sent


def test_the_confirmation_email_says_what_it_is_and_tracks_nothing(app, smtp):
    _url, inbox = smtp
    sign_up(app.test_client(), frequency="instant")
    [message] = inbox.wait_for(1)
    assert message["Subject"] == "Please confirm your PeerJobs job alert"
    assert message["From"] == "PeerJobs <alerts@jobs.example>" and message["To"] == STORED
    assert re.fullmatch(r"<[^@\s]+@jobs\.example>", message["Message-ID"]) and message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html.replace("&#34;", '"')):
        assert "Peer-support jobs matching “recovery coach” within 25 miles of Dayton, OH (part-time)" in part
        assert "as soon as we find them" in part
        assert "If you did not ask for this, ignore this email; nothing will be sent." in part
        assert " via " not in part
    assert "<img" not in html and "<script" not in html
    text_links, html_links = links(message)
    assert {urlsplit(link).netloc for link in text_links + html_links} == {"jobs.example"}


def test_a_confirmation_names_the_network_it_came_through(app, smtp):
    with app.test_request_context():
        from webapp.alerts.confirmation import confirmation_message
        due = subscribing.ConfirmationDue(7, STORED, SEARCH, "weekly", "ohio-peers")
        message = confirmation_message(app.config["PEERJOBS_SETTINGS"], due, network_name="Ohio Peer Network")
    assert "asked PeerJobs via Ohio Peer Network" in message.get_body(("plain",)).get_content()
    assert "via Ohio Peer Network" in message.get_body(("html",)).get_content()


def client_from(app, address: str):
    """A client from its own network address, so that rate limits do not mix tests up."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_subscribed_address(app, smtp):
    _url, inbox = smtp
    answers = {"new": sign_up(client_from(app, "192.0.2.1"), email="new@example.org")}
    sign_up(client_from(app, "192.0.2.2"), email="waiting@example.org")
    answers["waiting"] = sign_up(client_from(app, "192.0.2.2"), email="waiting@example.org")
    sign_up(client_from(app, "192.0.2.3"), email="subscribed@example.org")
    with app.extensions["peerjobs_sessions"]() as session:
        subscribing.confirm(session, store.find_subscription(session, "subscribed@example.org", SEARCH).id)
    answers["subscribed"] = sign_up(client_from(app, "192.0.2.3"), email="subscribed@example.org")
    assert {name: (a.status_code, a.get_data()) for name, a in answers.items()} == {
        name: (answers["new"].status_code, answers["new"].get_data()) for name in answers}
    assert b"example.org" not in answers["new"].get_data()
    # One confirmation each: none for the second request of the day, none for a confirmed alert.
    assert sorted(r for [r] in inbox.recipients) == ["new@example.org", "subscribed@example.org", "waiting@example.org"]

    api = client_from(app, "192.0.2.4")
    replies = {email: post_api(api, {"email": email, "frequency": "daily", "search": SEARCH})
               for email in ("new-too@example.org", "waiting@example.org", "subscribed@example.org")}
    assert {(r.status_code, r.get_data()) for r in replies.values()} == {(202, b'{"status":"confirmation-sent"}\n')}
    assert [r for [r] in inbox.recipients[3:]] == ["new-too@example.org"]


def test_a_bad_form_is_shown_again_with_what_to_fix(app):
    client = app.test_client()
    page = client.get("/alerts/new?q=peer")
    answer = client.post("/alerts/new?q=peer", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                                      "email": "sam@example", "frequency": "hourly"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "Type an email address like name@example.org." in html and 'aria-invalid="true"' in html
    assert rows(app) == []


def test_forms_without_their_csrf_token_are_refused_calmly(app):
    client = app.test_client()
    client.get("/alerts/new")
    refused = client.post("/alerts/new", data={"email": "sam@example.org", "frequency": "daily"})
    assert refused.status_code == 400 and "This form has expired" in refused.get_data(as_text=True)
    assert rows(app) == []
    with app.extensions["peerjobs_sessions"]() as session:
        due = subscribing.subscribe(session, "sam@example.org", "daily", {})
    settings = app.config["PEERJOBS_SETTINGS"]
    for purpose in ("confirm", "manage"):
        path = path_of(tokens.link(settings, purpose, due.subscription_id))
        assert client.get(path).status_code == 200
        assert client.post(path, data={"action": "delete-confirmed"}).status_code == 400
    assert [s.status for s in rows(app)] == ["pending"]


def test_damaged_expired_and_other_purpose_links_get_a_page_not_an_error(app):
    settings = app.config["PEERJOBS_SETTINGS"]
    client = app.test_client()
    manage = tokens.make_token(settings.secret_key, "manage", 1)
    for path in ("/alerts/confirm/nonsense", f"/alerts/confirm/{manage}", f"/alerts/unsubscribe/{manage}",
                 f"/alerts/manage/{manage[:-3]}"):
        answer = client.get(path)
        assert answer.status_code == 400 and "This link does not work" in answer.get_data(as_text=True), path
    assert client.post(f"/alerts/unsubscribe/{manage}").status_code == 400
    answer = client.get(f"/alerts/manage/{manage}")             # a good link to an alert that is gone
    assert answer.status_code == 404 and "This alert no longer exists" in answer.get_data(as_text=True)


def test_deleting_from_the_manage_page_asks_once(app):
    with app.extensions["peerjobs_sessions"]() as session:
        due = subscribing.subscribe(session, ADDRESS, "daily", SEARCH)
        subscribing.confirm(session, due.subscription_id)
    client = app.test_client()
    path = path_of(tokens.link(app.config["PEERJOBS_SETTINGS"], "manage", due.subscription_id))
    token = csrf_token(client.get(path).get_data(as_text=True))
    asked = client.post(path, data={"csrf_token": token, "action": "delete"})
    assert asked.status_code == 200 and "Delete this alert?" in asked.get_data(as_text=True)
    assert len(rows(app)) == 1
    deleted = client.post(path, data={"csrf_token": token, "action": "delete-confirmed"})
    assert deleted.status_code == 200 and "Your alert is deleted" in deleted.get_data(as_text=True)
    assert rows(app) == []


def test_sign_ups_are_rate_limited_per_client_on_the_page_and_the_api_together(app):
    client = app.test_client()
    for n in range(4):
        assert sign_up(client, email=f"person{n}@example.org").status_code == 200
    api = app.test_client()
    body = {"email": "person4@example.org", "frequency": "weekly"}
    assert post_api(api, body).status_code == 202
    page = sign_up(client, email="person5@example.org")
    assert page.status_code == 429 and "Please wait a little" in page.get_data(as_text=True)
    refused = post_api(api, body)
    assert refused.status_code == 429 and refused.get_json()["error"]["status"] == 429
    assert client.get("/alerts/new").status_code == 200           # reading the form is not limited
    other = client_from(app, "192.0.2.7")
    assert sign_up(other, email="someone@example.org").status_code == 200


def test_a_mail_server_that_is_down_gets_the_same_answer_and_no_address_in_the_log(tmp_path, caplog):
    app = create_app(alert_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}",
                                    f"smtp://127.0.0.1:{free_port()}"))
    with caplog.at_level(logging.DEBUG):
        answer = sign_up(app.test_client())
    assert answer.status_code == 200 and "Check your email" in answer.get_data(as_text=True)
    [subscription] = rows(app)
    assert subscription.confirm_sent_at is None                   # asking again may send one
    assert any("not sent" in record.getMessage() and str(subscription.id) in record.getMessage()
               for record in caplog.records)
    assert not logged(caplog, STORED)


def logged(caplog, text: str) -> list[str]:
    """Log lines holding `text`, from any logger but the test's own mail server."""
    lines = [record.getMessage() + (record.exc_text or "") for record in caplog.records
             if not record.name.startswith("mail.log")]
    return [line for line in lines if text.lower() in line.lower()]


def test_a_deleted_address_is_gone_from_the_database_file_and_was_never_logged(app, smtp, caplog):
    _url, inbox = smtp
    settings = app.config["PEERJOBS_SETTINGS"]
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        sign_up(client)
        confirm_path = path_of(links(inbox.wait_for(1)[0])[0][0])
        page = client.get(confirm_path)
        client.post(confirm_path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
        [subscription] = rows(app)
        sign_up(client, email="someone.else@example.org", args="q=peer")     # a neighbour that stays
        database = settings.data_dir / "store.db"
        assert STORED.encode() in database_bytes(database)
        unsubscribed = client.post(path_of(tokens.link(settings, "unsubscribe", subscription.id)))
        assert unsubscribed.status_code == 200
    assert caplog.records and not logged(caplog, STORED)
    remains = database_bytes(database)
    assert b"someone.else@example.org" in remains
    assert STORED.encode() not in remains and STORED.lower().encode() not in remains


def database_bytes(database: Path) -> bytes:
    """The database file and its write-ahead log, as they are on disk."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_only_the_pages_with_a_form_set_a_cookie(app):
    client = app.test_client()
    form = client.get("/alerts/new")
    cookie = form.headers.get("Set-Cookie", "")
    assert cookie.startswith("session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" in cookie                                     # the public address is https
    settings = app.config["PEERJOBS_SETTINGS"]
    for path in ("/alerts/unsubscribe/" + tokens.make_token(settings.secret_key, "unsubscribe", 99),
                 "/alerts/confirm/damaged"):
        assert "Set-Cookie" not in app.test_client().get(path).headers, path


# The API ------------------------------------------------------------------------------------------

def test_the_api_refuses_a_bad_sign_up_with_every_reason(app):
    answer = post_api(app.test_client(), {
        "email": "sam@example.org\nBcc: x@example.org", "frequency": "hourly", "extra": 1,
        "search": {"radius": 500, "colour": "blue", "q": {"nested": 1}}, "network": "ohio-peers"})
    assert answer.status_code == 400
    details = answer.get_json()["error"]["details"]
    for words in ("unknown field “extra”", "email must be", "frequency must be", "search.q must be",
                  "search: radius must be", "search: unknown parameter “colour”", "unknown field “network”"):
        assert any(words in detail for detail in details), (words, details)
    for body in ("not json", json.dumps(["a", "list"])):
        bad = post_api(app.test_client(), body)
        assert bad.status_code == 400 and "JSON object" in bad.get_json()["error"]["details"][0]
    assert CheckedClient(app.test_client()).get("/api/v1/alerts").status_code == 405
    assert rows(app) == []


def test_the_api_stores_the_search_it_was_given(app, smtp):
    answer = post_api(app.test_client(), {
        "email": ADDRESS, "frequency": "weekly",
        "search": {**SEARCH, "page": 3, "sort": "date", "remote": True, "radius": 50, "category": []}})
    assert answer.status_code == 202 and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in answer.headers
    [subscription] = rows(app)
    assert subscription.search == {**SEARCH, "radius": 50, "remote": 1}
    assert (subscription.network, subscription.frequency, subscription.email) == (None, "weekly", STORED)
    [message] = smtp[1].wait_for(1)
    assert " via " not in message.get_body(("plain",)).get_content()


def test_a_browser_may_post_json_to_the_api_from_another_site(app):
    api = CheckedClient(app.test_client())
    answer = api.open("/api/v1/alerts", method="OPTIONS", headers={
        "Origin": "https://agency.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert "Content-Type" in answer.headers["Access-Control-Allow-Headers"]
    assert api.open("/api/v1/jobs", method="OPTIONS").headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_api_docs_example_matches_the_document():
    text = API_DOCS.read_text(encoding="utf-8")
    found = re.search(r"^POST /api/v1/alerts\s*\n+```json\n(.*?)\n```\s*\n```json\n(.*?)\n```", text,
                      re.MULTILINE | re.DOTALL)
    request_body, answer = json.loads(found.group(1)), json.loads(found.group(2))
    assert subscribing.normalize_email(request_body["email"]) and answer == {"status": "confirmation-sent"}
    request = Request(EnvironBuilder(path="/api/v1/alerts", method="POST", json=request_body,
                                     base_url="http://localhost/").get_environ())
    check_against_document(Response(json.dumps(answer), status=202, mimetype="application/json",
                                    headers={"Access-Control-Allow-Origin": "*"}), request)


def test_rate_limits_can_be_counted_in_redis_and_shared_by_every_worker(tmp_path, smtp):
    """With PEERJOBS_RATELIMIT_STORAGE_URL at Redis, the counts live there, so gunicorn's workers
    (and several web hosts) count one client's sign-ups together."""
    import uuid

    import redis
    prefix = f"peerjobs-test-{uuid.uuid4().hex}"
    settings = alert_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}", smtp[0])
    app = create_app(settings, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0", RATELIMIT_KEY_PREFIX=prefix)
    server = redis.Redis(host="127.0.0.1", port=6379, db=0)
    try:
        for n in range(5):
            assert sign_up(client_from(app, "192.0.2.50"), email=f"worker{n}@example.org").status_code == 200
        assert server.keys(f"*{prefix}*"), "the counts are kept in Redis"
        assert sign_up(client_from(app, "192.0.2.50"), email="worker5@example.org").status_code == 429
    finally:
        for key in server.keys(f"*{prefix}*"):
            server.delete(key)
