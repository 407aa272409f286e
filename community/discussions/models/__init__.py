from community.discussions.models.attachments import Attachment
from community.discussions.models.moderation import Flag, ModerationAction
from community.discussions.models.notifications import (
    Delivery,
    Follow,
    Notification,
    NotificationSetting,
)
from community.discussions.models.threads import (
    Category,
    Post,
    PostRevision,
    Thread,
    ThreadVisit,
)

__all__ = [
    "Attachment",
    "Category",
    "Delivery",
    "Flag",
    "Follow",
    "ModerationAction",
    "Notification",
    "NotificationSetting",
    "Post",
    "PostRevision",
    "Thread",
    "ThreadVisit",
]
