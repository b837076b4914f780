"""A posting as every list shows it: one frozen card, and one rule for the pay a posting shows.

Search results, digests, the API, the widget and feeds all read `PostingCard`; the posting page,
its JSON-LD, the cards, the emails and the API all read `PayShown`. A card is built from a
stored posting (`posting_card`), kept in the search index as plain values (`card_values`) and
read back from them (`card_from_values`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from indexer.parsers.countries import country_name
from indexer.taxonomy.display_title import display_title
from indexer.wording import pay_in_words, place_in_words

#: Units a machine reader knows (schema.org's unitText); others are given by the hour.
MACHINE_UNITS = frozenset({"HOUR", "DAY", "WEEK", "MONTH", "YEAR"})
TEXT_CHARS = 80  # a posting's own pay words ("DOE", "Negotiable") shown on a card


@dataclass(frozen=True)
class PayShown:
    """The posting's pay: the hourly figures, the figures as posted, or its own words."""
    hourly_min: float | None = None
    hourly_max: float | None = None
    posted_min: float | None = None
    posted_max: float | None = None
    posted_unit: str | None = None  # HOUR, YEAR, ... as the posting gave it
    text: str | None = None  # the posting's words, shown only when it gave no figures

    @property
    def words(self) -> str:
        """'$18.00–$21.00 an hour', else the figures in the posted unit, else its own words."""
        return (pay_in_words(self.hourly_min, self.hourly_max)
                or pay_in_words(self.posted_min, self.posted_max, self.posted_unit) or (self.text or ""))

    @property
    def yearly_words(self) -> str:
        """The yearly figures beside the hourly ones, when the posting gave pay by the year."""
        if (self.posted_unit or "").upper() != "YEAR" or not pay_in_words(self.hourly_min, self.hourly_max):
            return ""
        return pay_in_words(self.posted_min, self.posted_max, "YEAR")

    @property
    def figures(self) -> tuple[float | None, float | None, str] | None:
        """(low, high, unit) for machines: as posted, else hourly; None without figures."""
        unit = (self.posted_unit or "").upper()
        if unit in MACHINE_UNITS and (self.posted_min is not None or self.posted_max is not None):
            return self.posted_min, self.posted_max, unit
        if self.hourly_min is not None or self.hourly_max is not None:
            return self.hourly_min, self.hourly_max, "HOUR"
        return None

    @property
    def disclosed(self) -> bool:
        return self.figures is not None


def pay_shown(posting: Any) -> PayShown:
    """The pay rule, over anything with a stored posting's pay fields."""
    return PayShown(
        hourly_min=posting.pay_hourly_min, hourly_max=posting.pay_hourly_max,
        posted_min=posting.pay_min, posted_max=posting.pay_max, posted_unit=posting.pay_unit,
        text=(posting.pay_text or "")[:TEXT_CHARS] or None,
    )


@dataclass(frozen=True)
class PostingCard:
    id: int = 0
    title: str = ""  # the display title
    employer: str | None = None
    place: str = ""  # 'Dayton, OH', 'Remote, for people in Colorado'
    city: str | None = None
    state: str | None = None
    remote: bool = False
    remote_area: str | None = None  # a remote job's states ("CO", "ID OR WA"), "US", or "abroad"
    distance_miles: float | None = None  # from the searched place, when there was one
    pay: PayShown = PayShown()
    posted: date | None = None
    last_verified: datetime | None = None  # when a crawl last saw it open
    category: str | None = None
    employment_type: str | None = None
    setting: tuple[str, ...] = ()


def posting_card(posting: Any, settings: list[str] | tuple[str, ...] = ()) -> PostingCard:
    """The card of a stored posting (an ORM row or anything with its fields)."""
    remote_area = posting.remote_area if posting.remote else None
    return PostingCard(
        id=posting.id, title=posting.display_title or display_title(posting.title or ""),
        employer=posting.employer or None,
        place=place_in_words(posting.city or None, posting.state or country_name(getattr(posting, "country", None)),
                             bool(posting.remote), remote_area),
        city=posting.city or None, state=posting.state or None, remote=bool(posting.remote),
        remote_area=remote_area, pay=pay_shown(posting), posted=posting.date_posted,
        last_verified=last_verified_open(posting), category=posting.category or None,
        employment_type=posting.employment_type or None, setting=tuple(settings),
    )


def last_verified_open(posting: Any) -> datetime | None:
    """When a crawl last saw the job open; rows from before that was recorded offer last_seen."""
    verified = getattr(posting, "last_verified_open", None)
    return verified or (posting.last_seen if posting.status == "open" else None)


def card_values(card: PostingCard) -> dict[str, Any]:
    """The card as plain values, for the search index to keep."""
    values = asdict(card)
    values.pop("distance_miles")
    values["setting"] = list(card.setting)
    return values


_FIELDS = frozenset(field.name for field in fields(PostingCard))
_PAY_FIELDS = frozenset(field.name for field in fields(PayShown))


def card_from_values(values: dict[str, Any], distance_miles: float | None = None) -> PostingCard:
    """A card read back from the index; keys it does not know are ignored."""
    known = {key: value for key, value in values.items() if key in _FIELDS}
    pay = known.get("pay")
    known["pay"] = PayShown(**{k: v for k, v in pay.items() if k in _PAY_FIELDS}) if isinstance(pay, dict) else PayShown()
    known["setting"] = tuple(known.get("setting") or ())
    return replace(PostingCard(**known), distance_miles=distance_miles)
