"""Per-posting cost of what every crawled item goes through after parsing.

    python -m benchmarks.normalize [--size 2000]

Classification, facets, geocoding, the whole normalize step, and the store's upsert of a
new posting and of the same posting seen again, over synthetic postings into a SQLite file.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

from benchmarks.synthetic import postings
from crawlers.storage import sessions_for
from indexer import store
from indexer.parsers import geo
from indexer.taxonomy.classify import classify
from indexer.taxonomy.facets import extract_facets
from indexer.normalize import normalize


def raw_items(size: int) -> list[tuple[str, dict]]:
    """Synthetic postings in the raw shape a spider yields."""
    items = []
    for external_id, fields in postings(size, seed=3):
        items.append((external_id, {
            "title": fields["title"], "url": fields["url"], "apply_url": fields["apply_url"],
            "employer": fields["employer"], "description_html": fields["description_html"] + f"<p>{external_id}</p>",
            "locations": [{"city": fields["city"], "region": fields["state"], "postal_code": fields["postal_code"]}],
            "date_posted": fields["date_posted"].isoformat(), "employment_type": fields["employment_type"],
            "salary": {"currency": "USD", "value": {"minValue": fields["pay_min"], "maxValue": fields["pay_max"],
                                                    "unitText": "HOUR"}},
        }))
    return items


def per_item_ms(step: Callable[[object], object], values: Iterable) -> float:
    values = list(values)
    started = time.perf_counter()
    for value in values:
        step(value)
    return (time.perf_counter() - started) * 1000 / len(values)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args(argv)
    items = raw_items(args.size)
    started = time.perf_counter()
    geo.warm()
    print(f"{'step':<34} {'ms per posting':>14}")
    print(f"{'place tables (once per process)':<34} {(time.perf_counter() - started) * 1000:>14.1f}")
    normalized = [(external_id, normalize(raw).fields) for external_id, raw in items]
    texts = [(f["title"], f["description_text"], f["employer"]) for _, f in normalized]
    rows = [
        ("classify", per_item_ms(lambda t: classify(*t), texts)),
        ("facets", per_item_ms(lambda t: extract_facets(t[0], t[1]), texts)),
        ("geocode (city, state, ZIP)", per_item_ms(lambda f: geo.locate(f["city"], f["state"], f["postal_code"]),
                                                  [f for _, f in normalized])),
        ("normalize (all of it)", per_item_ms(lambda item: normalize(item[1]), items)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        sessions = sessions_for(f"sqlite:///{Path(folder) / 'bench.db'}")
        with sessions.begin() as session:
            store.upsert_source(session, store.SourceRecord("bench", "jsonld", "https://x.example/", "Bench"))

        def upsert(item) -> None:
            with sessions.begin() as session:
                store.upsert_posting(session, "bench", item[0], item[1])

        rows.append(("store: new posting", per_item_ms(upsert, normalized)))
        rows.append(("store: seen again, unchanged", per_item_ms(upsert, normalized)))
    for label, value in rows:
        print(f"{label:<34} {value:>14.3f}")


if __name__ == "__main__":
    main()
