"""One spider class per platform, one module each; `spider_for(platform)` finds it by name.

Every module in this package that defines a `SourceSpider` subclass with a `name`
is a platform: adding a platform is adding a module, nothing here changes.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from crawlers.platforms.base import SourceSpider


@lru_cache(maxsize=1)
def spiders() -> dict[str, type[SourceSpider]]:
    """Platform name -> spider class, for every platform module in this package."""
    found: dict[str, type[SourceSpider]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_") or module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, SourceSpider)
                    and value.__module__ == module.__name__ and getattr(value, "name", None)):
                found[value.name] = value
    return dict(sorted(found.items()))


def spider_for(platform: str) -> type[SourceSpider]:
    return spiders()[platform]


def platform_keys() -> dict[str, frozenset[str]]:
    """Platform name -> the extra source keys its spider understands."""
    return {name: frozenset(spider.option_keys) for name, spider in spiders().items()}
