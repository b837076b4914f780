"""Clean every scraped string: no NUL, bidi controls or lone surrogates; trimmed, empty as missing;
a description cut at MAX_DESCRIPTION characters, the cut counted on the run."""
from __future__ import annotations

from typing import Any

from crawlers.pipelines import CountingPipeline, isolated
from indexer.parsers.sanitize import safe_text

#: About 100 KB: many times the longest real posting, small enough to store and serve.
MAX_DESCRIPTION = 100_000


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value).strip() or None
    if isinstance(value, list):
        return [_clean(member) for member in value]
    if isinstance(value, dict):
        return {_clean(key) if isinstance(key, str) else key: _clean(member) for key, member in value.items()}
    return value


class CleanPipeline(CountingPipeline):
    @isolated("clean_error")
    def process_item(self, item, spider=None):
        for key in list(item.keys()):
            item[key] = _clean(item[key])
        description = item.get("description_html")
        if description and len(description) > MAX_DESCRIPTION:
            item["description_html"] = description[:MAX_DESCRIPTION]
            self.stats.inc_value("peerjobs/field_problems/description_cut")
        return item
