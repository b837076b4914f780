"""Only the store builds SQL: no module outside indexer/store/ and the migrations queries the database.

The check reads the source with `ast`: it names file:line for an import of a query builder from
sqlalchemy (select, update, delete, insert, text, func), a call of one through the sqlalchemy module,
and a query call (execute, get, add, scalar, query, ...) on something named like a session.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawlers", "webapp", "peerjobs", "indexer", "foundation")
EXEMPT = ("indexer/store/", "indexer/migrations/")
BUILDERS = {"select", "update", "delete", "insert", "text", "func"}
SESSION_CALLS = {"execute", "get", "add", "add_all", "scalar", "scalars", "query", "merge", "delete"}
#: Receivers that are sessions though their name does not say "session".
SESSION_NAMES = {"s", "sess", "db"}


def checked_files() -> list[Path]:
    files = (path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py")))
    return [path for path in files if not path.relative_to(ROOT).as_posix().startswith(EXEMPT)]


def receiver_name(node: ast.expr) -> str:
    """`session` for session.x and self.session.x, `get_session` for get_session().x, else ''."""
    if isinstance(node, ast.Call):
        return receiver_name(node.func)
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def is_session(name: str) -> bool:
    return "session" in name.lower() or name in SESSION_NAMES


def sqlalchemy_modules(tree: ast.Module) -> set[str]:
    """Names the file binds to the sqlalchemy package or its sql modules (`import sqlalchemy as sa`)."""
    return {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
            for alias in node.names if alias.name in ("sqlalchemy", "sqlalchemy.sql")}


def builder_imports(tree: ast.Module) -> list[tuple[int, str]]:
    return [(node.lineno, f"imports {alias.name} from {node.module}") for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
            for alias in node.names if alias.name in BUILDERS]


def query_calls(tree: ast.Module) -> list[tuple[int, str]]:
    modules = sqlalchemy_modules(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, receiver_name(node.func.value)
        if (method in SESSION_CALLS and is_session(receiver)) or method == "execute" or (
                receiver in modules and method in BUILDERS):
            found.append((node.lineno, f"calls {receiver or '...'}.{method}()"))
    return found


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = path.relative_to(ROOT).as_posix()
    return [f"{name}:{line}: {what}" for line, what in sorted(builder_imports(tree) + query_calls(tree))]


@pytest.mark.parametrize("source, expected", [
    ("from sqlalchemy import select\n", ["imports select from sqlalchemy"]),
    ("from sqlalchemy.sql.expression import text as t\n", ["imports text from sqlalchemy.sql.expression"]),
    ("import sqlalchemy as sa\nsa.update(X)\n", ["calls sa.update()"]),
    ("session.get(User, 1)\nself.db_session.add_all([])\n", ["calls session.get()", "calls db_session.add_all()"]),
    ("connection.execute(query)\n", ["calls connection.execute()"]),
    ("get_session().scalars(q)\ns.merge(row)\n", ["calls get_session.scalars()", "calls s.merge()"]),
    ("from sqlalchemy.orm import Session\nseen.add(1)\nsession.commit()\nrequest.args.get('q')\n", []),
])
def test_the_check_finds_queries_and_passes_the_rest(source: str, expected: list[str]):
    tree = ast.parse(source)
    assert [what for _, what in sorted(builder_imports(tree) + query_calls(tree))] == expected


def test_the_check_reads_every_package():
    names = {path.relative_to(ROOT).as_posix() for path in checked_files()}
    assert {"webapp/admin/auth.py", "peerjobs/scheduling/locks.py", "crawlers/notices.py"} <= names
    assert not any(name.startswith(EXEMPT) for name in names)


def test_nothing_outside_the_store_queries_the_database():
    found = [problem for path in checked_files() for problem in violations(path)]
    assert found == [], "SQL outside indexer/store/:\n" + "\n".join(found)
