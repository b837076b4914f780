"""`peerjobs discover` over the sample homepages on loopback, end to end: careers pages found
politely, boards detected, dead ends named, trial crawls counted, and a second run changing nothing."""
from __future__ import annotations

import yaml
import pytest
from click.testing import CliRunner

from foundation.settings import Settings
from indexer.store import db
from indexer.store.discovery import proposal_counts, proposals, source_boards
from peerjobs.cli import main
from peerjobs.discover_accuracy import judge, org_key_for
from peerjobs.discover_command import discover_command
from peerjobs.demo.homepages import HELDOUT_FILE, HomepageWorld


def write_sources(world: HomepageWorld, path) -> str:
    """The sources file of a PeerJobs that reads some of the sample boards already."""
    entries = [{**world.boards[org.labels["board"]].board.source_entry, "id": org.labels["already_source"]}
               for org in world.organizations if "already_source" in org.labels]
    path.write_text(yaml.safe_dump({"sources": entries}), encoding="utf-8")
    return str(path)


def snapshot(session) -> list[tuple]:
    return sorted((p.org_key, p.status, p.platform, p.url, p.board_key, (p.reason or "").split(":")[0], p.source_id)
                  for p in proposals(session, limit=1000))


@pytest.fixture(scope="module")
def discovered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("discover")
    settings = Settings(folder, f"sqlite:///{folder / 'store.db'}", folder / "index")
    lines: list[str] = []
    with HomepageWorld() as world:
        csv_path = world.write_csv(folder / "organizations.csv")
        sources = write_sources(world, folder / "sources.yaml")
        run = dict(settings=settings, csv_path=str(csv_path), loopback=True, routes=world.routes(), trial=True,
                   limit=None, processes=2, sources_file=sources)
        code = discover_command(**run, echo=lambda line="", **_: lines.append(line))
        engine = db.make_engine(settings.database_url)
        with db.session_factory(engine)() as session:
            first = snapshot(session)
        again = discover_command(**run, echo=lambda *a, **k: None)
        yield world, engine, code, again, first, lines


def test_platforms_are_detected_for_nine_in_ten_labeled_organizations_and_never_wrong_when_sure(discovered):
    world, engine, code, *_ = discovered
    assert code == 0
    with db.session_factory(engine)() as session:
        accuracy = judge(world.organizations, session)
    assert accuracy.boards >= 30
    assert accuracy.board_rate >= 0.9, accuracy.mistakes
    assert accuracy.wrong_and_sure == []


def test_every_dead_end_has_a_reason_of_its_labeled_kind(discovered):
    world, engine, *_ = discovered
    with db.session_factory(engine)() as session:
        accuracy = judge(world.organizations, session)
        dead = [p for p in proposals(session, status="dead_end", limit=1000)]
    assert accuracy.dead_ends >= 8 and accuracy.dead_end_rate == 1.0, accuracy.mistakes
    assert all(p.reason and p.platform is None for p in dead)


def test_discovering_again_changes_nothing_and_enables_nothing(discovered):
    world, engine, code, again, first, _ = discovered
    assert again == 0
    with db.session_factory(engine)() as session:
        assert snapshot(session) == first
        assert sum(proposal_counts(session).values()) == len(world.organizations)
        assert source_boards(session) == []  # nothing became a source, let alone an enabled one


def test_a_shared_board_is_one_proposal_and_one_covered_and_a_known_source_is_covered(discovered):
    world, engine, *_ = discovered
    with db.session_factory(engine)() as session:
        by_org = {p.org_key: p for p in proposals(session, limit=1000)}
    for org in world.organizations:
        if "shares_board_with" in org.labels:
            mine = by_org[org_key_for(org.website)]
            theirs = by_org[org_key_for(world.get(org.labels["shares_board_with"]).website)]
            assert {mine.status, theirs.status} == {"pending", "covered"} and mine.board_key == theirs.board_key
            covered = mine if mine.status == "covered" else theirs
            assert "same board as" in covered.reason
        if "already_source" in org.labels:
            mine = by_org[org_key_for(org.website)]
            assert (mine.status, mine.source_id) == ("covered", org.labels["already_source"])


