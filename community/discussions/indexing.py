"""Threads and posts in the site search, for those who may read them.

Who may see a thread or a post is ``community.permissions.thread_audiences`` and
``post_audiences``: the same rules as the discussion pages, in the one module that holds them.
A post is found by its own words and its attachments' text; a thread by its title.
"""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from community.discussions.models import Attachment, Post, Thread
from community.permissions import post_audiences, thread_audiences
from search.pages import clean_text
from search.registry import ContentSource, SearchDocument, indexed, register, related

POST_TITLE_WORDS = 12


class ThreadSource(ContentSource):
    def get_indexable_objects(self):
        return self.model.objects.select_related("category", "subject_type")

    def audiences(self, thread):
        return thread_audiences(thread)

    def to_document(self, thread):
        return SearchDocument(
            object_id=str(thread.pk),
            title=thread.title,
            url=thread.get_absolute_url(),
            introduction=thread.category.name,
            date=timezone.localdate(thread.created_at),
        )


class PostSource(ContentSource):
    def get_indexable_objects(self):
        return self.model.objects.select_related("thread", "thread__subject_type").prefetch_related(
            indexed("attachments")
        )

    def audiences(self, post):
        return post_audiences(post)

    def to_document(self, post):
        text = clean_text(strip_tags(post.body_html) or post.body)
        attachments = " ".join(
            f"{attachment.filename} {attachment.extracted_text}"
            for attachment in related(post, "attachments")
        )
        return SearchDocument(
            object_id=str(post.pk),
            # Its own first words, not the thread's title: a thread's words should find the
            # thread once, not each of its replies.
            title=Truncator(text).words(POST_TITLE_WORDS, truncate="…") or str(post.thread),
            url=post.get_absolute_url(),
            body=clean_text(f"{text} {attachments}"),
            date=timezone.localdate(post.created_at),
        )


threads = register(ThreadSource(Thread, label="Thread"))
posts = register(
    PostSource(
        Post,
        label="Post",
        refresh_on={
            # Moving or re-subjecting a thread changes who may read its posts.
            Thread: lambda thread: thread.posts.all(),
            Attachment: lambda attachment: Post.objects.filter(pk=attachment.post_id),
        },
    )
)
