"""The results page's benefits parts: the "fits under the SSDI limit" notes and the optional
view=benefits, which shows each card's monthly pay at the posted hours. Plain functions."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from flask_babel import gettext, lazy_gettext, ngettext

from indexer import benefits
from indexer.search import SearchQuery, SearchResults
from indexer.search.params import query_args

VIEW = "benefits"
SGA_UNDER = lazy_gettext("About %(amount)s a month at the posted hours, under %(year)s’s %(sga)s SGA amount.")
SGA_OVER = lazy_gettext("About %(amount)s a month at the posted hours, over %(year)s’s %(sga)s SGA amount.")
SGA_PARTLY_OVER = lazy_gettext(
    "About %(amount)s a month at the posted hours, partly over %(year)s’s %(sga)s SGA amount.")


def context(args: Mapping[str, Any], query: SearchQuery, found: SearchResults, paging: dict, today: date) -> dict:
    """What results.html needs: the view's toggle, the filter's notes, the year's SGA amount; paging
    links keep the view."""
    shown = args.get("view") == VIEW
    if shown:
        for link in paging.values():
            if link is not None:
                link["view"] = VIEW
    sga = benefits.sga_for(today)
    toggle = query_args(query) if shown else dict(query_args(query), view=VIEW)
    return dict(benefits_view=shown, benefits_toggle=toggle, sga=sga, sga_year=today.year,
                ssdi_notes=notes(query, found, today.year), monthly_text=monthly_text)


def keep_view(page: dict) -> None:
    """With the view on, every filter, sort and chip link of the page keeps it."""
    if not page.get("benefits_view"):
        return
    for value in page.values():
        for item in value if isinstance(value, list) else ():
            for choice in getattr(item, "choices", [item]):
                if isinstance(getattr(choice, "args", None), dict):
                    choice.args["view"] = VIEW


def notes(query: SearchQuery, found: SearchResults, year: int) -> list[str]:
    if not query.fits_ssdi:
        return []
    if found.ssdi_limit is None:
        return [gettext("The SSDI amount for %(year)s is not stated, so the SSDI filter is not applied.", year=year)]
    said = [gettext("Jobs paying at most %(limit)s a month (%(year)s’s SGA amount) at the posted hours.",
                    limit=f"${found.ssdi_limit:,}", year=year)]
    if found.unknown_monthly:
        said.append(ngettext("1 job doesn’t state both pay and hours, so it isn’t shown.",
                             "%(count)s jobs don’t state both pay and hours, so they aren’t shown.",
                             found.unknown_monthly, count=f"{found.unknown_monthly:,}"))
    return said


def monthly_text(low: float | None, high: float | None, sga: int | None, year: int) -> str:
    """A card's line in the benefits view."""
    if low is None or high is None:
        return gettext("Monthly pay at the posted hours: not known (pay or hours not stated).")
    amount = (f"${low:,.0f}" if round(low) == round(high)
              else gettext("%(low)s to %(high)s", low=f"${low:,.0f}", high=f"${high:,.0f}"))
    if sga is None:
        return gettext("About %(amount)s a month at the posted hours.", amount=amount)
    sentence = {benefits.UNDER: SGA_UNDER, benefits.OVER: SGA_OVER, benefits.STRADDLES: SGA_PARTLY_OVER}[
        benefits.compare(benefits.Span(low, high), sga)]
    return str(sentence) % {"amount": amount, "year": year, "sga": f"${sga:,}"}
