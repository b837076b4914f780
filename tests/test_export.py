"""`peerjobs export`: every stored posting with all its fields, in JSON lines and CSV, as documented."""
import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import export, store
from indexer.store import db
from peerjobs.cli import main

DATA_FORMAT = Path(__file__).resolve().parents[1] / "docs" / "DATA_FORMAT.md"
T0 = datetime(2026, 11, 1, 12)
FACETS = {"certification": {"status": "required", "names": ["CPRS", "state"]},
          "lived_experience": ["substance_use"], "populations": ["adults"], "settings": ["emergency_department"],
          "paid": "paid", "bilingual": True, "languages": ["spanish"], "seniority": "entry",
          "recovery_months": 24}


def fields(**overrides):
    base = dict(url="https://acme.org/careers/1/", apply_url="https://acme.org/careers/1/",
                title="Peer Recovery Specialist – ED", employer="Acme Recovery", city="Baltimore", state="MD",
                postal_code="21201", latitude=39.29, longitude=-76.61, remote=False, employment_type="FULL_TIME",
                pay_min=19.0, pay_max=21.5, pay_unit="HOUR", pay_text="$19.00 to $21.50 per hour",
                pay_hourly_min=19.0, pay_hourly_max=21.5, pay_annual_min=39520.0, pay_annual_max=44720.0,
                date_posted=date(2026, 10, 30), valid_through=datetime(2026, 12, 31, 23, 59, 59),
                description_html="<p>Meet people, say \"hello\", | and, commas.</p>",
                description_text='Meet people, say "hello", | and, commas.', category="peer_recovery_coach",
                is_peer=True, classification="title: peer recovery", facets=FACETS,
                locations=[{"city": "Baltimore", "state": "MD", "postal_code": "21201",
                            "latitude": 39.29, "longitude": -76.61}])
    base.update(overrides)
    return base


@pytest.fixture
def stored(session):
    """An open job listed by an agency page and its ATS, a remote one without facets, a closed one."""
    for record in (store.SourceRecord("acme-site", "jsonld", "https://acme.org/careers/", "Acme Recovery"),
                   store.SourceRecord("acme-ats", "greenhouse", "https://boards.greenhouse.io/acme", "Acme Recovery")):
        store.upsert_source(session, record)
    ats = "https://boards.greenhouse.io/acme/jobs/7"
    store.upsert_posting(session, "acme-site", "1", fields(apply_url=ats), now=T0)
    store.upsert_posting(session, "acme-ats", "7", fields(url=ats, apply_url=ats), now=T0)
    store.upsert_posting(session, "acme-site", "2", fields(
        title="Warmline Peer Operator", url="https://acme.org/careers/2/", apply_url=None, remote=True,
        remote_area="MD", city=None, postal_code=None, latitude=None, longitude=None, locations=[],
        facets={}, pay_min=None, pay_max=None, pay_unit=None, pay_text=None, pay_hourly_min=None,
        pay_hourly_max=None, pay_annual_min=None, pay_annual_max=None, valid_through=None), now=T0)
    gone, _ = store.upsert_posting(session, "acme-site", "3", fields(title="Peer Mentor", url="https://acme.org/careers/3/"),
                                   now=T0)
    store.close_gone(session, "acme-site", {"https://acme.org/careers/3/": 410}, T0.replace(hour=13))
    session.commit()
    return session


