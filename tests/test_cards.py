"""The one card of a posting and the one pay rule, and the raw item a spider yields."""
from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from crawlers.items import RawPosting
from indexer.cards import PayShown, PostingCard, card_from_values, card_values, pay_shown, posting_card


def stored(**values):
    base = dict(id=7, title="PEER SUPPORT SPECIALIST II", display_title=None, employer="Hope House",
                city="Dayton", state="OH", remote=False, remote_area=None, pay_min=None, pay_max=None,
                pay_unit=None, pay_text=None, pay_hourly_min=None, pay_hourly_max=None,
                date_posted=date(2026, 11, 30), last_verified_open=None, last_seen=datetime(2026, 12, 5, 8),
                status="open", category="peer_specialist", employment_type="PART_TIME")
    return SimpleNamespace(**{**base, **values})


@pytest.mark.parametrize("values, words, yearly, figures", [
    (dict(pay_min=18.5, pay_max=21, pay_unit="HOUR", pay_hourly_min=18.5, pay_hourly_max=21),
     "$18.50–$21.00 an hour", "", (18.5, 21, "HOUR")),
    (dict(pay_min=41000, pay_max=46000, pay_unit="YEAR", pay_hourly_min=19.71, pay_hourly_max=22.12),
     "$19.71–$22.12 an hour", "$41,000–$46,000 a year", (41000, 46000, "YEAR")),
    (dict(pay_min=1200, pay_max=None, pay_unit="BIWEEK", pay_hourly_min=15.0),
     "From $15.00 an hour", "", (15.0, None, "HOUR")),  # no machine unit for every two weeks
    (dict(pay_min=3000, pay_unit="MONTH"), "From $3,000 a month", "", (3000, None, "MONTH")),
    (dict(pay_text="DOE"), "DOE", "", None),
    (dict(pay_text="Competitive " * 20), ("Competitive " * 20)[:80], "", None),
    ({}, "", "", None),
])
def test_the_pay_a_posting_shows(values, words, yearly, figures):
    pay = pay_shown(stored(**values))
    assert (pay.words, pay.yearly_words, pay.figures) == (words, yearly, figures)
    assert pay.disclosed is (figures is not None)


def test_the_posting_words_give_way_to_figures():
    pay = pay_shown(stored(pay_text="$18.50 - $21.00 per hour", pay_hourly_min=18.5, pay_hourly_max=21.0))
    assert pay.words == "$18.50–$21.00 an hour"


@pytest.mark.parametrize("values, place", [
    ({}, "Dayton, OH"),
    (dict(city=None, remote=True, remote_area="CO"), "Remote, for people in Colorado"),
    (dict(remote=True, remote_area="ID OR WA"), "Dayton, OH, or remote for people in Idaho, Oregon or Washington"),
    (dict(city=None, state=None), ""),
    (dict(remote_area="CO"), "Dayton, OH"),  # a remote area counts only for a remote job
])
def test_a_card_names_its_place_once(values, place):
    card = posting_card(stored(**values))
    assert card.place == place
    assert card.remote_area == (values.get("remote_area") if values.get("remote") else None)


def test_a_card_shows_the_display_title_and_when_it_was_last_seen_open():
    card = posting_card(stored())
    assert card.title == "Peer Support Specialist II"
    assert card.last_verified == datetime(2026, 12, 5, 8) and card.posted == date(2026, 11, 30)
    assert posting_card(stored(status="closed")).last_verified is None
    verified = datetime(2026, 12, 4)
    assert posting_card(stored(status="closed", last_verified_open=verified)).last_verified == verified
    assert posting_card(stored(display_title="Peer Specialist")).title == "Peer Specialist"


def test_a_card_survives_the_index_and_ignores_what_it_does_not_know():
    card = posting_card(stored(pay_hourly_min=18.5, pay_text="DOE"), ["outpatient", "crisis"])
    values = card_values(card)
    assert "distance_miles" not in values and values["setting"] == ["outpatient", "crisis"]
    back = card_from_values({**values, "excerpt": "text", "id": 7, "old_field": 1}, distance_miles=2.5)
    assert back == PostingCard(**{**card.__dict__, "distance_miles": 2.5})
    assert card_from_values({"id": 3, "title": "Old"}).pay == PayShown()  # a card from an older index


def test_cards_are_frozen():
    with pytest.raises(AttributeError):
        posting_card(stored()).title = "changed"


def test_a_raw_posting_starts_empty_and_refuses_unknown_fields():
    item = RawPosting(source_id="hope", title="Peer Mentor")
    assert (item.url, item.locations, item.remote, item.normalized) == (None, [], False, {})
    assert item["title"] == "Peer Mentor" and item.get("salary") is None and item.get("nonsense", 1) == 1
    assert set(dict(item)) >= {"source_id", "title", "pay_text", "normalized"}
    item["pay_text"] = "$18 an hour"
    assert item.pay_text == "$18 an hour"
    with pytest.raises(KeyError):
        item["pay_txt"] = "typo"
    with pytest.raises(KeyError):
        item["pay_txt"]
    with pytest.raises(TypeError):
        RawPosting(pay_txt="typo")
    assert RawPosting().locations is not RawPosting().locations
