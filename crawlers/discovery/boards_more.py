"""The rest of the board URL readers (see crawlers.discovery.boards), and `board_from_url`."""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlsplit

from crawlers.discovery.boards import (
    Board, Parts, adp, bamboohr, greenhouse, icims, label_of, lever, neogov, parts_of, paylocity,
    smartrecruiters, ultipro, usajobs, workday,
)

_CLIENT_KEY = re.compile(r"^[0-9A-F]{32}$", re.I)


def e3applicants(p: Parts) -> Board | None:
    tenant = label_of(p.host, "e3applicants.com")
    return Board("e3applicants", f"https://{tenant}.e3applicants.com/careers/", f"e3applicants:{tenant}") if tenant else None


def applicantpro(p: Parts) -> Board | None:
    sub = label_of(p.host, "applicantpro.com") or label_of(p.host, "isolvedhire.com")
    return Board("applicantpro", f"https://{p.host}/jobs/", f"applicantpro:{sub}") if sub else None


def paycom(p: Parts) -> Board | None:
    if p.host != "www.paycomonline.net":
        return None
    key = p.query.get("clientkey") or next((s for s in p.segments if _CLIENT_KEY.match(s)), None)
    if not key:
        return None
    return Board("paycom", f"https://www.paycomonline.net/v4/ats/web.php/portal/{key}/career-page", f"paycom:{key.upper()}")


def jobaps(p: Parts) -> Board | None:
    if p.host.removeprefix("www.") not in ("jobapscloud.com", "jobaps.com") or not p.segments:
        return None
    agency = p.segments[0]
    return Board("jobaps", f"https://{p.host}/{agency}/", f"jobaps:{agency.lower()}")


def pageup(p: Parts) -> Board | None:
    if p.host != "careers.pageuppeople.com" or not p.segments or not p.segments[0].isdigit():
        return None
    return Board("pageup", f"https://careers.pageuppeople.com/{p.segments[0]}/cw/en-us/", f"pageup:{p.segments[0]}")


def recruitee(p: Parts) -> Board | None:
    company = label_of(p.host, "recruitee.com")
    return Board("recruitee", f"https://{company}.recruitee.com/", f"recruitee:{company}") if company else None


def workable(p: Parts) -> Board | None:
    if p.host == "apply.workable.com" and p.segments and p.segments[0] not in ("api", "j"):
        account = p.segments[0]
    elif p.host == "apply.workable.com" and p.segments[:3] == ["api", "v1", "widget"] and len(p.segments) > 4:
        account = p.segments[4]
    else:
        account = label_of(p.host, "workable.com")
    return Board("workable", f"https://apply.workable.com/{account}/", f"workable:{account.lower()}") if account else None


def breezy(p: Parts) -> Board | None:
    company = label_of(p.host, "breezy.hr")
    return Board("breezy", f"https://{company}.breezy.hr/", f"breezy:{company}") if company else None


def jazzhr(p: Parts) -> Board | None:
    company = label_of(p.host, "applytojob.com")
    return Board("jazzhr", f"https://{company}.applytojob.com/apply", f"jazzhr:{company}") if company else None


def dayforce(p: Parts) -> Board | None:
    if p.host == "jobs.dayforcehcm.com" and len(p.segments) >= 3:
        culture, namespace, board = p.segments[:3]
        return Board("dayforce", f"https://jobs.dayforcehcm.com/{culture}/{namespace}/{board}",
                     f"dayforce:{namespace.lower()}/{board.lower()}")
    if p.host.endswith(".dayforcehcm.com") and len(p.segments) >= 3 and p.segments[0].lower() == "candidateportal":
        namespace = p.segments[2]
        return Board("dayforce", p.url.split("?")[0], f"dayforce:{namespace.lower()}/candidateportal")
    return None


def oraclecloud(p: Parts) -> Board | None:
    lowered = [s.lower() for s in p.segments]
    if not p.host.endswith(".oraclecloud.com") or "candidateexperience" not in lowered or "sites" not in lowered:
        return None
    position = lowered.index("sites")
    if len(p.segments) <= position + 1:
        return None
    site = p.segments[position + 1]
    return Board("oraclecloud", f"https://{p.host}/hcmUI/CandidateExperience/en/sites/{site}", f"oraclecloud:{p.host}/{site.lower()}")


def taleo(p: Parts) -> Board | None:
    if not p.host.endswith(".taleo.net") or len(p.segments) < 2 or p.segments[0].lower() != "careersection":
        return None
    section = p.segments[1]
    if section.lower() == "rest":
        return None
    return Board("taleo", f"https://{p.host}/careersection/{section}/jobsearch.ftl?lang=en", f"taleo:{p.host}/{section.lower()}")


READERS: tuple[Callable[[Parts], Board | None], ...] = (
    greenhouse, lever, smartrecruiters, workday, ultipro, paylocity, icims, adp, bamboohr, usajobs, neogov,
    e3applicants, applicantpro, paycom, jobaps, pageup, recruitee, workable, breezy, jazzhr, dayforce,
    oraclecloud, taleo,
)


def board_from_url(url: str) -> Board | None:
    """The known board a URL points at (a board page, a job on it, its embed or its API), or None."""
    parts = parts_of(url)
    if parts is None:
        return None
    return next((board for board in (reader(parts) for reader in READERS) if board is not None), None)


def page_key(url: str) -> str:
    """A careers page on an agency's own site as an identity: host (no "www.") and path."""
    split = urlsplit(url.strip())
    host = (split.netloc or "").lower().removeprefix("www.")
    path = split.path.rstrip("/") or "/"
    return host + path + (f"?{split.query}" if split.query else "")


def board_key_of(platform: str, url: str) -> str:
    """The identity of a source's board, by its platform and URL, as discovery computes it."""
    board = board_from_url(url)
    if board is not None and board.platform == platform:
        return board.key
    return page_key(url)
