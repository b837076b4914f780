"""A crawl that stops moving is closed by the watchdog and recorded failed; no remote console."""
import time

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from scrapy.utils.conf import build_component_list

from crawlers.runner import scrapy_settings
from crawlers.watchdog import CrawlWatchdog
from tests.crawl_support import crawl_entries, runs_and_postings
from tests.process_support import StallingServer


def test_a_crawl_with_no_progress_is_closed_and_recorded_failed(sqlite_settings):
    with StallingServer() as site:
        started = time.monotonic()
        code = crawl_entries([{"id": "stalls", "platform": "jsonld", "url": f"{site.url}/careers/",
                               "employer": "Stalling Agency"}], sqlite_settings,
                             PEERJOBS_WATCHDOG_MINUTES=0.02, DOWNLOAD_TIMEOUT=8)
        took = time.monotonic() - started
    (run,), postings = runs_and_postings(sqlite_settings)
    assert code == 0 and postings == []
    assert run.status == "failed" and run.message.startswith("stalled")
    assert run.stats["peerjobs/stalled_after_seconds"] == 1
    assert took < 60


def extensions_of(sqlite_settings, **overrides) -> list[str]:
    """The extensions a crawl with these overrides loads, as Scrapy's extension manager lists them."""
    return build_component_list(scrapy_settings(sqlite_settings, overrides).getwithbase("EXTENSIONS"))


def test_the_telnet_console_stays_off_even_when_a_setting_asks_for_it(sqlite_settings):
    names = extensions_of(sqlite_settings, TELNETCONSOLE_ENABLED=True)
    assert "scrapy.extensions.telnet.TelnetConsole" not in names
    assert "crawlers.extensions.CrawlRunRecorder" in names


def test_the_watchdog_is_on_by_default_and_off_at_zero(sqlite_settings):
    assert "crawlers.watchdog.CrawlWatchdog" in extensions_of(sqlite_settings)
    with pytest.raises(NotConfigured):
        CrawlWatchdog.from_crawler(get_crawler(settings_dict={"PEERJOBS_WATCHDOG_MINUTES": 0}))
