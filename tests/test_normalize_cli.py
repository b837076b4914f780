"""`peerjobs normalize` (JSON lines in and out, --evaluate) and `peerjobs renormalize`."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from indexer import store
from indexer import search
from indexer.taxonomy.facets import peer_fields
from indexer.store.models import Posting
from indexer.renormalize import renormalize
from peerjobs.cli import main

DATA = Path(__file__).parent / "data" / "taxonomy"
SOURCE = store.SourceRecord(id="agency", platform="jsonld", url="http://127.0.0.1/careers/", employer="Agency")


def test_normalize_adds_every_field_to_each_line():
    lines = "\n".join(json.dumps(record) for record in [
        {"title": "Peer Specialist", "description": "<p>Lived experience required. <b>CPS</b> preferred.</p>",
         "employer": "VA Medical Center", "location": "Dayton, OH"},
        {"title": "Peer Review Nurse"},
    ])
    result = CliRunner().invoke(main, ["normalize"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    first, second = [json.loads(line) for line in result.output.splitlines()]
    assert first["location"] == "Dayton, OH" and first["category"] == "veteran_peer_support"
    assert first["is_peer"] is True and first["confidence"] > 0 and "employer" in first["classification"]
    assert first["facets"]["certification"] == {"status": "preferred", "names": ["CPS"], "months": None}
    assert (second["category"], second["is_peer"], second["display_title"]) == (None, False, "Peer Review Nurse")
    assert second["classification"] == "not peer work: 'peer review' in the title"


def test_normalize_skips_bad_lines_and_says_so():
    lines = '{"title": "Recovery Coach"}\nnot json\n{"description": "no title"}\n'
    result = CliRunner().invoke(main, ["normalize"], input=lines)
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["category"] == "peer_recovery_coach"
    assert "line 2: not JSON" in result.stderr and "line 3: expected an object" in result.stderr
    assert "2 lines skipped" in result.stderr


def test_evaluate_prints_precision_recall_and_confusion():
    result = CliRunner().invoke(main, ["normalize", "--evaluate", str(DATA / "postings.jsonl")])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{sum(1 for _ in open(DATA / 'postings.jsonl'))} labeled, category accuracy")
    assert any(line.startswith("forensic_peer_specialist") and "%" in line for line in lines)
    assert "confusion (rows: labeled, columns: predicted; columns numbered as rows)" in lines


def _description(external_id):
    return f"Lived experience of recovery required. Reference {external_id}."


def _add(session, external_id, **fields):
    """A stored posting whose peer fields are as given (by default: stale)."""
    base = dict(url=f"http://127.0.0.1/careers/{external_id}/", employer="Agency", city="Dayton", state="OH",
                description_text=_description(external_id),
                date_posted=date(2026, 11, 1), is_peer=True, category="peer_specialist", facets={})
    store.upsert_source(session, SOURCE)
    posting, _ = store.upsert_posting(session, "agency", external_id, {**base, **fields})
    session.commit()
    return posting


def test_renormalize_writes_only_what_changed_and_reindexes(engine, session, settings):
    nurse = _add(session, "nurse", title="Peer Review Nurse (RN)")
    coach = _add(session, "coach", title="Recovery Coach", category="peer_specialist")
    up_to_date = peer_fields({"title": "Peer Specialist", "description_text": _description("current")})
    current = _add(session, "current", title="Peer Specialist", **up_to_date)
    search.sync(engine, settings.index_dir)
    current_stamp = session.get(Posting, current.id).changed_at

    report = renormalize(engine, settings.index_dir)

    session.expire_all()
    rows = {row.external_id: row for row in session.scalars(select(Posting))}
    assert (report.seen, report.changed) == (3, 2)
    assert report.moves[("peer_specialist", None)] == 1 and report.moves[("peer_specialist", "peer_recovery_coach")] == 1
    assert (rows["nurse"].category, rows["nurse"].is_peer) == (None, False)
    assert rows["coach"].category == "peer_recovery_coach"
    assert rows["coach"].facets["lived_experience"] == [] and rows["coach"].changed_at > current_stamp
    reader = search.SearchIndex(settings.index_dir)
    try:
        hits = reader.search(search.SearchQuery(category=("peer_recovery_coach",))).hits
        assert [hit.id for hit in hits] == [coach.id]
    finally:
        reader.close()
    assert rows["current"].changed_at == current_stamp and rows["nurse"].id == nurse.id
    assert renormalize(engine, settings.index_dir).changed == 0


def test_renormalize_command_reports_its_figures(settings, engine, session):
    _add(session, "nurse", title="Peer Review Nurse (RN)")
    env = {"PEERJOBS_DATA_DIR": str(settings.data_dir), "PEERJOBS_DATABASE_URL": settings.database_url,
           "PEERJOBS_INDEX_DIR": str(settings.index_dir)}
    result = CliRunner().invoke(main, ["renormalize"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    assert "renormalized 1 postings: 1 changed" in result.output
    assert "peer_specialist -> not peer: 1" in result.output


def test_renormalize_narrows_a_remote_area_the_description_limits(engine, session, settings):
    limited = _add(session, "limited", title="Warmline Peer", remote=True, remote_area="US", city=None, state=None,
                   description_text="Lived experience of recovery required. Colorado residents only.")
    anywhere = _add(session, "anywhere", title="Warmline Peer", remote=True, remote_area="US", city=None, state=None,
                    description_text="Lived experience of recovery required. Open to anyone in the US.")
    renormalize(engine, settings.index_dir)
    session.expire_all()
    assert (session.get(Posting, limited.id).remote_area, session.get(Posting, anywhere.id).remote_area) == ("CO", "US")
    reader = search.SearchIndex(settings.index_dir)
    try:
        hits = reader.search(search.SearchQuery(q="warmline", where="Dayton, OH", remote=True)).hits
        assert [hit.id for hit in hits] == [anywhere.id]
    finally:
        reader.close()
