#!/usr/bin/env python
"""Two app servers behind Varnish on loopback, as docs/deployment.md describes, and a publish.

    eval "$(scripts/services env)"
    .venv/bin/python scripts/bench_load.py     # once: builds the srpp_load database
    .venv/bin/python scripts/try_deployment.py

Starts two gunicorn processes (app1 and app2, production settings, the shared Redis page cache,
VARNISH_URLS pointing at the Varnish below) and varnishd with deploy/varnish/production.vcl,
its round-robin director over both. It fills both caches with the news index, then publishes a
news item from a third process with the same settings (as the admin on any app server would),
and checks the item shows at once through Varnish and on each app server directly: the page
cache is one for all (Redis) and the BAN reached Varnish. Then it stops app1 and checks
Varnish still answers through app2. Every process it starts is stopped by its PID.
"""

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (  # noqa: E402
    GUNICORN,
    PYTHON,
    ROOT,
    Processes,
    environments,
    free_port,
    services_env,
    wait_for_port,
)

PUBLISH = """
from django.utils.text import slugify
from resources.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.live().first()
page = NewsPage(title={title!r}, slug=slugify({title!r}), body=[])
index.add_child(instance=page)
page.save_revision().publish()
"""


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode(), response.headers


def main():
    shared = services_env()
    _, env = environments(shared)
    work = Path(tempfile.mkdtemp(prefix="srpp-try-deployment-"))
    work.chmod(0o755)
    procs = Processes()
    ok = True
    try:
        ports = {"app1": free_port(), "app2": free_port()}
        varnish_port = free_port()
        env.update(PAGE_CACHE_SECONDS="600", VARNISH_URLS=f"http://127.0.0.1:{varnish_port}")
        apps = {}
        for name, port in ports.items():
            apps[name] = procs.start(
                name,
                [
                    GUNICORN,
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--error-logfile",
                    str(work / f"{name}.log"),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
            )
        for port in ports.values():
            wait_for_port(port)
        source = ROOT / "deploy" / "varnish"
        (work / "default.vcl").write_text(
            (source / "default.vcl")
            .read_text()
            .replace('.port = "8000";', f'.port = "{ports["app1"]}";')
        )
        (work / "production.vcl").write_text(
            (source / "production.vcl")
            .read_text()
            .replace("Host: procurement.example.eu", "Host: 127.0.0.1")
            .replace(
                '.host = "10.0.0.11";\n    .port = "8000";',
                f'.host = "127.0.0.1";\n    .port = "{ports["app1"]}";',
            )
            .replace(
                '.host = "10.0.0.12";\n    .port = "8000";',
                f'.host = "127.0.0.1";\n    .port = "{ports["app2"]}";',
            )
        )
        procs.start(
            "varnishd",
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd",
                "-F",
                "-a",
                f"127.0.0.1:{varnish_port}",
                "-T",
                "127.0.0.1:0",
                "-p",
                f"vcl_path={work}",
                "-f",
                str(work / "production.vcl"),
                "-n",
                str(work / "varnish"),
                "-s",
                "malloc,64m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(varnish_port)
        deadline = time.monotonic() + 30
        while True:  # until the health probes have seen both app servers answer
            try:
                get(f"http://127.0.0.1:{varnish_port}/robots.txt")
                break
            except urllib.error.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        urls = {
            "varnish": f"http://127.0.0.1:{varnish_port}/news/",
            "app1": f"http://127.0.0.1:{ports['app1']}/news/",
            "app2": f"http://127.0.0.1:{ports['app2']}/news/",
        }
        for url in urls.values():
            get(url)
        print("before the publish:")
        for name, url in urls.items():
            _, headers = get(url)
            print(
                f"   {name:<8} X-Page-Cache={headers.get('X-Page-Cache', 'miss')} "
                f"Age={headers.get('Age', '-')} X-Varnish={headers.get('X-Varnish', '-')}"
            )

        title = f"Seen everywhere {time.strftime('%H%M%S')}"
        done = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", PUBLISH.format(title=title)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        print(f"published '{title}' from a third process")
        for name, url in urls.items():
            body, headers = get(url)
            seen = title in body
            ok &= seen
            print(
                f"   {name:<8} shows it: {seen}  X-Page-Cache={headers.get('X-Page-Cache', 'miss')}"
                f" Age={headers.get('Age', '-')} X-Varnish={headers.get('X-Varnish', '-')}"
            )

        procs.stop(apps["app1"])
        time.sleep(12)  # the probe needs two failed checks, 5 s apart
        answers = []
        for n in range(6):
            try:
                with urllib.request.urlopen(
                    urls["varnish"] + f"?page={n % 2 + 1}", timeout=30
                ) as response:
                    answers.append(response.status)
            except urllib.error.HTTPError as error:
                answers.append(error.code)
        ok &= all(status == 200 for status in answers)
        print(f"app1 stopped; through Varnish (uncached addresses): {answers}")
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
