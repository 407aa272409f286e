"""Everything the site holds about a person, as one JSON document.

Each part of the members area that keeps something about people registers a function here
(``register("tenders", tenders_of)``), the way each app declares its search content; the
export then needs no change when a part is added.
"""

from django.utils import timezone

_sections = {}


def register(name, collect):
    """``collect(user)`` returns JSON-serialisable data, or None when there is nothing."""
    _sections[name] = collect
    return collect


def export(user):
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
    }
    for name, collect in _sections.items():
        section = collect(user)
        if section is not None:
            data[name] = section
    return data


def _iso(value):
    return value.isoformat() if value else None


def membership(user):
    from community.models import Member

    member = Member.objects.filter(user=user).select_related("organisation").first()
    if member is None:
        return None
    organisation = member.organisation
    return {
        "status": member.get_status_display(),
        "organisation": {
            "name": organisation.name,
            "kind": organisation.get_kind_display(),
            "country": organisation.country.name,
            "website": organisation.website,
        },
        "job_title": member.job_title,
        "country": member.country.name if member.country else "",
        "bio": member.bio,
        "topics": [topic.name for topic in member.topics.all()],
        "photo": member.photo.name.rsplit("/", 1)[-1] if member.photo else None,
        "photo_alt_text": member.photo_alt_text,
        "listed_in_directory": member.listed_in_directory,
        "shared_with_members": list(member.shared_fields),
        "application": {
            "applied_at": _iso(member.applied_at),
            "motivation": member.motivation,
            "privacy_consent_at": _iso(member.privacy_consent_at),
            "decided_at": _iso(member.decided_at),
            "decision_message": member.decision_message,
        },
    }


def second_factor(user):
    from allauth.mfa.models import Authenticator

    kinds = Authenticator.objects.filter(user=user).values_list("type", flat=True)
    return {"authenticators": sorted(kinds)} if kinds else None


register("membership", membership)
register("second_factor", second_factor)
