#!/usr/bin/env python
"""How much work each kind of page costs the server: SQL queries and CPU per request.

Every request goes through the whole Django stack in this process (middleware, URL routing,
Wagtail's serving, templates), with DEBUG off, so the numbers are those of one server worker
without the network: each public page as an anonymous visitor, then the members' pages as a
member (member@example.org of the demo content, logged in with ``Client.force_login``). The
page cache is off: every page is rendered. What the site keeps outside pages stays warm, as on
a server that has been running (Wagtail's renditions and site root paths in the cache, compiled
templates); set REDIS_URL to keep them in Redis as production does. Run it against a database
holding the demo content, e.g.

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo_content
    .venv/bin/python manage.py search_index --rebuild
    .venv/bin/python scripts/bench_pages.py --requests 200 --rounds 3

It prints two tables: page, status, SQL queries, CPU milliseconds per request (mean, median and
95th percentile) and the target the page kind is held to. The first is the public pages as a
visitor; the second the members' pages as the member, held to 1.5 times the mean of the
costliest public detail page of the same run (the issue's "members' pages within 1.5x the
server CPU of the public detail pages"). With several rounds each page shows its quietest round
(the lowest median): on a shared machine other processes only ever add.

As in scripts/bench_load.py, production settings refuse the demo's accounts (their passwords
are public): the member is taken out of the demo-accounts group in the database measured, so
that their requests read what a real member's read.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
# Measured as a server runs: no debug toolbar of queries kept in memory, no technical pages.
os.environ.setdefault("DEBUG", "false")
# Every page rendered, not served from the page cache (home/caching.py).
os.environ["PAGE_CACHE_SECONDS"] = "0"

# CPU milliseconds per request each kind of page may spend: half of what a comparable Wagtail
# demo site spends on the same machine for its home page, listings and articles.
TARGETS = {"home": 21, "listing": 14, "detail": 11}
# A member's page may cost this many times the costliest public detail page of the same run.
MEMBER_FACTOR = 1.5
MEMBER_EMAIL = "member@example.org"


def pages():
    """(name, kind, path) of one page of each public kind, found in the demo content."""
    from taggit.models import Tag
    from wagtail.models import Site

    from home.models import StandardPage
    from resources.models import (
        EventIndexPage,
        EventPage,
        NewsIndexPage,
        NewsPage,
        ResourceIndexPage,
        ResourcePage,
    )

    site = Site.objects.get(is_default_site=True)

    def url(page):
        return page.relative_url(site) if page else None

    def first(model, **filters):
        return model.objects.live().public().filter(**filters).order_by("path").first()

    news_index = first(NewsIndexPage)
    event_index = first(EventIndexPage)
    nijmegen = first(EventPage, slug__contains="nijmegen") or first(EventPage)
    # The page with the most to show of its kind: related pages, documents, a source event.
    news_page = NewsPage.objects.live().public().filter(
        related_links__isnull=False
    ).first() or first(NewsPage)
    resource_page = ResourcePage.objects.live().public().filter(
        source_event__isnull=False, documents__isnull=False
    ).first() or first(ResourcePage)
    tag = Tag.objects.order_by("name").first()
    rows = [
        ("home", "home", "/"),
        ("news index", "listing", url(news_index)),
        ("news page", "detail", url(news_page)),
        ("event index", "listing", url(event_index)),
        ("event page (Nijmegen)", "detail", url(nijmegen)),
        ("resource index", "listing", url(first(ResourceIndexPage))),
        ("resource index, filtered", "listing", _filtered(url(first(ResourceIndexPage)))),
        ("resource page", "detail", url(resource_page)),
        ("standard page", "detail", url(first(StandardPage))),
        ("tag index", "listing", "/tags/"),
        ("tag page", "listing", f"/tags/{tag.slug}/" if tag else None),
        ("news RSS feed", "listing", _sub(url(news_index), "feed/")),
        ("news Atom feed", "listing", _sub(url(news_index), "feed/atom/")),
        ("events calendar (.ics)", "listing", _sub(url(event_index), "calendar/")),
        ("event calendar (.ics)", "detail", _sub(url(nijmegen), "calendar/")),
        ("sitemap", "listing", "/sitemap.xml"),
        ("search", "listing", "/search/?q=procurement"),
    ]
    return [row for row in rows if row[2]]


def member_pages(client):
    """(name, path) of the pages measured as the member: public pages of each detail kind and
    the members' area's tender library, a tender and a thread (the first each member can open)."""
    from django.urls import reverse
    from wagtail.models import Site

    from community.discussions.models import Thread
    from community.library.models import Tender
    from resources.models import EventPage, NewsPage, ResourcePage

    site = Site.objects.get(is_default_site=True)

    def first(model, **filters):
        page = model.objects.live().public().filter(**filters).order_by("path").first()
        return page.relative_url(site) if page else None

    def first_openable(model, url_name):
        for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:50]:
            path = reverse(url_name, args=[pk])
            if client.get(path).status_code == 200:
                return path
        return None

    rows = [
        ("news page", first(NewsPage)),
        ("event page (Nijmegen)", first(EventPage, slug__contains="nijmegen") or first(EventPage)),
        ("resource page", first(ResourcePage)),
        ("tender library", reverse("community:library:library")),
        ("tender", first_openable(Tender, "community:library:tender")),
        ("thread", first_openable(Thread, "community:discussions:thread")),
    ]
    return [row for row in rows if row[1]]


def member_client():
    """A client logged in as the demo's member, or None without one."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from home.demo import DEMO_ACCOUNTS_GROUP

    member = get_user_model().objects.filter(email=MEMBER_EMAIL).first()
    if member is None:
        return None
    member.groups.remove(*member.groups.filter(name=DEMO_ACCOUNTS_GROUP))
    client = Client()
    client.force_login(member)
    return client


