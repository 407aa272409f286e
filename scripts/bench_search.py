"""Search benchmark: build a corpus of N items, then time indexing, a rebuild and searches.

    .venv/bin/python scripts/bench_search.py --items 10000
    .venv/bin/python scripts/bench_search.py --items 100000 --engines database,elasticsearch
    .venv/bin/python scripts/bench_search.py --items 100000 --reuse --searches-only

The corpus goes into a database of its own (``--database``, default: the ``srpp_bench``
database on the server of DATABASE_URL, or a SQLite file in /tmp when DATABASE_URL is unset),
which is emptied first: never point it at a database you want to keep. Elasticsearch is used
when ELASTICSEARCH_URL is set, under an index prefix of its own.

The items are what the site holds, in roughly its proportions: news pages (published through
Wagtail, as editors do), tenders with a document whose text runs to a few pages, and posts in
threads. Their words are drawn from the CPV vocabulary and the field's own phrases, so queries
match some items and not others, as on the real site.

Printed per engine: the rebuild (items per second and total time), then each query of a fixed
mix, as a visitor or a member: p50 and p95 latency over repeated runs, and the SQL queries
one search makes.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHRASES = [
    "supply chain transparency",
    "working conditions",
    "labour rights",
    "independent monitoring",
    "contract performance clause",
    "socially responsible public procurement",
    "conflict minerals",
    "code of conduct",
    "live market engagement",
    "award criteria",
    "laptops and displays",
    "mobile devices",
    "factory disclosure",
    "remedy for workers",
    "electronics watch",
]
QUERIES = [
    ("single word", "laptops", {}),
    ("phrase", '"supply chain transparency"', {}),
    ("natural question", "what should a tender ask suppliers about working conditions", {}),
    ("filter + facets", "equipment", {"kind": ["Tender"]}),
]
RUNS = 40
WARM_UP = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="How many items (default 10000).")
    parser.add_argument("--database", help="Database URL for the corpus (emptied first).")
    parser.add_argument(
        "--engines",
        default="database,elasticsearch",
        help="Engines to measure, comma-separated (elasticsearch only if ELASTICSEARCH_URL).",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the corpus a previous run left in the database, if it has one (building "
        "100,000 items takes a while); the rebuild and the searches are measured again.",
    )
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="With --reuse: measure the searches again without rebuilding, on the entries and "
        "the Elasticsearch index a previous run left (see --keep-index). Latency moves with "
        "whatever else the machine does; repeating the searches alone shows how much.",
    )
    parser.add_argument(
        "--keep-index",
        action="store_true",
        help="Leave the Elasticsearch index built for the benchmark, for --searches-only.",
    )
    args = parser.parse_args()
    if args.searches_only and not args.reuse:
        parser.error("--searches-only measures a corpus already built: add --reuse.")
    return args


def bench_database_url(explicit):
    if explicit:
        return explicit
    server = os.environ.get("DATABASE_URL")
    if server and server.startswith("postgres"):
        parts = urlsplit(server)
        return urlunsplit(parts._replace(path="/srpp_bench"))
    return "sqlite:////tmp/srpp-bench.sqlite3"


def fresh_database(url):
    """An empty database at ``url``: dropped and created again (a SQLite file deleted)."""
    if not url.startswith("postgres"):
        Path(urlsplit(url).path).unlink(missing_ok=True)
        return
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "srpp-bench")
    # Measured as a server runs: with DEBUG on, Django would keep the text of every insert
    # statement (megabytes each, in a rebuild) in its log of queries.
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


def say(text=""):
    print(text, flush=True)


class Words:
    def __init__(self, rng):
        from community.library.models import CpvCode

        vocabulary = set()
        for label in CpvCode.objects.values_list("label", flat=True):
            vocabulary.update(word.lower() for word in label.split() if word.isalpha())
        self.words = sorted(vocabulary)
        # Zipf-like: a few words are everywhere, most are rare, as in real text.
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]
        rng.shuffle(self.words)
        self.rng = rng

    def text(self, count):
        words = self.rng.choices(self.words, weights=self.weights, k=count)
        for _ in range(max(1, count // 40)):
            words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(PHRASES))
        return " ".join(words)

    def title(self):
        return self.text(self.rng.randint(4, 9)).capitalize()


def build_corpus(items, rng):
    """``items`` items: 2% news pages (at most 2,000), the rest tenders and posts alike."""
    from django.db import transaction
    from django.utils import timezone

    from community.discussions.models import Category, Post, Thread
    from community.library.models import DocumentVersion, Tender, TenderDocument
    from tests.factories import (
        MemberFactory,
        NewsPageFactory,
        OrganisationFactory,
        build_site_tree,
    )

    words = Words(rng)
    say(f"Building {items} items…")
    started = time.perf_counter()
    tree = build_site_tree()
    organisations = [OrganisationFactory(name=f"Bench organisation {n}") for n in range(20)]
    members = [MemberFactory(organisation=organisations[n % 20]) for n in range(40)]
    pages = min(2_000, max(10, items // 50))
    for number in range(pages):
        NewsPageFactory(
            parent=tree.news_index,
            title=words.title(),
            slug=f"news-{number}",
            introduction=words.text(25),
        )
    rest = items - pages
    tenders = rest // 2
    category = Category.objects.create(name="Bench", slug="bench", description="Bench threads.")
    now = timezone.now()
    batch = 1_000
    with transaction.atomic():
        for start in range(0, tenders, batch):
            rows = []
            for number in range(start, min(tenders, start + batch)):
                member = members[number % len(members)]
                rows.append(
                    Tender(
                        title=words.title(),
                        owner=member.user,
                        organisation=member.organisation,
                        buyer=member.organisation,
                        country="NL",
                        main_cpv_id=rng.choice(["30213100", "30213000", "32250000", "30232110"]),
                        stage=rng.choice(["open_for_bids", "awarded", "planning"]),
                        visibility="members" if number % 10 else "organisation",
                        summary=words.text(40),
                        criteria=words.text(80),
                        publication_date=now.date(),
                    )
                )
            created = Tender.objects.bulk_create(rows)
            documents = TenderDocument.objects.bulk_create(
                TenderDocument(tender=tender, kind="specification", title=words.title())
                for tender in created
            )
            DocumentVersion.objects.bulk_create(
                DocumentVersion(
                    document=document,
                    number=1,
                    filename="specification.pdf",
                    file_type="pdf",
                    size=1,
                    sha256="0" * 64,
                    file="bench/specification.pdf",
                    extracted_text=words.text(rng.randint(300, 1500)),
                )
                for document in documents
            )
        posts = rest - tenders
        threads = Thread.objects.bulk_create(
            Thread(category=category, title=words.title(), author=members[n % 40].user)
            for n in range(max(1, posts // 20))
        )
        for start in range(0, posts, batch):
            Post.objects.bulk_create(
                Post(
                    thread=threads[number % len(threads)],
                    author=members[number % 40].user,
                    body=(body := words.text(rng.randint(30, 200))),
                    body_html=f"<p>{body}</p>",
                )
                for number in range(start, min(posts, start + batch))
            )
    say(
        f"  {pages} pages, {tenders} tenders, {posts} posts in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return members[0]


def existing_member():
    """The member the corpus was built with, if the database holds a corpus."""
    from community.library.models import Tender
    from community.models import Member

    if not Tender.objects.exists():
        return None
    return (
        Member.objects.filter(organisation__name="Bench organisation 0")
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )


def measure_rebuild(engine_name):
    from django.core.management import call_command

    from search.models import SearchEntry

    out = StringIO()
    started = time.perf_counter()
    call_command("search_index", "--rebuild", "--chunk-size", "1000", stdout=out)
    seconds = time.perf_counter() - started
    entries = SearchEntry.objects.count()
    return entries, seconds


def measure_queries(audiences_by_view):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from search import service

    rows = []
    for view, audiences in audiences_by_view.items():
        for label, query, filters in QUERIES:
            timings = []
            for run in range(WARM_UP + RUNS):
                # The query log holds 9,000 queries; emptied, it counts this search's own.
                reset_queries()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    outcome = service.search(query, audiences, filters=filters)
                if run >= WARM_UP:
                    timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            rows.append(
                (
                    view,
                    label,
                    outcome.total,
                    statistics.median(timings),
                    timings[int(len(timings) * 0.95) - 1],
                    len(queries),
                )
            )
    return rows


def main():
    args = parse_args()
    database_url = bench_database_url(args.database)
    if not args.reuse:
        fresh_database(database_url)
    setup_django(database_url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from community.permissions import search_audiences
    from search.registry import PUBLIC

    # Wagtail logs every page it creates; thousands of lines would bury the table.
    logging.disable(logging.WARNING)
    say(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(args.seed)
    member = existing_member() if args.reuse else None
    if member:
        say("Reusing the corpus already in the database.")
    else:
        # The corpus is written without Elasticsearch; each engine's rebuild below fills its
        # index.
        with override_settings(ELASTICSEARCH_URL=None):
            member = build_corpus(args.items, rng)
    audiences = {
        "visitor": frozenset({PUBLIC}),
        "member": frozenset({PUBLIC, *search_audiences(member.user)}),
    }

    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    es_url = os.environ.get("ELASTICSEARCH_URL") or settings.ELASTICSEARCH_URL
    results = []
    for engine in engines:
        if engine == "elasticsearch" and not es_url:
            say("Elasticsearch skipped: ELASTICSEARCH_URL is not set.")
            continue
        url = es_url if engine == "elasticsearch" else None
        with override_settings(ELASTICSEARCH_URL=url):
            from search.engines import get_engine

            if args.searches_only:
                if engine == "elasticsearch" and not get_engine().aliased_indices():
                    say("Elasticsearch skipped: no index left by a run with --keep-index.")
                    continue
                entries, seconds = None, None
            else:
                say(f"Rebuilding for {engine}…")
                entries, seconds = measure_rebuild(engine)
                say(f"  {entries} entries in {seconds:.1f} s ({entries / seconds:.0f} items/s)")
            results.append((engine, entries, seconds, measure_queries(audiences)))
            if engine == "elasticsearch" and not args.keep_index:
                get_engine().delete_all_indices()

    say()
    say(f"Search benchmark: {args.items} items, {connection.vendor}, {os.cpu_count()} cores")
    say(f"{'engine':<14}{'rebuild':>12}{'items/s':>9}")
    for engine, entries, seconds, _ in results:
        if seconds is None:
            say(f"{engine:<14}{'not rebuilt':>12}")
        else:
            say(f"{engine:<14}{seconds:>10.1f} s{entries / seconds:>9.0f}")
    say()
    header = (
        f"{'engine':<14}{'view':<9}{'query':<18}{'hits':>7}{'p50 ms':>9}{'p95 ms':>9}{'SQL':>5}"
    )
    say(header)
    say("-" * len(header))
    for engine, _, _, rows in results:
        for view, label, hits, p50, p95, sql in rows:
            say(f"{engine:<14}{view:<9}{label:<18}{hits:>7}{p50:>9.1f}{p95:>9.1f}{sql:>5}")


if __name__ == "__main__":
    main()
