"""`peerjobs demo`: sample agency sites on loopback, crawled, indexed and served."""
from __future__ import annotations

import dataclasses
import functools
import os
import threading
from typing import Callable

from crawlers.runner import crawl_in_children
from crawlers.settings import LOOPBACK_OVERRIDES
from crawlers.sources import load_sources
from indexer import store
from indexer.store import db, figures
from indexer import search
from foundation.settings import Settings, export


#: The sample ATS boards listen from the sample sites' first port + this.
BOARDS_PORT_OFFSET = 50
#: Held back from its sample site at first and put up a few minutes later: crawl its source
#: again ("run now" in the admin area) and it is a new posting, for trying email alerts.
LATE_POSTING = ("miami-valley-recovery", "lead-peer-recovery-supporter")
LATE_POSTING_MINUTES = 3
#: The demo's scheduler (config/schedules.yaml keys): "run now" from the admin area within
#: seconds, and instant alerts checked every minute instead of every hour.
DEMO_SCHEDULES = {"poll_seconds": 2, "max_parallel_crawls": 2, "alerts": {"instant": "* * * * *"}}


def run(settings: Settings, port: int, sites_port: int, serve: bool, echo: Callable[..., None]) -> int:
    import yaml

    from peerjobs.demo import SampleSites
    from peerjobs.demo.boards import SampleBoards

    # The web server's workers are forked inside this call and leave through its `finally`
    # blocks; only this process started the servers, so only it stops them.
    owner = os.getpid()
    export({"PEERJOBS_ALLOW_PRIVATE_NETWORKS": "1"})
    # The sample USAJOBS board checks that a key and an e-mail are sent, as the real API does.
    export({"PEERJOBS_USAJOBS_API_KEY": "demo-key", "PEERJOBS_USAJOBS_EMAIL": "demo@peerjobs.invalid"})
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        sites = SampleSites(base_port=sites_port).start()
    except OSError as error:
        echo(f"Cannot start the sample sites on ports {sites_port}+: {error}. "
             "Is another demo running? Try --sites-port 0.", err=True)
        return 1
    sites.controls.hidden.add(LATE_POSTING)
    boards = SampleBoards(base_port=sites_port + BOARDS_PORT_OFFSET if sites_port else 0)
    try:
        boards.start()
        sources_file = settings.data_dir / "sources.yaml"
        sources_file.write_text(yaml.safe_dump({"sources": sites.sources() + boards.sources()},
                                               sort_keys=False), encoding="utf-8")
        echo(f"Sample agency sites: {len(sites.agencies)} agencies and {len(boards.servers)} "
             f"applicant-tracking boards on loopback "
             f"(first: {sites.base_url(sites.agencies[0]['id'])}/careers/)")
        sources = load_sources(sources_file).sources
        echo(f"Crawling {len(sources)} sample sites and boards ...")
        crawl_in_children(sources, settings, {**LOOPBACK_OVERRIDES, "LOG_LEVEL": "WARNING"},
                          processes=os.cpu_count() or 1)
        engine = db.make_engine(settings.database_url)
        db.migrate(engine)
        with db.session_factory(engine)() as session:
            open_peer = store.count_postings(session, status="open", is_peer=True)
            every = store.count_postings(session)
            figures.take_snapshot(session)  # the admin area's charts show today from the start
        report = search.rebuild(engine, settings.index_dir)
        echo(f"Stored {every} postings ({open_peer} open peer-support jobs); "
             f"indexed {report.total} in {report.seconds:.1f} s.")
        if not serve:
            return 0
        from peerjobs.demo import network_site
        from peerjobs.demo_discover import start_homepages
        from peerjobs.scheduling import background
        from foundation.schedules import SCHEDULES_ENV
        from crawlers.sources import spider_rules
        from webapp import create_app
        from webapp.server import serve as run_server
        catcher = start_mail_catcher(settings, echo)
        settings = dataclasses.replace(settings, sources_file=sources_file, smtp_url=catcher.smtp_url,
                                       public_url=f"http://127.0.0.1:{port}",
                                       operator_email="operators@peerjobs.invalid")
        scheduler_log = settings.data_dir / "scheduler.log"
        # Through the environment, so the admin area in this process's web app reads them too.
        schedules_file = settings.data_dir / "schedules.yaml"
        schedules_file.write_text(yaml.safe_dump(DEMO_SCHEDULES, sort_keys=False), encoding="utf-8")
        export({SCHEDULES_ENV: str(schedules_file)})
        scheduler = background.start(settings, sources_file, scheduler_log, loopback=True)
        echo(f"Scheduler: crawls each sample source on its schedule and on “run now” (log: {scheduler_log}).")
        late = threading.Timer(LATE_POSTING_MINUTES * 60, sites.controls.hidden.discard, args=(LATE_POSTING,))
        late.daemon = True
        late.start()
        echo(f"Alerts: sign up from a results page (try “peer” near Dayton, OH) and confirm in the mail catcher. "
             f"In {LATE_POSTING_MINUTES} minutes a new Dayton posting goes up on {LATE_POSTING[0]}'s site: "
             f"press “Run now” for that source in the admin area; instant alerts are checked every minute.")
        peer_network = network_site.start_for_demo(settings.networks_file, settings.public_url, echo)
        homepages = start_homepages(settings.data_dir, sources_file, echo)
        echo(f"Admin area: http://127.0.0.1:{port}/admin/ after making an account with "
             f"`PEERJOBS_DATA_DIR={settings.data_dir} .venv/bin/peerjobs admin create-user NAME`.")
        echo(f"PeerJobs demo: open http://127.0.0.1:{port}/ (try “peer” near Dayton, OH). Ctrl-C stops.")
        try:
            run_server(functools.partial(create_app, settings, SOURCE_RULES=spider_rules()), host="127.0.0.1", port=port, workers=2)
        finally:
            if os.getpid() == owner:
                late.cancel()
                background.stop(scheduler)
                catcher.stop()
                if peer_network is not None:
                    peer_network.stop()
                homepages.stop()
        return 0
    finally:
        if os.getpid() == owner:
            boards.stop()
            sites.stop()


def start_mail_catcher(settings: Settings, echo: Callable[..., None]):
    """Alert and operator emails of the demo land here, readable in a browser and kept as .eml
    files; the usual ports (SMTP 1025, web 1080), or free ones when those are taken."""
    from peerjobs.mailcatcher import MailCatcher

    folder = settings.data_dir / "mail"
    try:
        catcher = MailCatcher(folder, smtp_port=1025, http_port=1080).start()
    except OSError:
        catcher = MailCatcher(folder, smtp_port=0, http_port=0).start()
    echo(f"Mail catcher: alert emails are kept in {folder} and shown at {catcher.web_url} "
         f"(or run `peerjobs mailcatcher` yourself)")
    return catcher
