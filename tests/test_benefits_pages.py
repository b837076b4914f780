"""The benefits block of the posting page and the "fits under the SSDI limit" search filter, read
through the real app over a SQLite store and its search index."""
from __future__ import annotations

import dataclasses
import html as html_lib
import re
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest

from foundation.benefits_file import Benefits, read_benefits
from indexer import benefits as pay
from indexer.search import SearchQuery, SearchResults
from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.postings.benefits import benefits_block
from webapp.search import benefits_view
from webapp.widget.language import speak

FIGURES = read_benefits()
YEAR = datetime.now(timezone.utc).year
THIS_YEAR = FIGURES.for_year(YEAR)
SGA = THIS_YEAR.sga_non_blind if THIS_YEAR else None
needs_figures = pytest.mark.skipif(THIS_YEAR is None, reason="config/benefits.yaml has no entry for this year")


def hours(low, high=None):
    return {"hours_per_week": [low, high or low]}


#: (hourly low, hourly high, hours a week): under, over and straddling the year's SGA amount, and unknowns.
BOARD = {
    "part_time": dict(pay_hourly_min=18.0, pay_hourly_max=18.0, facets=hours(20)),
    "full_time": dict(pay_hourly_min=22.0, pay_hourly_max=24.0, facets=hours(40)),
    "range_of_hours": dict(pay_hourly_min=18.0, pay_hourly_max=18.0, facets=hours(16, 32)),
    "no_hours": dict(pay_hourly_min=19.0, pay_hourly_max=19.0, facets={}),
    "no_pay": dict(pay_min=None, pay_max=None, pay_unit=None, pay_hourly_min=None, pay_hourly_max=None,
                   facets=hours(20)),
    "neither": dict(pay_min=None, pay_max=None, pay_unit=None, pay_hourly_min=None, pay_hourly_max=None, facets={}),
}


def seed(session):
    postings = {name: fields(url=f"https://agency.example/careers/{name}/", title=f"Peer Support Specialist {name}",
                             **values) for name, values in BOARD.items()}
    return seed_postings(session, AGENCY, postings)


@pytest.fixture(scope="module")
def ids(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("benefits"))
    found = indexed_board(settings, seed)
    return found, create_app(settings, TESTING=True).test_client()


