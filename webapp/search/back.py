"""The way from a posting back to the results it was opened from.

Result links carry the search as `back`, a results address on this site; the posting page takes
it only after reading it as a search again, so it can never lead off the site."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from werkzeug.datastructures import MultiDict

from indexer.search.params import parse_query, query_args

RESULTS_PATH = "/jobs"
#: The results page in English and in Spanish; the way back is in the posting page's language.
RESULTS_PATHS = (RESULTS_PATH, "/es" + RESULTS_PATH)
MAX_BACK = 2000


def back_args(value: object) -> dict | None:
    """The results-page arguments a `back` value names, rebuilt from a parsed search; None for
    anything that is not a /jobs address on this site."""
    if not isinstance(value, str) or not value or len(value) > MAX_BACK or "\\" in value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path not in RESULTS_PATHS or not value.startswith(parts.path):
        return None
    args = MultiDict([(name, item) for name, items in parse_qs(parts.query).items() for item in items])
    return query_args(parse_query(args))
