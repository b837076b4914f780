"""`peerjobs demo` end to end, without the web server: sites up, crawled, stored, indexed."""
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from indexer import store
from indexer.store import db, figures
from indexer.store.models import CrawlRun
from peerjobs.demo.boards import BOARDS_DIR, Board, board_folders

from indexer.search import SearchIndex, SearchQuery
from peerjobs.cli import main


def test_demo_crawls_stores_and_indexes_the_sample_sites(tmp_path: Path):
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": "", "PEERJOBS_INDEX_DIR": ""}
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--sites-port", "0"], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    boards = board_folders()
    assert f"Crawling {15 + len(boards)} sample sites and boards" in result.output
    stored = int(result.output.split("Stored ")[1].split()[0])
    assert stored >= 70 + len(boards)
    engine = db.make_engine(f"sqlite:///{tmp_path / 'peerjobs.db'}")
    with db.session_factory(engine)() as session:
        runs = {run.source_id: run for run in session.scalars(select(CrawlRun))}
        health = store.source_health(session)
        snapshot = {name: {key: values[-1] for key, values in figures.series(session, name, 1).values.items()}
                    for name in ("sources_health", "open_peer_by_state")}
        open_peer = store.count_postings(session, status="open", is_peer=True)
    engine.dispose()
    # Today's point of the admin overview's charts is there from the start.
    assert snapshot["sources_health"] == {"failing": 1, "degraded": 0, "healthy": len(runs) - 1, "unknown": 0}
    assert sum(snapshot["open_peer_by_state"].values()) == open_peer and snapshot["open_peer_by_state"]["OH"] >= 3
    broken = Board(BOARDS_DIR / "zz-broken-careers").source_entry["id"]
    for folder in boards:
        run = runs[Board(folder).source_entry["id"]]
        if run.source_id != broken:
            assert run.status == "ok" and run.items > 0, (folder.name, run.status, run.message)
    # Every source's health is known; the deliberately broken one is failing and says why.
    assert set(health) == set(runs)
    assert {source: h.state for source, h in health.items() if h.state != "healthy"} == {broken: "failing"}, \
        {source: h.reason for source, h in health.items() if h.state != "healthy"}
    assert runs[broken].status == "failed" and health[broken].failing_runs == 1
    assert health[broken].reason.startswith("the start page (http://127.")
    assert health[broken].reason.endswith("/careers/) answered HTTP 500; no postings were read")
    index = SearchIndex(tmp_path / "index")
    try:
        found = index.search(SearchQuery(q="peer", where="Dayton, OH", radius=25))
        assert found.total >= 3
        assert all(hit.state == "OH" or hit.remote for hit in found.hits)
    finally:
        index.close()
