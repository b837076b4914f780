"""What a search asks for and what it answers: plain values shared by the index, the web app and
the API. The field names of SearchQuery are the query-string parameter names."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from indexer.cards import PostingCard
from indexer.parsers import geo

RADIUS_RANGE = (5, 100)
POSTED_WITHIN = (1, 3, 7, 14, 30)
SORTS = ("relevance", "date", "distance")
PER_PAGE_RANGE = (1, 50)
MAX_CHOICES = 20  # values of one multi-valued filter
LIST_FIELDS = ("category", "employment_type", "setting", "state", "weekly_hours", "schedule")
CONDITION_SWITCHES = ("no_license_mentioned", "no_car_mentioned", "no_background_check_mentioned", "record_friendly",
                      "no_recovery_minimum", "no_degree_needed")
BOOLEAN_FIELDS = ("remote", "pay_disclosed", "no_certification_required", "include_non_peer", "include_closed",
                  "exact", "fits_ssdi", *CONDITION_SWITCHES)


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    where: str = ""
    radius: int = 25
    category: tuple[str, ...] = ()
    remote: bool = False
    employment_type: tuple[str, ...] = ()
    posted_within: int | None = None
    pay_disclosed: bool = False
    min_hourly: float | None = None
    no_certification_required: bool = False
    setting: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    include_non_peer: bool = False
    include_closed: bool = False
    exact: bool = False  # search the words as typed, without correcting their spelling
    fits_ssdi: bool = False  # monthly pay at the posted hours at or under this year's SSDI SGA amount
    weekly_hours: tuple[str, ...] = ()  # bands of hours a week (indexer.search.conditions.HOURS_BANDS)
    schedule: tuple[str, ...] = ()  # days, evenings, nights, weekends
    no_license_mentioned: bool = False  # the posting does not mention a driver's license
    no_car_mentioned: bool = False
    no_background_check_mentioned: bool = False
    record_friendly: bool = False  # the posting says a record is not an automatic barrier
    no_recovery_minimum: bool = False  # the posting names no minimum time in recovery
    no_degree_needed: bool = False  # no degree needed, or no more than a high school diploma or GED

    def __post_init__(self) -> None:
        """Clamp whatever the caller sent, so the engine can trust every value."""
        put = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731
        put("q", str(self.q or ""))
        put("where", str(self.where or ""))
        put("radius", min(RADIUS_RANGE[1], max(RADIUS_RANGE[0], _as_int(self.radius, 25))))
        put("page", max(1, _as_int(self.page, 1)))
        put("per_page", min(PER_PAGE_RANGE[1], max(PER_PAGE_RANGE[0], _as_int(self.per_page, 20))))
        for name in LIST_FIELDS:
            put(name, _choices(getattr(self, name)))
        put("posted_within", self.posted_within if self.posted_within in POSTED_WITHIN else None)
        put("min_hourly", _positive(self.min_hourly))
        put("sort", self.sort if self.sort in SORTS else "relevance")
        for name in BOOLEAN_FIELDS:
            put(name, bool(getattr(self, name)))


def _as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default


def _positive(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10_000 else None


def _choices(values) -> tuple[str, ...]:
    values = (values,) if isinstance(values, str) else (values or ())
    return tuple(dict.fromkeys(str(value) for value in values if value))[:MAX_CHOICES]


@dataclass(frozen=True)
class Hit(PostingCard):
    """A posting's card as a search found it."""
    snippet: str = ""  # safe HTML: escaped text, matched words in <mark>
    monthly_low: float | None = None  # monthly pay at the posted hours (indexer.benefits); None: not known
    monthly_high: float | None = None
    conditions: int = 0  # the index's conditions mask (indexer.search.conditions.holding reads it)

    @classmethod
    def of(cls, card: PostingCard, snippet: str = "", **extra) -> Hit:
        return cls(**{name: getattr(card, name) for name in CARD_FIELDS}, snippet=snippet, **extra)


CARD_FIELDS = tuple(field.name for field in fields(PostingCard))


FACETS = ("category", "employment_type", "state", "setting", "weekly_hours", "schedule")


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[Hit]
    page: int
    pages: int
    place: geo.Place | None
    notice: str | None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: {name: [] for name in FACETS})
    suggestion: str | None = None
    corrected: str | None = None  # the search text the results are for, when the typed one was corrected
    needs_place: bool = False  # "near me" was asked without a place
    ssdi_limit: int | None = None  # with fits_ssdi: this year's SGA amount; None when not stated
    unknown_monthly: int = 0  # with fits_ssdi: matches left out because pay or hours is not stated
