"""One list of sources: the sources file's and those accepted from the discovery queue, checked
by the same platform rules (the file wins an id); the scheduler crawls an accepted source without
a restart, and `peerjobs crawl` and `peerjobs sources` know it."""
from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from crawlers.sources import all_sources
from indexer import store
from indexer.store import db
from peerjobs.cli import main
from peerjobs.demo import SampleSites
from tests.test_scheduler import at, harness_for, source_entry, write_sources  # noqa: F401  (fixture)


def accept(session, org: str, source_id: str, platform: str = "jsonld", url: str | None = None,
           options: dict | None = None, enabled: bool = True) -> None:
    proposal, _ = store.save_proposal(session, store.ProposalRecord(
        org_key=f"{org}.example", org_name=org.title(), website=f"https://{org}.example/", platform=platform,
        url=url or f"https://{org}.example/careers", options=options or {}, confidence=0.8))
    store.accept_proposal(session, proposal.id, source_id, enabled=enabled, by="ops")
    session.commit()


def test_discovered_sources_join_the_file_and_the_file_wins_an_id(session, tmp_path):
    sources_file = write_sources(tmp_path / "sources.yaml", source_entry("harbor"), source_entry("lakeside"))
    accept(session, "northwind", "northwind")
    accept(session, "harborother", "harbor")
    listed = all_sources(session, sources_file)
    assert [source.id for source in listed.sources] == ["harbor", "lakeside", "northwind"]
    assert listed.get("harbor").url == "http://127.0.0.1:9/harbor/"  # the file's entry
    assert [(p.source_id, p.field) for p in listed.problems] == [("harbor", "id")]
    assert "in the sources file too" in str(listed.problems[0])


def test_a_discovered_source_the_platform_rules_refuse_is_a_problem_not_a_source(session, tmp_path):
    sources_file = write_sources(tmp_path / "sources.yaml", source_entry("harbor"))
    accept(session, "oddkeys", "oddkeys", platform="greenhouse", url="https://job-boards.greenhouse.io/oddkeys",
           options={"selector": "div.jobs"})
    accept(session, "fine", "fine-board", platform="greenhouse", url="https://job-boards.greenhouse.io/fine")
    listed = all_sources(session, sources_file)
    assert [source.id for source in listed.sources] == ["harbor", "fine-board"]
    assert [(p.source_id, p.field) for p in listed.problems] == [("oddkeys", "selector")]
    assert "unknown key for platform 'greenhouse'" in str(listed.problems[0])


def test_the_scheduler_crawls_a_source_accepted_while_it_runs(harness_for):
    h = harness_for(source_entry("harbor"))
    assert h.tick(at(10, 0)).started == ["harbor"]
    with db.session_factory(h.engine)() as session:
        accept(session, "northwind", "northwind", url="http://127.0.0.1:9/northwind/")
    assert h.tick(at(10, 1)).started == ["northwind"]  # never crawled: at once, no restart
    assert "crawl:northwind" in h.scheduler.plan
    h.dispatcher.end_all()
    with db.session_factory(h.engine)() as session:
        store.set_enabled(session, "northwind", False, "ops")
        session.commit()
    h.tick(at(10, 2))
    assert "crawl:northwind" not in h.scheduler.plan  # disabled in the admin area like any other
    with db.session_factory(h.engine)() as session:
        store.request_run(session, "northwind", "ops", now=at(10, 3))
        session.commit()
    assert h.tick(at(10, 4)).started == ["northwind"]  # "run now" still works for it


def test_the_crawl_command_crawls_and_lists_a_discovered_source(tmp_path: Path):
    env = {"PEERJOBS_DATA_DIR": str(tmp_path / "data"), "PEERJOBS_DATABASE_URL": "", "PEERJOBS_INDEX_DIR": ""}
    with SampleSites() as sites:
        entries = sites.sources()
        sources_file = tmp_path / "sources.yaml"
        sources_file.write_text(yaml.safe_dump({"sources": entries[:1]}))
        found = entries[1]
        engine = db.make_engine(f"sqlite:///{tmp_path / 'data' / 'peerjobs.db'}")
        db.migrate(engine)
        with db.session_factory(engine)() as session:
            options = {k: v for k, v in found.items() if k not in ("id", "platform", "url", "employer", "enabled")}
            accept(session, "demo-found", found["id"], platform=found["platform"], url=found["url"], options=options)
        engine.dispose()
        runner = CliRunner()
        listing = runner.invoke(main, ["sources", "--sources", str(sources_file)], env=env, catch_exceptions=False)
        result = runner.invoke(main, ["crawl", found["id"], "--sources", str(sources_file), "--loopback"],
                               env=env, catch_exceptions=False)
    assert f"{found['id']}" in listing.output and "(discovered)" in listing.output
    assert "2 valid, 0 problems (1 from the discovery queue)" in listing.output
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith(found["id"]))
    assert line.split()[1] == "ok" and int(line.split()[4]) > 0
