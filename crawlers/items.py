"""The raw posting every platform spider yields, before the pipelines clean and normalize it.

Every field defaults to empty, so a platform sets only what it reads. The pipelines and
indexer.normalize read it as a mapping too (`item["title"]`, `item.get("url")`, `dict(item)`);
a name that is not a field is refused, so a misspelt key fails where it is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Iterator


@dataclass
class RawPosting:
    source_id: str = ""
    external_id: str = ""
    url: str | None = None
    apply_url: str | None = None
    title: str | None = None
    description_html: str | None = None
    employer: str | None = None
    date_posted: Any = None  # as the source writes it: text, a number or a date
    valid_through: Any = None
    employment_type: Any = None  # one value or a list, as the source gives it
    locations: list[dict[str, Any]] = field(default_factory=list)  # city/state/postal_code/country/...
    remote: bool = False
    applicant_areas: list[Any] = field(default_factory=list)  # where a remote job's people may live
    salary: Any = None  # a structured pay value (schema.org baseSalary or the platform's own)
    pay_text: str | None = None
    normalized: dict[str, Any] = field(default_factory=dict)  # set by the normalize pipeline

    def __getitem__(self, key: str) -> Any:
        if key not in FIELD_NAMES:
            raise KeyError(key)
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in FIELD_NAMES:
            raise KeyError(f"RawPosting has no field {key!r}")
        setattr(self, key, value)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in FIELD_NAMES else default

    def keys(self) -> Iterator[str]:
        return iter(FIELD_NAMES)


FIELD_NAMES = tuple(item.name for item in fields(RawPosting))
