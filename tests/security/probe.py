"""A test client that reads every answer as an attacker hopes and a defender fears.

Each answer is checked the same way, whatever was sent: no server error; a redirect stays on
this site; HTML runs nothing a payload put there; feeds, calendars and JSON still parse, with
nothing injected; no private marker; and every email sent meanwhile has clean headers and an
inert HTML part. Problems are collected, not raised one by one, so that one run lists them
all.
"""

import json
import traceback
import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.test import Client

from tests.security.corpus import active_content

INJECTED_HEADERS = {"bcc", "x-injected"}


class Probe:
    def __init__(self, user=None, *, secrets=(), enforce_csrf_checks=False):
        self.client = Client(raise_request_exception=False, enforce_csrf_checks=enforce_csrf_checks)
        self.user = user
        self.secrets = [s.encode() if isinstance(s, str) else s for s in secrets]
        self.problems = []
        self.requests = 0
        self._session = None
        self.log_in()

    def log_in(self):
        """Start (again) from a session of this person's own; cheap when the last request
        left the session as it was. Outside any transaction a test rolls back, or the new
        session goes with it."""
        session = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
        if self.user is not None and session is not None and session.value == self._session:
            return
        self.client.logout()
        if self.user is not None:
            self.client.force_login(self.user)
            self._session = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    # Sending

    def get(self, url, data=None, *, label=None, **extra):
        response = self.client.get(url, data, **extra)
        return self.check(response, label or f"GET {url}")

    def post(self, url, pairs=(), files=(), *, label=None, **extra):
        body, content_type = multipart(pairs, files)
        response = self.client.generic(
            "POST", url, body, content_type=content_type, secure=False, **extra
        )
        return self.check(response, label or f"POST {url}")

    def submit(self, form, pairs, files=(), *, label):
        if form.method == "post":
            return self.post(form.action, pairs, files, label=label)
        return self.get(form.action, as_query(pairs), label=label)

    # Checking

    def note(self, label, problem):
        self.problems.append(f"{label}: {problem}")

    def check(self, response, label):
        self.requests += 1
        if response.status_code >= 500:
            self.note(label, f"answered {response.status_code}{_exception(response)}")
            return response
        self._check_redirect(response, label)
        for name, value in response.items():
            if name.lower() in INJECTED_HEADERS or "\n" in value or "\r" in value:
                self.note(label, f"header {name}: {value!r}")
        content = _content(response)
        for secret in self.secrets:
            if secret in content:
                self.note(label, f"private content ({secret[:20]!r}) in the answer")
        self._check_content(response, content, label)
        self.check_mail(label)
        return response

    def _check_redirect(self, response, label):
        location = response.get("Location")
        if location is None:
            return
        if not stays_on_this_site(location):
            self.note(label, f"redirects off the site, to {location!r}")

    def _check_content(self, response, content, label):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        text = content.decode("utf-8", "replace")
        if content_type == "text/html":
            for found in active_content(text):
                self.note(label, f"live markup {found}")
        elif content_type in {"application/rss+xml", "application/atom+xml", "application/xml"}:
            self._check_feed(text, label)
        elif content_type == "text/calendar":
            self._check_calendar(text, label)
        elif content_type == "application/json":
            try:
                json.loads(text)
            except ValueError as error:
                self.note(label, f"JSON that does not parse: {error}")

    def _check_feed(self, text, label):
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as error:
            self.note(label, f"XML that does not parse: {error}")
            return
        for element in root.iter():
            local = element.tag.rsplit("}", 1)[-1]
            if local in {"description", "summary", "content", "encoded"} and element.text:
                # Feed readers render these as HTML.
                for found in active_content(element.text):
                    self.note(label, f"live markup in the feed's {local}: {found}")

    def _check_calendar(self, text, label):
        from icalendar import Calendar

        try:
            calendar = Calendar.from_ical(text)
        except ValueError as error:
            self.note(label, f"calendar that does not parse: {error}")
            return
        for component in calendar.walk():
            for name in component:
                if name.lower() in INJECTED_HEADERS:
                    self.note(label, f"calendar property {name} injected")

    def check_mail(self, label):
        for message in mail.outbox:
            where = f"{label}, email {message.subject[:60]!r}"
            headers = {
                "Subject": message.subject,
                "From": message.from_email,
                "To": ", ".join(message.to),
                "Cc": ", ".join(message.cc),
                "Bcc": ", ".join(message.bcc),
                "Reply-To": ", ".join(message.reply_to),
                **message.extra_headers,
            }
            for name, value in headers.items():
                if "\n" in str(value) or "\r" in str(value):
                    self.note(where, f"header {name} {value!r}")
            recipients = [*message.to, *message.cc, *message.bcc, *message.reply_to]
            if any("evil.example" in address for address in recipients):
                self.note(where, f"sent to {recipients}")
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    for found in active_content(content):
                        self.note(where, f"live markup in the HTML part: {found}")
        mail.outbox.clear()

    def assert_no_problems(self, test):
        shown = "\n".join(sorted(set(self.problems))[:60])
        test.assertFalse(self.problems, f"{len(self.problems)} problems:\n{shown}")


def stays_on_this_site(location):
    # Browsers read a backslash as a slash and skip tabs and line breaks in addresses.
    cleaned = "".join(c for c in location if c not in "\t\r\n").replace("\\", "/").strip()
    parts = urlsplit(cleaned)
    if parts.scheme:
        # "https:evil.example" is read as another host when the schemes differ.
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return parts.netloc == ""


def _content(response):
    if response.streaming:
        # The test client closes the response when the content runs out; closing it again
        # would close the database connection of the test.
        return b"".join(response.streaming_content)
    return response.content


def _exception(response):
    info = getattr(response, "exc_info", None)
    if not info:
        return ""
    frames = traceback.extract_tb(info[2])
    ours = [f for f in frames if "/site-packages/" not in f.filename] or frames
    where = f"{ours[-1].filename.rsplit('/', 2)[-2:]}:{ours[-1].lineno}" if ours else ""
    return f" ({info[0].__name__}: {str(info[1])[:200]} at {where})"


def as_query(pairs):
    query = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value)
    return query


def multipart(pairs, files=()):
    """A multipart/form-data body written by hand: Django's test client would tidy file names
    (path parts, NUL bytes) before sending, and those are exactly what must be tried."""
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in pairs:
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value,
        ]
    for name, filename, content, content_type in files:
        quoted = filename.replace('"', "%22")
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{quoted}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"
