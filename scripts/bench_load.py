#!/usr/bin/env python
"""Load benchmark: the site under gunicorn on loopback, driven by wrk, with one table.

    eval "$(scripts/services env)"      # PostgreSQL, Elasticsearch and Redis running
    scripts/services install nginx wrk varnish
    .venv/bin/python scripts/bench_load.py [--duration 10] [--reuse-db]

What it does, in order:

1. Loads the demo content into a database of its own (``srpp_load`` on the DATABASE_URL
   server, dropped and recreated; ``--reuse-db`` keeps one from an earlier run), with its own
   search index prefix, cache key prefix and file folders, so nobody else's data is touched.
2. Starts gunicorn (2 sync workers) on 127.0.0.1 with the production settings. Those refuse to
   run half-configured, so it sets what they ask for: a secret key, ALLOWED_HOSTS=127.0.0.1,
   REDIS_URL, and SECURE_SSL_REDIRECT=false because the benchmark speaks plain HTTP (in
   production TLS ends at nginx). Everything else is production: DEBUG off, the manifest static
   storage, the database task queue, persistent database connections (DATABASE_CONN_MAX_AGE=60,
   as docs/deployment.md recommends).
3. The member: production settings refuse the demo's accounts (their passwords are public), so
   in this database only, member@example.org is taken out of the demo-accounts group and gets a
   session made in-process (``Client.force_login``), whose cookie wrk then sends.
4. Each page is measured through each layer that applies: uncached (the page cache off), the
   Django page cache (Redis), Varnish (deploy/varnish/default.vcl) in front of gunicorn, and,
   as the ceiling, the home page's HTML as a static file served by nginx, with and without
   keep-alive. Members' pages only as the member; search and the members' area are never cached
   by design, so they appear under "uncached" only.

Columns: requests per second, p50 and p99 latency, errors (non-2xx/3xx answers plus socket
errors and timeouts), SQL queries for one request (measured in-process with the same settings
before the runs), server CPU milliseconds per request (utime+stime of the serving processes
from /proc, before and after the run, divided by the requests), and the rate as a fraction of
the static keep-alive rate. Every process it starts is stopped by its PID when it ends.

Under the table, each target with its verdict. "Members' pages within 1.5x the CPU of the
public detail pages" is held against the pages of the members' area (the tender library, a
tender, a thread): the costliest of them against the costliest public detail page as a visitor.
Two lines under it show what logging in costs elsewhere: a member on each public page against
a visitor on the same page, and every page the member asked for (home, news index and search
included, which are listings rather than detail pages) against the same detail page.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DB_NAME = "srpp_load"
MEMBER_EMAIL = "member@example.org"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Prints one JSON line at the end of a wrk run; the cookie (if any) and Connection header come
# from the environment so one script serves every run.
WRK_LUA = r"""
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if os.getenv("BENCH_CLOSE") == "1" then wrk.headers["Connection"] = "close" end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,'
    .. '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def services_env():
    """DATABASE_URL, ELASTICSEARCH_URL and REDIS_URL as scripts/services prints them."""
    out = subprocess.run(
        [str(ROOT / "scripts" / "services"), "env"], capture_output=True, text=True, check=True
    ).stdout
    values = {}
    for line in out.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value
    return values


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


FILES = Path("/var/tmp/srpp-bench-load")  # kept between runs, as the database is


def environments(shared):
    """(env for the demo loader, env for the production-settings server) on the bench's own
    database, search index prefix, cache key prefix and file folders."""
    base_env = dict(
        os.environ,
        DATABASE_URL=with_database(shared["DATABASE_URL"], DB_NAME),
        ELASTICSEARCH_URL=shared["ELASTICSEARCH_URL"],
        REDIS_URL=shared["REDIS_URL"],
        SEARCH_INDEX_PREFIX="srpp_load",
        CACHE_KEY_PREFIX="srpp_load",
        MEDIA_ROOT=str(FILES / "media"),
        PRIVATE_FILES_ROOT=str(FILES / "private"),
        STATIC_ROOT=str(FILES / "static"),
        LOG_LEVEL="WARNING",
    )
    prod_env = dict(
        base_env,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-load-only-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_CONN_MAX_AGE="60",
        PAGE_CACHE_SECONDS="0",
    )
    return base_env, prod_env


def recreate_database(url):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {DB_NAME}")
    finally:
        conn.close()


def manage(env, *args):
    print(f"   manage.py {' '.join(args)}", flush=True)
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def tree_cpu_ticks(root_pid):
    """utime+stime of a process and all its descendants, in clock ticks."""
    parents, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = int(fields[11]) + int(fields[12])
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


