"""Scheduled crawls, alerts and index syncs: `peerjobs scheduler` (docs/scheduling.md).

- `schedules`: config/schedules.yaml and the cron a source runs on (YAML, admin override).
- `locks`: one row per source being crawled, so no two schedulers crawl it at once.
- `dispatch`: where a crawl runs, a local child process or a Scrapyd node (`scrapyd`).
- `state`: when each job last ran and runs next, so a restart catches up once.
- `runs`: the crawl runs the scheduler records itself (timeouts, crawls that never started).
- `jobs`: what each job does; `service`: the scheduler itself, driven by APScheduler.
- `background`: a scheduler process beside another command (the demo's web app).
"""
