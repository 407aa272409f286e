"""The discussions' section of the members' home: the latest active threads they may see."""

from community.discussions.models import Thread
from community.discussions.views import _threads_for
from community.home_sections import register
from community.permissions import can_view_thread

SHOWN = 5


def active_threads(request):
    candidates = _threads_for(request.user, Thread.objects.all())[: SHOWN * 4]
    threads = [thread for thread in candidates if can_view_thread(request.user, thread)][:SHOWN]
    for thread in threads:
        thread.is_new = thread.read_until is None or thread.last_post_at > thread.read_until
    return {"active_threads": threads}


register(
    "discussions",
    template="community/discussions/includes/home_section.html",
    context=active_threads,
    order=20,
)
