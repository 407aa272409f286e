"""Notification emails: a plain-text and an HTML part, a link to the member's settings, and
one-click unsubscribe headers (RFC 8058) that turn that kind of email off."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from community.discussions import notifications
from community.emails import absolute_url

UNSUBSCRIBE_SALT = "community.discussions.unsubscribe"


def unsubscribe_token(user, kinds):
    return signing.dumps({"user": user.pk, "kinds": sorted(kinds)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """``(user_pk, kinds)``, or None for a token this site did not make."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        return None
    return data.get("user"), data["kinds"]


def send_notifications(user, items, *, digest=None):
    kinds = {n.kind for n in items}
    unsubscribe_url = absolute_url(
        reverse("community:discussions:unsubscribe", args=[unsubscribe_token(user, kinds)])
    )
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "recipient": user,
        "digest": digest,
        "items": [
            {
                "text": notifications.describe(n),
                "url": absolute_url(
                    reverse("community:discussions:open_notification", args=[n.pk])
                ),
                "created_at": n.created_at,
            }
            for n in items
        ],
        "settings_url": absolute_url(reverse("community:discussions:notification_settings")),
        "unsubscribe_url": unsubscribe_url,
    }
    if digest is not None:
        subject = f"{len(items)} new in the members' area ({digest.value} digest)"
    else:
        subject = context["items"][0]["text"]
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string("community/discussions/email/notifications.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("community/discussions/email/notifications.html", context), "text/html"
    )
    message.send()
