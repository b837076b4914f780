"""A site of hostile pages beside good ones (tests/data/hostile/), crawled end to end on loopback:
the crawl ends in time, every good posting is stored clean, every bad one is counted with a reason."""
import gzip
import json
import shutil
import time
from pathlib import Path

import pytest

from foundation.settings import Settings

from indexer.search import rebuild
from indexer.store import db
from peerjobs.demo.boards import BoardServer
from tests.browser_support import live_server
from tests.crawl_support import crawl_entries, runs_and_postings

CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
GOOD_TITLES = {
    "good-1": "Peer Support Specialist", "graph-good": "Recovery Coach", "beside-refused": "Family Peer Advocate",
    "surrogate": "Youth Peer Advocate", "controls": "Peer Bridger exe.txt", "cp1252": "Peer Specialist \u2013 Caf\u00e9 Program",
    "huge": "Forensic Peer Specialist",
}
CRAWL_SECONDS = 60


def write_generated_pages(folder: Path) -> None:
    """The pages too big to keep in the repository: 20,000 levels of nesting beside a good posting,
    a 5 MB description, and a gzip bomb (64 MB of zeros in about 64 KB, past DOWNLOAD_MAXSIZE once unzipped)."""
    good = (folder / "good.html").read_text(encoding="utf-8")
    refused = '{"@type": "JobPosting", "title": "Refused", "baseSalary": ' + '{"v":' * 20_000 + "1" + "}" * 20_000 + "}"
    beside = good.replace('"good-1"', '"beside-refused"').replace("Peer Support Specialist", "Family Peer Advocate")
    (folder / "very-deep.html").write_text(beside.replace("<script", f'<script type="application/ld+json">{refused}</script><script', 1),
                                           encoding="utf-8")
    description = json.dumps("<p>" + "Walk alongside people in recovery. " * 150_000 + "</p>")
    (folder / "huge.html").write_text(good.replace('"good-1"', '"huge"').replace("Peer Support Specialist", "Forensic Peer Specialist")
                                      .replace('"<p>Walk alongside people in recovery.</p>"', description), encoding="utf-8")
    with gzip.open(folder / "bomb.html.gz", "wb", compresslevel=9) as bomb:
        for _ in range(64):
            bomb.write(bytes(1024 * 1024))


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(CORPUS, folder)
    write_generated_pages(folder)
    settings_dir = tmp_path_factory.mktemp("store")
    settings = Settings(data_dir=settings_dir, database_url=f"sqlite:///{settings_dir / 'store.db'}",
                        index_dir=settings_dir / "index")
    with pytest.MonkeyPatch.context() as patch, BoardServer(folder) as site:
        patch.delenv("PEERJOBS_ALLOW_PRIVATE_NETWORKS", raising=False)  # only the site's own address
        started = time.monotonic()
        code = crawl_entries([site.source()], settings, PEERJOBS_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
        took = time.monotonic() - started
    (run,), postings = runs_and_postings(settings)
    return code, took, run, {posting.external_id: posting for posting in postings}, settings


def test_the_hostile_crawl_ends_in_time(hostile_crawl):
    code, took, run, *_ = hostile_crawl
    assert code == 0 and took < CRAWL_SECONDS
    assert run.status in ("ok", "partial") and run.finished_at is not None


def test_every_good_posting_is_stored_with_clean_text(hostile_crawl):
    postings = hostile_crawl[3]
    assert {key: postings[key].title for key in GOOD_TITLES} == GOOD_TITLES
    for posting in postings.values():
        for text in (posting.title, posting.employer, posting.description_html, posting.description_text):
            assert not any(char in (text or "") for char in "\x00\u202e\u2069\ud800")
    assert len(postings["huge"].description_html) <= 101_000


def test_script_in_a_posting_is_stored_as_text_or_not_at_all(hostile_crawl):
    postings = hostile_crawl[3]
    posting = postings["xss"]
    assert posting.title.startswith("Peer Mentor") and "<" not in posting.title
    stored = " ".join([posting.description_html, posting.employer or "", posting.apply_url or ""]).lower()
    for forbidden in ("<script", "onerror", "onload", "onmouseover", "onclick", "javascript:", "<svg", "<iframe"):
        assert forbidden not in stored


def test_every_bad_item_is_counted_with_its_reason(hostile_crawl):
    _, _, run, postings, _ = hostile_crawl
    assert "graph-deep" not in postings and "Refused" not in {p.title for p in postings.values()}
    assert run.stats["peerjobs/dropped/json_too_deep"] == 1
    assert run.stats["peerjobs/dropped/unreadable_jsonld"] == 2  # 20,000 levels; the malformed block
    assert run.stats["peerjobs/field_problems/description_cut"] == 1
    assert run.stats["peerjobs/refused_requests"] == 2  # the redirects to the metadata address
    assert run.stats["peerjobs/pages_not_fetched"] == 1  # the gzip bomb, dropped while unzipping
    assert run.stats["peerjobs/pages_gone"] == 1  # the listed page that answers 404


def test_no_script_runs_in_chromium_on_the_stored_postings_pages(hostile_crawl, browser):
    postings, settings = hostile_crawl[3], hostile_crawl[4]
    engine = db.make_engine(settings.database_url)
    rebuild(engine, settings.index_dir)
    engine.dispose()
    ran: list[str] = []
    with live_server(settings) as origin:
        context = browser.new_context(base_url=origin)
        page = context.new_page()
        page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: ran.append(str(error)))
        for path in [f"/jobs/{posting.id}" for posting in postings.values()] + ["/jobs?q=peer"]:
            assert page.goto(path).status == 200, path
        shown = page.goto(f"/jobs/{postings['xss'].id}") and page.inner_text("body")
        context.close()
    assert ran == []
    assert "Peer Mentor" in shown
