"""Visiting every address of the site as one person, and collecting what each page offers:
its forms, and the query parameters its links and search forms use."""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.db import transaction

from tests.security.html_forms import parse_forms, parse_links


@dataclass
class Visit:
    name: str
    url: str
    status: int
    forms: list = field(default_factory=list)
    # Query parameters this page's links use, by the path they lead to.
    links: dict = field(default_factory=dict)


def crawl(probe, urls, *, role):
    """GET every ``(name, url)``, each as a fresh login (someone else's email confirmation
    link logs one out); each request leaves the database as it found it (opening a
    notification marks it read), so every page is seen in the same state."""
    visits = []
    for name, url in urls:
        probe.log_in()
        with transaction.atomic():
            response = probe.get(url, label=f"{role}: GET {url}")
            transaction.set_rollback(True)
        visit = Visit(name, url, response.status_code)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            html = response.content.decode()
            visit.forms = parse_forms(html, url)
            visit.links = parse_links(html, url)
        location = response.get("Location")
        if location and urlsplit(location).query:
            names = {n for n, _v in parse_qsl(urlsplit(location).query, keep_blank_values=True)}
            visit.links.setdefault(urlsplit(location).path, set()).update(names)
        visits.append(visit)
    return visits


def distinct_forms(visits, seen=None):
    """Each form once, however many pages show it (the search box is on all of them)."""
    seen = set() if seen is None else seen
    forms = []
    for visit in visits:
        for form in visit.forms:
            if form.key not in seen:
                seen.add(form.key)
                forms.append(form)
    return forms


def query_parameters(visits):
    """``{path: parameter names}`` from every link and GET form the pages hold."""
    found = {}
    for visit in visits:
        for path, names in visit.links.items():
            found.setdefault(path, set()).update(names)
        for form in visit.forms:
            if form.method == "get":
                names = {f.name for f in form.fields if f.kind not in {"submit", "image"}}
                found.setdefault(form.path, set()).update(names)
    return found