class Processes:
    """Every process started here, stopped by PID (TERM, then KILL) in reverse order."""

    def __init__(self):
        self.started = []

    def start(self, name, args, **kwargs):
        proc = subprocess.Popen(args, start_new_session=True, **kwargs)
        self.started.append((name, proc))
        return proc

    def stop(self, proc):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.started = [(n, p) for n, p in self.started if p is not proc]

    def stop_all(self):
        for _, proc in reversed(list(self.started)):
            self.stop(proc)


def run_wrk(url, lua, duration, cookie="", close=False):
    env = dict(os.environ, BENCH_COOKIE=cookie, BENCH_CLOSE="1" if close else "0")
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "10s", "-s", lua, url],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def measure(label, who, layer, url, lua, duration, cpu_pid, queries, cookie="", close=False):
    before = tree_cpu_ticks(cpu_pid)
    result = run_wrk(url, lua, duration, cookie=cookie, close=close)
    cpu_ms = (tree_cpu_ticks(cpu_pid) - before) * 1000 / CLOCK_TICKS
    requests = max(result["requests"], 1)
    row = {
        "page": label,
        "who": who,
        "layer": layer,
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50": result["p50_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "errors": sum(result[k] for k in ("connect", "read", "write", "status", "timeout")),
        "queries": queries,
        "cpu": cpu_ms / requests,
    }
    print(
        f"   {label:<16} {who:<7} {layer:<13} {row['rps']:>8.0f}/s  "
        f"p99 {row['p99']:.1f} ms  errors {row['errors']}",
        flush=True,
    )
    return row


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def find_pages():
    """(label, path, members_only) of each page measured, found in the demo content."""
    from django.urls import reverse
    from wagtail.models import Site

    from community.discussions.models.threads import Thread
    from community.library.models.tenders import Tender
    from resources.models import EventPage, NewsIndexPage, NewsPage, ResourcePage

    site = Site.objects.get(is_default_site=True)

    def first(model, **filters):
        page = model.objects.live().public().filter(**filters).order_by("path").first()
        return page.relative_url(site)

    event = (
        EventPage.objects.live().public().filter(slug__contains="nijmegen").first()
        or EventPage.objects.live().public().first()
    )
    return (
        [
            ("home", "/", False),
            ("news index", first(NewsIndexPage), False),
            ("news page", first(NewsPage), False),
            ("event page", event.relative_url(site), False),
            ("resource page", first(ResourcePage), False),
            ("search", reverse("search:search") + "?q=procurement", False),
            ("tender library", reverse("community:library:library"), True),
            ("tender", None, True),  # the first the member can open; found with the client
            ("thread", None, True),
        ],
        Tender,
        Thread,
    )


