"""Following: one generic table for threads, categories and, from the apps that own them,
tenders and CPV codes."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from community.discussions.models import Follow


def _key(target):
    return {"target_type": ContentType.objects.get_for_model(target), "target_id": str(target.pk)}


def follow(user, target):
    Follow.objects.get_or_create(user=user, **_key(target))


def unfollow(user, target):
    Follow.objects.filter(user=user, **_key(target)).delete()


def is_following(user, target):
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, **_key(target)).exists()


def followed_among(user, targets):
    """Which of ``targets`` (things of one kind) the user follows, by pk, in one query."""
    targets = list(targets)
    if not targets or not getattr(user, "is_authenticated", False):
        return set()
    followed = set(
        Follow.objects.filter(
            user=user,
            target_type=ContentType.objects.get_for_model(targets[0]),
            target_id__in=[str(target.pk) for target in targets],
        ).values_list("target_id", flat=True)
    )
    return {target.pk for target in targets if str(target.pk) in followed}


def followers_of(target):
    return get_user_model().objects.filter(
        pk__in=Follow.objects.filter(**_key(target)).values("user")
    )
