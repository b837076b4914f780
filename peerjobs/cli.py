"""The `peerjobs` command: one entry point for crawling, indexing, serving and the demo."""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from foundation.settings import Settings, SettingsError, environment


def _settings(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """PeerJobs: peer-support jobs from agency websites, in one search."""
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as error:
        raise click.ClickException(str(error)) from error


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--set")
        overrides[key.strip()] = setting
    return overrides


@main.command()
@click.argument("source_ids", nargs=-1)
@click.option("--all", "crawl_all", is_flag=True, help="Crawl every enabled source.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help="Sources file (default: config/sources.yaml).")
@click.option("--set", "-s", "settings_set", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--loopback", is_flag=True, help="No politeness delays (for local test sites only).")
@click.option("--processes", "-p", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True,
              help="Crawl processes (one core each); sources are dealt out between them.")
@click.pass_context
def crawl(ctx, source_ids, crawl_all, sources_file, settings_set, loopback, processes):
    """Crawl sources and record one crawl run for each."""
    from peerjobs import crawl_command as commands
    overrides = _parse_set(settings_set)
    code = commands.crawl_command(_settings(ctx), source_ids, crawl_all, sources_file, overrides,
                                  loopback, echo=click.echo, processes=processes)
    ctx.exit(code)


def _parse_routes(values: tuple[str, ...]) -> dict[str, str]:
    routes = {}
    for value in values:
        host, sep, base = value.partition("=")
        if not sep or not host.strip() or not base.strip().startswith(("http://", "https://")):
            raise click.BadParameter(f"expected HOST=URL, got {value!r}", param_hint="--route")
        routes[host.strip().lower()] = base.strip()
    return routes


@main.command()
@click.argument("orgs_csv", type=click.Path(dir_okay=False))
@click.option("--loopback", is_flag=True, help="Allow loopback websites, no politeness delays (local test sites only).")
@click.option("--route", "routes", multiple=True, metavar="HOST=URL",
              help="Send a board host's API calls to another base URL in trial crawls (api_url).")
@click.option("--no-trial", "no_trial", is_flag=True, help="Propose without trial crawls.")
@click.option("--limit", type=click.IntRange(1, None), help="Visit only the first N organizations.")
@click.option("--processes", "-p", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True,
              help="Processes to visit organizations and run trial crawls in.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help="Sources file (default: config/sources.yaml).")
@click.option("--set", "-s", "settings_set", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.pass_context
def discover(ctx, orgs_csv, loopback, routes, no_trial, limit, processes, sources_file, settings_set):
    """Find each organization's careers page and board; queue proposals for review (docs/discovery.md)."""
    from peerjobs.discover_command import discover_command
    code = discover_command(_settings(ctx), orgs_csv, loopback, _parse_routes(routes), not no_trial, limit,
                            processes, echo=click.echo, overrides=_parse_set(settings_set), sources_file=sources_file)
    ctx.exit(code)


@main.command()
@click.option("--set", "-s", "settings_set", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option("--loopback", is_flag=True, help="No politeness delays (for local test sites only).")
@click.pass_context
def recheck(ctx, settings_set, loopback):
    """Re-check the pages of postings readers reported closed; close those that are (docs/reports.md)."""
    from peerjobs.scheduling.rechecks import recheck_command
    ctx.exit(recheck_command(_settings(ctx), _parse_set(settings_set), loopback, echo=click.echo))


@main.group()
def labels():
    """Labeled examples operators made from accepted reports."""


@labels.command("export")
@click.argument("output", type=click.Path(dir_okay=False))
@click.pass_context
def labels_export(ctx, output):
    """Write the labeled examples to OUTPUT (.jsonl, or .tsv), as `peerjobs normalize --evaluate` reads them."""
    from peerjobs.labels_command import export_labels
    click.echo(f"{export_labels(_settings(ctx), Path(output))} labeled examples written to {output}")


@main.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False))
@click.pass_context
def sources(ctx, sources_file):
    """Check the sources file and list its sources, with those accepted from the discovery queue."""
    from peerjobs import crawl_command as commands
    sys.exit(commands.sources_command(_settings(ctx), sources_file, echo=click.echo))


@main.command("settings")
def settings_command():
    """Every PEERJOBS_* environment variable, its default and what it is for."""
    from foundation.settings import VARIABLES
    for variable in VARIABLES:
        click.echo(f"{variable.name}={variable.default}\n    {variable.help}")


@main.command()
@click.option("--rebuild", is_flag=True, help="Build a new index beside the live one and swap it in.")
@click.pass_context
def index(ctx, rebuild):
    """Bring the search index up to date with the store."""
    from indexer.store import db
    from indexer import search
    settings = _settings(ctx)
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    report = (search.rebuild if rebuild else search.sync)(engine, settings.index_dir)
    click.echo(f"index {'rebuilt' if rebuild else 'synced'}: {report.upserted} written, "
               f"{report.deleted} removed, {report.total} documents ({report.seconds:.1f} s)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
@click.pass_context
def serve(ctx, host, port, workers):
    """Serve the web app under gunicorn."""
    from crawlers.sources import spider_rules
    from webapp import create_app
    from webapp.server import serve as run_server
    run_server(functools.partial(create_app, _settings(ctx), SOURCE_RULES=spider_rules()), host=host, port=port, workers=workers)


@main.command()
@click.option("--port", default=5000, show_default=True, type=int, help="Port of the web app.")
@click.option("--sites-port", default=8700, show_default=True, type=int, help="First port of the sample sites (0: any free port).")
@click.option("--no-serve", is_flag=True, help="Crawl and index, then stop.")
@click.pass_context
def demo(ctx, port, sites_port, no_serve):
    """Serve sample agency sites on loopback, crawl them, index, and serve the web app."""
    from peerjobs import demo_run
    settings = _settings(ctx)
    if not settings.data_dir_chosen:
        settings = Settings.from_env(environment({"PEERJOBS_DATA_DIR": str(settings.data_dir / "demo")}))
    ctx.exit(demo_run.run(settings, port=port, sites_port=sites_port, serve=not no_serve, echo=click.echo))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--include-closed", is_flag=True, help="Also closed postings (default: open ones only).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@click.pass_context
def export(ctx, fmt, include_closed, output):
    """Write every stored posting with all its fields (docs/DATA_FORMAT.md)."""
    from indexer import export as exporting
    from indexer.store import db
    engine = db.make_engine(_settings(ctx).database_url)
    db.migrate(engine)
    with click.open_file(output or "-", "w", encoding="utf-8") as out, db.session_factory(engine)() as session:
        count = exporting.write(session, out, fmt, include_closed)
    click.echo(f"exported {count} postings", err=True)


def _evaluate_conditions(paths, with_mistakes: bool) -> None:
    from indexer.taxonomy import evaluate_conditions as conditions
    try:
        scores = {Path(path).name: conditions.score(conditions.labeled_conditions(path)) for path in paths}
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(conditions.table(scores))
    for name, result in scores.items():
        if with_mistakes and result.mistakes:
            click.echo(f"\n{name}: mistakes\n{conditions.mistakes(result)}")


@main.command()
@click.argument("input_file", required=False, type=click.File("r", encoding="utf-8"), default="-")
@click.option("--evaluate", "labeled_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Score the classifier on a labeled file (.jsonl or .tsv) instead; several give one table.")
@click.option("--evaluate-conditions", "conditions_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Score the conditions of the job (tests/data/conditions/README.md) on labeled files.")
@click.option("--mistakes", is_flag=True, help="With --evaluate-conditions: list each wrong reading.")
def normalize(input_file, labeled_files, conditions_files, mistakes):
    """Classify JSON lines (title, description, employer, location) into JSON lines with facets."""
    from indexer.taxonomy import evaluate as evaluation
    if conditions_files:
        _evaluate_conditions(conditions_files, mistakes)
        return
    if len(labeled_files) == 1:
        click.echo(evaluation.report(evaluation.evaluate(evaluation.labeled_records(labeled_files[0]))))
        return
    if labeled_files:
        click.echo(evaluation.table({Path(name).name: evaluation.evaluate(evaluation.labeled_records(name))
                                     for name in labeled_files}))
        return
    skipped = 0
    for _, record, error in evaluation.read_records(input_file):
        if error:
            skipped += 1
            click.echo(error, err=True)
            continue
        click.echo(json.dumps(evaluation.normalized_record(record), ensure_ascii=False))
    if skipped:
        raise click.ClickException(f"{skipped} lines skipped")


@main.command()
@click.pass_context
def renormalize(ctx):
    """Re-apply the taxonomy to every stored posting and re-index what changed."""
    from indexer import renormalize as renormalizing
    from indexer.store import db
    settings = _settings(ctx)
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    click.echo(renormalizing.summary(renormalizing.renormalize(engine, settings.index_dir)))


@main.command()
@click.option("--once", is_flag=True, help="Start what is due now, wait for those crawls to end, and exit.")
@click.option("--max-parallel", type=click.IntRange(1, 64), help="Crawls at once (default: config/schedules.yaml).")
@click.option("--schedules", "schedules_file", type=click.Path(dir_okay=False),
              help="Schedules file (default: PEERJOBS_SCHEDULES_FILE or config/schedules.yaml).")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file (default: PEERJOBS_SOURCES_FILE or config/sources.yaml).")
@click.option("--loopback", is_flag=True, help="No politeness delays (for local test sites only).")
@click.pass_context
def scheduler(ctx, once, max_parallel, schedules_file, sources_file, loopback):
    """Crawl each source on its schedule; send alerts and sync the index on theirs."""
    import dataclasses
    import logging

    from peerjobs.scheduling.dispatch import dispatcher_for
    from foundation.schedules import SchedulesError, load_schedules
    from peerjobs.scheduling.service import Scheduler, SchedulerService, run_once
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per poll
    settings = _settings(ctx)
    try:
        schedules = load_schedules(schedules_file)
        dispatcher = dispatcher_for(settings, loopback=loopback)
    except (SchedulesError, ValueError, ImportError) as error:
        raise click.ClickException(str(error)) from error
    if max_parallel:
        schedules = dataclasses.replace(schedules, max_parallel_crawls=max_parallel)
    core = Scheduler(settings, schedules, dispatcher, sources_file=sources_file)
    if once:
        report = run_once(core)
        core.close()
        click.echo(f"started {len(report.started)} crawls ({', '.join(report.started) or 'none due'}); "
                   f"{len(report.timed_out)} timed out; ran {', '.join(report.ran) or 'no other jobs'}")
        return
    SchedulerService(core).run_forever()


@main.command("send-alerts")
@click.option("--frequency", type=click.Choice(["instant", "daily", "weekly"]),
              help="Only subscriptions of this frequency (default: every frequency).")
@click.pass_context
def send_alerts_command(ctx, frequency):
    """Email each confirmed alert the postings new to its search since its last email."""
    from indexer.store import db
    from foundation.mail import MailConfigError, SmtpServer
    from alerts.sending import send_alerts
    settings = _settings(ctx)
    try:
        SmtpServer.from_url(settings.smtp_url)
        engine = db.make_engine(settings.database_url)
        db.migrate(engine)
        engine.dispose()
        report = send_alerts(settings, frequency)
    except MailConfigError as error:
        click.echo(f"send-alerts: {error}", err=True)
        ctx.exit(2)
    click.echo(report.summary())


@main.command("unsubscribe-mail")
@click.pass_context
def unsubscribe_mail(ctx):
    """Delete the alert named by an email to the List-Unsubscribe mailto address (raw message on
    standard input; route unsubscribe@HOST here)."""
    from indexer.store import db
    from alerts.unsubscribe_mail import MAX_MESSAGE, unsubscribe_by_mail
    settings = _settings(ctx)
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    engine.dispose()
    valid, subscription_id = unsubscribe_by_mail(settings, sys.stdin.buffer.read(MAX_MESSAGE))
    if not valid:
        click.echo("unsubscribe-mail: no valid unsubscribe token in the subject", err=True)
        ctx.exit(1)
    click.echo(f"unsubscribe-mail: subscription {subscription_id} unsubscribed")


@main.command()
@click.option("--smtp-port", default=1025, show_default=True, type=int, help="SMTP port on 127.0.0.1.")
@click.option("--http-port", default=1080, show_default=True, type=int, help="Port of the page listing the mail.")
@click.option("--folder", type=click.Path(file_okay=False), help="Where messages are kept (default: DATA_DIR/mail).")
@click.pass_context
def mailcatcher(ctx, smtp_port, http_port, folder):
    """Catch mail on loopback instead of delivering it; read it in the browser or here."""
    from pathlib import Path

    from peerjobs.mailcatcher import serve_forever
    serve_forever(Path(folder) if folder else _settings(ctx).data_dir / "mail", smtp_port, http_port,
                  echo=click.echo)


from peerjobs.admin_cli import admin  # noqa: E402  (a command group of its own)

main.add_command(admin)

if __name__ == "__main__":
    main()
