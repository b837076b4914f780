"""Item pipelines, a numbered chain in crawlers/settings.py: clean -> validate -> normalize -> store."""
