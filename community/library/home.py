"""The library's section of the members' home: the newest tenders the member may see."""

from community.home_sections import register
from community.permissions import visible_tenders

SHOWN = 5


def new_tenders(request):
    tenders = (
        visible_tenders(request.user)
        .filter(withdrawn_at__isnull=True)
        .select_related("main_cpv", "organisation", "buyer")
        .order_by("-created_at")[:SHOWN]
    )
    return {"new_tenders": tenders}


register("library", template="library/includes/home_section.html", context=new_tenders, order=10)
