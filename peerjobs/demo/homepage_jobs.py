"""Openings an agency publishes on its own site: WordPress-like posting pages with JobPosting
JSON-LD, a WP Job Manager RSS feed, or a hand-made list with no structured data.

An organization's `jobs:` entry (homepages.yaml) names the style, the listing's path and the
items: `{slug, title, type, pay: [min, max, HOUR|YEAR], days_ago, peer, text}`.
"""
from __future__ import annotations

import html
import json
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime

UNIT_WORDS = {"HOUR": "an hour", "YEAR": "a year"}
TYPE_WORDS = {"FULL_TIME": "Full Time", "PART_TIME": "Part Time", "PER_DIEM": "Per Diem"}


def posting_path(jobs: dict, item: dict) -> str:
    """Where an item's own page is: under the listing (jsonld, html) or /job/ (WP Job Manager)."""
    if jobs["style"] == "rss":
        return f"/job/{item['slug']}/"
    if jobs["style"] == "html":
        return f"{jobs['listing']}{item['slug']}.html"
    return f"{jobs['listing']}{item['slug']}/"


def pay_words(item: dict) -> str:
    if not item.get("pay"):
        return ""
    low, high, unit = item["pay"]
    return f"${low:,.2f} to ${high:,.2f} {UNIT_WORDS[unit]}"


def posted_on(item: dict, today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=int(item.get("days_ago", 1)))


def job_posting(org: dict, item: dict, base: str) -> dict:
    """The schema.org JobPosting an agency's WordPress job plugin would print."""
    posting = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": item["title"],
        "description": f"<p>{html.escape(item.get('text', item['title']))}</p>",
        "datePosted": posted_on(item).isoformat(),
        "validThrough": (posted_on(item) + timedelta(days=45)).isoformat(),
        "employmentType": item.get("type", "FULL_TIME"),
        "hiringOrganization": {"@type": "Organization", "name": org["name"], "sameAs": base + "/"},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "streetAddress": org["street"], "addressLocality": org["city"],
            "addressRegion": org["state"], "postalCode": str(org["zip"]), "addressCountry": "US"}},
        "url": base + posting_path(org["jobs"], item),
    }
    if item.get("pay"):
        low, high, unit = item["pay"]
        posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit}}
    return posting


def jsonld_script(posting: dict) -> str:
    text = json.dumps(posting, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def listing_html(org: dict, base: str) -> str:
    """The listing's main content: links to each posting page."""
    jobs = org["jobs"]
    rows = []
    for item in jobs["items"]:
        link = html.escape(base + posting_path(jobs, item))
        where = f"{org['city']}, {org['state']}"
        rows.append(f'<li class="opening"><h3><a href="{link}">{html.escape(item["title"])}</a></h3>'
                    f'<span class="where">{where}</span> <span class="pay">{pay_words(item)}</span></li>')
    intro = html.escape(jobs.get("intro", "Current openings"))
    return f'<h1>{intro}</h1>\n<ul class="job_listings openings">\n' + "\n".join(rows) + "\n</ul>"


def posting_html(org: dict, item: dict) -> str:
    lines = [f"<h1>{html.escape(item['title'])}</h1>",
             f'<p class="meta">{org["city"]}, {org["state"]} &middot; {TYPE_WORDS.get(item.get("type"), "Full Time")}'
             f' &middot; Posted {posted_on(item).strftime("%B %d, %Y")}</p>',
             f"<p>{html.escape(item.get('text', item['title']))}</p>"]
    if item.get("pay"):
        lines.append(f"<p>Pay: {pay_words(item)}</p>")
    return "\n".join(lines)


def rss_item(org: dict, item: dict, base: str, today: date | None = None) -> str:
    moment = datetime.combine(posted_on(item, today), time(9), tzinfo=timezone.utc)
    kind = TYPE_WORDS.get(item.get("type"), "Full Time")
    return (f"<item><title>{html.escape(item['title'])}</title>"
            f"<link>{base}{posting_path(org['jobs'], item)}</link>"
            f"<pubDate>{format_datetime(moment, usegmt=True)}</pubDate>"
            f"<guid isPermaLink=\"false\">{base}/?post_type=job_listing&amp;p={item['slug']}</guid>"
            f"<description><![CDATA[{item.get('text', item['title'])} {pay_words(item)}]]></description>"
            f"<job_listing:location><![CDATA[{org['city']}, {org['state']}]]></job_listing:location>"
            f"<job_listing:job_type><![CDATA[{kind}]]></job_listing:job_type>"
            f"<job_listing:company><![CDATA[{org['name']}]]></job_listing:company></item>")


def rss_feed(org: dict, base: str, today: date | None = None) -> str:
    """A WP Job Manager job feed (RSS 2.0 with the job_listing: namespace)."""
    items = "".join(rss_item(org, item, base, today) for item in org["jobs"]["items"])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:job_listing="https://wpjobmanager.com" xmlns:atom="http://www.w3.org/2005/Atom">'
            f"<channel><title>Jobs &#8211; {html.escape(org['name'])}</title><link>{base}/jobs/</link>"
            f'<atom:link href="{base}{org["jobs"]["feed"]}" rel="self" type="application/rss+xml" />'
            f"<description>Current openings</description>{items}</channel></rss>")


def peer_count(jobs: dict | None) -> int | None:
    if not jobs:
        return None
    return sum(1 for item in jobs["items"] if item.get("peer", True))
