"""The boards PeerJobs reads already, by identity: config/sources.yaml and the store's sources."""
from __future__ import annotations

from typing import Callable

from crawlers.discovery.boards_more import board_key_of
from crawlers.sources import SourcesFileError, load_sources
from indexer.store.discovery import source_boards


def known_boards(session, sources_file: str | None, echo: Callable[..., None]) -> dict[str, str]:
    """board_key -> source id, for every source in the file and in the store."""
    boards: dict[str, str] = {}
    for source_id, platform, url in source_boards(session):
        boards.setdefault(board_key_of(platform, url), source_id)
    try:
        listed = load_sources(sources_file).sources
    except SourcesFileError as error:
        echo(f"cannot read sources ({error}); only the store's sources count as covered", err=True)
        listed = []
    for source in listed:
        boards.setdefault(board_key_of(source.platform, source.url), source.id)
    return boards
