"""The crawler is polite and bounded by default; only loopback crawls drop the delays."""
from crawlers.runner import scrapy_settings
from crawlers.settings import LOOPBACK_OVERRIDES
from foundation.settings import Settings


def test_default_crawl_settings_are_safe(sqlite_settings: Settings):
    settings = scrapy_settings(sqlite_settings)
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.getint("DOWNLOAD_MAXSIZE") == 10 * 1024 * 1024
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("COOKIES_ENABLED")
    assert "PeerJobs" in settings.get("USER_AGENT") and "+http" in settings.get("USER_AGENT")
    assert settings.get("PEERJOBS_DATABASE_URL") == sqlite_settings.database_url


def test_overrides_win_but_keep_the_safety_limits(sqlite_settings: Settings):
    settings = scrapy_settings(sqlite_settings, {**LOOPBACK_OVERRIDES, "DOWNLOAD_DELAY": 0})
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getint("DOWNLOAD_MAXSIZE") == 10 * 1024 * 1024
