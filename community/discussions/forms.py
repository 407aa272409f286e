from django import forms
from django.conf import settings

from community.discussions import notifications, ratelimit
from community.discussions.models import Category, Delivery, Flag
from community.uploads import ALLOWED_TEXT, check_upload

PREVIEW = "preview"


def _max_length_message():
    return (
        f"Posts can be at most {settings.DISCUSSIONS_POST_MAX_LENGTH:,} characters long. "
        "Please shorten it, or split it into several posts."
    )


class PostBodyField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 10})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your message")
        kwargs.setdefault(
            "help_text",
            "Markdown works: **bold**, *italic*, [a link](https://example.org), lists, and "
            "`@handle` to mention a member (their handle is shown next to their posts).",
        )
        super().__init__(strip=True, **kwargs)

    def clean(self, value):
        # A message, not Django's count of characters, and no silent cut: the text comes back.
        if value and len(value) > settings.DISCUSSIONS_POST_MAX_LENGTH:
            raise forms.ValidationError(_max_length_message())
        return super().clean(value)


class WritingForm(forms.Form):
    """A form that posts: refused over the rate limit, keeping what was typed."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    @property
    def wants_preview(self):
        return self.is_bound and self.data.get("action") == PREVIEW

    def clean(self):
        cleaned = super().clean()
        if not self.wants_preview and not ratelimit.allows(self.user, "post"):
            raise forms.ValidationError(ratelimit.wait_message("post"))
        return cleaned


class AttachmentMixin(forms.Form):
    attachment = forms.FileField(
        required=False,
        help_text=f"{ALLOWED_TEXT}; only members who may see the thread can download it.",
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return upload, check_upload(upload)


class ThreadForm(AttachmentMixin, WritingForm):
    title = forms.CharField(
        max_length=200,
        help_text="A question or a subject other members recognise at a glance.",
    )
    body = PostBodyField()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Give the thread a title.")
        return title


class ReplyForm(AttachmentMixin, WritingForm):
    body = PostBodyField(label="Your reply")
    # The post being quoted; the view checks it may be quoted by this member.
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditPostForm(WritingForm):
    body = PostBodyField()

    def clean(self):
        # Edits are not new posts: they do not count against the limit.
        return forms.Form.clean(self)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[(v, label) for v, label in Flag.Reason.choices if v != Flag.Reason.HELD],
        widget=forms.RadioSelect,
        label="What is wrong with it?",
    )
    note = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything the moderators should know",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not ratelimit.allows(self.user, "flag"):
            raise forms.ValidationError(ratelimit.wait_message("flag"))
        return cleaned


class HidePostForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        label="Why it is hidden",
        help_text="Shown in the post's place to every member, and sent to its author.",
    )


class ModerateThreadForm(forms.Form):
    class Action:
        choices = [
            ("pin", "Pin it to the top of its category"),
            ("unpin", "Unpin it"),
            ("lock", "Lock it: no more replies"),
            ("unlock", "Unlock it"),
            ("close", "Close it: the conversation is finished"),
            ("reopen", "Reopen it"),
            ("move", "Move it to another category"),
        ]

    action = forms.ChoiceField(choices=Action.choices, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        required=False,
        label="Move to",
        help_text="Only for moving the thread.",
    )
    reason = forms.CharField(
        max_length=500,
        label="Why",
        help_text="Kept in the moderation log with your name.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "move" and not cleaned.get("category"):
            self.add_error("category", "Choose the category to move the thread to.")
        return cleaned


class NotificationSettingsForm(forms.Form):
    """One choice of email delivery for each kind of notification."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for kind in notifications.kinds():
            self.fields[kind.key] = forms.ChoiceField(
                choices=Delivery.choices,
                label=kind.label,
                initial=notifications.delivery_for(user, kind.key),
                widget=forms.RadioSelect,
            )

    def save(self):
        for key, delivery in self.cleaned_data.items():
            notifications.choose_delivery(self.user, key, delivery)
