from django import forms
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from community.admin_views import ExistingViewsIndexView, LeavesOutViews
from community.discussions import posting
from community.discussions.models import Category, Flag, ModerationAction, Post, Thread
from community.permissions import can_moderate, is_staff


class CategoryViewSet(ModelViewSet):
    model = Category
    menu_label = "Categories"
    icon = "folder-open-inverse"
    url_prefix = "discussions/categories"
    name = "discussions_category"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    copy_view_enabled = False


class ThreadCreateForm(WagtailAdminModelForm):
    """Staff open a thread, for instance a "continue the conversation" thread for an event."""

    subject_page = forms.ModelChoiceField(
        queryset=Page.objects.all(),
        required=False,
        widget=AdminPageChooser(),
        label="Page it continues",
        help_text="Optional: the event (or other page) the conversation follows up. A page "
        "has at most one thread.",
    )
    body = forms.CharField(
        widget=forms.Textarea,
        label="First post",
        help_text="Markdown. It opens the thread, under your name.",
    )

    class Meta:
        model = Thread
        fields = ["title", "category", "is_pinned"]

    def clean_subject_page(self):
        page = self.cleaned_data.get("subject_page")
        if page is not None:
            page = page.specific
            if posting.thread_about(page) is not None:
                raise forms.ValidationError("That page already has a thread.")
        return page


class ThreadCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        thread = posting.start_thread(
            author=self.request.user,
            category=data["category"],
            title=data["title"],
            body=data["body"],
            subject=data.get("subject_page"),
        )
        if data.get("is_pinned"):
            Thread.objects.filter(pk=thread.pk).update(is_pinned=True)
        return thread


class ThreadViewSet(ModelViewSet):
    model = Thread
    menu_label = "Threads"
    icon = "comment"
    url_prefix = "discussions/threads"
    name = "discussions_thread"
    add_view_class = ThreadCreateView
    list_display = [
        "title",
        "category",
        Column("post_count", label="Posts"),
        DateColumn("last_post_at", label="Last post"),
        "is_locked",
    ]
    list_filter = ["category", "is_pinned", "is_locked", "is_closed"]
    search_fields = ["title"]
    copy_view_enabled = False
    add_item_label = "Start a thread"

    def get_form_class(self, for_update=False):
        if not for_update:
            return ThreadCreateForm
        return super().get_form_class(for_update)


class PostViewSet(LeavesOutViews, ModelViewSet):
    index_view_class = ExistingViewsIndexView
    model = Post
    menu_label = "Posts"
    icon = "openquote"
    url_prefix = "discussions/posts"
    name = "discussions_post"
    add_to_admin_menu = False
    list_display = [
        Column("summary", label="Post", accessor="__str__"),
        Column("author_name", label="By"),
        DateColumn("created_at", label="Written"),
        DateColumn("hidden_at", label="Hidden"),
    ]
    list_filter = ["thread__category"]
    search_fields = ["body"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["thread", "author", "body", "created_at", "edited_at", "hidden_reason"]
    # Members write posts on the site; the admin reads them and moderators act on the site.
    add_view_enabled = False
    left_out = ("add", "edit")


class FlagViewSet(LeavesOutViews, ModelViewSet):
    index_view_class = ExistingViewsIndexView
    model = Flag
    menu_label = "Flags"
    icon = "warning"
    url_prefix = "discussions/flags"
    name = "discussions_flag"
    list_display = [
        Column("reason", label="Reason", accessor="get_reason_display"),
        Column("post", label="Post"),
        DateColumn("created_at", label="Reported"),
        DateColumn("resolved_at", label="Resolved"),
    ]
    list_filter = ["reason", "outcome"]
    copy_view_enabled = False
    inspect_view_enabled = True
    left_out = ("add", "edit")


class ModerationLogViewSet(LeavesOutViews, ModelViewSet):
    index_view_class = ExistingViewsIndexView
    model = ModerationAction
    menu_label = "Moderation log"
    icon = "history"
    url_prefix = "discussions/moderation-log"
    name = "discussions_moderation_log"
    list_display = [
        DateColumn("created_at", label="When"),
        Column("moderator", label="Who"),
        Column("kind", label="What", accessor="get_kind_display"),
        "summary",
        "reason",
    ]
    list_filter = ["kind"]
    search_fields = ["summary", "reason"]
    # Never offered (no add or edit view); ModelViewSet wants fields all the same.
    form_fields = ["reason"]
    copy_view_enabled = False
    inspect_view_enabled = True
    # The log is a record: read, never written or changed by hand.
    left_out = ("add", "edit", "delete")


class DiscussionsGroup(ModelViewSetGroup):
    menu_label = "Discussions"
    menu_icon = "comment"
    menu_order = 260
    items = (CategoryViewSet, ThreadViewSet, PostViewSet, FlagViewSet, ModerationLogViewSet)


@hooks.register("register_admin_viewset")
def register_discussions_viewsets():
    return DiscussionsGroup()


class OpenFlagsPanel(Component):
    order = 60
    template_name = "community/discussions/admin/open_flags_panel.html"

    def get_context_data(self, parent_context=None):
        flags = Flag.objects.open().select_related("post__thread")
        return {
            "flags": flags[:5],
            "count": flags.count(),
            "queue_url": reverse("community:discussions:moderation_queue"),
            "index_url": reverse("discussions_flag:index"),
        }


@hooks.register("construct_homepage_panels")
def add_open_flags_panel(request, panels):
    if is_staff(request.user) or can_moderate(request.user):
        panels.append(OpenFlagsPanel())
