from community.models.invitations import Invitation
from community.models.members import Member, MemberQuerySet, ProfileField
from community.models.organisations import Organisation, OrganisationKind

__all__ = [
    "Invitation",
    "Member",
    "MemberQuerySet",
    "Organisation",
    "OrganisationKind",
    "ProfileField",
]