def block_of(html: str) -> str:
    found = re.search(r'<section class="benefits[^"]*".*?</section>', html, re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", found.group(0))) if found else ""


def monthly(name: str) -> pay.Span:
    values = BOARD[name]
    return pay.monthly_span(pay.span(values["pay_hourly_min"], values["pay_hourly_max"]),
                            pay.hours_span(values["facets"]["hours_per_week"]))


@needs_figures
def test_the_block_follows_the_fact_box_and_states_monthly_pay_against_sga(ids):
    postings, client = ids
    html = page(client, f"/jobs/{postings['part_time']}")
    assert html.index("</dl>") < html.index('<section class="benefits') < html.index("About this job")
    block = block_of(html)
    expected = monthly("part_time").low
    side = "under" if expected <= SGA else "over"
    assert f"At 20 hours a week this job pays about ${expected:,} a month, {side} {YEAR}’s ${SGA:,} SSDI SGA amount." in block
    assert "trial work" in block and "SSI" in block and f"${THIS_YEAR.sga_blind:,}" in block
    assert f'href="{FIGURES.counseling_url}"' in block
    assert "not advice" in block


@needs_figures
def test_ranges_of_pay_or_hours_give_a_range(ids):
    postings, client = ids
    block = block_of(page(client, f"/jobs/{postings['range_of_hours']}"))
    span = monthly("range_of_hours")
    assert f"At 16 to 32 hours a week this job pays about ${span.low:,} to ${span.high:,} a month" in block
    assert pay.compare(span, SGA) != pay.STRADDLES or "partly over" in block


@needs_figures
@pytest.mark.parametrize("name, line", [
    ("no_hours", "Hours a week is not stated"), ("no_pay", "Pay is not stated"),
    ("neither", "Pay and hours a week are not stated"),
])
def test_what_is_not_stated_is_said_in_one_line(ids, name, line):
    postings, client = ids
    block = block_of(page(client, f"/jobs/{postings[name]}"))
    assert line in block and "SGA" not in block and block.count("<p") == 1 and "<li" not in block


def test_a_year_without_figures_says_not_stated_and_compares_nothing():
    empty = Benefits(FIGURES.counseling_name, FIGURES.counseling_url, FIGURES.ssi, ())
    posting = type("P", (), dict(pay_hourly_min=18.0, pay_hourly_max=18.0, facets=hours(20)))()
    block = benefits_block(posting, empty, datetime(2031, 5, 1).date())
    assert block.lines == ("Social Security figures for 2031: not stated.",) and not block.stated


@needs_figures
def test_the_ssdi_filter_keeps_jobs_under_the_limit_and_counts_the_unknown(ids):
    postings, client = ids
    html = html_lib.unescape(page(client, "/jobs?fits_ssdi=1"))
    fitting = {name for name in BOARD if "hours_per_week" in BOARD[name]["facets"]
               and BOARD[name]["pay_hourly_max"] and monthly(name).high <= SGA}
    shown = {name for name, posting_id in postings.items() if f'href="/jobs/{posting_id}?' in html}
    assert shown == fitting and fitting
    assert "3 jobs don’t state both pay and hours, so they aren’t shown." in html
    assert f"Jobs paying at most ${SGA:,} a month ({YEAR}’s SGA amount)" in html
    assert 'id="fits_ssdi" name="fits_ssdi" type="checkbox" value="1" checked' in html
    everything = html_lib.unescape(page(client, "/jobs"))
    assert all(f'href="/jobs/{posting_id}?' in everything for posting_id in postings.values())


@needs_figures
def test_the_api_takes_the_filter(ids):
    postings, client = ids
    response = client.get("/api/v1/jobs?fits_ssdi=true")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["query"]["fits_ssdi"] is True
    assert {job["id"] for job in body["jobs"]} == {postings[name] for name in BOARD
                                                  if "hours_per_week" in BOARD[name]["facets"]
                                                  and BOARD[name]["pay_hourly_max"] and monthly(name).high <= SGA}
    assert body["ssdi"] == {"sga_monthly": SGA, "applied": True, "unknown": 3}
    assert client.get("/api/v1/jobs").get_json()["ssdi"] is None
    assert client.get("/api/v1/jobs?fits_ssdi=maybe").status_code == 400


@needs_figures
def test_the_benefits_view_shows_each_cards_monthly_pay(ids):
    postings, client = ids
    plain = html_lib.unescape(page(client, "/jobs"))
    assert 'class="monthly"' not in plain and "view=benefits" in plain
    html = html_lib.unescape(page(client, "/jobs?view=benefits"))
    for name in ("part_time", "full_time"):
        span = monthly(name)
        amount = f"${span.low:,}" if span.single else f"${span.low:,} to ${span.high:,}"
        assert f"About {amount} a month at the posted hours" in html
    assert html.count("Monthly pay at the posted hours: not known") == 3
    assert "Hide monthly pay at posted hours" in html


@needs_figures
def test_filter_and_sort_links_keep_the_benefits_view(ids):
    postings, client = ids
    html = html_lib.unescape(page(client, "/jobs?view=benefits&employment_type=PART_TIME"))
    links = re.findall(r'href="(/jobs\?[^"]*)"', html)
    filters = [link for link in links if "posted_within=" in link or "pay_disclosed=" in link]
    chip = [link for link in links if "employment_type" not in link and "view=benefits" in link]
    assert filters and all("view=benefits" in link for link in filters)
    assert chip, "removing the part-time filter keeps the view"
    hide = re.search(r'href="([^"]*)">Hide monthly pay', html).group(1)
    assert "view=" not in hide


@needs_figures
@pytest.mark.parametrize("name", ["part_time", "full_time"])
def test_the_ssi_line_says_whether_ssi_is_reduced_or_used_up(ids, name):
    postings, client = ids
    block = block_of(page(client, f"/jobs/{postings[name]}"))
    rules, low = FIGURES.ssi, monthly(name).low
    counted = pay.ssi_countable(low, rules.general_exclusion, rules.earned_exclusion, rules.earned_share_counted)
    rate = f"${THIS_YEAR.ssi_individual:,}"
    said = f"more than the {rate} SSI amount" if counted >= THIS_YEAR.ssi_individual else \
        f"and the {rate} SSI amount is reduced by that"
    assert said in block


def found(**values) -> SearchResults:
    return dataclasses.replace(SearchResults(SearchQuery(fits_ssdi=True), 3, [], 1, 1, None, None), **values)


@pytest.mark.parametrize("results, notes", [
    (found(ssdi_limit=None), ["The SSDI amount for 2031 is not stated, so the SSDI filter is not applied."]),
    (found(ssdi_limit=2000, unknown_monthly=0), ["Jobs paying at most $2,000 a month (2031’s SGA amount) at the posted hours."]),
    (found(ssdi_limit=2000, unknown_monthly=1), ["Jobs paying at most $2,000 a month (2031’s SGA amount) at the posted hours.",
                                                "1 job doesn’t state both pay and hours, so it isn’t shown."]),
    (found(ssdi_limit=2000, unknown_monthly=1312), ["Jobs paying at most $2,000 a month (2031’s SGA amount) at the posted hours.",
                                                   "1,312 jobs don’t state both pay and hours, so they aren’t shown."]),
])
def test_the_filter_notes(results, notes):
    assert benefits_view.notes(results.query, results, 2031) == notes
    assert benefits_view.notes(SearchQuery(), results, 2031) == []


@pytest.mark.parametrize("low, high, sga, text", [
    (1560, 1560, 1690, "About $1,560 a month at the posted hours, under 2031’s $1,690 SGA amount."),
    (1560, 1820, 1690, "About $1,560 to $1,820 a month at the posted hours, partly over 2031’s $1,690 SGA amount."),
    (3120, 3120, 1690, "About $3,120 a month at the posted hours, over 2031’s $1,690 SGA amount."),
    (1560, 1560, None, "About $1,560 a month at the posted hours."),
    (None, None, 1690, "Monthly pay at the posted hours: not known (pay or hours not stated)."),
])
def test_a_cards_monthly_line(low, high, sga, text):
    assert benefits_view.monthly_text(low, high, sga, 2031) == text


def test_the_block_in_spanish_uses_social_securitys_spanish_terms(ids):
    postings, client = ids
    app = client.application
    posting = SimpleNamespace(pay_hourly_min=18.0, pay_hourly_max=18.0, facets=hours(20))
    with app.test_request_context("/es/jobs/1"):
        speak("es")
        spanish = benefits_block(posting, FIGURES, date(2026, 5, 1))
        missing = benefits_block(SimpleNamespace(pay_hourly_min=None, pay_hourly_max=None, facets={}), FIGURES,
                                 date(2026, 5, 1))
    english = benefits_block(posting, FIGURES, date(2026, 5, 1))
    assert english.lines[0].startswith("At 20 hours a week this job pays about")
    first, trial, blind, ssi = spanish.lines
    assert first.startswith("Con 20 horas por semana, este empleo paga unos $")
    assert "actividad sustancial y lucrativa (SGA) del SSDI para 2026" in first
    assert "trabajo de prueba" in trial and "personas ciegas" in blind and ssi.startswith("Para el SSI")
    assert missing.lines == ("El anuncio no indica el sueldo ni las horas por semana, así que no se sabe cuánto paga "
                             "al mes con esas horas.",)
    html = page(client, f"/es/jobs/{postings['part_time']}")
    assert 'aria-label="Sueldo y beneficios por incapacidad"' in html
    assert ("Es información, no un consejo." in html) == (THIS_YEAR is not None)  # the figures' own lines
