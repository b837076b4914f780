"""schema.org microdata (itemscope/itemtype/itemprop attributes) read into JSON-LD-shaped dicts,
so one reader (crawlers.structured_data.to_raw_posting) serves both."""
from __future__ import annotations

from typing import Any

_URL_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "audio": "src", "video": "src",
                   "source": "src", "iframe": "src", "embed": "src", "object": "data"}
_HTML_PROPERTIES = {"description"}


def microdata_items(page: Any, wanted: str = "JobPosting") -> list[dict[str, Any]]:
    """Top-level microdata items of a schema.org type in a parsel Selector, as JSON-LD-like dicts."""
    items = page.xpath(f'//*[@itemscope][contains(@itemtype, "{wanted}")]'
                       f'[not(ancestor::*[@itemscope][contains(@itemtype, "{wanted}")])]')
    return [_microdata_item(node) for node in items if wanted in _itemtypes(node)]


def _itemtypes(node: Any) -> list[str]:
    return [kind.rstrip("/").rsplit("/", 1)[-1] for kind in (node.attrib.get("itemtype") or "").split()]


def _microdata_item(node: Any) -> dict[str, Any]:
    """Properties whose nearest itemscope is this node; a nested itemscope is its own dict."""
    depth = len(node.xpath("ancestor-or-self::*[@itemscope]"))
    item: dict[str, Any] = {"@type": (_itemtypes(node) or ["Thing"])[0]}
    for prop in node.xpath(f".//*[@itemprop][count(ancestor::*[@itemscope]) = {depth}]"):
        for name in prop.attrib["itemprop"].split():
            value = _microdata_value(prop, name)
            if name in item and name != "@type":
                existing = item[name]
                item[name] = (existing if isinstance(existing, list) else [existing]) + [value]
            else:
                item[name] = value
    return item


def _microdata_value(prop: Any, name: str) -> Any:
    attributes = prop.attrib
    tag = prop.root.tag if isinstance(prop.root.tag, str) else ""
    if "itemscope" in attributes:
        return _microdata_item(prop)
    if "content" in attributes:
        return attributes["content"].strip()
    if tag in _URL_ATTRIBUTES and attributes.get(_URL_ATTRIBUTES[tag]):
        return attributes[_URL_ATTRIBUTES[tag]].strip()
    if tag == "time" and attributes.get("datetime"):
        return attributes["datetime"].strip()
    if tag in ("data", "meter") and attributes.get("value"):
        return attributes["value"].strip()
    if name in _HTML_PROPERTIES:
        return "".join(prop.xpath("node()").getall()).strip()
    return " ".join(" ".join(prop.xpath(".//text()").getall()).split())