def _sub(base, tail):
    return base + tail if base else None


def _filtered(base):
    return f"{base}?kind=presentation" if base else None


def measure(client, path, requests, warmup, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Read now: the captured list is a view of the connection's log, which the next request
    # clears.
    count = len(queries)
    quietest = None
    for _ in range(rounds):
        times = []
        for _ in range(requests):
            start = time.process_time()
            client.get(path)
            times.append((time.process_time() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        result = (statistics.median(times), statistics.mean(times), p95)
        quietest = min(quietest or result, result)
    median, mean, p95 = quietest
    return response.status_code, count, mean, median, p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument(
        "--rounds", type=int, default=1, help="timed rounds per page; the quietest is shown"
    )
    parser.add_argument("--only", help="measure only pages whose name contains this")
    parser.add_argument(
        "--show-queries", action="store_true", help="print each page's SQL after the tables"
    )
    parser.add_argument(
        "--no-members", action="store_true", help="measure the public pages as a visitor only"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = [row for row in pages() if not args.only or args.only in row[0]]
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"Database: {database}; cache: {cache}; {args.requests} requests x {args.rounds} rounds")
    header = (
        f"{'page':<28} {'status':>6} {'queries':>7} {'CPU ms mean':>11} {'median':>7} "
        f"{'p95':>7} {'target':>7}"
    )
    print(header)
    print("-" * len(header))
    over, means = [], []
    for name, kind, path in rows:
        status, queries, mean, median, p95 = measure(
            client, path, args.requests, args.warmup, args.rounds
        )
        means.append(mean)
        target = TARGETS[kind]
        flag = "" if mean <= target and queries <= 12 else "  over"
        if flag:
            over.append(name)
        print(
            f"{name:<28} {status:>6} {queries:>7} {mean:>11.1f} {median:>7.1f} {p95:>7.1f} "
            f"{target:>7}{flag}"
        )
    print(f"\n{len(rows) - len(over)} of {len(rows)} pages within target (CPU and ≤ 12 queries).")
    shown = [(name, path, client) for name, _kind, path in rows]

    member = None if args.no_members else member_client()
    if member is not None:
        # The costliest public detail page of this run, whichever of them was measured.
        detail = max(
            (
                mean
                for (name, kind, _path), mean in zip(rows, means, strict=True)
                if kind == "detail"
            ),
            default=None,
        )
        if detail is None:
            detail = max(
                measure(client, path, args.requests, args.warmup, args.rounds)[2]
                for _name, kind, path in pages()
                if kind == "detail"
            )
        target = MEMBER_FACTOR * detail
        wanted = [
            (name, path)
            for name, path in member_pages(member)
            if not args.only or args.only in name
        ]
        print(
            f"\nAs a member; target {MEMBER_FACTOR}x the costliest public detail page "
            f"({detail:.1f} ms)"
        )
        print(header)
        print("-" * len(header))
        over = []
        for name, path in wanted:
            status, queries, mean, median, p95 = measure(
                member, path, args.requests, args.warmup, args.rounds
            )
            flag = "" if mean <= target else "  over"
            if flag:
                over.append(name)
            print(
                f"{name:<28} {status:>6} {queries:>7} {mean:>11.1f} {median:>7.1f} {p95:>7.1f} "
                f"{target:>7.1f}{flag}"
            )
        print(f"\n{len(wanted) - len(over)} of {len(wanted)} members' pages within target (CPU).")
        shown += [(f"{name}, as a member", path, member) for name, path in wanted]

    if args.show_queries:
        for name, path, asker in shown:
            with CaptureQueriesContext(connection) as queries:
                asker.get(path)
            captured = list(queries.captured_queries)
            print(f"\n## {name} ({path}): {len(captured)} queries")
            for query in captured:
                print("  ", query["sql"][:300])


if __name__ == "__main__":
    main()
