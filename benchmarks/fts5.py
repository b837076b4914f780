"""The baseline: SQLite FTS5 over the same postings, used the plain way (MATCH, bm25(), snippet(),
GROUP BY for facets, a bounding box in SQL then haversine in Python for a radius)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from indexer import store
from indexer.store import db
from indexer.parsers import geo

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(title, description, employer, tokenize='porter unicode61');
CREATE TABLE meta (id INTEGER PRIMARY KEY, category TEXT, state TEXT, employment_type TEXT,
                   latitude REAL, longitude REAL, date_posted TEXT, open_peer INTEGER, settings TEXT);
CREATE INDEX meta_date ON meta (open_peer, date_posted);
"""
PAGE = """SELECT meta.id, snippet(fts, 1, '<mark>', '</mark>', ' … ', 30) FROM fts JOIN meta ON meta.id = fts.rowid
WHERE fts MATCH ? AND meta.open_peer {where} ORDER BY bm25(fts, 3.0, 1.0, 1.0) LIMIT ? OFFSET ?"""
COUNT = "SELECT count(*) FROM fts JOIN meta ON meta.id = fts.rowid WHERE fts MATCH ? AND meta.open_peer {where}"
FACET = """SELECT {column}, count(*) FROM fts JOIN meta ON meta.id = fts.rowid {join}
WHERE fts MATCH ? AND meta.open_peer {where} GROUP BY 1 ORDER BY 2 DESC"""


def build(engine, path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.executescript(SCHEMA)
    with db.session_factory(engine)() as session, connection:
        for posting in store.postings_changed_since(session, None):
            connection.execute("INSERT INTO fts (rowid, title, description, employer) VALUES (?, ?, ?, ?)",
                                (posting.id, posting.title, posting.description_text, posting.employer))
            connection.execute("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                posting.id, posting.category, posting.state, posting.employment_type, posting.latitude,
                posting.longitude, posting.date_posted and posting.date_posted.isoformat(),
                int(posting.is_peer and posting.status == "open"),
                json.dumps((posting.facets or {}).get("settings") or [])))
    return connection


def keyword(connection, text: str, filters: dict | None = None, page: int = 1, per_page: int = 20):
    where, values = _where(filters or {})
    total = connection.execute(COUNT.format(where=where), [text, *values]).fetchone()[0]
    rows = connection.execute(PAGE.format(where=where), [text, *values, per_page, (page - 1) * per_page]).fetchall()
    return total, rows


def radius(connection, text: str, where: str, miles: int, per_page: int = 20):
    place = geo.parse_where(where)
    dlat, dlon = miles / 69.0 * 1.01, miles / 50.0
    box = ("AND meta.latitude BETWEEN ? AND ? AND meta.longitude BETWEEN ? AND ?",
           [place.latitude - dlat, place.latitude + dlat, place.longitude - dlon, place.longitude + dlon])
    rows = connection.execute(
        f"SELECT meta.id, meta.latitude, meta.longitude FROM fts JOIN meta ON meta.id = fts.rowid "
        f"WHERE fts MATCH ? AND meta.open_peer {box[0]} ORDER BY bm25(fts, 3.0, 1.0, 1.0)", [text, *box[1]]).fetchall()
    near = [row[0] for row in rows
            if geo.distance_miles(place.latitude, place.longitude, row[1], row[2]) <= miles]
    page = near[:per_page]
    marks = "SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', ' … ', 30) FROM fts WHERE fts MATCH ? AND rowid = ?"
    return len(near), [connection.execute(marks, (text, docid)).fetchone() for docid in page]


def newest(connection, page: int, per_page: int = 20):
    total = connection.execute("SELECT count(*) FROM meta WHERE open_peer").fetchone()[0]
    rows = connection.execute(
        "SELECT meta.id, fts.title FROM meta JOIN fts ON fts.rowid = meta.id WHERE open_peer "
        "ORDER BY date_posted DESC LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page)).fetchall()
    return total, rows


def facets(connection, text: str, category: str):
    """A page plus counts for category (without its own filter), employment type, state, setting."""
    total, rows = keyword(connection, text, {"category": category})
    counts = {"category": connection.execute(FACET.format(column="meta.category", join="", where=""), [text]).fetchall()}
    for name, column, join in (("employment_type", "meta.employment_type", ""), ("state", "meta.state", ""),
                               ("setting", "setting.value", ", json_each(meta.settings) AS setting")):
        sql = FACET.format(column=column, join=join, where="AND meta.category = ?")
        counts[name] = connection.execute(sql, [text, category]).fetchall()
    return total, rows, counts


def _where(filters: dict) -> tuple[str, list]:
    clauses = [f"AND meta.{name} = ?" for name in filters]
    return " ".join(clauses), list(filters.values())
