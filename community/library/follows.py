"""Hearing about tenders: following a CPV code (a division, group or class, and everything
below it) or a tender, through the discussions' follows and notifications."""

from community.discussions import follows, notifications
from community.discussions.models import Delivery
from community.discussions.models.threads import author_name
from community.library.models import CpvCode
from community.library.models.cpv import parent_code, significant_digits

SHARED = "tender_shared"
UPDATED = "tender_updated"


def codes_above(codes):
    """Each code and every code above it: following a division hears of all below it."""
    found = set()
    for code in codes:
        digits = significant_digits(code)
        found.update(parent_code(code, length) for length in range(2, len(digits) + 1))
    return CpvCode.objects.filter(code__in=found)


# Notifications are rows written in the same transaction as the tender (gone with it if it
# rolls back); only their emails wait for the commit, in ``notifications.notify``.


def tender_shared(tender, actor):
    """Tell the followers of the tender's codes, and of every code above them; each hears
    only of tenders they may see."""
    codes = [tender.main_cpv_id, *tender.additional_cpv.values_list("code", flat=True)]
    followers = [user for code in codes_above(codes) for user in follows.followers_of(code)]
    notifications.notify(SHARED, followers, tender, actor=actor)


def tender_updated(tender, actor):
    notifications.notify(UPDATED, follows.followers_of(tender), tender, actor=actor)


notifications.register(
    notifications.Kind(
        SHARED,
        "Tenders shared in CPV codes you follow",
        Delivery.DAILY,
        lambda n: f"{author_name(n.actor)} shared “{n.target}” in a CPV code you follow",
    )
)
notifications.register(
    notifications.Kind(
        UPDATED,
        "New documents in tenders you follow",
        Delivery.DAILY,
        lambda n: f"{author_name(n.actor)} added a document to “{n.target}”",
    )
)
