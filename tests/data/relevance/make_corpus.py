"""Writes corpus.jsonl: postings for the relevance check, each with the role it was written as
("label") and what a query may look for ("tags"). Deterministic: run it again to get the same file.

    python -m tests.data.relevance.make_corpus
"""
from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent

TITLES = {
    "peer_specialist": ["Peer Support Specialist", "Certified Peer Specialist", "Peer Specialist II",
                        "CPS Peer Support - Adult Outpatient", "Peer Support Worker", "Peer Wellness Specialist",
                        "Peer Support Specialist (Part-Time) - Req 23-0412", "Peer Specialist - ACT Team"],
    "peer_recovery_coach": ["Recovery Coach", "Peer Recovery Coach", "Recovery Support Specialist",
                            "Certified Recovery Peer Advocate (CRPA)", "Peer Recovery Specialist - ED Bridge",
                            "CRSS - Outpatient Services", "Recovery Support Worker", "Recovery Coach - Overnight"],
    "family_peer_advocate": ["Family Peer Advocate", "Family Partner", "Parent Partner", "Family Support Partner",
                             "Parent Peer Support Specialist", "Family Peer Specialist - Children's Services"],
    "youth_peer_advocate": ["Youth Peer Advocate", "Youth Peer Support Specialist", "Young Adult Peer Mentor",
                            "Youth Peer Specialist - Drop-In Center"],
    "peer_mentor": ["Peer Mentor", "Recovery Mentor", "Peer Mentor - Housing First"],
    "peer_bridger": ["Peer Bridger", "Peer Bridger - Inpatient Transitions"],
    "peer_navigator": ["Peer Navigator", "Peer Health Navigator", "Peer Navigator - Primary Care"],
    "forensic_peer_specialist": ["Forensic Peer Specialist", "Reentry Peer Specialist",
                                 "Peer Support Specialist - County Jail", "Forensic Peer Recovery Specialist"],
    "veteran_peer_support": ["Peer Support Apprentice", "Veteran Peer Support Specialist", "Peer Support Technician"],
    "peer_counselor": ["Peer Counselor", "Certified Peer Counselor", "Peer Support Counselor"],
    "warmline_peer": ["Warmline Peer Operator", "Warm Line Specialist", "Crisis Line Peer Supporter"],
    "vocational_specialist": ["Peer Employment Specialist", "Peer Vocational Specialist"],
    "peer_supervisor": ["Peer Support Supervisor", "Peer Services Team Lead", "Recovery Coach Supervisor"],
    "peer_advocate": ["Peer Advocate", "Peer Rights Advocate", "Peer Support Advocate"],
    "community_support_worker": ["Peer Community Support Worker"],
    "not_peer": ["Registered Nurse - Behavioral Health", "Licensed Therapist (LCSW)", "Medical Receptionist",
                 "Psychiatrist", "Billing Specialist"],
}
WORK = {
    "peer_specialist": "As a peer specialist you use your own lived experience of mental health recovery to support adults "
                       "in theirs. You help people write wellness plans, lead peer support groups and share your recovery "
                       "story when it helps.",
    "peer_recovery_coach": "Our recovery coaches walk alongside people in recovery from substance use. You meet people "
                           "after an overdose, help them build a recovery plan and connect them to treatment, housing "
                           "and mutual-aid meetings.",
    "family_peer_advocate": "You are a parent or primary caregiver of a child who received mental health services. You "
                            "support other families, help parents take part in decisions about their child's care and "
                            "connect them with resources.",
    "youth_peer_advocate": "You will build trusting relationships with teens and young adults ages 16 to 25, drawing on "
                           "your own experience with services as a young person, and help them have a voice in their plans.",
    "peer_mentor": "Mentor people in early recovery one on one and in groups, helping them set goals and manage day to "
                   "day life, from your own lived experience.",
    "peer_bridger": "Help people leaving the state psychiatric hospital settle back into the community, meeting them "
                    "before discharge and staying with them through the first months at home.",
    "peer_navigator": "Help people find their way through health care, housing and benefits, guided by your own "
                      "lived experience of getting through those systems.",
    "forensic_peer_specialist": "Support people in the county jail and after release, drawing on your own experience "
                                "with the justice system. You work with the reentry team, drug court and probation.",
    "veteran_peer_support": "Support fellow veterans in their recovery at the VA medical center. You must be a veteran "
                            "with your own experience of mental health or substance use recovery.",
    "peer_counselor": "Listen and offer support from your own lived experience in one-on-one conversations and peer "
                      "groups at our wellness center.",
    "warmline_peer": "Answer calls, texts and chats on our warmline from people who want someone to talk to. You bring "
                     "your own lived experience and listen without judgment.",
    "vocational_specialist": "Help people with mental health conditions find and keep work they choose, using the IPS "
                             "supported employment model and your own lived experience.",
    "peer_supervisor": "Lead and supervise a team of eight peer staff, run reflective supervision and coordinate "
                       "training, after years of peer work yourself.",
    "peer_advocate": "Stand beside people to help them get the benefits and services they need and become confident "
                     "advocates for themselves, using your lived experience.",
    "community_support_worker": "Peer community support: help people with serious mental illness with errands, "
                                "appointments, work and housing, drawing on your lived experience as a peer.",
    "not_peer": "Provide clinical services within our behavioral health department. A current state license is "
                "required. This is not a peer position.",
}
PLAIN = {  # the same work described without the role's name, as many postings do
    "peer_specialist": "Use what you learned in your own mental health recovery to support adults in theirs: wellness "
                       "plans, support groups and a listening ear.",
    "peer_recovery_coach": "Support people in early recovery from substance use through one-on-one meetings and groups. "
                           "You connect people to treatment, housing and mutual-aid meetings.",
    "family_peer_advocate": "Support parents whose children receive mental health services, from your own experience "
                            "raising a child who needed them.",
    "forensic_peer_specialist": "Meet people inside the county jail before release and help them with housing, "
                                "treatment and court dates afterwards, from your own experience of incarceration.",
}
CREDENTIAL = {
    "peer_specialist": "State certification as a Certified Peer Specialist (CPS) preferred, or earned within six months.",
    "peer_recovery_coach": "A recovery credential such as CRSS, CPRS or CRPA is preferred.",
    "family_peer_advocate": "The Family Peer Advocate (FPA) credential is preferred.",
    "youth_peer_advocate": "The Youth Peer Advocate credential is preferred.",
    "forensic_peer_specialist": "Certified Peer Specialist with forensic endorsement preferred.",
    "warmline_peer": "Peer certification preferred.",
}
CITIES = [("Dayton", "OH", 40), ("Kettering", "OH", 6), ("Springfield", "OH", 5), ("Columbus", "OH", 18),
          ("Cincinnati", "OH", 14), ("Denver", "CO", 16), ("Boulder", "CO", 6), ("Austin", "TX", 12),
          ("Houston", "TX", 12), ("Portland", "OR", 12), ("Seattle", "WA", 12), ("Boise", "ID", 8),
          ("Albany", "NY", 12), ("Buffalo", "NY", 8), ("Chicago", "IL", 14), ("Peoria", "IL", 6),
          ("Philadelphia", "PA", 12), ("Pittsburgh", "PA", 10), ("Tampa", "FL", 10), ("Baltimore", "MD", 8)]
