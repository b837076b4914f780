"""Realistic synthetic peer-support postings over real US cities, reproducible by seed."""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

import zipcodes

TITLES = (
    ("Peer Support Specialist", "peer_specialist"), ("Certified Peer Specialist", "peer_specialist"),
    ("Recovery Coach", "peer_recovery_coach"), ("Peer Recovery Specialist", "peer_recovery_coach"),
    ("Family Peer Advocate", "family_peer_advocate"), ("Youth Peer Advocate", "youth_peer_advocate"),
    ("Peer Bridger", "peer_bridger"), ("Forensic Peer Specialist", "forensic_peer_specialist"),
    ("Peer Navigator", "peer_navigator"), ("Peer Mentor", "peer_mentor"),
    ("Warmline Peer Specialist", "warmline_peer"), ("Lead Peer Specialist", "peer_supervisor"),
)
SENTENCES = (
    "You will walk alongside people in recovery from mental health and substance use conditions.",
    "Lived experience of recovery is required, and you must be willing to share your story.",
    "State peer certification is preferred, or you will obtain it within six months of hire.",
    "Our outreach team meets people where they are, in shelters, parks and encampments.",
    "You will facilitate wellness groups and help peers build their own recovery plans.",
    "The emergency department program connects patients with recovery support after an overdose.",
    "Peers on our ACT team support people with housing, benefits and daily living goals.",
    "You will help participants leaving the hospital make the move back to the community.",
    "We offer paid training, supervision from an experienced peer, and flexible schedules.",
    "A valid driver's license and reliable transportation are needed for community visits.",
    "Bilingual candidates who speak Spanish are encouraged to apply.",
    "Our warmline answers calls from people who want someone to talk to, evenings and weekends.",
)
EMPLOYMENT = ("FULL_TIME", "PART_TIME", "PER_DIEM", "FULL_TIME", "FULL_TIME")
SETTINGS = ("homeless_outreach", "housing", "inpatient", "emergency_department", "outpatient",
            "act_team", "warmline", "community", "jail_prison", "respite")
LANDMARKS = (("Dayton", "OH"), ("Kettering", "OH"), ("Columbus", "OH"), ("Cincinnati", "OH"))
CERTIFICATION = ("required", "preferred", "obtain", "none")


def facets(rng: random.Random) -> dict:
    """The facets normalize would have found, in the shape of indexer/facets.py."""
    return {"certification": {"status": rng.choice(CERTIFICATION), "names": ["CPS"]},
            "lived_experience": ["mental_health"], "populations": ["adults"],
            "settings": sorted(rng.sample(SETTINGS, rng.randrange(3))), "paid": "paid",
            "bilingual": False, "languages": [], "seniority": "entry"}


def cities(count: int, rng: random.Random) -> list[dict]:
    """Distinct (city, state) pairs with coordinates, from the offline ZIP data."""
    seen: dict[tuple[str, str], dict] = {}
    for entry in zipcodes.list_all():
        key = (entry["city"], entry["state"])
        if key not in seen and entry["zip_code_type"] == "STANDARD" and entry["lat"]:
            seen[key] = entry
    fixed = [key for key in LANDMARKS if key in seen]  # the benchmarks search around these
    chosen = fixed + rng.sample(sorted(set(seen) - set(fixed)), count - len(fixed))
    return [seen[key] for key in chosen]


def postings(size: int, seed: int = 7, city_count: int = 500) -> Iterator[tuple[str, dict]]:
    rng = random.Random(seed)
    places = cities(city_count, rng)
    today = date.today()
    for number in range(size):
        title, category = rng.choice(TITLES)
        place = rng.choice(places)
        words = " ".join(rng.choice(SENTENCES) for _ in range(22))
        low = round(rng.uniform(15, 24), 2) if rng.random() < 0.7 else None
        yield f"syn-{number}", {
            "url": f"https://agency{number % 997}.example/careers/{number}/",
            "apply_url": f"https://agency{number % 997}.example/careers/{number}/",
            "title": title, "employer": f"Agency {number % 997}",
            "description_html": f"<p>{words}</p>", "description_text": words,
            "city": place["city"].title(), "state": place["state"], "postal_code": place["zip_code"],
            "latitude": float(place["lat"]), "longitude": float(place["long"]),
            "remote": (remote := rng.random() < 0.03), "remote_area": "US" if remote else None,
            "employment_type": rng.choice(EMPLOYMENT),
            "pay_min": low, "pay_max": low and low + 3, "pay_unit": "HOUR" if low else None,
            "pay_hourly_min": low, "pay_hourly_max": low and low + 3,
            "date_posted": today - timedelta(days=rng.randrange(60)),
            "category": category, "is_peer": True, "classification": "synthetic", "facets": facets(rng),
        }
