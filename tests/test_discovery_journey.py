"""An operator's first discovery, end to end on loopback: `peerjobs discover` over the sample
homepages' organizations file, the queue reviewed in the admin area at phone width, ten proposals
accepted, `peerjobs crawl` run on them, and their peer jobs found in search."""
from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from crawlers.sources import spider_rules
from foundation.settings import Settings
from indexer import search, store
from indexer.store import db
from peerjobs.cli import main
from peerjobs.demo.homepages import HomepageWorld
from tests.admin_support import USERNAME, password_hash
from tests.test_admin import csrf_token, signed_in
from webapp import create_app
from webapp.extensions import limiter

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 10; K) Mobile"}


def discover(tmp_path, world: HomepageWorld) -> tuple[Settings, dict[str, str]]:
    """The organizations file through `peerjobs discover`, as the demo prints it."""
    env = {"PEERJOBS_DATA_DIR": str(tmp_path), "PEERJOBS_DATABASE_URL": "", "PEERJOBS_INDEX_DIR": "",
           "PEERJOBS_SOURCES_FILE": str(tmp_path / "sources.yaml")}
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump({"sources": []}))
    routes = [part for host, base in world.routes().items() for part in ("--route", f"{host}={base}")]
    result = CliRunner().invoke(main, ["discover", str(world.write_csv(tmp_path / "organizations.csv")),
                                       "--loopback", *routes], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'peerjobs.db'}",
                        index_dir=tmp_path / "index", secret_key_value="journey-secret",
                        sources_file=tmp_path / "sources.yaml")
    return settings, env


def worth_accepting(settings: Settings, count: int) -> list[store.DiscoveryProposal]:
    engine = db.make_engine(settings.database_url)
    with db.session_factory(engine)() as session:
        store.add_admin(session, USERNAME, password_hash())
        session.commit()
        found = [p for p in store.proposals(session, status="pending", limit=1000)
                 if (p.trial or {}).get("peer_postings") and not (p.trial or {}).get("error")]
    engine.dispose()
    return found[:count]


def accept_on_a_phone(client, proposal) -> str:
    page = client.get(f"/admin/discovery/{proposal.id}", headers=PHONE).text
    source_id = re.search(r'name="source_id"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(f"/admin/discovery/{proposal.id}/accept", headers=PHONE, data={
        "csrf_token": csrf_token(page), "source_id": source_id, "employer": proposal.org_name, "enabled": "1"})
    assert response.status_code == 303, response.text
    return source_id


def test_an_operator_discovers_reviews_accepts_ten_crawls_them_and_finds_their_peer_jobs(tmp_path):
    with HomepageWorld() as world:
        settings, env = discover(tmp_path, world)
        proposals = worth_accepting(settings, 10)
        assert len(proposals) == 10
        app = create_app(settings, SOURCE_RULES=spider_rules())
        limiter.reset()
        client = signed_in(app)
        queue = client.get("/admin/discovery", headers=PHONE).text
        assert all(p.org_name.replace("&", "&amp;") in queue or p.org_name in queue for p in proposals[:5])
        accepted = [accept_on_a_phone(client, proposal) for proposal in proposals]
        listed = client.get("/admin/sources?origin=discovered", headers=PHONE).text
        assert all(f'id="source-{source_id}"' in listed for source_id in accepted)
        crawl = CliRunner().invoke(main, ["crawl", *accepted, "--loopback"], env=env, catch_exceptions=False)
    limiter.reset()
    assert crawl.exit_code == 0, crawl.output
    engine = db.make_engine(settings.database_url)
    search.rebuild(engine, settings.index_dir)
    index = search.SearchIndex(settings.index_dir)
    try:
        employers = {hit.employer for hit in index.search(search.SearchQuery(q="peer", per_page=200)).hits}
    finally:
        index.close()
        engine.dispose()
    assert len(employers & {p.org_name for p in proposals}) >= 8, (employers, crawl.output)
