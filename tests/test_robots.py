"""robots.txt fails closed: an unreadable robots.txt defers the source and nothing else is fetched."""
from __future__ import annotations

import socket
import threading

import pytest

from crawlers.robots import DisallowAll, unreachable_status
from peerjobs.demo.boards import BoardServer
from tests.crawl_support import crawl_entries, runs_and_postings, write_board


@pytest.mark.parametrize("status, unreachable", [
    (200, False), (301, False), (401, False), (403, False), (404, False), (410, False),
    (429, True), (500, True), (502, True), (503, True), (504, True),
])
def test_which_answers_mean_unreachable(status, unreachable):
    assert unreachable_status(status) is unreachable


def test_disallow_all_forbids_everything():
    rules = DisallowAll("robots.txt answered HTTP 503")
    assert not rules.allowed("https://agency.example/careers/", "PeerJobs")


def paths(board: BoardServer) -> list[str]:
    return [request.path for request in board.requests]


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_on_robots_txt_defers_the_source(tmp_path, sqlite_settings, status):
    folder = write_board(tmp_path / "board", [{"path": "/robots.txt", "status": status, "body": "down"}])
    with BoardServer(folder) as board:
        crawl_entries([board.source()], sqlite_settings)
    runs, postings = runs_and_postings(sqlite_settings)
    assert paths(board) == ["/robots.txt"]
    assert postings == []
    assert runs[0].status == "failed"
    assert f"answered HTTP {status}" in runs[0].message and "deferred" in runs[0].message
    assert runs[0].stats.get("peerjobs/robots_deferred") == 1


def test_a_missing_robots_txt_allows_the_crawl(tmp_path, sqlite_settings):
    folder = write_board(tmp_path / "board", [{"path": "/robots.txt", "status": 404, "body": "no"}])
    with BoardServer(folder) as board:
        crawl_entries([board.source()], sqlite_settings)
    runs, postings = runs_and_postings(sqlite_settings)
    assert paths(board) == ["/robots.txt", "/careers/posting-1/"]
    assert [p.title for p in postings] == ["Peer Support Specialist"]
    assert runs[0].status == "ok"


def test_a_refused_connection_defers_the_source(sqlite_settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    entry = {"id": "closed", "platform": "jsonld", "url": f"http://127.0.0.1:{port}/careers/",
             "employer": "Nobody"}
    crawl_entries([entry], sqlite_settings)
    runs, _ = runs_and_postings(sqlite_settings)
    assert runs[0].status == "failed"
    assert "robots.txt" in runs[0].message and "connection refused" in runs[0].message


@pytest.fixture
def silent_server():
    """Accepts connections and never answers, like a hung robots.txt."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_robots_txt_that_times_out_defers_the_source(silent_server, sqlite_settings):
    base, accepted = silent_server
    entry = {"id": "hung", "platform": "jsonld", "url": f"{base}/careers/", "employer": "Hung Agency"}
    crawl_entries([entry], sqlite_settings, DOWNLOAD_TIMEOUT=1)
    runs, _ = runs_and_postings(sqlite_settings)
    assert len(accepted) == 1, "only robots.txt was requested"
    assert runs[0].status == "failed" and "timed out" in runs[0].message
