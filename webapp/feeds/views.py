"""Thin views: the same search as the results page, or the open postings, as XML or text."""
from __future__ import annotations

from flask import Response, request, url_for

from indexer import wording
from indexer import store
from indexer.store.models import utcnow
from indexer.search import Hit
from webapp import formatting
from webapp.db import get_session
from webapp.feeds import bp
from webapp.feeds.xml import AtomEntry, atom_feed, sitemap
from webapp.i18n import LANGUAGES
from indexer.search.params import parse_query, query_args
from webapp.search_index import get_index


@bp.get("/jobs.atom")
def jobs_atom():
    query = parse_query(request.args)
    found = get_index().search(query)
    args = query_args(query)
    body = atom_feed(
        title=f"PeerJobs: {wording.results_heading(found)}",
        feed_url=url_for("feeds.jobs_atom", _external=True, **args),
        page_url=url_for("search.results", _external=True, **args),
        entries=[atom_entry(hit) for hit in found.hits], now=utcnow(),
    )
    return Response(body, mimetype="application/atom+xml")


def atom_entry(hit: Hit) -> AtomEntry:
    """One line a feed reader can show: who, where, pay, hours, role."""
    label = wording.category_label(hit.category, formatting.get_taxonomy())
    facts = (hit.employer, hit.place, hit.pay.words,
             wording.employment_type_in_words(hit.employment_type), label)
    return AtomEntry(url=url_for("postings.show", posting_id=hit.id, _external=True), title=hit.title,
                     updated=hit.last_verified or hit.posted or utcnow(),
                     summary=" · ".join(fact for fact in facts if fact))


@bp.get("/sitemap.xml")
def sitemap_xml():
    pages = [url_for(endpoint, _external=True, lang=lang) for lang in LANGUAGES
             for endpoint in ("search.home", "roles.index", "pay.overview")]
    pages += [url_for("roles.show", role_id=category.id, _external=True, lang=lang)
              for lang in LANGUAGES for category in formatting.get_taxonomy().categories]
    postings = [(url_for("postings.show", posting_id=posting_id, _external=True), changed)
                for posting_id, changed in store.open_peer_postings_for_sitemap(get_session())]
    return Response(sitemap([(page, None) for page in pages] + postings), mimetype="application/xml")


@bp.get("/robots.txt")
def robots_txt():
    """Postings, roles and pay are for search engines; result pages and feeds are not."""
    lines = ["User-agent: *", "Disallow: /jobs?", "Disallow: /es/jobs?", "Disallow: /jobs.atom", "Allow: /",
             f"Sitemap: {url_for('feeds.sitemap_xml', _external=True)}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
