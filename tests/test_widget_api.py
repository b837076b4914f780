"""The widget's endpoints and pages through the real app, store, index and an SMTP server on
loopback: only a network's own sites may read its answers, its states always apply, searches and
opened jobs are counted per network and day (on SQLite and PostgreSQL), a sign-up through the
widget names the network in its emails, and only /embed may be framed, by the network's sites.
The /api/v1/networks answers are checked against the OpenAPI document."""
from __future__ import annotations

import html
import ipaddress
import itertools
import re
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from indexer import store
from indexer.cards import PayShown, PostingCard
from indexer.store import db
from indexer.store.models import Subscription, utcnow
from foundation.settings import Settings
from indexer.store import deliveries
from indexer.taxonomy import load_taxonomy
from tests.browser_support import BOARD, SOURCE, posting, seed_board
from tests.support.smtp import smtp_server
from tests.test_openapi import CheckedClient, check_against_document
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.admin import overview
from alerts import emails
from indexer.networks import Network
from webapp.widget.snippets import snippets

SITE = "https://peers.example"
LOCAL_SITE = "http://127.0.0.1:8090"
OTHER_SITE = "https://other-network.example"
PUBLIC_URL = "https://jobs.example"
#: The test client speaks to the app as localhost.
HOSTS = ["jobs.example", "localhost"]
ROLES = ["peer_specialist", "peer_recovery_coach"]
OHIO = {"id": "ohio-peers", "name": "Ohio Peer Network", "origins": [SITE, LOCAL_SITE],
        "filters": {"states": ["OH"], "categories": ROLES, "where": "Dayton, OH", "radius": 50, "remote": False},
        "accent": "#1d4ed8", "results": 3, "show_filters": True, "show_alerts": False}
ANYWHERE = {"id": "anywhere", "name": "Anywhere Peers", "origins": [OTHER_SITE], "results": 20}
#: The sample board, two Indiana jobs (Richmond is 40 miles from Dayton) and a remote Ohio job
#: with no pay or date.
WIDE_BOARD = BOARD | {
    "richmond": posting(title="Peer Specialist Richmond", city="Richmond", state="IN", postal_code="47374",
                        latitude=39.8289, longitude=-84.8902, url="https://careers.miamivalley.example/jobs/in-1"),
    "indianapolis": posting(title="Peer Specialist Indianapolis", city="Indianapolis", state="IN",
                            postal_code="46204", latitude=39.7684, longitude=-86.1581,
                            url="https://careers.miamivalley.example/jobs/in-2"),
    "remote_ohio": posting(title="Remote Peer Specialist", city=None, postal_code=None, latitude=None,
                           longitude=None, remote=True, pay_min=None, pay_max=None, pay_unit=None,
                           pay_hourly_min=None, pay_hourly_max=None, date_posted=None,
                           url="https://careers.miamivalley.example/jobs/remote"),
}
OPEN_KEYS = set(WIDE_BOARD) - {"closed"}
OHIO_KEYS = {key for key in OPEN_KEYS if WIDE_BOARD[key]["state"] == "OH" and WIDE_BOARD[key]["category"] in ROLES}
NEAR_DAYTON = {"coach_part_time", "coach_full_time", "specialist"}       # within 50 miles, Ohio roles
SIGN_UP = {"email": "sam@example.org", "frequency": "weekly",
           "search": {"q": "coach", "where": "Dayton, OH", "category": ["peer_recovery_coach"]}}
#: One address per client, so that sign-up limits do not mix tests up.
ADDRESSES = (str(ipaddress.IPv4Address("10.0.0.1") + n) for n in itertools.count())


def widget_settings(folder: Path, database_url: str | None = None, networks: list | None = None,
                    **overrides) -> Settings:
    """Settings whose networks file is written into `folder` (None: no file at all)."""
    networks_file = folder / "networks.yaml"
    if networks is not None:
        networks_file.write_text(yaml.safe_dump({"networks": networks}), encoding="utf-8")
    return Settings(**{"data_dir": folder, "database_url": database_url or f"sqlite:///{folder / 'store.db'}",
                       "index_dir": folder / "index", "networks_file": networks_file, "public_url": PUBLIC_URL,
                       "secret_key_value": "widget-secret", "mail_from": "PeerJobs <alerts@jobs.example>"} | overrides)


def seed_wide_board(settings: Settings) -> dict[str, int]:
    return indexed_board(settings, lambda session: seed_postings(session, SOURCE, WIDE_BOARD, closed=["closed"]))


