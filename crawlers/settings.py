"""Scrapy settings: polite by default; tests and the demo loosen only the delays."""
from foundation.settings import variable

BOT_NAME = "peerjobs"
#: One spider per platform, and `source`, which crawls any source by its entry (Scrapyd).
SPIDER_MODULES = ["crawlers.platforms", "crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.platforms"

CONTACT_URL = variable("PEERJOBS_CONTACT_URL")
USER_AGENT = f"PeerJobs/0.1 (peer-support job aggregator; +{CONTACT_URL})"

ROBOTSTXT_OBEY = True
DOWNLOADER_MIDDLEWARES = {
    "crawlers.network_guard.NetworkGuardMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.robots.FailClosedRobotsTxtMiddleware": 100,
}
#: Only http(s) is ever fetched: no file://, data:, ftp or s3 handlers at all.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
#: Private addresses the network guard lets through (exact IPs), for an operator's own proxy.
PEERJOBS_ALLOWED_PRIVATE_HOSTS: list[str] = []
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
#: Items of one response processed at once. The pipelines are synchronous, so more buys
#: nothing, and Scrapy starts this many tasks for every response that yields an item.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
#: A backstop only: each platform bounds its own pagination with `max_pages` (default 50).
DEPTH_LIMIT = 200
CLOSESPIDER_PAGECOUNT = 5000
CLOSESPIDER_TIMEOUT = 2 * 3600

#: Postings a crawl process stores itself before it starts a store writer process of its own
#: (crawlers.writer); 0 starts one with the first batch, -1 never does (a machine with one core).
PEERJOBS_STORE_WRITER_AFTER = 100

ITEM_PIPELINES = {
    # Clean, validate, dedupe, normalize, coverage, then the upsert, batched where they are stored:
    # here for a process's first postings, then in its store writer's process (crawlers.writer).
    "crawlers.pipelines.store.StorePipeline": 800,
}
EXTENSIONS = {
    "crawlers.extensions.CrawlRunRecorder": 500,
    "crawlers.watchdog.CrawlWatchdog": 510,
    "scrapy.extensions.telnet.TelnetConsole": None,  # never, whatever TELNETCONSOLE_ENABLED says
}
#: A crawl with no page, failure or posting for this long is closed and recorded failed (0: never).
PEERJOBS_WATCHDOG_MINUTES = 10

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

#: Loopback crawls (tests, demo): no politeness delays needed against our own servers.
LOOPBACK_OVERRIDES = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.05,
    "AUTOTHROTTLE_MAX_DELAY": 1,
    "RETRY_TIMES": 0,
    "DOWNLOAD_TIMEOUT": 10,
}
