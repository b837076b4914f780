"""`peerjobs demo` end to end, without the web server: sites up, crawled, stored, indexed."""
from pathlib import Path

from click.testing import CliRunner

from indexer.search import SearchIndex, SearchQuery
from peerjobs.cli import main


def test_demo_crawls_stores_and_indexes_the_sample_sites(tmp_path: Path):
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": "", "PEERJOBS_INDEX_DIR": ""}
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--sites-port", "0"], env=env,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Crawling 15 sample sites" in result.output
    stored = int(result.output.split("Stored ")[1].split()[0])
    assert stored >= 70
    index = SearchIndex(tmp_path / "index")
    try:
        found = index.search(SearchQuery(q="peer", where="Dayton, OH", radius=25))
        assert found.total >= 3
        assert all(hit.state == "OH" or hit.remote for hit in found.hits)
    finally:
        index.close()
