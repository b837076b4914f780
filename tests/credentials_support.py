"""A small board for the credential and pay transparency pages: Maryland jobs with and without pay
(one that lets you earn the CPRS after hire), an Oregon job naming the PSS, an Ohio job without pay,
a closed job and a job that is not peer work."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from indexer import store
from tests.test_webapp import fields as webapp_fields
from tests.web_support import seed_postings

AGENCY = store.SourceRecord(id="agency", platform="jsonld", url="https://agency.example/careers/",
                            employer="Harbor Peer Services")
NO_PAY = dict(pay_min=None, pay_max=None, pay_unit=None, pay_hourly_min=None, pay_hourly_max=None, pay_text=None)


MARYLAND = dict(title="Peer Recovery Specialist", employer="Harbor Peer Services",
                description_html="<p>Walk with people in recovery.</p>", description_text="Walk with people in recovery.",
                city="Baltimore", state="MD", postal_code="21201", latitude=39.29, longitude=-76.61,
                employment_type="FULL_TIME", pay_min=19.0, pay_max=22.0, pay_hourly_min=19.0, pay_hourly_max=22.0,
                date_posted=date.today() - timedelta(days=2), category="peer_recovery_coach",
                facets={"certification": {"status": "none", "names": [], "months": None}})


def fields(**overrides):
    found = webapp_fields(**MARYLAND | overrides)
    number = found["url"].rstrip("/").rsplit("/", 1)[-1]  # a job of its own, not a copy of another
    return found | {"apply_url": found["url"] + "apply", "title": f"{found['title']} {number}"}


def cert(status, names, months=None):
    return {"certification": {"status": status, "names": names, "months": months}}


BOARD = {
    "md_no_pay": fields(**NO_PAY, facets=cert("obtain", ["CPRS"], 12)),
    "md_paid": fields(url="https://agency.example/careers/2/", facets=cert("required", ["CPRS"])),
    "md_text_pay": fields(url="https://agency.example/careers/3/", **NO_PAY | {"pay_text": "$20 an hour"}),
    "or_pss": fields(url="https://agency.example/careers/4/", city="Portland", state="OR", postal_code="97201",
                     latitude=45.52, longitude=-122.68, facets=cert("required", ["PSS"]), **NO_PAY),
    "oh_no_pay": fields(url="https://agency.example/careers/5/", city="Dayton", state="OH", postal_code="45402",
                        latitude=39.76, longitude=-84.19, **NO_PAY),
    "il_crss": fields(url="https://agency.example/careers/8/", city="Chicago", state="IL", postal_code="60601",
                      latitude=41.88, longitude=-87.62, facets=cert("preferred", ["CRSS"])),
    "md_closed": fields(url="https://agency.example/careers/6/", **NO_PAY),
    "md_other_peer": fields(url="https://agency.example/careers/7/", **NO_PAY, is_peer=False),
}


def seed(session: Session) -> dict[str, int]:
    return seed_postings(session, AGENCY, BOARD, closed=["md_closed"])