def prepare_member():
    """The member, usable under production settings in this database, and a logged-in client."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from home.demo import DEMO_ACCOUNTS_GROUP

    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    member.groups.remove(*member.groups.filter(name=DEMO_ACCOUNTS_GROUP))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    return client


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # first request warms Wagtail's and the templates' own caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def first_openable(client, model, url_name):
    from django.urls import reverse

    for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:50]:
        path = reverse(url_name, args=[pk])
        if client.get(path).status_code == 200:
            return path
    raise RuntimeError(f"the member can open no {model.__name__} in the demo content")


def table(rows, static_rps):
    header = (
        f"| {'page':<16} | {'who':<7} | {'layer':<18} | {'req/s':>7} | {'p50 ms':>7} | "
        f"{'p99 ms':>7} | {'errors':>6} | {'SQL':>4} | {'CPU ms/req':>10} | {'of static':>9} |"
    )
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for row in rows:
        queries = "" if row["queries"] is None else str(row["queries"])
        lines.append(
            f"| {row['page']:<16} | {row['who']:<7} | {row['layer']:<18} | {row['rps']:>7.0f} | "
            f"{row['p50']:>7.2f} | {row['p99']:>7.2f} | {row['errors']:>6} | {queries:>4} | "
            f"{row['cpu']:>10.2f} | {row['rps'] / static_rps:>9.1%} |"
        )
    return "\n".join(lines)


def verdicts(rows):
    def pick(who=None, layer=None, pages=None):
        return [
            r
            for r in rows
            if (who is None or r["who"] == who)
            and (layer is None or r["layer"] == layer)
            and (pages is None or r["page"] in pages)
        ]

    static = pick(layer="static, keep-alive")[0]["rps"]
    public = ["home", "news index", "news page", "event page", "resource page"]
    varnish = pick(layer="varnish")
    cached = {r["page"]: r["rps"] for r in pick(layer="django cache")}
    uncached = {r["page"]: r["rps"] for r in pick(who="visitor", layer="uncached", pages=public)}
    detail = ["news page", "event page", "resource page"]
    detail_cpu = max(r["cpu"] for r in pick(who="visitor", layer="uncached", pages=detail))
    area = ["tender library", "tender", "thread"]
    area_cpu = max(r["cpu"] for r in pick(who="member", pages=area))
    # The same public page as a member and as a visitor: what being logged in costs.
    visitor_cpu = {r["page"]: r["cpu"] for r in pick(who="visitor", layer="uncached")}
    logged_in = {
        r["page"]: r["cpu"] / visitor_cpu[r["page"]]
        for r in pick(who="member")
        if r["page"] in visitor_cpu
    }
    worst_page = max(logged_in, key=logged_in.get)
    member_cpu = max(r["cpu"] for r in pick(who="member"))
    out = [
        f"Varnish >= 30% of static: lowest {min(r['rps'] for r in varnish) / static:.0%} "
        f"-> {'met' if all(r['rps'] >= 0.3 * static for r in varnish) else 'NOT met'}",
        "Django cache >= 10x uncached: lowest "
        f"{min(cached[p] / uncached[p] for p in cached):.1f}x -> "
        f"{'met' if all(cached[p] >= 10 * uncached[p] for p in cached) else 'NOT met'}",
        f"Members' pages <= 1.5x CPU of public detail pages: worst page of the members' area "
        f"{area_cpu:.1f} ms vs costliest public detail page {detail_cpu:.1f} ms "
        f"({area_cpu / detail_cpu:.2f}x) -> "
        f"{'met' if area_cpu <= 1.5 * detail_cpu else 'NOT met'}",
        f"  A member on a public page <= 1.5x a visitor on it: worst {worst_page} "
        f"({logged_in[worst_page]:.2f}x) -> "
        f"{'met' if logged_in[worst_page] <= 1.5 else 'NOT met'}",
        f"  Every page a member asked for, home, listings and search included, vs the "
        f"costliest public detail page: worst {member_cpu:.1f} ms "
        f"({member_cpu / detail_cpu:.2f}x) -> "
        f"{'within' if member_cpu <= 1.5 * detail_cpu else 'over'} 1.5x",
        f"Zero errors: {sum(r['errors'] for r in rows)} -> "
        f"{'met' if not any(r['errors'] for r in rows) else 'NOT met'}",
    ]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--reuse-db", action="store_true", help=f"keep the {DB_NAME} database of an earlier run"
    )
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "varnishd"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: scripts/services install {tool.removesuffix('d')}")

    print("== services (Redis for the page cache)", flush=True)
    subprocess.run(
        [str(ROOT / "scripts" / "services"), "start", "redis"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shared = services_env()
    work = Path(tempfile.mkdtemp(prefix="srpp-bench-load-"))
    work.chmod(0o755)  # nginx and varnishd workers run as their own users
    base_env, prod_env = environments(shared)
    procs = Processes()
    try:
        if not args.reuse_db:
            print(f"== demo content into {DB_NAME}", flush=True)
            recreate_database(shared["DATABASE_URL"])
            shutil.rmtree(FILES, ignore_errors=True)
            # The demo loader refuses production settings (its passwords are public).
            dev_env = dict(base_env, DJANGO_SETTINGS_MODULE="config.settings.dev")
            manage(dev_env, "migrate", "--no-input")
            manage(dev_env, "load_demo_content")
            manage(dev_env, "search_index", "--rebuild")
        manage(prod_env, "collectstatic", "--no-input")

        print("== pages, SQL queries per request (in-process, page cache off)", flush=True)
        setup_django(prod_env)
        from django.test import Client

        pages, Tender, Thread = find_pages()
        member_client = prepare_member()
        visitor_client = Client(HTTP_HOST="127.0.0.1")
        resolved = []
        for label, path, members_only in pages:
            if label == "tender":
                path = first_openable(member_client, Tender, "community:library:tender")
            elif label == "thread":
                path = first_openable(member_client, Thread, "community:discussions:thread")
            counts = {}
            for who, client in (("visitor", visitor_client), ("member", member_client)):
                if members_only and who == "visitor":
                    continue
                status, queries = count_queries(client, path)
                if status != 200:
                    raise RuntimeError(f"{path} answers {status} to the {who}")
                counts[who] = queries
            resolved.append((label, path, members_only, counts))
            print(f"   {label:<16} {path:<50} {counts}", flush=True)
        cookie = f"sessionid={member_client.cookies['sessionid'].value}"

        lua = work / "bench.lua"
        lua.write_text(WRK_LUA)
        rows = []

        def gunicorn(page_cache_seconds):
            port = free_port()
            env = dict(prod_env, PAGE_CACHE_SECONDS=str(page_cache_seconds))
            proc = procs.start(
                "gunicorn",
                [
                    GUNICORN,
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--worker-class",
                    "sync",
                    "--error-logfile",
                    str(work / "gunicorn.log"),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
            )
            wait_for_port(port)
            return proc, port

        def warm(url, cookie=""):
            request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
            for _ in range(3):
                urllib.request.urlopen(request, timeout=30).read()

        print("== uncached: gunicorn, page cache off", flush=True)
        app, port = gunicorn(0)
        for label, path, _members_only, counts in resolved:
            for who in ("visitor", "member"):
                if who not in counts:
                    continue
                url = f"http://127.0.0.1:{port}{path}"
                who_cookie = cookie if who == "member" else ""
                warm(url, who_cookie)
                rows.append(
                    measure(
                        label,
                        who,
                        "uncached",
                        url,
                        lua,
                        args.duration,
                        app.pid,
                        counts[who],
                        cookie=who_cookie,
                    )
                )
        procs.stop(app)

        public = [
            (label, path)
            for label, path, members_only, _counts in resolved
            if not members_only and label != "search"
        ]
        print("== Django page cache (Redis), visitors", flush=True)
        app, port = gunicorn(600)
        for label, path in public:
            url = f"http://127.0.0.1:{port}{path}"
            warm(url)
            rows.append(
                measure(label, "visitor", "django cache", url, lua, args.duration, app.pid, None)
            )

        print("== Varnish in front of gunicorn, visitors", flush=True)
        vcl = work / "default.vcl"
        vcl.write_text(
            (ROOT / "deploy" / "varnish" / "default.vcl")
            .read_text()
            .replace('.port = "8000";', f'.port = "{port}";')
        )
        varnish_port = free_port()
        varnish = procs.start(
            "varnishd",
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd",
                "-F",
                "-a",
                f"127.0.0.1:{varnish_port}",
                "-T",
                "127.0.0.1:0",
                "-f",
                str(vcl),
                "-n",
                str(work / "varnish"),
                "-s",
                "malloc,64m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(varnish_port)
        for label, path in public:
            url = f"http://127.0.0.1:{varnish_port}{path}"
            warm(url)
            before_app = tree_cpu_ticks(app.pid)
            row = measure(label, "visitor", "varnish", url, lua, args.duration, varnish.pid, None)
            app_ms = (tree_cpu_ticks(app.pid) - before_app) * 1000 / CLOCK_TICKS
            row["cpu"] += app_ms / max(row["rps"] * args.duration, 1)
            rows.append(row)
        procs.stop(varnish)
        procs.stop(app)

        print("== nginx: the home page's HTML as a static file", flush=True)
        site = work / "static-site"
        site.mkdir()
        site.chmod(0o755)
        home_html = Client(HTTP_HOST="127.0.0.1").get("/").content
        (site / "index.html").write_bytes(home_html)
        (site / "index.html").chmod(0o644)
        nginx_port = free_port()
        conf = work / "nginx.conf"
        conf.write_text(f"""
daemon off;
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{nginx_port};
        root {site};
        default_type text/html;
        location / {{ try_files /index.html =404; }}
    }}
}}
""")
        nginx = procs.start(
            "nginx",
            [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf)],
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(nginx_port)
        url = f"http://127.0.0.1:{nginx_port}/"
        warm(url)
        rows.append(
            measure(
                "home (static)",
                "visitor",
                "static, keep-alive",
                url,
                lua,
                args.duration,
                nginx.pid,
                0,
            )
        )
        rows.append(
            measure(
                "home (static)",
                "visitor",
                "static, new conn.",
                url,
                lua,
                args.duration,
                nginx.pid,
                0,
                close=True,
            )
        )
        procs.stop(nginx)
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)

    static_rps = next(r["rps"] for r in rows if r["layer"] == "static, keep-alive")
    print()
    print(
        f"wrk -t2 -c16 -d{args.duration}s; gunicorn 2 sync workers; {os.cpu_count()} cores; "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    print(table(rows, static_rps))
    print()
    print(verdicts(rows))


if __name__ == "__main__":
    main()
