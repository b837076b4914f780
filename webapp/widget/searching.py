"""A widget's search: the few parameters a visitor can change, inside the network's preset scope.

The network's states always apply; its categories are the only roles on offer; where, radius and
remote start from its presets and the visitor may change them. The result is an ordinary search
of the results page, so the widget, the pages and the alerts read it the same way.
"""
from __future__ import annotations

from typing import Any, Mapping

from werkzeug.datastructures import MultiDict

from webapp.api.checks import repeated_parameters, search_errors, unknown_parameters
from indexer.search.params import list_words
from indexer.networks import Network
from webapp.widget.language import asked_language_error

#: What a widget may send; everything else is the network's to decide.
WIDGET_PARAMETERS = ("q", "where", "radius", "category", "remote", "page", "lang")
SINGLE = ("q", "where", "radius", "remote", "page", "lang")


def search_args(network: Network, args: Mapping[str, Any]) -> MultiDict:
    """The full search: the visitor's values, the presets for what they left out, the scope."""
    full = MultiDict()
    full["q"] = args.get("q", "")
    full["where"] = args.get("where", network.where)
    full["radius"] = str(args.get("radius", network.radius))
    full["remote"] = str(args.get("remote", "true" if network.remote else "false")).lower()
    for category in list_words(args, "category") or list(network.categories):
        full.add("category", category)
    for state in network.states:
        full.add("state", state)
    full["per_page"] = str(network.results)
    if "page" in args:
        full["page"] = args.get("page")
    return full


def widget_search_errors(network: Network, args: Mapping[str, Any]) -> list[str]:
    """Everything wrong with what the widget sent, in words; empty when the search can run."""
    problems = (unknown_parameters(args, WIDGET_PARAMETERS) + repeated_parameters(args, SINGLE)
                + asked_language_error(args))
    if network.categories:
        problems += [f"category “{category[:40]}” is not one of this network's roles: {', '.join(network.categories)}"
                     for category in list_words(args, "category") if category not in network.categories]
    return problems or search_errors(search_args(network, args))

