"""Item pipelines, a numbered chain in crawlers/settings.py: clean -> validate -> dedupe ->
normalize -> coverage -> store."""


class CountingPipeline:
    """A pipeline that counts what it sees in the crawl stats, so nothing is dropped in silence."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)