@pytest.fixture(scope="module")
def board_mail():
    """Where the reading tests' sign-ups send their confirmations (nobody reads them)."""
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def board_settings(tmp_path_factory, board_mail) -> Settings:
    """One board for the reading tests; the tests that count or sign up make their own."""
    return widget_settings(tmp_path_factory.mktemp("widget-board"), networks=[OHIO, ANYWHERE],
                           smtp_url=board_mail[0])


@pytest.fixture(scope="module")
def board(board_settings) -> dict[str, int]:
    return seed_wide_board(board_settings)


@pytest.fixture(scope="module")
def app(board_settings, board):
    return create_app(board_settings, TRUSTED_HOSTS=HOSTS)


def client_of(app):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = next(ADDRESSES)
    return client


@pytest.fixture
def api(app) -> CheckedClient:
    return CheckedClient(client_of(app))


def origin_header(origin: str | None) -> dict:
    return {} if origin is None else {"Origin": origin}


def post_alert(client, path: str, body, origin: str | None = None):
    """POST a sign-up, the answer checked against the OpenAPI document."""
    sent = {"json": body} if not isinstance(body, str) else {"data": body, "content_type": "application/json"}
    response = client.post(path, buffered=True, headers=origin_header(origin), **sent)
    request = Request(EnvironBuilder(path=path, method="POST", base_url="http://localhost/",
                                     headers=origin_header(origin), **sent).get_environ())
    check_against_document(response, request)
    return response


def call(app, method: str, path: str, origin: str | None):
    """One request of a widget endpoint from a browser on `origin` (None: not a browser)."""
    if method == "POST":
        return post_alert(client_of(app), path, SIGN_UP, origin)
    return CheckedClient(client_of(app)).open(path, method=method, headers=origin_header(origin))


def get_json(api: CheckedClient, url: str, origin: str | None = SITE, status: int = 200) -> dict:
    response = api.get(url, headers=origin_header(origin))
    assert response.status_code == status, (url, response.get_data(as_text=True)[:500])
    return response.get_json()


