"""Per-member limits on posting and flagging, counted in the cache over a fixed window.

A member over the limit is told how long to wait and keeps what they typed; nothing is
counted for a post that was refused, so a typo in a form never costs one of their posts.
"""

from django.conf import settings
from django.core.cache import cache

LIMITS = {
    "post": "DISCUSSIONS_POST_RATE",
    "flag": "DISCUSSIONS_FLAG_RATE",
}


def _limit(action):
    count, seconds = getattr(settings, LIMITS[action])
    return count, seconds


def _key(user, action):
    return f"discussions:rate:{action}:{user.pk}"


def allows(user, action):
    count, _seconds = _limit(action)
    return cache.get(_key(user, action), 0) < count


def record(user, action):
    _count, seconds = _limit(action)
    key = _key(user, action)
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:
            # The window ended between add and incr: this is the first of a new one.
            cache.set(key, 1, timeout=seconds)


def wait_message(action):
    count, seconds = _limit(action)
    minutes = max(1, round(seconds / 60))
    things = {"post": "posts", "flag": "reports"}[action]
    return (
        f"You have sent {count} {things} in the last {minutes} minutes, the most the site "
        f"takes in that time. Please wait a few minutes and send again: what you wrote is kept "
        f"below."
    )
