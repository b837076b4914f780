"""The house rules, read from the code itself: which part may import which, where the
environment is read, where third-party engines are used, and that imports form no cycle.

The ALLOWED table below is the picture of the architecture: a module may import PeerJobs
modules only under the prefixes its own part lists (the longest matching part decides).
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("foundation", "indexer", "crawlers", "alerts", "webapp", "peerjobs")

#: part -> what it may import. Bottom first; each part also imports itself.
ALLOWED: dict[str, tuple[str, ...]] = {
    "foundation": (),                                   # settings, mail, config readers, cron
    "indexer.parsers": ("foundation",),                 # pure field parsers
    "indexer.lifecycle": ("foundation",),
    "indexer.health": ("foundation",),
    "indexer.benefits": ("foundation",),                # benefits-aware pay: pure arithmetic
    "indexer.taxonomy": ("foundation", "indexer.parsers"),
    "indexer.wording": ("foundation", "indexer.parsers", "indexer.taxonomy"),  # stored values in words
    "indexer.cards": ("foundation", "indexer.parsers", "indexer.taxonomy", "indexer.wording"),  # the card, pay shown
    "indexer.store": ("foundation", "indexer.parsers", "indexer.lifecycle", "indexer.health"),
    "indexer.search": ("foundation", "indexer.parsers", "indexer.taxonomy", "indexer.store", "indexer.cards",
                       "indexer.benefits"),
    "indexer": ("foundation",),                         # normalize, renormalize, export: compose the above
    "crawlers": ("foundation", "indexer"),
    "alerts": ("foundation", "indexer"),                # subscriptions, digests, the sending batch
    "webapp": ("foundation", "indexer", "alerts"),
    "peerjobs.scheduling": ("foundation", "indexer", "crawlers", "alerts"),
    "peerjobs": ("foundation", "indexer", "crawlers", "alerts", "webapp"),  # the CLI: the composition root
}

#: Third-party engines confined to one place: top-level name -> the parts that may import it.
CONFINED: dict[str, tuple[str, ...]] = {
    "whoosh": ("indexer.search.whoosh_backend",),
    "scrapy": ("crawlers", "peerjobs"),
    "twisted": ("crawlers",),
    "flask": ("webapp",),
    "flask_wtf": ("webapp",),
    "flask_limiter": ("webapp",),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, ast.Module]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def imported(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) for every import, `from a.b import c` naming a.b.c when that is a module."""
    names = modules()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.append((node.lineno, full if full in names else node.module))
    return found


def part_of(module: str, table) -> str | None:
    matches = [part for part in table if module == part or module.startswith(part + ".")]
    return max(matches, key=len) if matches else None


def within(module: str, prefixes) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def layer_violations() -> set[tuple[str, str]]:
    found = set()
    for module, tree in modules().items():
        part = part_of(module, ALLOWED)
        for _, target in imported(tree):
            if target.split(".")[0] in PACKAGES and not within(target, (part, *ALLOWED[part])):
                found.add((module, target))
    return found


def test_every_import_points_down_the_table():
    assert sorted(layer_violations()) == []


@pytest.mark.parametrize("engine", sorted(CONFINED))
def test_third_party_engines_stay_in_their_part(engine):
    outside = sorted(f"{module}:{line}" for module, tree in modules().items() for line, target in imported(tree)
                     if target.split(".")[0] == engine and not within(module, CONFINED[engine]))
    assert outside == []


def environment_reads(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                and node.attr in ("environ", "getenv", "putenv", "environb", "unsetenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" \
                and {alias.name for alias in node.names} & {"environ", "getenv"}:
            lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment():
    outside = sorted(f"{module}:{line}" for module, tree in modules().items() if module != "foundation.settings"
                     for line in environment_reads(tree))
    assert outside == []


def import_graph() -> dict[str, set[str]]:
    names = modules()
    graph = {}
    for module, tree in names.items():
        targets = {target for _, target in imported(tree) if target in names and target != module}
        graph[module] = {target for target in targets if not module.startswith(target + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of more than one module that import each other, directly or through others."""
    reach = {node: reachable(graph, node) for node in graph}
    groups = {frozenset(other for other in reach[node] if node in reach.get(other, ())) | {node}
              for node in graph if node in reach[node]}
    return sorted(sorted(group) for group in groups if len(group) > 1)


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def test_imports_form_no_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_variable_named_in_the_code_is_declared_once():
    import re

    from foundation.settings import VARIABLES
    names = [variable.name for variable in VARIABLES]
    assert len(names) == len(set(names))
    used = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            used |= set(re.findall(r"\bPEERJOBS_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    scrapy_settings = {"PEERJOBS_ALLOWED_PRIVATE_HOSTS", "PEERJOBS_WATCHDOG_MINUTES", "PEERJOBS_SETTINGS",
                       "PEERJOBS_MIGRATE", "PEERJOBS_HSTS", "PEERJOBS_STORE_WRITER_AFTER"}  # Scrapy and Flask settings of the same prefix, not environment
    assert sorted(used - set(names) - scrapy_settings) == []
