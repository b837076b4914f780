"""webapp.i18n.words: in English the very words of indexer.wording; in Spanish, Babel's es_US formats."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from indexer import wording
from indexer.cards import PayShown, PostingCard
from indexer.taxonomy import conditions
from webapp import create_app
from webapp.i18n import facts, places, words
from webapp.search import benefits_view
from tests.support import folder_settings

TODAY = date(2026, 3, 20)
PAYS = [(18.5, 21.0, "HOUR"), (18.5, 18.5, "HOUR"), (18.5, None, "HOUR"), (None, 21.0, "HOUR"),
        (42000.0, 50000.0, "YEAR"), (1200.0, 1500.0, "BIWEEK"), (150.0, None, "DAY"), (900.0, None, "WEEK"),
        (3000.0, 3500.0, "MONTH"), (None, None, "HOUR"), (18.0, 20.0, "FORTNIGHT")]
DAYS = [date(2026, 3, 20), date(2026, 3, 19), date(2026, 3, 17), date(2026, 3, 1), date(2026, 1, 25),
        date(2025, 11, 2)]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(folder_settings(tmp_path_factory.mktemp("i18n-words")), TESTING=True)


@pytest.fixture
def english(app):
    with app.test_request_context("/jobs"):
        app.preprocess_request()
        yield


@pytest.fixture
def spanish(app):
    with app.test_request_context("/es/jobs"):
        app.preprocess_request()
        yield


@pytest.mark.parametrize("low, high, unit", PAYS)
def test_english_pay_is_indexer_wording(english, low, high, unit):
    assert words.pay_range(low, high, unit) == wording.pay_in_words(low, high, unit)


@pytest.mark.parametrize("day", DAYS)
def test_english_dates_are_indexer_wording(english, day):
    assert words.posted_in_words(day, TODAY) == wording.posted_in_words(day, TODAY)
    seen = datetime(day.year, day.month, day.day, 9)
    assert words.checked_in_words(seen, TODAY) == wording.checked_in_words(seen, TODAY)
    assert words.day_in_words(day) == wording.day_in_words(day)


@pytest.mark.parametrize("value", [None, 0.4, 1.2, 12.6])
def test_english_distance_is_indexer_wording(english, value):
    assert words.distance_in_words(value) == wording.distance_in_words(value)


@pytest.mark.parametrize("count", [0, 1, 7, 1234])
def test_english_counts_are_indexer_wording(english, count):
    assert words.jobs_in_words(count) == wording.jobs_in_words(count)


@pytest.mark.parametrize("value", ["FULL_TIME", "part-time", "PER_DIEM", "OTHER", "seasonal_work", None])
def test_english_employment_types_are_indexer_wording(english, value):
    assert words.employment_type_in_words(value) == wording.employment_type_in_words(value)


@pytest.mark.parametrize("low, high, unit, said", [
    (18.5, 21.0, "HOUR", "$18.50–$21.00 por hora"),
    (18.5, None, "HOUR", "Desde $18.50 por hora"),
    (None, 21.0, "HOUR", "Hasta $21.00 por hora"),
    (42000.0, 50000.0, "YEAR", "$42,000–$50,000 al año"),
    (1200.0, None, "BIWEEK", "Desde $1,200 cada dos semanas"),
    (3000.0, 3000.0, "MONTH", "$3,000 al mes"),
])
def test_spanish_pay(spanish, low, high, unit, said):
    assert words.pay_range(low, high, unit) == said


@pytest.mark.parametrize("day, said", [
    (date(2026, 3, 20), "Publicado hoy"), (date(2026, 3, 19), "Publicado ayer"),
    (date(2026, 3, 17), "Publicado hace 3 días"), (date(2026, 3, 1), "Publicado hace 2 semanas"),
    (date(2025, 11, 2), "Publicado el 2 de noviembre de 2025"),
])
def test_spanish_posted_dates(spanish, day, said):
    assert words.posted_in_words(day, TODAY) == said


def test_spanish_counts_distances_and_the_pay_a_card_shows(spanish):
    assert words.jobs_in_words(1) == "1 empleo" and words.jobs_in_words(1234) == "1,234 empleos"
    assert words.distance_in_words(1.2) == "A 1 milla" and words.distance_in_words(0.3) == "A menos de una milla"
    yearly = PayShown(hourly_min=20.19, hourly_max=24.04, posted_min=42000.0, posted_max=50000.0, posted_unit="YEAR")
    assert words.pay_words(yearly) == "$20.19–$24.04 por hora"
    assert words.yearly_pay_words(yearly) == "$42,000–$50,000 al año"
    assert words.pay_words(PayShown(text="DOE")) == "DOE"


FACETS = [
    {}, {"hours_per_week": [20, 20], "schedule": ["days", "weekends"]}, {"hours_per_week": [20, 30.5]},
    {"requirements": ["drivers_license", "background_check", "time_in_recovery"], "record_friendly": True},
    {"recovery_months": 24, "education": "high_school"}, {"recovery_months": 18, "education": "none"},
    {"recovery_months": 12, "schedule": ["on_call", "rotating"], "education": "degree"}, {"recovery_months": 1},
    "not a dict",
]


@pytest.mark.parametrize("facets", FACETS)
def test_english_fact_box_is_indexer_conditions(english, facets):
    assert facts.condition_words(facets) == conditions.words(conditions.Conditions.from_facets(facets))
    for employment in ("Part-time", None):
        assert facts.hours_row(employment, facets) == conditions.hours_row(
            employment, conditions.Conditions.from_facets(facets))


def test_spanish_fact_box(spanish):
    said = facts.condition_words({"hours_per_week": [20, 30], "schedule": ["days", "weekends"],
                                  "requirements": ["own_vehicle"], "recovery_months": 24, "education": "none"})
    assert said == {"hours": "De 20 a 30 horas por semana", "schedule": "De día, fines de semana",
                    "asked_for": "Carro propio", "record": "No lo menciona", "recovery": "Al menos 2 años",
                    "education": "No pide título ni diploma"}
    assert facts.hours_row("Medio tiempo", {"hours_per_week": [20, 20]}) == "Medio tiempo, 20 horas por semana"
    assert facts.condition_words({"recovery_months": 1})["recovery"] == "Al menos 1 mes"
    assert facts.certification_words("obtain") == "Puede obtenerla después de su contratación"


REMOTE = [
    (dict(city="Dayton", state="OH"), "Dayton, OH, o remoto"),
    (dict(city="Dayton", state="OH", remote_area="ID OR WA"), "Dayton, OH, o remoto para personas en Idaho, Oregon o Washington"),
    (dict(city="Dayton", state="OH", remote_area="abroad"), "Dayton, OH, o remoto desde fuera de EE. UU."),
    (dict(state="OH"), "Remoto, para personas en Ohio"),
    (dict(remote_area="CO"), "Remoto, para personas en Colorado"),
    (dict(), "Remoto"),
    (dict(remote_area="abroad"), "Remoto, desde fuera de EE. UU."),
]


def card(**fields) -> PostingCard:
    place = wording.place_in_words(fields.get("city"), fields.get("state"), True, fields.get("remote_area"))
    return PostingCard(place=place, remote=True, **fields)


@pytest.mark.parametrize("fields, said", REMOTE)
def test_a_remote_place_in_spanish(spanish, fields, said):
    assert places.place_words(card(**fields)) == said


@pytest.mark.parametrize("fields, _said", REMOTE)
def test_a_place_in_english_is_the_cards_own(english, fields, _said):
    assert places.place_words(card(**fields)) == card(**fields).place


def test_a_place_the_card_fields_do_not_hold_stays_as_stored(spanish):
    assert places.place_words(PostingCard(place="Remote, for people in Canada", remote=True)) == (
        "Remote, for people in Canada")
    assert places.place_words(PostingCard(place="Dayton, OH", city="Dayton", state="OH")) == "Dayton, OH"


def test_the_benefits_view_line_in_both_languages(app):
    with app.test_request_context("/es/jobs"):
        app.preprocess_request()
        assert benefits_view.monthly_text(1000.0, 1200.0, 1690, 2026) == (
            "Unos $1,000 a $1,200 al mes con las horas publicadas, por debajo del monto SGA de $1,690 de 2026.")
        assert benefits_view.monthly_text(None, None, 1690, 2026).startswith("Sueldo mensual")
    with app.test_request_context("/jobs"):
        app.preprocess_request()
        assert benefits_view.monthly_text(1000.0, 1200.0, 1690, 2026) == (
            "About $1,000 to $1,200 a month at the posted hours, under 2026’s $1,690 SGA amount.")
