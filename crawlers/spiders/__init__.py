"""Spiders that are not platforms: entry points for runners that pass only strings (Scrapyd)."""
