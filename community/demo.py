"""The members area's demo content: the organisations that presented in Nijmegen, members of
each role, and an application waiting for staff.

Every account is a demo account (see ``home.demo``): its password works only where
``DEMO_ACCOUNTS_CAN_LOG_IN`` is on, and under production settings it has none at all.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from community.membership import MEMBERS_GROUP, MODERATORS_GROUP
from community.models import Member, Organisation, OrganisationKind, ProfileField
from home.demo import register

PASSWORD = "procura-demo"

ORGANISATIONS = {
    "iclei": ("ICLEI Europe", OrganisationKind.NETWORK, "DE", "https://iclei-europe.org/"),
    "electronics-watch": (
        "Electronics Watch",
        OrganisationKind.CIVIL_SOCIETY,
        "NL",
        "https://electronicswatch.org/",
    ),
    "aalborg": ("Aalborg Municipality", OrganisationKind.PUBLIC_AUTHORITY, "DK", ""),
    "apuc": (
        "Advanced Procurement for Universities and Colleges (APUC)",
        OrganisationKind.CENTRAL_PURCHASING_BODY,
        "GB",
        "",
    ),
    "barcelona": ("Barcelona City Council", OrganisationKind.PUBLIC_AUTHORITY, "ES", ""),
    "haarlem": ("Municipality of Haarlem", OrganisationKind.PUBLIC_AUTHORITY, "NL", ""),
    "romandie": (
        "Partnership for IT-Procurement in French-speaking Switzerland",
        OrganisationKind.CENTRAL_PURCHASING_BODY,
        "CH",
        "",
    ),
    "sso-noord": (
        "Shared Service Organisation Noord & DUO",
        OrganisationKind.CENTRAL_PURCHASING_BODY,
        "NL",
        "",
    ),
}

# (role in the printed logins or None, email, first, last, organisation, status, profile)
PEOPLE = (
    (
        "member",
        "member@example.org",
        "Marta",
        "Puig",
        "barcelona",
        Member.Status.ACTIVE,
        dict(
            job_title="Head of ICT procurement",
            country="ES",
            bio="I run the city's ICT purchasing and wrote the labour-rights clauses in our "
            "laptop framework. Happy to share how we verify them after award.",
            topics=("Labour rights", "Supply-chain monitoring"),
        ),
    ),
    (
        "moderator",
        "moderator@example.org",
        "Anna",
        "Weber",
        "iclei",
        Member.Status.ACTIVE,
        dict(
            job_title="Sustainable procurement officer",
            country="DE",
            bio="I coordinate the SRPP Procura+ Interest Group and moderate its discussions.",
            topics=("Market engagement",),
        ),
    ),
    (
        None,
        "lars.nielsen@example.org",
        "Lars",
        "Nielsen",
        "aalborg",
        Member.Status.ACTIVE,
        dict(
            job_title="Procurement consultant",
            country="DK",
            bio="Aalborg buys ICT for schools and the municipality's own staff.",
            topics=("Circular ICT",),
        ),
    ),
    (
        None,
        "fiona.mackay@example.org",
        "Fiona",
        "Mackay",
        "apuc",
        Member.Status.ACTIVE,
        dict(
            job_title="Category manager, ICT",
            country="GB",
            bio="I manage collaborative ICT frameworks for Scotland's universities and colleges.",
            topics=("Supply-chain monitoring", "Award criteria"),
            shared=(ProfileField.JOB_TITLE, ProfileField.COUNTRY, ProfileField.TOPICS),
        ),
    ),
    (
        None,
        "sanne.de.vries@example.org",
        "Sanne",
        "de Vries",
        "haarlem",
        Member.Status.ACTIVE,
        dict(job_title="Buyer", country="NL", topics=("Award criteria",)),
    ),
    (
        "applicant",
        "applicant@example.org",
        "Tomasz",
        "Nowak",
        None,
        Member.Status.PENDING,
        dict(
            job_title="IT procurement specialist",
            country="PL",
            motivation="Our university is preparing its first laptop tender with social "
            "criteria and would like to learn from members who have done it.",
            new_organisation=("University of Examplewo", OrganisationKind.UNIVERSITY, "PL"),
        ),
    ),
)


def build_members_area(run):
    from allauth.account.models import EmailAddress

    # Everyone logs in by email address (allauth): the staff account needs a confirmed one too.
    admin = run.shared.get("admin")
    if admin is not None and admin.email:
        EmailAddress.objects.update_or_create(
            user=admin, email=admin.email, defaults={"verified": True, "primary": True}
        )

    organisations = {}
    for key, (name, kind, country, website) in ORGANISATIONS.items():
        organisations[key], _created = Organisation.objects.update_or_create(
            name=name,
            defaults={"kind": kind, "country": country, "website": website, "is_confirmed": True},
        )
    yield "Organisations", f"{len(organisations)}, from the Nijmegen market engagement"

    topics = {topic.name: topic for topic in run.shared.get("topics", {}).values()}
    groups = {name: Group.objects.get(name=name) for name in (MEMBERS_GROUP, MODERATORS_GROUP)}
    counts = dict.fromkeys(Member.Status, 0)
    for role, email, first, last, organisation_key, status, profile in PEOPLE:
        profile = dict(profile)
        user, _created = get_user_model().objects.update_or_create(
            email=email,
            defaults={"username": email.split("@")[0], "first_name": first, "last_name": last},
        )
        run.demo_account(user, PASSWORD)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if organisation_key:
            organisation = organisations[organisation_key]
        else:
            name, kind, country = profile.pop("new_organisation")
            organisation, _created = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "country": country, "is_confirmed": False}
            )
        topic_names = profile.pop("topics", ())
        shared = profile.pop("shared", None)
        member, _created = Member.objects.update_or_create(
            user=user,
            defaults={
                "status": status,
                "organisation": organisation,
                "privacy_consent_at": timezone.now(),
                "decided_at": timezone.now() if status == Member.Status.ACTIVE else None,
                **profile,
            },
        )
        if shared is not None:
            member.shared_fields = [str(field) for field in shared]
            member.save(update_fields=["shared_fields"])
        member.topics.set([topics[name] for name in topic_names if name in topics])
        if status == Member.Status.ACTIVE:
            user.groups.add(groups[MEMBERS_GROUP])
        if role == "moderator":
            user.groups.add(groups[MODERATORS_GROUP])
        counts[status] += 1
        if role:
            run.add_login(role, email, PASSWORD)
    yield (
        "Members",
        f"{counts[Member.Status.ACTIVE]} members (one a moderator), "
        f"{counts[Member.Status.PENDING]} application awaiting approval",
    )


register("community", build_members_area, order=80)
