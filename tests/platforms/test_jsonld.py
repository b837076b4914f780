"""JSON-LD and microdata JobPostings, from both recorded careers sites, into raw and normalized fields."""
import pytest
from parsel import Selector

from crawlers.microdata import microdata_items
from crawlers.structured_data import find_typed, parse_blocks, to_raw_posting
from indexer.normalize import normalize
from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders
from tests.platforms.recorded import BASE, days_ago, subset


def postings_on(board: str, name: str) -> list[dict]:
    """Every JobPosting a recorded page holds, as raw fields: JSON-LD first, else microdata."""
    page = Selector(text=fill_placeholders((BOARDS_DIR / board / name).read_text(encoding="utf-8"), BASE))
    blocks = parse_blocks(page.xpath('//script[@type="application/ld+json"]/text()').getall())
    found = list(find_typed(blocks.objects)) or microdata_items(page)
    return [to_raw_posting(posting, f"{BASE}/{name}") for posting in found]


def stored(board: str, name: str, position: int = 0) -> dict:
    return normalize(postings_on(board, name)[position]).fields


PAY = ("pay_min", "pay_max", "pay_unit")


@pytest.mark.parametrize("board, name, position, expected", [
    # the first site: @graph, microdata, TELECOMMUTE
    ("jsonld-sitemap", "job-omaha.html", 0, {"pay_min": 38500.0, "pay_unit": "YEAR", "city": "Omaha"}),
    ("jsonld-sitemap", "job-lincoln.html", 0, {"pay_min": 18.75, "pay_max": 21.0, "pay_unit": "HOUR"}),
    # "@type" as a list, figures as strings, a yearly range well above a peer specialist's
    ("jsonld-listing", "job-supervisor.html", 0, {"pay_min": 95000.0, "pay_max": 140000.0, "pay_unit": "YEAR",
                                                  "city": "Wichita", "state": "KS"}),
    # two JobPostings in one @graph; an hourly range, then a bare number with salaryCurrency
    ("jsonld-listing", "job-recovery-coaches.html", 0, {"pay_min": 18.0, "pay_max": 25.0, "pay_unit": "HOUR",
                                                        "title": "Recovery Coach – Day Shift"}),
    ("jsonld-listing", "job-recovery-coaches.html", 1, {"pay_min": 21.5, "pay_max": 21.5, "pay_unit": "HOUR",
                                                        "state": "KS", "city": None}),
    # a MonetaryAmount whose value is a number; remote, for applicants in Kansas
    ("jsonld-listing", "job-warmline.html", 0, {"pay_min": 44000.0, "pay_unit": "YEAR", "remote": True,
                                                "remote_area": "KS"}),
    # microdata, figures as text
    ("jsonld-listing", "job-family.html", 0, {"pay_min": 19.0, "pay_max": 22.5, "city": "Manhattan",
                                              "date_posted": days_ago(6)}),
    # `name` for the title, the baseSalary a string, the description HTML-escaped
    ("jsonld-listing", "job-youth.html", 0, {"title": "Youth Peer Mentor", "pay_min": 45000.0, "pay_unit": "YEAR",
                                             "employer": None, "city": "Topeka"}),
    # an absurd salary is refused
    ("jsonld-listing", "job-maintenance.html", 0, {"pay_min": None, "pay_max": None, "pay_unit": None}),
])
def test_recorded_postings(board, name, position, expected):
    fields = stored(board, name, position)
    if "date_posted" in expected:
        fields["date_posted"] = fields["date_posted"].isoformat()
    assert subset(fields, expected) == expected


def test_several_postings_on_one_page_keep_their_own_ids():
    assert [raw["external_id"] for raw in postings_on("jsonld-listing", "job-recovery-coaches.html")] == \
        ["FH-310", "FH-311"]


def test_an_escaped_description_is_html_again():
    fields = stored("jsonld-listing", "job-youth.html")
    assert "<ul>" in fields["description_html"] and "&lt;" not in fields["description_html"]
    assert "ages 16–25" in fields["description_text"]


def test_an_absurd_salary_is_refused_with_its_reason():
    problems = normalize(postings_on("jsonld-listing", "job-maintenance.html")[0]).problems
    assert problems == ["pay: 38,000-3,800,000 YEAR is not a plausible pay for any unit; refused"]


def posting(**fields):
    return to_raw_posting({"@type": "JobPosting", "title": "Peer Specialist", **fields}, "https://a.example/jobs/1")


@pytest.mark.parametrize("fields, expected", [
    ({"baseSalary": 45000, "salaryCurrency": "USD"}, {"salary": {"currency": "USD", "value": 45000}, "pay_text": None}),
    ({"baseSalary": "$18 - $25"}, {"salary": {"currency": None, "value": "$18 - $25"}, "pay_text": None}),
    ({"baseSalary": "$18 - $25 per hour, DOE"}, {"salary": None, "pay_text": "$18 - $25 per hour, DOE"}),
    ({"baseSalary": {"@type": "MonetaryAmount", "value": 52000}, "salaryCurrency": "USD"},
     {"salary": {"@type": "MonetaryAmount", "value": 52000, "currency": "USD"}}),
    ({"baseSalary": [{"@type": "MonetaryAmount", "currency": "USD", "value": 20}]},
     {"salary": {"@type": "MonetaryAmount", "currency": "USD", "value": 20}}),
    ({"baseSalary": True}, {"salary": None, "pay_text": None}),
    ({"name": "Recovery Coach", "title": None}, {"title": "Recovery Coach"}),
    ({"name": "Recovery Coach"}, {"title": "Peer Specialist"}),
    ({"hiringOrganization": "Hope Center"}, {"employer": "Hope Center"}),
    ({"hiringOrganization": {"@type": "Organization", "sameAs": "https://hope.example"}}, {"employer": None}),
    ({"jobLocation": [{"address": {"addressRegion": "OH"}}, {"address": {"addressCountry": {"name": "US"}}}]},
     {"locations": [{"street": None, "city": None, "region": "OH", "postal_code": None, "country": None},
                    {"street": None, "city": None, "region": None, "postal_code": None, "country": "US"}]}),
    ({"jobLocation": [{"@type": "Place"}, {"address": [{"addressLocality": "Xenia"}]}, 42]},
     {"locations": [{"street": None, "city": "Xenia", "region": None, "postal_code": None, "country": None}]}),
    ({"jobLocation": ["Dayton, OH", {"@type": "Place", "name": "Springfield, OH"}]},
     {"locations": [{"street": None, "city": "Dayton, OH", "region": None, "postal_code": None, "country": None},
                    {"street": None, "city": "Springfield, OH", "region": None, "postal_code": None,
                     "country": None}]}),
    ({"jobLocationType": ["telecommute"], "applicantLocationRequirements": {"@type": "Country", "name": "USA"}},
     {"remote": True, "applicant_areas": ["USA"]}),
    ({"description": "&lt;p&gt;Peer &amp;amp; family&lt;/p&gt;"}, {"description_html": "<p>Peer &amp; family</p>"}),
    ({"description": "<p>Fish &amp; chips &lt;3</p>"}, {"description_html": "<p>Fish &amp; chips &lt;3</p>"}),
])
def test_to_raw_posting(fields, expected):
    assert subset(posting(**fields), expected) == expected

