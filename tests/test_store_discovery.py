"""The discovery queue in the store: one proposal per organization, reviews that stick, accepted
proposals as database sources with their provenance."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from indexer import store
from indexer.store import discovery as store_discovery
from indexer.store.models import Base


def record(**overrides):
    base = dict(org_key="harborlight.example", org_name="Harbor Light Recovery Center",
                website="https://harborlight.example/", city="Toledo", state="OH", platform="greenhouse",
                url="https://job-boards.greenhouse.io/harborlight", board_key="greenhouse:harborlight",
                evidence=["link to https://job-boards.greenhouse.io/harborlight on /careers"], confidence=0.9,
                trial={"postings": 4, "peer_postings": 3})
    base.update(overrides)
    return store.ProposalRecord(**base)


def test_the_migrations_build_the_tables_and_columns_the_models_describe(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    kinds = ("add_table", "remove_table", "add_column", "remove_column")
    assert [d for d in differences if isinstance(d, tuple) and d[0] in kinds] == []


def test_discovering_again_refreshes_an_open_proposal_and_never_duplicates(session):
    first, outcome = store.save_proposal(session, record(confidence=0.5))
    again, second = store.save_proposal(session, record(confidence=0.9, trial={"postings": 5, "peer_postings": 3}))
    assert (outcome, second) == ("new", "updated")
    assert again.id == first.id and again.confidence == 0.9 and again.trial["postings"] == 5
    assert store.proposal_counts(session)["pending"] == 1


def test_a_reviewed_proposal_stays_as_the_operator_left_it(session):
    proposal, _ = store.save_proposal(session, record())
    store.reject_proposal(session, proposal.id, "a staffing agency, not a provider", by="ops")
    again, outcome = store.save_proposal(session, record(confidence=1.0))
    assert outcome == "reviewed" and again.status == "rejected" and again.confidence == 0.9
    assert again.reason == "a staffing agency, not a provider" and again.reviewed_by == "ops"


def test_accepting_makes_a_discovered_source_with_its_provenance(session):
    proposal, _ = store.save_proposal(session, record())
    store.edit_proposal(session, proposal.id, "greenhouse", "https://job-boards.greenhouse.io/harborlight",
                        {"api_url": "https://boards-api.greenhouse.io"})
    source = store.accept_proposal(session, proposal.id, "harbor-light", enabled=True, by="ops")
    assert (source.origin, source.enabled, source.employer) == ("discovered", True, "Harbor Light Recovery Center")
    assert source.options == {"api_url": "https://boards-api.greenhouse.io"}
    assert source.provenance["website"] == "https://harborlight.example/"
    assert source.provenance["evidence"] == proposal.evidence and source.provenance["accepted_by"] == "ops"
    assert [s.id for s in store.discovered_sources(session)] == ["harbor-light"]
    assert store.get_proposal(session, proposal.id).source_id == "harbor-light"


@pytest.mark.parametrize("review", [
    lambda s, pid: store.accept_proposal(s, pid, "taken-id"),
    lambda s, pid: store.reject_proposal(s, pid, "   "),
    lambda s, pid: store.accept_proposal(s, pid + 99, "new-id"),
])
def test_reviews_that_cannot_be_done_are_refused(session, review):
    store.upsert_source(session, store.SourceRecord("taken-id", "lever", "https://jobs.lever.co/x", "X"))
    proposal, _ = store.save_proposal(session, record())
    with pytest.raises(store.ProposalError):
        review(session, proposal.id)
    assert store.get_proposal(session, proposal.id).status == "pending"


def test_a_dead_end_cannot_be_accepted_and_a_board_is_found_by_its_key(session):
    dead, _ = store.save_proposal(session, record(org_key="closed.example", status="dead_end", platform=None,
                                                  url=None, board_key=None, reason="robots.txt disallows /"))
    with pytest.raises(store.ProposalError):
        store.accept_proposal(session, dead.id, "closed")
    store.save_proposal(session, record())
    assert store.proposal_with_board(session, "greenhouse:harborlight", other_than="clinic.example").org_key == \
        "harborlight.example"
    assert store.proposal_with_board(session, "greenhouse:harborlight", other_than="harborlight.example") is None


def _posting(number: int, is_peer: bool) -> dict:
    url = f"http://127.0.0.1/careers/{number}/"
    return dict(url=url, apply_url=url, title=("Bookkeeper", "Peer Specialist", "Peer Recovery Coach")[number % 3 if is_peer else 0], employer="Agency",
                description_html="<p>Help.</p>", description_text="Help.", city="Dayton", state="OH",
                is_peer=is_peer)


def test_trial_figures_count_each_sources_postings_and_say_why_a_run_failed(session):
    for source_id in ("trial-0", "trial-1", "trial-2"):
        store.upsert_source(session, store.SourceRecord(id=source_id, platform="jsonld",
                                                        url=f"https://{source_id}.example/", employer="Agency"))
    for number, is_peer in ((1, True), (2, True), (3, False)):
        store.upsert_posting(session, "trial-0", str(number), _posting(number, is_peer))
    store.finish_run(session, store.start_run(session, "trial-0").id, "partial", {}, "closed early: closespider_pagecount")
    store.finish_run(session, store.start_run(session, "trial-1").id, "failed", {}, "HTTP 404 from https://x/")
    figures = store_discovery.trial_figures(session, ["trial-0", "trial-1", "trial-2"])
    assert figures == {"trial-0": {"postings": 3, "peer_postings": 2, "error": None},
                       "trial-1": {"postings": 0, "peer_postings": 0, "error": "failed: HTTP 404 from https://x/"},
                       "trial-2": {"postings": 0, "peer_postings": 0, "error": "no run recorded"}}
    assert [row[0] for row in store_discovery.source_boards(session)] == ["trial-0", "trial-1", "trial-2"]
