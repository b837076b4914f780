"""config/pay_transparency.yaml and its reader; which postings show "Pay not posted"."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import yaml

from indexer import store

from tests.credentials_support import AGENCY, NO_PAY, fields
from tests.web_support import seed_postings
from foundation.pay_transparency import PAY_LAWS_FILE, PayLawsError, load_pay_laws, pay_laws_from
from webapp.pay.transparency import pay_not_posted, posts_pay, states_without_pay


def law(**overrides):
    base = {"state": "CO", "jurisdiction": "Colorado", "law": "Equal Pay for Equal Work Act",
            "effective": "2021-01-01", "employer_threshold": "one or more", "source": "https://co.example/law",
            "source_year": 2022}
    return base | overrides


LAWS = pay_laws_from({"laws": [law(), law(state="DE", jurisdiction="Delaware", effective="2027-09-26"),
                               law(state="NY", jurisdiction="New York", effective=date(2023, 9, 17))]})
TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("data, message", [
    (None, "expected a mapping with a list of laws"),
    ({"laws": "CO"}, "expected a mapping with a list of laws"),
    ({"laws": ["CO"]}, "expected a mapping for each law"),
    ({"laws": [law(source="")]}, "law for CO: missing source"),
    ({"laws": [law(effective=None, law="")]}, "law for CO: missing law, effective"),
    ({"laws": [law(state="Colorado")]}, "state must be a two-letter code"),
    ({"laws": [law(source="http://co.example/")]}, "source must be an https:// URL"),
    ({"laws": [law(effective="next year")]}, "effective must be a date"),
    ({"laws": [law(source_year="2022")]}, "source_year must be a year"),
    ({"laws": [law(source_year=True)]}, "source_year must be a year"),
    ({"laws": [law(), law(state="co")]}, "more than one law for CO"),
])
def test_a_wrong_file_gets_a_clear_error(data, message):
    with pytest.raises(PayLawsError, match=message):
        pay_laws_from(data)


@pytest.mark.parametrize("state, today, expected", [
    ("CO", TODAY, "CO"), ("co", TODAY, "CO"), ("NY", date(2023, 9, 16), None), ("NY", date(2023, 9, 17), "NY"),
    ("DE", TODAY, None), ("DE", date(2027, 9, 26), "DE"), ("OH", TODAY, None), (None, TODAY, None),
])
def test_a_law_applies_from_its_effective_date(state, today, expected):
    found = LAWS.law_in_effect(state, today)
    assert (found.state if found else None) == expected


def posting(state="CO", **pay):
    return SimpleNamespace(state=state, **{name: pay.get(name) for name in
                                           ("pay_hourly_min", "pay_hourly_max", "pay_min", "pay_max", "pay_unit",
                                            "pay_text")})


@pytest.mark.parametrize("job, expected", [
    (posting(), "CO"), (posting(pay_text=""), "CO"), (posting(pay_hourly_min=18.0), None),
    (posting(pay_max=52000.0, pay_unit="YEAR"), None), (posting(pay_text="Competitive, DOE"), None),
    (posting(state="DE"), None), (posting(state="OH"), None), (posting(state=None), None),
])
def test_pay_not_posted_only_without_any_pay_where_a_law_is_in_effect(job, expected):
    found = pay_not_posted(job, LAWS, TODAY)
    assert (found.state if found else None) == expected
    assert pay_not_posted(job, None, TODAY) is None
    assert posts_pay(job) == (job.pay_hourly_min is not None or job.pay_max is not None or bool(job.pay_text))


def test_states_without_pay_count_only_laws_in_effect_with_open_jobs():
    counts = {"CO": (4, 1), "NY": (3, 3), "DE": (5, 5), "OH": (9, 9)}
    found = states_without_pay(counts | {"XX": (0, 0)}, LAWS, TODAY)
    assert [(s.law.state, s.total, s.without_pay, s.share) for s in found] == [("NY", 3, 3, 100), ("CO", 4, 1, 25)]
    assert states_without_pay({"NY": (0, 0)}, LAWS, TODAY) == ()
    assert states_without_pay(counts, None, TODAY) == ()


def test_the_shipped_file_lists_states_with_sources_and_delaware_waits():
    laws = load_pay_laws()
    raw = yaml.safe_load(PAY_LAWS_FILE.read_text(encoding="utf-8"))
    assert len(laws.laws) == len(raw["laws"]) >= 12
    assert {"CA", "CO", "WA", "NY", "HI", "DC", "MD", "IL", "MN", "VT", "MA", "NJ"} <= {
        law.state for law in laws.in_effect(TODAY)}
    assert laws.law_in_effect("DE", TODAY) is None and laws.for_state("DE").effective == date(2027, 9, 26)
    assert all(law.source.startswith("https://") and law.employer_threshold for law in laws.laws)


def test_an_unreadable_file_names_itself(tmp_path):
    broken = tmp_path / "pay.yaml"
    broken.write_text("laws: [", encoding="utf-8")
    with pytest.raises(PayLawsError, match="pay.yaml: cannot read"):
        load_pay_laws(broken)


def test_the_store_counts_open_peer_postings_without_pay_per_state(session):
    jobs = {
        "md_none": fields(**NO_PAY), "md_hourly": fields(url="https://agency.example/careers/2/"),
        "md_words": fields(url="https://agency.example/careers/3/", **NO_PAY | {"pay_text": "$20 an hour"}),
        "md_no_unit": fields(url="https://agency.example/careers/4/", **NO_PAY | {"pay_max": 52000.0}),
        "md_yearly": fields(url="https://agency.example/careers/5/",
                            **NO_PAY | {"pay_min": 45000.0, "pay_unit": "YEAR"}),
        "md_closed": fields(url="https://agency.example/careers/6/", **NO_PAY),
        "md_not_peer": fields(url="https://agency.example/careers/7/", **NO_PAY, is_peer=False),
        "oh_none": fields(url="https://agency.example/careers/8/", state="OH", city="Dayton", **NO_PAY),
    }
    seed_postings(session, AGENCY, jobs, closed=["md_closed"])
    # The page shows no pay for a figure without a unit, so neither does the count.
    assert store.open_peer_pay_by_state(session, ["MD", "CO"]) == {"MD": (5, 2)}
    assert store.open_peer_pay_by_state(session, []) == {}
