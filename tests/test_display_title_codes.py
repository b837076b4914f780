"""Display titles: requisition codes and job numbers come off, the words of the title stay."""
from __future__ import annotations

import pytest

from indexer.taxonomy.display_title import display_title


@pytest.mark.parametrize("title, shown", [
    ("Peer Support Specialist - Req #12345", "Peer Support Specialist"),
    ("Peer Support Specialist (Req 12345)", "Peer Support Specialist"),
    ("Peer Recovery Coach (R-0012345)", "Peer Recovery Coach"),
    ("Certified Peer Specialist [24-0112]", "Certified Peer Specialist"),
    ("Family Peer Advocate - Job ID: 4456", "Family Peer Advocate"),
    ("Peer Specialist (Requisition ID: 2023-4411)", "Peer Specialist"),
    ("Peer Bridger - JR102345", "Peer Bridger"),
    ("REQ-20931 Peer Recovery Specialist", "Peer Recovery Specialist"),
    ("R0012345 - Youth Peer Advocate", "Youth Peer Advocate"),
    ("#4567 Peer Mentor", "Peer Mentor"),
    ("Peer Specialist #4567 (Job 88123)", "Peer Specialist"),
    ("Peer  Support\nSpecialist", "Peer Support Specialist"),
    # Words that look a little like codes stay.
    ("Peer Specialist II", "Peer Specialist II"),
    ("Peer Support Specialist 3", "Peer Support Specialist 3"),
    ("Peer Recovery Coach (Part-time)", "Peer Recovery Coach (Part-time)"),
    ("Peer Specialist - Dayton, OH", "Peer Specialist - Dayton, OH"),
    ("Peer Specialist, 32 hours", "Peer Specialist, 32 hours"),
    ("Position: Peer Advocate", "Position: Peer Advocate"),
    ("12345", "12345"),
    ("", ""),
    (None, ""),
])
def test_display_title(title, shown):
    assert display_title(title) == shown