def exported(session, fmt: str, include_closed: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    return export.write(session, out, fmt, include_closed), out.getvalue()


def test_jsonl_holds_every_field_of_every_open_posting(stored):
    count, text = exported(stored, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert count == len(records) == 2
    assert all(list(record) == list(export.EXPORT_FIELDS) for record in records)
    ed, warmline = records
    assert ed["source_ids"] == ["acme-site", "acme-ats"]
    assert ed["source_urls"] == ["https://acme.org/careers/1/", "https://boards.greenhouse.io/acme/jobs/7"]
    assert ed["apply_url"] == "https://boards.greenhouse.io/acme/jobs/7"
    assert ed["certification_status"] == "required" and ed["certifications"] == ["CPRS", "state"]
    assert (ed["settings"], ed["bilingual"], ed["seniority"]) == (["emergency_department"], True, "entry")
    assert (ed["date_posted"], ed["valid_through"]) == ("2026-10-30", "2026-12-31T23:59:59Z")
    assert (ed["first_seen"], ed["last_verified_open"], ed["status"]) == ("2026-11-01T12:00:00Z",) * 2 + ("open",)
    assert ed["locations"][0]["city"] == "Baltimore" and ed["pay_annual_max"] == 44720.0
    assert (warmline["remote"], warmline["remote_area"], warmline["city"]) == (True, "MD", None)
    assert (warmline["certifications"], warmline["paid"], warmline["languages"]) == ([], None, [])
    assert (ed["recovery_months"], warmline["recovery_months"]) == (24, None)


def test_jsonl_agrees_with_the_store(stored):
    _, text = exported(stored, "jsonl", include_closed=True)
    by_id = {record["id"]: record for record in map(json.loads, text.splitlines())}
    assert len(by_id) == store.count_postings(stored) == 3
    for posting_id, record in by_id.items():
        posting = store.get_posting(stored, posting_id)
        for name in ("title", "employer", "city", "pay_hourly_min", "category", "is_peer", "status",
                     "closed_reason", "description_html"):
            assert record[name] == getattr(posting, name), name


def test_closed_postings_only_when_asked(stored):
    _, text = exported(stored, "jsonl", include_closed=True)
    closed = [r for r in map(json.loads, text.splitlines()) if r["status"] == "closed"]
    assert [(r["title"], r["closed_reason"]) for r in closed] == [("Peer Mentor", "detail page 410")]
    assert closed[0]["closed_at"] and closed[0]["description_text"]


def test_csv_reads_back_to_the_jsonl_values(stored):
    _, jsonl = exported(stored, "jsonl", include_closed=True)
    count, text = exported(stored, "csv", include_closed=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == 3
    assert list(rows[0]) == list(export.EXPORT_FIELDS)
    for record, row in zip(map(json.loads, jsonl.splitlines()), rows):
        assert row == {name: export.csv_cell(value) for name, value in record.items()}
    ed = rows[0]
    assert ed["source_ids"].split("|") == ["acme-site", "acme-ats"]
    assert (ed["is_peer"], ed["pay_min"], ed["remote_area"]) == ("true", "19.0", "")
    assert ed["description_text"] == 'Meet people, say "hello", | and, commas.'
    assert json.loads(ed["locations"])[0]["postal_code"] == "21201"


def test_unknown_format_is_refused(stored):
    with pytest.raises(ValueError, match="unknown export format"):
        export.write(stored, io.StringIO(), "xml")


def documented_fields() -> list[str]:
    section = DATA_FORMAT.read_text(encoding="utf-8").split("## Fields", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def test_data_format_documents_every_exported_field_in_order():
    assert documented_fields() == list(export.EXPORT_FIELDS)


def test_export_command_writes_a_file_and_standard_output(tmp_path, sqlite_settings):
    engine = db.make_engine(sqlite_settings.database_url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        store.upsert_source(session, store.SourceRecord("acme-site", "jsonld", "https://acme.org/careers/", "Acme"))
        store.upsert_posting(session, "acme-site", "1", fields(), now=T0)
        session.commit()
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": sqlite_settings.database_url,
           "PEERJOBS_INDEX_DIR": ""}
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "out.csv")], env=env)
    assert result.exit_code == 0, result.output
    assert [row["title"] for row in csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8"))] == [
        "Peer Recovery Specialist – ED"]
    result = runner.invoke(main, ["export"], env=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["title"] == "Peer Recovery Specialist – ED"
    assert runner.invoke(main, ["export", "--format", "xml"], env=env).exit_code == 2
