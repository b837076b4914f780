"""`peerjobs renormalize` brings stored postings the display title, the job's facts and the
lexicon's credential titles, and the index shows the cleaned title while matching the posted one."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from indexer import search, store
from indexer.renormalize import renormalize
from indexer.taxonomy.facets import peer_fields
from indexer.store.models import Posting

SOURCE = store.SourceRecord(id="agency", platform="jsonld", url="http://127.0.0.1/careers/", employer="Agency")
DESCRIPTION = ("Use your lived experience of recovery. Must hold a current CMHYPS at the time of hire. "
               "Part-time, 24 hours per week, evenings and weekends. Valid driver's license required. "
               "We are a second chance employer.")


def test_renormalize_fills_display_title_facts_and_credential_titles(engine, session, settings):
    store.upsert_source(session, SOURCE)
    fields = dict(url="http://127.0.0.1/careers/1/", employer="Agency", city="Tampa", state="FL",
                  description_text=DESCRIPTION, date_posted=date(2026, 11, 1), is_peer=False, category=None,
                  facets={}, title="CMHYPS - REQ #24-0113 - $1,000 SIGN-ON BONUS")
    store.upsert_posting(session, "agency", "1", fields)
    session.commit()

    report = renormalize(engine, settings.index_dir)

    session.expire_all()
    posting = session.scalars(select(Posting)).one()
    assert report.changed == 1 and report.moves[(None, "youth_peer_advocate")] == 1
    assert posting.title == "CMHYPS - REQ #24-0113 - $1,000 SIGN-ON BONUS"
    assert posting.display_title == "CMHYPS"
    assert posting.classification == "title 'credential CMHYPS' -> youth_peer_advocate"
    facets = posting.facets
    assert facets["certification"]["status"] == "required" and "CMHYPS" in facets["certification"]["names"]
    assert (facets["hours_per_week"], facets["schedule"]) == ([24.0, 24.0], ["evenings", "weekends"])
    assert facets["requirements"] == ["drivers_license"] and facets["record_friendly"] is True
    reader = search.SearchIndex(settings.index_dir)
    try:
        hits = reader.search(search.SearchQuery(q="bonus")).hits
        assert [hit.title for hit in hits] == ["CMHYPS"]
    finally:
        reader.close()
    assert renormalize(engine, settings.index_dir).changed == 0


def test_pages_show_the_display_title_and_search_matches_the_posted_one(settings, session):
    from webapp import create_app
    store.upsert_source(session, SOURCE)
    fields = dict(url="http://127.0.0.1/careers/2/", employer="Agency", city="Dayton", state="OH",
                  description_text="Share your lived experience of recovery.", date_posted=date(2026, 11, 1),
                  title="PEER SUPPORT SPECIALIST - ACT TEAM - REQ #88-123 *NEW*")
    fields.update(peer_fields({"title": fields["title"], "description_text": fields["description_text"]}))
    posting, _ = store.upsert_posting(session, "agency", "2", fields)
    session.commit()
    search.rebuild(session.get_bind(), settings.index_dir)
    client = create_app(settings, TESTING=True).test_client()

    page = client.get(f"/jobs/{posting.id}").get_data(as_text=True)
    results = client.get("/jobs?q=req").get_data(as_text=True)

    assert "<h1>Peer Support Specialist - ACT Team</h1>" in page
    assert "Posted as: PEER SUPPORT SPECIALIST - ACT TEAM - REQ #88-123 *NEW*" in page
    assert ">Peer Support Specialist - ACT Team</a>" in results
