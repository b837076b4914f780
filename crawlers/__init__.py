"""The Scrapy project: one spider per platform; sources are data in config/sources.yaml."""
