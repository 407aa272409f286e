"""The discussions' pages. Each view declares the area's rule (``community.access``) and asks
``community.permissions`` about the object; what a member may not see is a 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community.access import members_only, public
from community.discussions import emails, follows, moderation, notifications, posting, ratelimit
from community.discussions.forms import (
    EditPostForm,
    FlagForm,
    HidePostForm,
    ModerateThreadForm,
    NotificationSettingsForm,
    ReplyForm,
    ThreadForm,
)
from community.discussions.models import (
    Attachment,
    Category,
    Delivery,
    Flag,
    Notification,
    Post,
    Thread,
    ThreadVisit,
)
from community.discussions.models.notifications import with_targets
from community.files import serve_private_file
from community.permissions import (
    can_delete_post,
    can_download_attachment,
    can_edit_post,
    can_flag_post,
    can_follow,
    can_moderate_post,
    can_moderate_thread,
    can_quote_post,
    can_reply,
    can_start_thread,
    can_view_category,
    can_view_moderation_queue,
    can_view_notification,
    can_view_thread,
)

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 20
NOTIFICATIONS_PER_PAGE = 30


# Threads


def _threads_for(user, threads):
    """Threads with the time this member last read each (``read_until``: None if never)."""
    visits = ThreadVisit.objects.filter(user=user, thread=OuterRef("pk"))
    return (
        threads.select_related("category", "author")
        .annotate(read_until=Subquery(visits.values("read_until")[:1]))
        .by_activity()
    )


def _thread_page(request, threads):
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    # Threads about something the member may not see (an organisation's tender) drop out.
    page.object_list = [t for t in page.object_list if can_view_thread(request.user, t)]
    for thread in page.object_list:
        thread.is_new = thread.read_until is None or thread.last_post_at > thread.read_until
    return page


@members_only
def index(request):
    categories = Category.objects.all()
    threads = _threads_for(request.user, Thread.objects.all())
    return render(
        request,
        "community/discussions/index.html",
        {"categories": categories, "page_obj": _thread_page(request, threads)},
    )


def _category_or_404(user, slug):
    category = get_object_or_404(Category, slug=slug)
    if not can_view_category(user, category):
        raise Http404("No such category.")
    return category


@members_only
def category(request, category_slug):
    category = _category_or_404(request.user, category_slug)
    threads = _threads_for(request.user, category.threads.all())
    return render(
        request,
        "community/discussions/category.html",
        {
            "category": category,
            "page_obj": _thread_page(request, threads),
            "is_following": follows.is_following(request.user, category),
            "can_start": can_start_thread(request.user, category),
        },
    )


def _writing_context(form):
    """The preview, when the member asked for one and the text is acceptable."""
    if form.wants_preview and form.is_valid():
        return {"preview": posting.preview(form.cleaned_data["body"])}
    return {}


@members_only
@require_http_methods(["GET", "POST"])
def new_thread(request, category_slug):
    category = _category_or_404(request.user, category_slug)
    if not can_start_thread(request.user, category):
        raise Http404("No such category.")
    form = ThreadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and not form.wants_preview and form.is_valid():
        thread = posting.start_thread(
            author=request.user,
            category=category,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            attachment=form.cleaned_data.get("attachment"),
        )
        ratelimit.record(request.user, "post")
        messages.success(request, "Your thread is started. You will hear of replies to it.")
        return redirect(thread)
    return render(
        request,
        "community/discussions/new_thread.html",
        {"category": category, "form": form, **_writing_context(form)},
    )


def _thread_or_404(user, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    if not can_view_thread(user, thread):
        raise Http404("No such thread.")
    return thread


def _page_number(posts, post):
    before = (
        posts.filter(created_at__lt=post.created_at).count()
        + posts.filter(created_at=post.created_at, pk__lt=post.pk).count()
    )
    return before // POSTS_PER_PAGE + 1


def _opening_page(request, thread, paginator, read_until):
    """The page asked for; else the one holding the post asked for (``?post=``); else the one
    holding the first post this member has not read, the last page once they have read all."""
    if "page" in request.GET:
        return request.GET.get("page")
    posts = paginator.object_list
    try:
        wanted = posts.filter(pk=int(request.GET.get("post", ""))).first()
    except ValueError:
        wanted = None
    if wanted is None and read_until is not None:
        if read_until >= thread.last_post_at:
            # Everything read, as on most visits: the last page, counted once for the
            # paginator rather than found post by post.
            return paginator.num_pages
        wanted = posts.filter(created_at__gt=read_until).first() or posts.last()
    return _page_number(posts, wanted) if wanted else 1


@members_only
def thread(request, thread_id):
    thread = _thread_or_404(request.user, thread_id)
    # A file's extracted text is for the search, not the page.
    files = Prefetch("attachments", queryset=Attachment.objects.defer("extracted_text"))
    posts = thread.posts.select_related(
        "author", "quoted", "quoted__author", "author__member"
    ).prefetch_related(files)
    read_until = posting.read_until(request.user, thread)
    paginator = Paginator(posts, POSTS_PER_PAGE)
    page = paginator.get_page(_opening_page(request, thread, paginator, read_until))
    page.object_list = list(page.object_list)
    first_unread = None
    for post in page.object_list:
        post.is_new = read_until is None or post.created_at > read_until
        if post.is_new and first_unread is None and read_until is not None:
            first_unread = post
    # The read position was read above: written only when this page moves it on.
    if page.object_list and (read_until is None or page.object_list[-1].created_at > read_until):
        posting.mark_read(request.user, thread, page.object_list[-1].created_at)
    form = ReplyForm(user=request.user) if can_reply(request.user, thread) else None
    return render(
        request,
        "community/discussions/thread.html",
        {
            "thread": thread,
            "page_obj": page,
            "first_unread": first_unread,
            "form": form,
            "is_following": follows.is_following(request.user, thread),
            "can_moderate": can_moderate_thread(request.user, thread),
        },
    )


def _quotable(user, thread, pk):
    """The post to quote, if this member may quote it in this thread; otherwise nothing, so a
    quote never reveals a post its writer could not see."""
    if not pk:
        return None
    post = Post.objects.filter(pk=pk, thread=thread).select_related("thread", "author").first()
    return post if post is not None and can_quote_post(user, post) else None


@members_only
@require_http_methods(["GET", "POST"])
def reply(request, thread_id):
    thread = _thread_or_404(request.user, thread_id)
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES, user=request.user)
    else:
        form = ReplyForm(initial={"quote": request.GET.get("quote")}, user=request.user)
    quote_pk = (form.data.get("quote") if form.is_bound else request.GET.get("quote")) or ""
    quoted = _quotable(request.user, thread, quote_pk if str(quote_pk).isdigit() else None)
    if not can_reply(request.user, thread):
        # Said plainly, and whatever was typed is still in the box to copy.
        form.is_valid()
        form.add_error(None, _why_no_replies(thread))
    elif request.method == "POST" and not form.wants_preview and form.is_valid():
        post = posting.reply(
            author=request.user,
            thread=thread,
            body=form.cleaned_data["body"],
            quoted=quoted,
            attachment=form.cleaned_data.get("attachment"),
        )
        ratelimit.record(request.user, "post")
        messages.success(request, "Your reply is posted.")
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/reply.html",
        {"thread": thread, "form": form, "quoted": quoted, **_writing_context(form)},
    )


def _why_no_replies(thread):
    if thread.is_locked:
        return "This thread is locked by a moderator: it takes no new replies."
    return "This thread is closed: it takes no new replies. Start a new thread to go on."


def _post_or_404(user, pk):
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    if not can_view_thread(user, post.thread):
        raise Http404("No such post.")
    return post


@members_only
@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_edit_post(request.user, post):
        raise Http404("No post of yours to edit.")
    form = EditPostForm(request.POST or None, initial={"body": post.body}, user=request.user)
    if request.method == "POST" and not form.wants_preview and form.is_valid():
        posting.edit(post, body=form.cleaned_data["body"])
        messages.success(request, "Your post is saved.")
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/edit_post.html",
        {"post": post, "form": form, **_writing_context(form)},
    )


@members_only
@require_http_methods(["GET", "POST"])
def delete_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_delete_post(request.user, post):
        raise Http404("No post of yours to delete.")
    if request.method == "POST":
        posting.delete(post)
        messages.success(request, "Your post is deleted. Replies to it stay.")
        return redirect(post.get_absolute_url())
    return render(request, "community/discussions/delete_post.html", {"post": post})


@members_only
@require_http_methods(["GET", "POST"])
def flag_post(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_flag_post(request.user, post):
        raise Http404("No such post.")
    form = FlagForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        moderation.flag_post(
            post,
            by=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        ratelimit.record(request.user, "flag")
        messages.success(request, "Thank you: the moderators will look at this post.")
        return redirect(post.get_absolute_url())
    return render(request, "community/discussions/flag_post.html", {"post": post, "form": form})


# Follows


def _toggle_follow(request, target):
    if not can_follow(request.user, target):
        raise Http404("Nothing to follow.")
    if request.POST.get("follow") == "off":
        follows.unfollow(request.user, target)
        messages.success(request, f"You no longer follow “{target}”.")
    else:
        follows.follow(request.user, target)
        messages.success(request, f"You follow “{target}”: you will hear of what is new.")
    return redirect(target)


@members_only
@require_POST
def follow_thread(request, thread_id):
    return _toggle_follow(request, _thread_or_404(request.user, thread_id))


@members_only
@require_POST
def follow_category(request, category_slug):
    return _toggle_follow(request, _category_or_404(request.user, category_slug))


# Moderation


@members_only
def moderation_queue(request):
    if not can_view_moderation_queue(request.user):
        raise Http404("No such page.")
    flags = Flag.objects.open().select_related("post__thread", "post__author", "flagged_by")
    page = Paginator(flags, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/discussions/moderation_queue.html", {"page_obj": page})


@members_only
@require_http_methods(["GET", "POST"])
def moderate_post(request, post_id):
    """Hide a post with a reason, show it again, or keep it and close its flags."""
    post = _post_or_404(request.user, post_id)
    if not can_moderate_post(request.user, post):
        raise Http404("No such post.")
    form = HidePostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        decision = request.POST.get("decision")
        if decision == "keep":
            moderation.keep_post(post, moderator=request.user, reason=reason)
            messages.success(request, "The post stays; its flags are closed.")
        elif post.is_hidden:
            moderation.unhide_post(post, moderator=request.user, reason=reason)
            messages.success(request, "The post is shown again.")
        else:
            moderation.hide_post(post, moderator=request.user, reason=reason)
            messages.success(request, "The post is hidden; its author is told why.")
        return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/moderate_post.html",
        {"post": post, "form": form, "open_flags": post.flags.open().select_related("flagged_by")},
    )


@members_only
def post_history(request, post_id):
    post = _post_or_404(request.user, post_id)
    if not can_moderate_post(request.user, post):
        raise Http404("No such post.")
    return render(
        request,
        "community/discussions/post_history.html",
        {"post": post, "revisions": post.revisions.all()},
    )


@members_only
@require_http_methods(["GET", "POST"])
def moderate_thread(request, thread_id):
    thread = _thread_or_404(request.user, thread_id)
    if not can_moderate_thread(request.user, thread):
        raise Http404("No such thread.")
    form = ModerateThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = moderation.change_thread(
            thread,
            form.cleaned_data["action"],
            moderator=request.user,
            reason=form.cleaned_data["reason"],
            category=form.cleaned_data["category"],
        )
        messages.success(request, f"{action.get_kind_display()}. The log keeps why.")
        return redirect(thread)
    return render(
        request, "community/discussions/moderate_thread.html", {"thread": thread, "form": form}
    )


# Notifications


def _visible_notifications(user, notifications_):
    return [n for n in with_targets(notifications_) if can_view_notification(user, n)]


@members_only
def notification_list(request):
    everything = Notification.objects.filter(recipient=request.user).select_related("actor")
    page = Paginator(everything, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _visible_notifications(request.user, page.object_list)
    for item in page.object_list:
        item.text = notifications.describe(item)
    return render(
        request,
        "community/discussions/notifications.html",
        # The header's unread count, checked again here rather than read from the cache.
        {"page_obj": page, "unread_checked_afresh": True},
    )


@members_only
@require_POST
def mark_notifications_read(request):
    Notification.objects.filter(recipient=request.user).unread().update(read_at=timezone.now())
    messages.success(request, "All your notifications are marked as read.")
    return redirect("community:discussions:notifications")


@members_only
def open_notification(request, notification_id):
    """Mark it read and go to what it is about."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    if not can_view_notification(request.user, notification):
        raise Http404("No such notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.target.get_absolute_url())


@members_only
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your email choices are saved.")
        return redirect("community:discussions:notification_settings")
    return render(request, "community/discussions/notification_settings.html", {"form": form})


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, unsubscribe_token):
    """The link in every notification email. A POST turns those emails off at once (mail
    programs send it for a one-click unsubscribe, without a session or a CSRF token); a GET
    only asks, because link checkers in mail systems follow every link."""
    found = emails.read_unsubscribe_token(unsubscribe_token)
    if found is None:
        return render(
            request, "community/discussions/unsubscribe.html", {"invalid": True}, status=404
        )
    user_pk, kinds = found
    chosen = [kind for kind in notifications.kinds() if kind.key in kinds]
    labels = [kind.label for kind in chosen]
    if request.method == "POST":
        user = get_user_model().objects.filter(pk=user_pk).first()
        if user is not None:
            for kind in chosen:
                notifications.choose_delivery(user, kind.key, Delivery.NEVER)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("You will no longer get these emails.", content_type="text/plain")
        return render(
            request, "community/discussions/unsubscribe.html", {"done": True, "labels": labels}
        )
    return render(
        request,
        "community/discussions/unsubscribe.html",
        {"labels": labels, "token": unsubscribe_token},
    )


@members_only
def download_attachment(request, attachment_id):
    """A post's file goes to whoever may see the post: never for a hidden or deleted one."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("post__thread"), pk=attachment_id
    )
    if not can_download_attachment(request.user, attachment):
        raise Http404("No such file.")
    return serve_private_file(
        attachment.file, download_name=attachment.filename, as_attachment=True
    )
