"""Countries and regions abroad as location labels write them: "Canada", "UK", "United Kingdom",
"Ontario", "England", by their ISO 3166 codes ("CA", "GB"); and the US in all its spellings.

Pure lookups: `country_code("Philippines")` is "PH", `country_code("U.S.A.")` is "US".
Two-letter codes of other countries are left out on purpose: "CA", "IN", "DE", "PA" are US states
first. Provinces and regions abroad (Ontario, England, Bavaria) count as their country.
"""
from __future__ import annotations

import re
from functools import lru_cache

US = "US"

_US_NAMES = ("us", "usa", "u s", "u s a", "united states", "united states of america", "america",
             "the united states", "the us", "the usa", "nationwide")
_COUNTRIES = {
    "CA": ("canada",),
    "MX": ("mexico", "méxico"),
    "GB": ("united kingdom", "uk", "u k", "the united kingdom", "the uk", "great britain", "britain",
           "england", "scotland", "wales", "northern ireland", "gbr"),
    "IE": ("ireland", "republic of ireland"),
    "IN": ("india",),
    "PH": ("philippines", "the philippines"),
    "AU": ("australia",),
    "NZ": ("new zealand",),
    "DE": ("germany", "deutschland"),
    "FR": ("france",),
    "ES": ("spain",),
    "PT": ("portugal",),
    "IT": ("italy",),
    "NL": ("netherlands", "the netherlands", "holland"),
    "BE": ("belgium",),
    "CH": ("switzerland",),
    "AT": ("austria",),
    "SE": ("sweden",),
    "NO": ("norway",),
    "DK": ("denmark",),
    "FI": ("finland",),
    "PL": ("poland",),
    "CZ": ("czech republic", "czechia"),
    "RO": ("romania",),
    "UA": ("ukraine",),
    "GR": ("greece",),
    "TR": ("turkey", "türkiye"),
    "IL": ("israel",),
    "AE": ("united arab emirates", "uae"),
    "SA": ("saudi arabia",),
    "EG": ("egypt",),
    "ZA": ("south africa",),
    "NG": ("nigeria",),
    "KE": ("kenya",),
    "GH": ("ghana",),
    "JP": ("japan",),
    "KR": ("south korea", "korea"),
    "CN": ("china",),
    "HK": ("hong kong",),
    "TW": ("taiwan",),
    "SG": ("singapore",),
    "MY": ("malaysia",),
    "TH": ("thailand",),
    "VN": ("vietnam", "viet nam"),
    "ID": ("indonesia",),
    "PK": ("pakistan",),
    "BD": ("bangladesh",),
    "BR": ("brazil", "brasil"),
    "AR": ("argentina",),
    "CL": ("chile",),
    "CO": ("colombia",),
    "PE": ("peru",),
    "CR": ("costa rica",),
    "DO": ("dominican republic",),
    "JM": ("jamaica",),
}
#: Provinces and regions abroad that labels write in a country's place ("Toronto, Ontario").
_REGIONS = {
    "CA": ("ontario", "quebec", "québec", "british columbia", "alberta", "manitoba", "saskatchewan",
           "nova scotia", "new brunswick", "newfoundland and labrador", "prince edward island", "yukon",
           "northwest territories", "nunavut"),
    "GB": ("greater london",),
    "IN": ("karnataka", "maharashtra", "tamil nadu", "telangana", "haryana", "uttar pradesh"),
    "AU": ("new south wales", "queensland", "victoria", "tasmania", "western australia", "south australia",
           "australian capital territory"),
    "PH": ("metro manila", "ncr"),
    "DE": ("bavaria", "bayern"),
}
_BY_NAME = {name: code for code, names in _COUNTRIES.items() for name in names}
_BY_NAME.update({name: US for name in _US_NAMES})
_ISO3 = {"USA": US, "CAN": "CA", "MEX": "MX", "GBR": "GB", "IRL": "IE", "IND": "IN", "PHL": "PH", "AUS": "AU",
         "NZL": "NZ", "DEU": "DE", "FRA": "FR", "ESP": "ES", "ISR": "IL", "BRA": "BR", "COL": "CO", "ZAF": "ZA"}
_REGION_BY_NAME = {name: code for code, names in _REGIONS.items() for name in names}
#: Regions abroad that do name a US city or county too ("Ontario, CA", "Victoria, TX"), so
#: they count only where no US state is named.
_WEAK_REGIONS = frozenset({"ontario", "alberta", "manitoba", "quebec", "yukon", "ncr", "victoria"})
#: Canada's province codes and Australia's state codes, none of them a US state's; in capitals only
#: ("on", "ab" are words).
_PROVINCE_CODES = {**dict.fromkeys(("ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NT", "NU"), "CA"),
                   **dict.fromkeys(("NSW", "QLD", "VIC", "TAS"), "AU")}
_PLAIN = re.compile(r"[^\w]+")


def _key(text: str) -> str:
    return " ".join(_PLAIN.sub(" ", text.lower()).split())


@lru_cache(maxsize=8192)
def country_code(text: str | None) -> str | None:
    """The ISO code of the country a label's part names ("US" for the US); None for anything else."""
    return _BY_NAME.get(_key(text or "")) if text else None


def country_name(code: str | None) -> str | None:
    """"Canada" for "CA", "United Kingdom" for "GB"; None for the US and unknown codes."""
    names = _COUNTRIES.get(code or "")
    return " ".join(word.capitalize() for word in names[0].split()) if names else None


def field_country(text: str | None) -> str | None:
    """A structured address's country field: an ISO code of two or three letters ("CA" is Canada
    here, "USA", "GBR") or a name; None when it is empty or unknown."""
    plain = _key(text or "").upper()
    if len(plain) == 2 and plain.isalpha():
        return plain
    return _ISO3.get(plain) or country_code(plain)


def region_country(text: str | None) -> str | None:
    """The country of a province or region abroad ("Ontario" and "ON" are "CA"); None for anything else."""
    if text and text.strip() in _PROVINCE_CODES:
        return _PROVINCE_CODES[text.strip()]
    return _REGION_BY_NAME.get(_key(text or "")) if text else None


def is_weak_region(text: str) -> bool:
    """A region abroad whose name is also a US place's: it counts only without a US state."""
    return _key(text) in _WEAK_REGIONS
