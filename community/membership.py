"""What happens to a membership: applying, decisions, invitations, leaving.

Each step changes the state and the member's role together and tells the person, so that the
state shown in the admin, the access rules and the emails never disagree.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community import emails
from community.models import Invitation, Member

MEMBERS_GROUP = "Members"
MODERATORS_GROUP = "Members area moderators"


def members_group():
    return Group.objects.get(name=MEMBERS_GROUP)


def _decide(member, status, by, message, email):
    """Record the decision and, once it is committed, tell the person with ``email``."""
    member.status = status
    member.decided_at = timezone.now()
    member.decided_by = by
    member.decision_message = message or ""
    member.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    if status != Member.Status.ACTIVE:
        member.user.groups.remove(*Group.objects.filter(name__in=[MEMBERS_GROUP, MODERATORS_GROUP]))
    context = {"member": member, "message": message}
    transaction.on_commit(lambda: emails.send(email, member.email, context))


@transaction.atomic
def approve(member, *, by=None, message=""):
    _decide(member, Member.Status.ACTIVE, by, message, "application_approved")
    member.user.groups.add(members_group())
    organisation = member.organisation
    if not organisation.is_confirmed:
        organisation.is_confirmed = True
        organisation.save(update_fields=["is_confirmed"])


@transaction.atomic
def reject(member, *, by=None, message=""):
    _decide(member, Member.Status.REJECTED, by, message, "application_rejected")


@transaction.atomic
def lapse(member, *, by=None, message=""):
    """End a membership (the organisation left, the person moved on)."""
    _decide(member, Member.Status.LAPSED, by, message, "membership_lapsed")


def invite(*, email, by, first_name="", last_name="", organisation=None, message=""):
    invitation = Invitation(
        email=email,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        message=message,
        invited_by=by,
    )
    token = invitation.new_token()
    invitation.save()
    # Kept on the object for the caller (the email, a test), never in the database.
    invitation.token = token
    url = emails.absolute_url(reverse("community:accept_invitation", args=[token]))
    transaction.on_commit(
        lambda: emails.send(
            "invitation", email, {"invitation": invitation, "url": url, "inviter": by}
        )
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation, *, user_data, member_data, password):
    """Create the invitee's account as an approved member with a confirmed address."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User(email=invitation.email, username=_unique_username(invitation.email), **user_data)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    member = Member.objects.create(
        user=user,
        status=Member.Status.ACTIVE,
        decided_at=timezone.now(),
        decided_by=invitation.invited_by,
        privacy_consent_at=timezone.now(),
        **member_data,
    )
    user.groups.add(members_group())
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


def _unique_username(email):
    # People log in by email; the username Django requires is derived and never shown.
    from allauth.utils import generate_unique_username

    return generate_unique_username([email.split("@")[0], "member"])


@transaction.atomic
def delete_account(user):
    """Remove the person and everything that is theirs alone.

    What they wrote in shared places (threads, tenders) is kept by the apps that own it and
    shown as from a former member: their foreign keys to the user are ``SET_NULL``.
    """
    member = Member.objects.filter(user=user).first()
    photo = member.photo if member and member.photo else None
    organisation = member.organisation if member else None
    user.delete()
    if photo:
        transaction.on_commit(lambda: photo.storage.delete(photo.name))
    if organisation and not organisation.is_confirmed and not organisation.members.exists():
        organisation.delete()
