from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton, ListingButton

from community import admin_views, membership
from community.models import Invitation, Member, Organisation
from community.permissions import can_manage_memberships


class MemberIndexView(admin_views.ExistingViewsIndexView):
    # People join by applying or by invitation, never by staff typing them in: no "add".
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if can_manage_memberships(self.request.user):
            label = "Approve or reject" if instance.status == Member.Status.PENDING else "Decide"
            buttons.insert(
                0,
                ListingButton(
                    label,
                    url=reverse("community_member:decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                ),
            )
        return buttons


class MemberEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = [
            button for button in super().header_more_buttons if button.url != self.get_delete_url()
        ]
        if can_manage_memberships(self.request.user):
            pk = self.object.pk
            buttons += [
                HeaderButton(
                    "Approve, reject or end",
                    url=reverse("community_member:decide", args=[pk]),
                    icon_name="tick",
                ),
                HeaderButton(
                    "Export their data (JSON)",
                    url=reverse("community_member:export", args=[pk]),
                    icon_name="download",
                ),
                HeaderButton(
                    "Delete their account",
                    url=reverse("community_member:delete_account", args=[pk]),
                    icon_name="bin",
                ),
            ]
        return buttons


class MemberViewSet(ModelViewSet):
    model = Member
    menu_label = "Applications and members"
    icon = "group"
    url_prefix = "community/members"
    name = "community_member"
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    list_display = [
        "name",
        "email",
        "organisation",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("applied_at", label="Applied"),
    ]
    list_filter = ["status", "organisation__kind"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]
    ordering = ["-applied_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add"}] + [
            path("decide/<int:pk>/", admin_views.decide, name="decide"),
            path("export/<int:pk>/", admin_views.export_data, name="export"),
            path("delete-account/<int:pk>/", admin_views.delete_account, name="delete_account"),
        ]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    menu_label = "Organisations"
    icon = "site"
    url_prefix = "community/organisations"
    name = "community_organisation"
    list_display = ["name", "kind", "country", "is_confirmed"]
    list_filter = ["kind", "is_confirmed"]
    search_fields = ["name"]
    copy_view_enabled = False


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return membership.invite(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
            message=data["message"],
            by=self.request.user,
        )

    def get_success_message(self, instance):
        return f"Invitation sent to {instance.email}. The link works until " + (
            f"{instance.expires_at:%d %B %Y}."
        )


class InvitationViewSet(ModelViewSet):
    model = Invitation
    menu_label = "Invitations"
    icon = "mail"
    url_prefix = "community/invitations"
    name = "community_invitation"
    add_view_class = InvitationCreateView
    add_to_admin_menu = False
    form_fields = ["email", "first_name", "last_name", "organisation", "message"]
    list_display = [
        "email",
        Column("state", label="State"),
        DateColumn("created_at", label="Sent"),
        DateColumn("expires_at", label="Expires"),
    ]
    search_fields = ["email", "first_name", "last_name"]
    copy_view_enabled = False
    add_item_label = "Invite someone"


class MembershipGroup(ModelViewSetGroup):
    menu_label = "Membership"
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, OrganisationViewSet, InvitationViewSet)


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return MembershipGroup()


class PendingApplicationsPanel(Component):
    order = 50
    template_name = "community/admin/pending_applications_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        pending = Member.objects.pending().select_related("user", "organisation")
        return {
            "pending": pending.order_by("applied_at")[:5],
            "count": pending.count(),
            "index_url": reverse("community_member:index") + "?status=pending",
        }


@hooks.register("construct_homepage_panels")
def add_pending_applications_panel(request, panels):
    if can_manage_memberships(request.user):
        panels.append(PendingApplicationsPanel(request.user))
