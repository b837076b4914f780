"""`peerjobs labels export FILE`: operators' labeled examples in the form
indexer.taxonomy.evaluate reads (JSON lines, or title<TAB>category for .tsv)."""
from __future__ import annotations

import json
from pathlib import Path

from foundation.settings import Settings
from indexer import store
from indexer.store import db
from indexer.taxonomy.evaluate import NOT_PEER


def example_record(label) -> dict:
    return {"title": label.title, "description": label.description_text, "employer": label.employer,
            "category": label.category}


def tsv_line(label) -> str:
    title = " ".join(label.title.split())
    return f"{title}\t{label.category or NOT_PEER}"


def export_labels(settings: Settings, output: Path) -> int:
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    with db.session_factory(engine)() as session:
        labels = store.labeled_examples(session)
    if output.suffix == ".tsv":
        lines = [tsv_line(label) for label in labels]
    else:
        lines = [json.dumps(example_record(label), ensure_ascii=False) for label in labels]
    output.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
