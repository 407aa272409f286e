#!/usr/bin/env python
"""Resilience scenarios: the site under light load while a service it needs goes away.

WARNING: this stops and restarts the SHARED services of this checkout (Elasticsearch,
PostgreSQL, Redis through scripts/services). Anyone else's tests against them fail while they
are down. Each outage is kept short (PostgreSQL and Redis about 10 s; Elasticsearch as long
as it takes to start again, typically 20-40 s). Run it when nobody else depends on them.

    eval "$(scripts/services env)"
    .venv/bin/python scripts/bench_load.py        # once: builds the srpp_load database
    .venv/bin/python scripts/resilience.py [a b c d]

It uses the benchmark's database (srpp_load), search index prefix and cache prefix, and starts
gunicorn (2 workers, production settings, persistent database connections) on loopback. Two
background threads request a few public pages and a search in a loop, counting answers that are
not 200 and socket errors, with the second they happened in. Scenarios:

a. Elasticsearch stopped: no request fails, the search answers from the database, a page
   published meanwhile goes to the backlog, and ``search_index --catch-up`` replays it when
   Elasticsearch is back.
b. PostgreSQL restarted: requests fail at most while it is down, and the same gunicorn
   processes answer again afterwards (Django checks a kept connection before each request:
   CONN_HEALTH_CHECKS in config/settings/base.py).
c. Redis stopped: pages are served uncached (no failures), and cached again when it is back.
d. The task worker killed in the middle of sending a notification email: the job stays RUNNING
   until ``manage.py requeue_stale_tasks`` (on a timer) puts it back; it then runs again and
   exactly one email leaves.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (  # noqa: E402
    DB_NAME,
    GUNICORN,
    MEMBER_EMAIL,
    PYTHON,
    ROOT,
    Processes,
    environments,
    free_port,
    services_env,
    setup_django,
    wait_for_port,
)

SERVICES = str(ROOT / "scripts" / "services")


def services(action, name):
    started = time.monotonic()
    subprocess.run([SERVICES, action, name], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


class Load:
    """Background requests in a loop; counts successes and failures per scenario."""

    def __init__(self, base, paths, threads=2):
        self.base, self.paths = base, paths
        self.ok = self.failed = 0
        self.failures = []  # (seconds since start, path, what)
        self.lock = threading.Lock()
        self.running = True
        self.started = time.monotonic()
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(threads)]
        for thread in self.threads:
            thread.start()

    def loop(self):
        n = 0
        while self.running:
            path = self.paths[n % len(self.paths)]
            n += 1
            try:
                with urllib.request.urlopen(self.base + path, timeout=10) as response:
                    response.read()
                    what = None if response.status == 200 else str(response.status)
            except urllib.error.HTTPError as error:
                what = str(error.code)
            except OSError as error:
                what = type(error).__name__
            with self.lock:
                if what is None:
                    self.ok += 1
                else:
                    self.failed += 1
                    self.failures.append((time.monotonic() - self.started, path, what))
            time.sleep(0.02)

    def reset(self):
        with self.lock:
            self.ok = self.failed = 0
            self.failures = []
            self.started = time.monotonic()

    def report(self, label):
        with self.lock:
            first = f"{self.failures[0][0]:.1f}s" if self.failures else "-"
            last = f"{self.failures[-1][0]:.1f}s" if self.failures else "-"
            kinds = sorted({what for _, _, what in self.failures})
            print(
                f"   load during {label}: {self.ok} ok, {self.failed} failed"
                + (f" (between {first} and {last}: {', '.join(kinds)})" if self.failures else "")
            )
            return self.failed

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join()


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers


def scenario_elasticsearch(load, base, env):
    print("== a. Elasticsearch stopped")
    from django.utils.text import slugify

    from resources.models import NewsIndexPage, NewsPage

    load.reset()
    word = "resilienz" + os.urandom(3).hex()
    stopped_at = time.monotonic()
    services("stop", "elasticsearch")
    try:
        status, body, _ = get(base, "/search/?q=procurement")
        results = body.count('class="search-result"')
        print(f"   search while down: {status}, {results} results on the page")
        index = NewsIndexPage.objects.live().first()
        page = NewsPage(title=f"Outage check {word}", slug=slugify(f"outage-{word}"), body=[])
        index.add_child(instance=page)
        page.save_revision().publish()
        print(f"   published '{page.title}' while down")
        status, body, _ = get(base, f"/search/?q={word}")
        print(f"   search for it while down: {status}, found={word in body.lower()}")
        backlog = manage(env, "search_index", "--backlog").stdout.strip()
        print(f"   backlog: {backlog.splitlines()[-1] if backlog else '(empty)'}")
        time.sleep(max(0, 8 - (time.monotonic() - stopped_at)))
    finally:
        services("start", "elasticsearch")
    print(f"   Elasticsearch down for {time.monotonic() - stopped_at:.0f}s (stop to healthy)")
    caught_up = manage(env, "search_index", "--catch-up")
    print(f"   catch-up: {(caught_up.stdout + caught_up.stderr).strip().splitlines()[-1:]}")
    backlog = manage(env, "search_index", "--backlog").stdout.strip()
    print(f"   backlog after: {backlog.splitlines()[-1] if backlog else '(empty)'}")
    status, body, _ = get(base, f"/search/?q={word}")
    print(f"   search for it after: {status}, found={word in body.lower()}")
    return load.report("a")


def scenario_postgres(load, base):
    print("== b. PostgreSQL restarted")
    load.reset()
    down_at = time.monotonic()
    services("stop", "postgres")
    try:
        time.sleep(5)
        status, _, _ = get(base, "/")
        print(f"   home page while down: {status}")
    finally:
        services("start", "postgres")
    print(f"   PostgreSQL down for {time.monotonic() - down_at:.1f}s (stop to ready)")
    time.sleep(5)
    statuses = [get(base, "/")[0] for _ in range(6)]
    print(f"   home page after, same gunicorn: {statuses}")
    return load.report("b")


def scenario_redis(load, base):
    print("== c. Redis stopped")
    load.reset()
    path = "/"
    get(base, path)
    before = get(base, path)[2].get("X-Page-Cache", "miss")
    down_at = time.monotonic()
    services("stop", "redis")
    try:
        time.sleep(3)
        answers = [get(base, path) for _ in range(5)]
        print(f"   home page while down: {[a[0] for a in answers]}")
        time.sleep(max(0, 8 - (time.monotonic() - down_at)))
    finally:
        services("start", "redis")
    print(f"   Redis down for {time.monotonic() - down_at:.1f}s; X-Page-Cache before: {before}")
    time.sleep(2)
    get(base, path)
    after = get(base, path)[2].get("X-Page-Cache", "miss")
    print(f"   X-Page-Cache after it is back: {after}")
    return load.report("c")


def scenario_worker(env, work):
    """The worker hangs in the SMTP exchange (a server that never greets), is killed there,
    and another worker is started with a working mail backend."""
    print("== d. task worker killed mid-job")
    import io
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from community.discussions import notifications
    from community.discussions.models import Notification, Thread
    from community.discussions.tasks import send_notification_email

    # The console backend prints each email on the worker's output: counted from there.
    console = dict(env, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    sent = 0

    def run_worker():
        nonlocal sent
        done = manage(console, "db_worker", "--batch")
        sent += done.stdout.count("\nSubject: ") + done.stdout.startswith("Subject: ")

    # Whatever was queued before runs first, its mail thrown away, so only ours is counted.
    drain = manage(
        dict(env, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        "db_worker",
        "--batch",
    )
    if drain.returncode:
        print(drain.stderr[-2000:])

    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    thread = Thread.objects.order_by("pk").first()
    actor = get_user_model().objects.exclude(pk=member.pk).filter(is_staff=True).first()
    notifications.choose_delivery(member, "mention", notifications.Delivery.IMMEDIATELY)
    with transaction.atomic():
        made = notifications.notify("mention", [member], thread, actor=actor)
    if not made:
        print("   the member may not see the thread: scenario skipped")
        return 1
    job = (
        DBTaskResult.objects.filter(task_path__endswith=send_notification_email.name)
        .order_by("-enqueued_at")
        .first()
    )
    print(f"   queued job {job.pk} for notification {made[0].pk}: {job.status}")

    blackhole = socket.socket()
    blackhole.bind(("127.0.0.1", 0))
    blackhole.listen(8)  # accepts connections at the TCP level, never says a word
    hanging = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        env=dict(
            env,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(blackhole.getsockname()[1]),
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == "RUNNING":
                break
            time.sleep(0.2)
        time.sleep(1)
        job.refresh_from_db()
        print(f"   worker {hanging.pid} is in the middle of the job ({job.status}); SIGKILL")
    finally:
        hanging.send_signal(signal.SIGKILL)
        hanging.wait()
        blackhole.close()
    job.refresh_from_db()
    print(f"   after the kill: job {job.status}, emails sent {sent}")

    run_worker()
    job.refresh_from_db()
    print(f"   a new worker (--batch) ran; job {job.status}, emails sent {sent}")
    if job.status == "RUNNING":
        # django-tasks-db leaves a job whose worker died RUNNING; the requeue timer
        # (deploy/systemd/srpp-requeue-tasks.timer) puts it back once it has run longer than
        # any job may. The clock is moved on instead of waiting half an hour.
        print("   the job stays RUNNING; the requeue timer's command, 31 minutes on:")
        DBTaskResult.objects.filter(pk=job.pk).update(
            started_at=timezone.now() - timedelta(minutes=31)
        )
        out = io.StringIO()
        call_command("requeue_stale_tasks", stdout=out)
        print("   " + out.getvalue().strip().replace("\n", "\n   "))
        run_worker()
        job.refresh_from_db()
        print(f"   requeued and run: job {job.status}, emails sent {sent}")
    # Run it once more, as a second requeue would: the task checks emailed_at first.
    DBTaskResult.objects.filter(pk=job.pk).update(status="READY")
    run_worker()
    notification = Notification.objects.get(pk=made[0].pk)
    print(
        f"   the same job run again: emails sent {sent}, notification emailed_at set: "
        f"{notification.emailed_at is not None}"
    )
    return 0 if sent == 1 else 1


SCENARIOS = ("a", "b", "c", "d")


def parse_args():
    parser = argparse.ArgumentParser(
        description="The resilience scenarios (this stops the shared services for a while).",
        epilog="a: Elasticsearch stopped; b: PostgreSQL restarted; c: Redis stopped; "
        "d: the task worker killed mid-job.",
    )
    parser.add_argument("scenarios", nargs="*", help="Which to run: a, b, c, d (default: all).")
    args = parser.parse_args()
    unknown = sorted(set(args.scenarios) - set(SCENARIOS))
    if unknown:
        parser.error(f"no scenario {', '.join(unknown)}: choose from {', '.join(SCENARIOS)}")
    return args


def main():
    chosen = set(parse_args().scenarios) or set(SCENARIOS)
    shared = services_env()
    _, env = environments(shared)
    env["PAGE_CACHE_SECONDS"] = "600"
    work = Path(tempfile.mkdtemp(prefix="srpp-resilience-"))
    procs = Processes()
    setup_django(env)
    from django.db import connection

    with connection.cursor() as cursor:  # fails clearly when bench_load has not run yet
        cursor.execute("SELECT 1 FROM wagtailcore_page LIMIT 1")
    print(f"database {DB_NAME}; {time.strftime('%Y-%m-%d %H:%M %Z')}")
    failures = {}
    load = None
    try:
        port = free_port()
        procs.start(
            "gunicorn",
            [
                GUNICORN,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--error-logfile",
                str(work / "gunicorn.log"),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        load = Load(base, ["/", "/news/", "/search/?q=procurement", "/events/"])
        if "a" in chosen:
            failures["a"] = scenario_elasticsearch(load, base, env)
        if "b" in chosen:
            from django.db import close_old_connections

            failures["b"] = scenario_postgres(load, base)
            close_old_connections()
            connection.close()
        if "c" in chosen:
            failures["c"] = scenario_redis(load, base)
        load.stop()
        if "d" in chosen:
            failures["d"] = scenario_worker(env, work)
    finally:
        if load:
            load.stop()
        procs.stop_all()
    print("== summary (failed requests; for d, 0 = exactly one email)")
    for name, count in failures.items():
        print(f"   {name}: {count}")


if __name__ == "__main__":
    main()