def test_trial_crawls_count_the_boards_peer_postings(discovered):
    world, engine, *_ = discovered
    with db.session_factory(engine)() as session:
        by_org = {p.org_key: p for p in proposals(session, status="pending", limit=1000)}
    trials = [(org, by_org[org_key_for(org.website)].trial) for org in world.organizations
              if org_key_for(org.website) in by_org]
    assert all(trial is not None and {"postings", "peer_postings", "error"} <= set(trial) for _, trial in trials)
    read = [(org, trial) for org, trial in trials if not trial["error"]]
    assert len(read) >= len(trials) * 0.6
    assert sum(trial["postings"] for _, trial in read) > 0
    labeled = [(org, trial) for org, trial in read if org.peer_postings]
    assert all(0 < trial["peer_postings"] <= trial["postings"] for _, trial in labeled)
    # The classifier has its own say on each posting; the trial counts what it says.
    assert sum(t["peer_postings"] for _, t in labeled) >= 0.8 * sum(org.peer_postings for org, _ in labeled)
    failed = [trial["error"] for _, trial in trials if trial["error"]]
    assert all(error.startswith(("failed:", "not a valid source")) for error in failed)


def test_the_summary_names_what_was_found(discovered):
    *_, lines = discovered
    text = "\n".join(lines)
    assert "organizations read: " in text and "dead ends by reason: " in text and "trial crawls: " in text
    assert "covered: 2" in text


def test_heldout_homepages_are_detected_at_a_lower_bar(tmp_path):
    settings = Settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "index")
    with HomepageWorld(HELDOUT_FILE) as world:
        csv_path = world.write_csv(tmp_path / "organizations.csv", style="findtreatment")
        code = discover_command(settings, str(csv_path), True, world.routes(), False, None, 2,
                                echo=lambda *a, **k: None)
        engine = db.make_engine(settings.database_url)
        with db.session_factory(engine)() as session:
            accuracy = judge(world.organizations, session)
    assert code == 0
    assert accuracy.board_rate >= 0.8 and accuracy.wrong_and_sure == []


def test_the_command_line_reads_its_options_and_refuses_bad_ones(tmp_path):
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_ALLOW_PRIVATE_NETWORKS": "1"}
    missing = CliRunner().invoke(main, ["discover", str(tmp_path / "none.csv")], env=env)
    assert missing.exit_code == 2 and "cannot read" in missing.output
    bad_route = CliRunner().invoke(main, ["discover", "x.csv", "--route", "jobs.lever.co"], env=env)
    assert bad_route.exit_code == 2 and "HOST=URL" in bad_route.output
    rows = tmp_path / "orgs.csv"
    rows.write_text("name,website,city,state\nNo Site,,Tulsa,OK\nInside,http://10.0.0.7/,Tulsa,OK\n")
    result = CliRunner().invoke(main, ["discover", str(rows), "--no-trial", "-p", "1"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    assert "skipped rows: 2" in result.output and "no website" in result.output and "internal address" in result.output


def test_the_demo_prints_the_discover_command_that_reads_its_homepages(tmp_path):
    import shlex

    from peerjobs.demo_discover import start_homepages

    sources = tmp_path / "sources.yaml"
    printed: list[str] = []
    world = start_homepages(tmp_path, sources, lambda line="", **_: printed.append(line))
    try:
        write_sources(world, sources)
        command = (tmp_path / "discover.sh").read_text(encoding="utf-8").strip()
        assert command in [line.strip() for line in printed]
        words = shlex.split(command)
        program = words.index(".venv/bin/peerjobs")
        env, args = dict(word.split("=", 1) for word in words[:program]), words[program + 1:]
        assert (tmp_path / "organizations.csv").exists() and "--route" in args
        result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    finally:
        world.stop()
    assert result.exit_code == 0
    assert "covered: 2" in result.output and "trial crawls: " in result.output