EMPLOYERS = ["Montgomery County ADAMHS", "Harbor Light Recovery", "Community Mental Health Partners", "Hope Alliance",
             "Greene Memorial Hospital", "Family Services Association", "New Directions Wellness", "Recovery Works",
             "Sunrise Behavioral Health", "Main Street Clinic", "Crossroads Center", "Bridgeway Health"]
SETTINGS = ["Our outpatient clinic serves adults across the county.", "You will work in the emergency department.",
            "The position is part of our Assertive Community Treatment team.",
            "This role is based at our peer-run respite house.", "You will support residents of our housing program."]
REMOTE = [  # (locations, applicant areas, sentence, tag)
    (["Remote"], [], "This is a fully remote role open to candidates anywhere in the United States.", "US"),
    (["Remote"], [], "Colorado residents only.", "CO"),
    (["Remote"], [], "This role is open to candidates in WA, OR, ID.", "ID OR WA"),
    (["Remote"], [], "Candidates must reside in Ohio.", "OH"),
    (["Remote"], ["Texas"], "Work from home with a company laptop.", "TX"),
    (["Remote"], [], "Remote within Canada; you must be eligible to work in Canada.", "abroad"),
    (["Remote - NY"], [], "Work from home in New York State.", "NY"),
]
WEIGHTED_ROLES = {"peer_specialist": 60, "peer_recovery_coach": 50, "family_peer_advocate": 22,
                  "youth_peer_advocate": 14, "peer_mentor": 10, "peer_bridger": 7, "peer_navigator": 10,
                  "forensic_peer_specialist": 14, "veteran_peer_support": 10, "peer_counselor": 10,
                  "warmline_peer": 14, "vocational_specialist": 8, "peer_supervisor": 10, "peer_advocate": 10,
                  "community_support_worker": 5, "not_peer": 20}


def posting(number: int, role: str, rng: random.Random) -> dict:
    title = rng.choice(TITLES[role])
    spanish = rng.random() < 0.12 and role != "not_peer"
    remote = role in ("warmline_peer", "peer_specialist", "peer_recovery_coach") and rng.random() < 0.2
    work = PLAIN[role] if role in PLAIN and rng.random() < 0.4 else WORK[role]
    sentences = [work, rng.choice(SETTINGS), CREDENTIAL.get(role, ""),
                 "Bilingual in Spanish and English required." if spanish else "",
                 rng.choice(["Full-time, Monday to Friday.", "Part-time, 20 hours a week.", "Evenings and weekends."])]
    item = {"url": f"https://jobs.example.org/relevance/{number}", "title": title, "employer": rng.choice(EMPLOYERS),
            "employment_type": "PART_TIME" if "Part-time" in sentences[-1] else "FULL_TIME",
            "date_posted": f"2026-11-{1 + number % 28:02d}", "label": role, "tags": ["spanish"] if spanish else []}
    if remote:
        locations, areas, sentence, area = rng.choice(REMOTE)
        sentences.insert(1, sentence)
        item.update(locations=locations, applicant_areas=areas, remote=True)
        item["tags"].append(f"remote:{area}")
    else:
        city, state = rng.choices([(c, s) for c, s, _ in CITIES], weights=[w for *_, w in CITIES])[0]
        item["locations"] = [f"{city}, {state}"]
    item["description_html"] = "".join(f"<p>{s}</p>" for s in sentences if s)
    return item


def main() -> None:
    rng = random.Random(15)
    roles = [role for role, count in WEIGHTED_ROLES.items() for _ in range(count)]
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as out:
        for number, role in enumerate(roles, start=1):
            out.write(json.dumps(posting(number, role, rng)) + "\n")


if __name__ == "__main__":
    main()
