"""The real Redis and Varnish the caching tests need, and what happens without them.

Redis is the one ``scripts/services`` starts (``REDIS_URL``); Varnish and the throwaway Redis
that a test stops on purpose are started here, as child processes stopped by their PID. On a
developer's machine a missing server skips its tests with the command that provides it; in
CI (CI=true) it fails them, since a run that skipped them would claim to test a cache it never
touched.
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VCL = REPO_ROOT / "deploy" / "varnish" / "default.vcl"
START_TIMEOUT = 30


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def require(available, message):
    if available:
        return
    if running_in_ci():
        pytest.fail(f"{message} (required in CI)", pytrace=False)
    pytest.skip(message)


def redis_url():
    url = os.environ.get("REDIS_URL")
    require(
        url,
        "The shared cache's tests need Redis: set REDIS_URL. To start one on this machine: "
        'scripts/services start redis && eval "$(scripts/services env)"',
    )
    return url


def program(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    require(path, f"{name} is missing. Install it with: scripts/services install")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Server:
    """A server run as a child process, reached on 127.0.0.1:``port``."""

    def __init__(self, name, command, port, folder):
        self.name, self.command, self.port, self.folder = name, command, port, folder
        self.log = folder / f"{name}.log"
        self.process = None

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"{self.name} did not start:\n{self.log.read_text()[-2000:]}")
            time.sleep(0.1)
        return self

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def server_folder(prefix):
    # Readable for the unprivileged users varnishd and redis-server switch to under root.
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


def redis_server(port=None):
    """A Redis of its own, not the one other tests share, so that a test may stop it."""
    port = port or free_port()
    folder = server_folder("srpp-test-redis-")
    command = [
        program("redis-server"),
        "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", str(folder), "--daemonize", "no",
    ]  # fmt: skip
    return Server("redis-server", command, port, folder)


def vcl_for_backend(host, port):
    """The repository's VCL, forwarding to ``host:port`` (as scripts/services writes it)."""
    text = VCL.read_text()
    text, hosts = re.subn(r'(?m)^(\s*\.host = )"[^"]*";', rf'\1"{host}";', text)
    text, ports = re.subn(r'(?m)^(\s*\.port = )"[^"]*";', rf'\1"{port}";', text)
    assert hosts == ports == 1, "the VCL's backend has one .host and one .port line"
    return text


def varnish_server(backend_host, backend_port):
    port = free_port()
    folder = server_folder("srpp-test-varnish-")
    vcl = folder / "default.vcl"
    vcl.write_text(vcl_for_backend(backend_host, backend_port))
    vcl.chmod(0o644)
    command = [
        program("varnishd"), "-F",
        "-a", f"127.0.0.1:{port}", "-T", "127.0.0.1:0",
        "-f", str(vcl), "-n", str(folder / "work"), "-s", "malloc,16m",
    ]  # fmt: skip
    return Server("varnishd", command, port, folder)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")


def fetch(port, path, *, method="GET", cookies=None):
    """One request to 127.0.0.1:``port``, redirects not followed."""
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        connection.close()
