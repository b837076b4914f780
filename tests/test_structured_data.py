"""JSON-LD reading: malformed blocks cost only themselves; every common shape is found."""
import json

from parsel import Selector

from crawlers.microdata import microdata_items
from crawlers.structured_data import find_typed, parse_blocks, to_raw_posting

POSTING = {
    "@context": "https://schema.org/", "@type": "JobPosting", "title": "Peer Support Specialist",
    "description": "<p>Support peers.</p>", "datePosted": "2026-11-01", "employmentType": "PART_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "Hope Center"},
    "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Dayton",
                                                  "addressRegion": "OH", "postalCode": "45402"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                   "value": {"@type": "QuantitativeValue", "minValue": 18, "maxValue": 21, "unitText": "HOUR"}},
    "identifier": {"@type": "PropertyValue", "name": "Hope Center", "value": "PS-12"},
    "url": "https://hope.example/careers/ps-12/",
}


def test_malformed_block_next_to_valid_one_loses_only_itself():
    blocks = parse_blocks(['{"@type": "JobPosting", "title": "Broken",}', json.dumps(POSTING)])
    assert len(blocks.errors) == 1 and "block 1" in blocks.errors[0]
    assert [p["title"] for p in find_typed(blocks.objects)] == ["Peer Support Specialist"]


def test_html_comment_wrappers_and_control_characters_are_tolerated():
    text = "<!--\n" + json.dumps(POSTING).replace("Support", "Sup\x07port") + "\n-->"
    blocks = parse_blocks([text])
    assert not blocks.errors and len(list(find_typed(blocks.objects))) == 1


def test_graph_list_and_nested_shapes():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "Organization"}, POSTING]}
    assert len(list(find_typed(graph))) == 1
    assert len(list(find_typed([{"@type": "WebPage"}, POSTING, POSTING]))) == 2
    assert len(list(find_typed({"@type": ["JobPosting", "Thing"], "title": "x"}))) == 1
    assert list(find_typed({"@type": "Event", "name": "Open house"})) == []


def test_to_raw_posting_maps_every_field():
    raw = to_raw_posting(POSTING, "https://hope.example/careers/ps-12/")
    assert raw["external_id"] == "PS-12"
    assert raw["employer"] == "Hope Center"
    assert raw["locations"] == [{"street": None, "city": "Dayton", "region": "OH", "postal_code": "45402", "country": None}]
    assert raw["salary"]["value"]["minValue"] == 18
    assert raw["remote"] is False
    assert raw["apply_url"] == "https://hope.example/careers/ps-12/"


def test_remote_posting():
    remote = dict(POSTING, jobLocationType="TELECOMMUTE")
    remote.pop("jobLocation")
    raw = to_raw_posting(remote, "https://hope.example/x")
    assert raw["remote"] is True and raw["locations"] == []


MICRODATA = """<html><body>
<nav itemscope itemtype="https://schema.org/SiteNavigationElement"><a itemprop="url" href="/">Home</a></nav>
<article itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Peer   Support Specialist</h1>
  <time itemprop="datePosted" datetime="2026-11-01">Nov 1</time>
  <meta itemprop="employmentType" content="PART_TIME"><meta itemprop="employmentType" content="PER_DIEM">
  <a itemprop="url" href="https://hope.example/jobs/12">Apply</a>
  <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Hope Center</span></div>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Dayton</span>, <span itemprop="addressRegion">OH</span></div></div>
  <div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount"><meta itemprop="currency" content="USD">
    <span itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">
      $<span itemprop="minValue">18</span>-<span itemprop="maxValue">21</span><meta itemprop="unitText" content="HOUR"></span></div>
  <div itemprop="description"><p>Support <b>peers</b>.</p></div>
</article></body></html>"""


def test_microdata_reads_like_json_ld():
    [posting] = microdata_items(Selector(text=MICRODATA))
    raw = to_raw_posting(posting, "https://hope.example/jobs/12")
    assert raw["title"] == "Peer Support Specialist" and raw["employer"] == "Hope Center"
    assert raw["date_posted"] == "2026-11-01" and raw["employment_type"] == ["PART_TIME", "PER_DIEM"]
    assert raw["apply_url"] == "https://hope.example/jobs/12"
    assert raw["locations"][0]["city"] == "Dayton" and raw["locations"][0]["region"] == "OH"
    assert raw["salary"]["value"] == {"@type": "QuantitativeValue", "minValue": "18", "maxValue": "21",
                                      "unitText": "HOUR"}
    assert raw["description_html"] == "<p>Support <b>peers</b>.</p>"


def test_microdata_of_other_types_or_none_at_all():
    assert microdata_items(Selector(text="<div itemscope itemtype='https://schema.org/Event'>x</div>")) == []
    assert microdata_items(Selector(text="<p>No structured data here</p>")) == []
    remote = '<div itemscope itemtype="http://schema.org/JobPosting"><meta itemprop="jobLocationType" content="TELECOMMUTE"><span itemprop="title">Warmline</span></div>'
    assert to_raw_posting(microdata_items(Selector(text=remote))[0], "https://x.example/")["remote"] is True
