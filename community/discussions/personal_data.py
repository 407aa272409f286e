"""What the discussions keep about a person, for their data export."""

from community import personal_data


def discussions(user):
    from community.discussions.models import Follow, NotificationSetting, Post, Thread

    posts = Post.objects.filter(author=user).select_related("thread")
    if not posts.exists() and not Follow.objects.filter(user=user).exists():
        return None
    return {
        "threads_started": [
            {"title": t.title, "created_at": t.created_at.isoformat()}
            for t in Thread.objects.filter(author=user)
        ],
        "posts": [
            {
                "thread": post.thread.title,
                "created_at": post.created_at.isoformat(),
                "edited_at": post.edited_at.isoformat() if post.edited_at else None,
                "deleted": post.is_deleted,
                "text": post.body,
                "earlier_versions": [r.body for r in post.revisions.all()],
            }
            for post in posts
        ],
        "following": [str(follow.target) for follow in Follow.objects.filter(user=user)],
        "email_choices": {
            s.kind: s.delivery for s in NotificationSetting.objects.filter(user=user)
        },
    }


personal_data.register("discussions", discussions)