def every_job(api: CheckedClient, url: str, origin: str = SITE) -> tuple[list[dict], list[dict]]:
    """(every job, every page) of a search, following links.next from `url`."""
    jobs, pages = [], []
    for _ in range(50):
        page = get_json(api, url, origin)
        pages.append(page)
        jobs += page["jobs"]
        url = page["links"]["next"]
        if url is None:
            return jobs, pages
    raise AssertionError(f"links.next still leads on after 50 pages: {url}")


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy's directives by name."""
    directives = (part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return {parts[0]: parts[1] if len(parts) > 1 else "" for parts in directives if parts[0]}


# CORS: who may read the answers -------------------------------------------------------------

ENDPOINTS = {
    "presets": ("GET", "/api/v1/networks/ohio-peers"),
    "jobs": ("GET", "/api/v1/networks/ohio-peers/jobs?q=coach"),
    "alerts": ("POST", "/api/v1/networks/ohio-peers/alerts"),
}
SUCCESS = {"GET": 200, "POST": 202}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("origin", [SITE, LOCAL_SITE])
def test_the_networks_sites_read_the_answer_with_their_origin_named(app, endpoint, origin):
    method, path = ENDPOINTS[endpoint]
    answer = call(app, method, path, origin)
    assert answer.status_code == SUCCESS[method], answer.get_data(as_text=True)
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    assert "Origin" in answer.headers.get_all("Vary")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("origin", [
    "https://evil.example", "null", "http://peers.example", "https://peers.example:8443",
    "https://peers.example.evil.example", OTHER_SITE, "http://localhost:8090"])
def test_every_other_site_is_refused_in_words_and_without_a_cors_header(app, endpoint, origin):
    method, path = ENDPOINTS[endpoint]
    answer = call(app, method, path, origin)
    assert answer.status_code == 403
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert "Origin" in answer.headers.get_all("Vary")
    assert answer.get_json()["error"] == {
        "status": 403, "code": "site_not_listed", "details": [],
        "message": f"This site ({origin}) is not on the list of sites for Ohio Peer Network."}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
#: curl; PeerJobs' own pages (/embed) as the server sees them, and at the public address behind a proxy.
@pytest.mark.parametrize("origin", [None, "http://localhost", PUBLIC_URL])
def test_programs_and_peerjobs_own_pages_are_served_without_a_cors_header(app, endpoint, origin):
    method, path = ENDPOINTS[endpoint]
    answer = call(app, method, path, origin)
    assert answer.status_code == SUCCESS[method]
    assert "Access-Control-Allow-Origin" not in answer.headers


@pytest.mark.parametrize("method, path, status, words", [
    ("GET", "/api/v1/networks/nobody", 404, "PeerJobs has no network “nobody”. The snippet on your site may be"),
    ("GET", "/api/v1/networks/nobody/jobs?q=coach", 404, "PeerJobs has no network “nobody”"),
    ("POST", "/api/v1/networks/nobody/alerts", 404, "PeerJobs has no network “nobody”"),
    ("GET", "/api/v1/networks/Ohio_Peers", 400, "“Ohio_Peers” is not a network id: network ids are lower-case"),
    ("GET", "/api/v1/networks/-ohio/jobs", 400, "“-ohio” is not a network id"),
    ("POST", "/api/v1/networks/ohio-peers-/alerts", 400, "“ohio-peers-” is not a network id"),
    ("GET", "/api/v1/networks/" + "o" * 61, 400, "is not a network id"),
])
def test_a_wrong_network_id_is_explained_to_every_site(app, method, path, status, words):
    answer = call(app, method, path, "https://evil.example")
    assert answer.status_code == status
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert words in answer.get_json()["error"]["message"]


@pytest.mark.parametrize("path", ["/api/v1/networks/ohio-peers/alerts", "/api/v1/networks/ohio-peers/jobs"])
def test_the_preflight_answers_only_the_networks_sites(app, path):
    asking = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = call_options(app, path, {"Origin": SITE} | asking)
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == SITE
    assert allowed.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert allowed.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert int(allowed.headers["Access-Control-Max-Age"]) > 0
    for origin in ("https://evil.example", "null"):
        refused = call_options(app, path, {"Origin": origin} | asking)
        assert not [name for name in refused.headers.keys() if name.startswith("Access-Control-")], origin


def call_options(app, path: str, headers: dict):
    return CheckedClient(client_of(app)).open(path, method="OPTIONS", headers=headers)


@pytest.mark.parametrize("path", ["/api/v1/jobs?q=coach", "/api/v1/categories", "/api/v1/nothing-here"])
def test_the_rest_of_the_api_still_answers_every_site(api, path):
    answer = api.get(path, headers={"Origin": "https://evil.example"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


# The network's scope --------------------------------------------------------------------------

def test_the_presets_are_the_networks(api):
    assert get_json(api, "/api/v1/networks/ohio-peers") == {
        "id": "ohio-peers", "name": "Ohio Peer Network", "language": "en", "accent": "#1d4ed8", "results": 3,
        "show_filters": True, "show_alerts": False,
        "filters": {"states": ["OH"], "categories": ROLES, "where": "Dayton, OH", "radius": 50, "remote": False},
        "categories": [{"id": "peer_specialist", "label": "Peer specialist"},
                       {"id": "peer_recovery_coach", "label": "Recovery coach"}],
        "links": {"jobs": "/api/v1/networks/ohio-peers/jobs", "alerts": "/api/v1/networks/ohio-peers/alerts",
                  "site": "/jobs?state=OH&category=peer_specialist&category=peer_recovery_coach"},
    }
    anywhere = get_json(api, "/api/v1/networks/anywhere", origin=OTHER_SITE)
    assert [c["id"] for c in anywhere["categories"]] == [c.id for c in load_taxonomy().categories]
    assert anywhere["filters"] == {"states": [], "categories": [], "where": "", "radius": 25, "remote": False}
    assert anywhere["links"]["site"] == "/jobs"


@pytest.mark.parametrize("query, words", [
    ("state=IN", "unknown parameter “state”; the parameters are q, where, radius, category, remote, page"),
    ("state=OH", "unknown parameter “state”"),
    ("per_page=20", "unknown parameter “per_page”"),
    ("sort=date", "unknown parameter “sort”"),
    ("include_closed=true", "unknown parameter “include_closed”"),
    ("category=peer_mentor", "category “peer_mentor” is not one of this network's roles: "
                             "peer_specialist, peer_recovery_coach"),
    ("category=peer_specialist,family_peer_advocate", "category “family_peer_advocate” is not one of"),
    ("category=peer_specialist&category=nurse", "category “nurse” is not one of"),
    ("q=a&q=b", "q may be given only once"),
    ("page=0", "page must be a whole number"),
    ("remote=maybe", "remote must be true or false"),
    ("radius=500", "radius must be"),
])
def test_a_search_outside_the_widgets_parameters_is_refused(api, query, words):
    answer = api.get(f"/api/v1/networks/ohio-peers/jobs?{query}", headers={"Origin": SITE})
    assert answer.status_code == 400
    assert answer.headers["Access-Control-Allow-Origin"] == SITE          # the widget can show why
    assert any(words in detail for detail in answer.get_json()["error"]["details"]), answer.get_json()


def titles_and_places(jobs: list[dict]) -> list[tuple[str, str]]:
    return [(job["title"], job["place"]) for job in jobs]


@pytest.mark.parametrize("query", ["where=Indianapolis,+IN", "where=Richmond,+IN&radius=5",
                                   "where=Dayton,+OH&radius=100", "where=", "q=Richmond&where="])
def test_another_states_jobs_never_appear(api, query):
    jobs, _pages = every_job(api, f"/api/v1/networks/ohio-peers/jobs?{query}")
    assert not [job for job in titles_and_places(jobs) if job[1].endswith(", IN")]


def test_the_same_searches_without_the_scope_find_indiana(api):
    """So that the test above means something: these searches do reach the Indiana jobs."""
    found = get_json(api, "/api/v1/networks/anywhere/jobs?where=Indianapolis,+IN", origin=OTHER_SITE)
    assert titles_and_places(found["jobs"]) == [("Peer Specialist Indianapolis", "Indianapolis, IN")]
    near = get_json(api, "/api/v1/networks/anywhere/jobs?where=Dayton,+OH&radius=50", origin=OTHER_SITE)
    assert ("Peer Specialist Richmond", "Richmond, IN") in titles_and_places(near["jobs"])


def test_the_networks_roles_are_the_choices_and_none_chosen_means_all(api, board):
    url = "/api/v1/networks/ohio-peers/jobs?where="
    every = get_json(api, url)
    one_each = [get_json(api, f"{url}&category={role}") for role in ROLES]
    assert every["total"] == sum(found["total"] for found in one_each) == len(OHIO_KEYS)
    assert every["search"]["category"] == []
    assert [found["search"]["category"] for found in one_each] == [[role] for role in ROLES]
    both = get_json(api, f"{url}&category=peer_recovery_coach&category=peer_specialist")
    assert both["total"] == every["total"]
    family = get_json(api, "/api/v1/networks/anywhere/jobs?category=family_peer_advocate", origin=OTHER_SITE)
    assert [job["id"] for job in family["jobs"]] == [board["family"]]
    assert family["search"]["category"] == ["family_peer_advocate"]


@pytest.mark.parametrize("network, query, keys", [
    ("ohio-peers", "", NEAR_DAYTON),                                        # the presets: Dayton, 50 miles
    ("ohio-peers", "where=", OHIO_KEYS),                                    # the whole state, ten pages
    ("ohio-peers", "where=&category=peer_recovery_coach", {"coach_part_time", "coach_full_time", "coach_far"}),
    ("ohio-peers", "q=specialist&where=&remote=false",
     {key for key in OHIO_KEYS if "Specialist" in WIDE_BOARD[key]["title"]}),
    ("ohio-peers", "where=&remote=true", {"remote_ohio"}),
    ("anywhere", "", OPEN_KEYS),                                            # no presets: everything open
    ("anywhere", "where=Dayton,+OH&radius=50", NEAR_DAYTON | {"family", "richmond"}),
])
def test_links_next_pages_through_every_job_exactly_once(api, board, network, query, keys):
    per_page = {"ohio-peers": OHIO["results"], "anywhere": ANYWHERE["results"]}[network]
    origin = {"ohio-peers": SITE, "anywhere": OTHER_SITE}[network]
    jobs, pages = every_job(api, f"/api/v1/networks/{network}/jobs?{query}", origin)
    ids = [job["id"] for job in jobs]
    assert sorted(ids) == sorted(board[key] for key in keys)
    assert [page["page"] for page in pages] == list(range(1, len(pages) + 1)) == list(range(1, pages[0]["pages"] + 1))
    assert {page["per_page"] for page in pages} == {per_page} and {page["total"] for page in pages} == {len(keys)}
    assert all(len(page["jobs"]) == per_page for page in pages[:-1]) and 0 < len(pages[-1]["jobs"]) <= per_page
    assert len({repr(page["search"]) for page in pages}) == 1               # every page ran the same search


def test_jobs_carry_text_ready_to_show(api, board):
    found = get_json(api, "/api/v1/networks/ohio-peers/jobs?q=part-time")
    assert found["search"] == {"q": "part-time", "where": "Dayton, OH", "radius": 50, "category": [], "remote": False}
    assert (found["network"], found["per_page"], found["links"]["next"]) == ("ohio-peers", 3, None)
    assert found["place"]["label"] == "Dayton, OH"
    job_id = board["coach_part_time"]
    assert found["jobs"] == [{
        "id": job_id, "title": "Peer Recovery Coach (Part-time)", "employer": "Miami Valley Recovery Services",
        "place": "Dayton, OH", "pay": "$18.50–$21.00 an hour", "posted": "Posted 2 days ago",
        "date_posted": (date.today() - timedelta(days=2)).isoformat(), "remote": False,
        "pay_hourly_min": 18.5, "pay_hourly_max": 21.0, "url": f"/embed/ohio-peers/jobs/{job_id}"}]
    [remote] = get_json(api, "/api/v1/networks/ohio-peers/jobs?where=&remote=true")["jobs"]
    assert (remote["place"], remote["pay"], remote["pay_hourly_min"]) == ("Remote, for people in Ohio", "", None)
    assert (remote["posted"], remote["date_posted"]) == ("", None)                 # no date: no words


# Counting ---------------------------------------------------------------------------------------

def counts(app, since: date) -> dict[tuple[str, date], tuple[int, int]]:
    with app.extensions["peerjobs_sessions"]() as session:
        return {(row.network, row.day): (row.searches, row.clicks) for row in store.widget_counts(session, since)}


def test_searches_and_click_throughs_are_counted_per_network_and_day(settings, tmp_path):
    own = widget_settings(tmp_path, settings.database_url, networks=[OHIO, ANYWHERE])
    ids = seed_board(own)
    app = create_app(own, TRUSTED_HOSTS=HOSTS)
    api, today = CheckedClient(client_of(app)), utcnow().date()
    first = get_json(api, "/api/v1/networks/ohio-peers/jobs?where=")
    get_json(api, first["links"]["next"])                                   # page 2: the same search
    get_json(api, "/api/v1/networks/ohio-peers")                            # presets: not a search
    get_json(api, "/api/v1/networks/ohio-peers/jobs?state=IN", status=400)
    get_json(api, "/api/v1/networks/ohio-peers/jobs", origin="https://evil.example", status=403)
    get_json(api, "/api/v1/networks/anywhere/jobs?q=coach", origin=OTHER_SITE)
    assert counts(app, today) == {("ohio-peers", today): (1, 0), ("anywhere", today): (1, 0)}

    client = client_of(app)
    job_id = ids["coach_part_time"]
    opened = client.get(f"/embed/ohio-peers/jobs/{job_id}")
    assert opened.status_code == 303 and urlsplit(opened.location).path == f"/jobs/{job_id}"
    assert client.get(opened.location).status_code == 200
    for network_id in ("nobody", "Ohio_Peers"):                             # still leads to the job
        stray = client.get(f"/embed/{network_id}/jobs/{job_id}")
        assert stray.status_code == 303 and urlsplit(stray.location).path == f"/jobs/{job_id}"
    yesterday = today - timedelta(days=1)
    with app.extensions["peerjobs_sessions"]() as session:
        store.count_widget_use(session, "ohio-peers", searches=2, clicks=5, day=yesterday)
    seen = counts(app, yesterday)
    assert seen == {("ohio-peers", today): (1, 1), ("ohio-peers", yesterday): (2, 5), ("anywhere", today): (1, 0)}
    assert counts(app, today) == {("ohio-peers", today): (1, 1), ("anywhere", today): (1, 0)}
    with app.extensions["peerjobs_sessions"]() as session:
        totals = overview.widget_totals(store.widget_counts(session, yesterday))
    assert [(t.network, t.searches, t.clicks, t.days) for t in totals if t.searches or t.clicks] == [
        ("ohio-peers", 3, 6, 2), ("anywhere", 1, 0, 1)]


def test_counts_from_many_requests_at_once_add_up(engine):
    """Twenty requests counting at the same moment: one statement each, no count lost."""
    sessions, start, failures = db.session_factory(engine), threading.Barrier(20), []

    def count_once() -> None:
        try:
            with sessions() as session:
                start.wait(timeout=30)
                store.count_widget_use(session, "ohio-peers", searches=1, clicks=2)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(repr(error))

    threads = [threading.Thread(target=count_once) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads) and failures == []
    with sessions() as session:
        [row] = store.widget_counts(session, utcnow().date())
    assert (row.network, row.searches, row.clicks) == ("ohio-peers", 20, 40)


# Alerts -------------------------------------------------------------------------------------------

@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


@pytest.fixture
def alert_app(tmp_path, smtp):
    return create_app(widget_settings(tmp_path, networks=[OHIO, ANYWHERE], smtp_url=smtp[0]), TRUSTED_HOSTS=HOSTS)


def subscriptions(app) -> list[Subscription]:
    with app.extensions["peerjobs_sessions"]() as session:
        return list(session.query(Subscription).order_by(Subscription.id))


@pytest.mark.parametrize("search, stored", [
    (SIGN_UP["search"], {"q": "coach", "where": "Dayton, OH", "radius": 50, "category": ["peer_recovery_coach"],
                         "state": ["OH"]}),
    ({}, {"where": "Dayton, OH", "radius": 50, "category": ROLES, "state": ["OH"]}),
    ({"where": "", "remote": True, "radius": 10}, {"radius": 10, "remote": 1, "category": ROLES, "state": ["OH"]}),
])
def test_a_sign_up_through_the_widget_keeps_the_network_and_its_scope(alert_app, smtp, search, stored):
    answer = post_alert(client_of(alert_app), "/api/v1/networks/ohio-peers/alerts",
                        {"email": "Sam@Example.org", "frequency": "weekly", "search": search}, SITE)
    assert (answer.status_code, answer.get_json()) == (202, {"status": "confirmation-sent"})
    assert answer.headers["Access-Control-Allow-Origin"] == SITE and "Set-Cookie" not in answer.headers
    [subscription] = subscriptions(alert_app)
    assert (subscription.network, subscription.email, subscription.frequency, subscription.status) == (
        "ohio-peers", "Sam@example.org", "weekly", "pending")
    assert subscription.search == stored
    _url, inbox = smtp
    [message] = inbox.wait_for(1)
    assert inbox.recipients == [["Sam@example.org"]]
    text, page = message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    assert "asked PeerJobs via Ohio Peer Network to email this address" in text
    assert "via Ohio Peer Network" in page
    assert re.search(rf"{re.escape(PUBLIC_URL)}/alerts/confirm/\S+", text)


def test_a_foreign_site_signs_nobody_up(alert_app, smtp):
    refused = post_alert(client_of(alert_app), "/api/v1/networks/ohio-peers/alerts",
                         SIGN_UP | {"email": "victim@example.org"}, "https://evil.example")
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers
    assert subscriptions(alert_app) == []
    taken = post_alert(client_of(alert_app), "/api/v1/networks/ohio-peers/alerts", SIGN_UP, SITE)
    assert taken.status_code == 202
    _url, inbox = smtp
    inbox.wait_for(1)
    assert inbox.recipients == [["sam@example.org"]]                        # nothing went to the victim
    assert [s.email for s in subscriptions(alert_app)] == ["sam@example.org"]


@pytest.mark.parametrize("body, words", [
    ("not json", ["The body must be a JSON object"]),
    ([SIGN_UP], ["The body must be a JSON object"]),
    ({"email": "sam@example", "frequency": "hourly"}, ["email must be an email address", "frequency must be instant"]),
    (SIGN_UP | {"network": "anywhere"}, ["unknown field “network”"]),
    (SIGN_UP | {"search": ["coach"]}, ["search must be an object"]),
    (SIGN_UP | {"search": {"state": "IN"}}, ["search: unknown parameter “state”"]),
    (SIGN_UP | {"search": {"category": ["peer_mentor"]}},
     ["search: category “peer_mentor” is not one of this network's roles"]),
    (SIGN_UP | {"search": {"page": 0, "remote": "maybe"}}, ["search: page must be", "search: remote must be true"]),
    (SIGN_UP | {"search": {"radius": 500}}, ["search: radius must be"]),
    (SIGN_UP | {"search": {"q": {"nested": 1}}}, ["search.q must be text"]),
])
def test_a_bad_sign_up_is_refused_with_its_reasons(alert_app, smtp, body, words):
    answer = post_alert(client_of(alert_app), "/api/v1/networks/ohio-peers/alerts", body, SITE)
    assert answer.status_code == 400 and answer.headers["Access-Control-Allow-Origin"] == SITE
    error = answer.get_json()["error"]
    assert error["message"] == "The sign-up is not valid."
    for expected in words:
        assert any(expected in detail for detail in error["details"]), (expected, error["details"])
    assert subscriptions(alert_app) == [] and smtp[1].messages == []


def test_the_public_sign_up_takes_no_network(alert_app):
    answer = post_alert(client_of(alert_app), "/api/v1/alerts", SIGN_UP | {"network": "ohio-peers"})
    assert answer.status_code == 400
    assert any("unknown field “network”" in detail for detail in answer.get_json()["error"]["details"])
    assert subscriptions(alert_app) == []


@pytest.mark.parametrize("network, words", [
    ("ohio-peers", "(via Ohio Peer Network)"),
    ("retired-network", "(via retired-network)"),                           # no longer in the file: its id
    (None, None),
])
def test_a_digest_names_the_network_it_came_through(tmp_path, network, words):
    settings = widget_settings(tmp_path, networks=[OHIO])
    sent_at = datetime(2026, 3, 2, 12, 0)
    item = deliveries.OutboxItem(1, "<m@jobs.example>", (7,), 0, 0, sent_at, 3, "sam@example.org",
                                 {"q": "coach", "state": ["OH"]}, "weekly", network, "n0nce")
    job = PostingCard(id=7, title="Peer Recovery Coach", employer="Miami Valley Recovery Services",
                      place="Dayton, OH", city="Dayton", state="OH",
                      pay=PayShown(hourly_min=18.5, hourly_max=21.0), posted=sent_at.date())
    message = emails.compose(settings, item, [job], sent_at.date())
    text, page = message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    for part in (text, page):
        assert ("(via " in part) is (words is not None)
        assert words is None or words in part


# Pages -------------------------------------------------------------------------------------------

def test_the_embed_page_may_be_framed_by_the_networks_sites_only(app):
    page = client_of(app).get("/embed?network=ohio-peers")
    assert page.status_code == 200 and "X-Frame-Options" not in page.headers
    directives = policy(page)
    assert directives["frame-ancestors"] == f"'self' {SITE} {LOCAL_SITE}"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    text = page.get_data(as_text=True)
    assert '<div id="peerjobs-widget"></div>' in text
    assert re.search(r'<script src="/widget\.js" data-network="ohio-peers" data-lang="en" data-embed="1" async></script>', text)
    assert "Set-Cookie" not in page.headers


@pytest.mark.parametrize("path, status, words", [
    ("/embed?network=nobody", 404, "PeerJobs has no network “nobody”. The snippet on this site may be out of date"),
    ("/embed", 400, "This frame needs a network id, like /embed?network=ohio-peer-network."),
    ("/embed?network=", 400, "This frame needs a network id"),
    ("/embed?network=Ohio_Peers", 400, "This frame needs a network id"),
])
def test_a_broken_frame_says_what_is_wrong_wherever_it_is(app, path, status, words):
    page = client_of(app).get(path)
    text = page.get_data(as_text=True)
    assert page.status_code == status and "X-Frame-Options" not in page.headers
    assert policy(page)["frame-ancestors"] == "*"
    assert "The job search cannot be shown here" in text and words in html.unescape(text)


@pytest.mark.parametrize("path", ["/", "/jobs", "/jobs?q=coach", "/widget", "/widget?network=ohio-peers",
                                  "/widget?network=nobody", "/widget.js", "/alerts/new", "/api/v1/jobs",
                                  "/api/v1/networks/ohio-peers", "/api/v1/networks/nobody", "/no-such-page"])
def test_every_other_page_may_not_be_framed(app, path):
    page = client_of(app).get(path)
    assert policy(page)["frame-ancestors"] == "'none'", (path, page.status_code)


def test_the_script_is_small_cached_and_readable_from_other_sites(app):
    client = client_of(app)
    script = client.get("/widget.js")
    assert script.status_code == 200 and script.mimetype == "text/javascript"
    assert 0 < len(script.get_data()) < 20 * 1024  # the script (under 15 KB, test_widget_script) and its Spanish
    assert script.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert script.cache_control.public and script.cache_control.max_age == 3600
    etag = script.headers["ETag"]
    again = client.get("/widget.js", headers={"If-None-Match": etag})
    assert (again.status_code, again.get_data(), again.headers["ETag"]) == (304, b"", etag)
    changed = client.get("/widget.js", headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200 and changed.get_data() == script.get_data()


@pytest.mark.parametrize("method, path", [
    ("GET", "/widget.js"), ("GET", "/embed?network=ohio-peers"), ("GET", "/embed?network=nobody"),
    ("GET", "/embed/ohio-peers/jobs/1"), ("GET", "/widget"), ("GET", "/widget?network=ohio-peers"),
    ("GET", "/api/v1/networks/ohio-peers"), ("GET", "/api/v1/networks/ohio-peers/jobs"),
    ("OPTIONS", "/api/v1/networks/ohio-peers/alerts"), ("POST", "/api/v1/networks/ohio-peers/alerts"),
])
def test_no_widget_address_sets_a_cookie(app, method, path):
    client = client_of(app)
    headers = {"Origin": SITE}
    answer = (client.post(path, json=SIGN_UP, headers=headers, buffered=True) if method == "POST"
              else client.open(path, method=method, headers=headers))
    assert answer.status_code < 500
    assert "Set-Cookie" not in answer.headers and client.get_cookie("session") is None


def textarea(text: str, element_id: str) -> str:
    found = re.search(rf'<textarea id="{element_id}"[^>]*>(.*?)</textarea>', text, re.DOTALL)
    assert found, element_id
    return html.unescape(found.group(1))


def test_the_snippet_page_shows_both_snippets_for_the_public_address(app):
    page = client_of(app).get("/widget?network=ohio-peers")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert textarea(text, "script-snippet") == (
        '<div id="peerjobs-widget"></div>\n'
        f'<script src="{PUBLIC_URL}/widget.js" data-network="ohio-peers" async></script>')
    frame = textarea(text, "frame-snippet")
    assert f'<iframe class="peerjobs-frame" src="{PUBLIC_URL}/embed?network=ohio-peers" ' \
           'title="Peer-support jobs from PeerJobs" width="100%" height="640"' in frame
    assert f'e.origin!=="{PUBLIC_URL}"' in frame and '"peerjobs:height"' in frame
    for origin in (SITE, LOCAL_SITE):
        assert f"<code>{origin}</code>" in text
    assert 'data-network="ohio-peers"' in text and 'src="/embed?network=ohio-peers"' in text   # the previews


@pytest.mark.parametrize("public_url, base, origin", [
    ("https://jobs.example", "https://jobs.example", "https://jobs.example"),
    ("https://jobs.example/", "https://jobs.example", "https://jobs.example"),
    ("https://Jobs.Example:443/peerjobs/", "https://Jobs.Example:443/peerjobs", "https://jobs.example"),
    ("http://127.0.0.1:5000", "http://127.0.0.1:5000", "http://127.0.0.1:5000"),
])
def test_the_snippets_point_at_the_public_address(public_url, base, origin):
    network = Network(id="ohio-peers", name="Ohio Peer Network", origins=(SITE,))
    made = snippets(public_url, network)
    assert f'<script src="{base}/widget.js" data-network="ohio-peers" async></script>' in made.script
    assert f'src="{base}/embed?network=ohio-peers"' in made.frame
    assert f'e.origin!=="{origin}"' in made.frame


@pytest.mark.parametrize("networks", [[OHIO, ANYWHERE], [OHIO]])
def test_an_unknown_network_on_the_snippet_page_is_named(tmp_path, networks):
    app = create_app(widget_settings(tmp_path, networks=networks), TRUSTED_HOSTS=HOSTS)
    page = app.test_client().get("/widget?network=nobody")
    text = page.get_data(as_text=True)
    assert page.status_code == 404
    assert "There is no network “nobody”. Choose one below." in html.unescape(text)
    assert "Ohio Peer Network" in text and "<textarea" not in text


def test_a_single_network_is_shown_at_once(tmp_path):
    app = create_app(widget_settings(tmp_path, networks=[OHIO]), TRUSTED_HOSTS=HOSTS)
    page = app.test_client().get("/widget")
    assert page.status_code == 200
    assert 'data-network="ohio-peers"' in textarea(page.get_data(as_text=True), "script-snippet")


@pytest.mark.parametrize("networks", [None, []])
def test_with_no_networks_the_snippet_page_says_how_to_add_one(tmp_path, networks):
    app = create_app(widget_settings(tmp_path, networks=networks), TRUSTED_HOSTS=HOSTS)
    page = app.test_client().get("/widget")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<textarea" not in text
    assert "No networks are set up yet. To add one, write it into <code>config/networks.yaml</code>" in text
