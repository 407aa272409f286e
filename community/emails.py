"""Emails about membership: each has a subject and a plain-text body, both templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(template, to, context):
    """Send ``community/email/<template>_subject.txt`` and ``…_message.txt`` to ``to``."""
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "members_home_url": absolute_url(reverse("community:home")),
        "login_url": absolute_url(reverse("account_login")),
        **context,
    }
    subject = render_to_string(f"community/email/{template}_subject.txt", context)
    body = render_to_string(f"community/email/{template}_message.txt", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        to=[to],
    )
    message.send()
