"""Forms and links read out of a page, as a browser would submit and follow them."""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.urls import Resolver404, resolve

CSRF_FIELD = "csrfmiddlewaretoken"
# A formset's rows after the first: "lots-1-title".
FURTHER_ROW = re.compile(r"-[1-9][0-9]*-")
# Inputs whose value a person types; the others are chosen (select, radio, checkbox), sent
# (submit buttons) or uploaded (file).
TYPED = {"text", "search", "email", "url", "tel", "number", "password", "hidden", "textarea"}
TYPED |= {"date", "datetime-local", "time", "month", "week", "color", "range"}
PARSED = {"number", "date", "datetime-local", "time", "month", "week", "color", "range"}
CHOSEN = {"select", "radio", "checkbox"}
BUTTONS = {"submit", "image", "button", "reset"}
# What a person would type into an empty required field, so that the rest of the form is
# accepted and a payload in one field is stored.
PLAIN_VALUES = {
    "email": "someone@example.org",
    "url": "https://example.org/",
    "number": "1",
    "date": "2031-05-01",
    "datetime-local": "2031-05-01T10:00",
    "time": "10:00",
    "password": "Unusual-Passphrase-4417",
}
# Fields a plain word cannot fill: a CPV code must be a real one.
PLAIN_BY_NAME = {"main_cpv": "30213100"}


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    options: list = field(default_factory=list)
    checked: bool = False
    required: bool = False
    # Django writes the form field's max_length here, and checks it, with NUL bytes, itself.
    maxlength: int | None = None
    accept: str = ""

    @property
    def typed(self):
        return self.kind in TYPED and self.name != CSRF_FIELD


@dataclass
class Form:
    page: str
    method: str
    action: str
    enctype: str
    fields: list

    @property
    def path(self):
        return urlsplit(self.action).path

    @property
    def fields_key(self):
        """The same fields, wherever they are sent: sharing and editing a tender."""
        return self.method, tuple(sorted({f.name for f in self.fields if f.kind not in BUTTONS}))

    @property
    def key(self):
        """What makes two forms the same form: the view they send which fields to (following
        five CPV codes is one form)."""
        names = sorted({f.name for f in self.fields if f.kind not in BUTTONS})
        try:
            view = resolve(self.path).view_name
        except Resolver404:
            view = self.path
        return (self.method, view, tuple(names))

    @property
    def typed_fields(self):
        names = []
        for item in self.fields:
            if item.typed and item.name not in names:
                names.append(item.name)
        return names

    @property
    def filled_values(self):
        """What the page itself put in the typed fields."""
        return [f.value for f in self.fields if f.typed]

    @property
    def one_row_fields(self):
        """Typed and chosen fields, with a formset's further rows left out: they are the first
        row's fields again."""
        return [
            name for name in self.typed_fields + self.chosen_fields if not FURTHER_ROW.search(name)
        ]

    @property
    def unbounded_fields(self):
        """Text fields with no length the form checks: long text and NUL bytes go there.
        (Numbers and dates are parsed, so neither reaches the database as text.)"""
        bounded = {f.name for f in self.fields if f.maxlength is not None or f.kind in PARSED}
        return [name for name in self.typed_fields if name not in bounded]

    @property
    def chosen_fields(self):
        return sorted({f.name for f in self.fields if f.kind in CHOSEN})

    @property
    def file_fields(self):
        return [f for f in self.fields if f.kind == "file"]

    @property
    def has_csrf_token(self):
        return any(f.name == CSRF_FIELD for f in self.fields)

    def values(self, *, button=None):
        """``[(name, value)]`` as a person would send the form: what the page filled in, a
        plain value in empty required fields, a choice made where none is, and the first
        submit button."""
        pairs = []
        radios = {}
        for item in self.fields:
            if item.kind in BUTTONS or item.kind == "file":
                continue
            if item.kind == "radio":
                # A choice made where the page left none (or the blank one).
                if item.checked and item.value:
                    radios[item.name] = item.value
                elif item.value:
                    radios.setdefault(item.name, item.value)
                continue
            if item.kind == "checkbox":
                if item.checked or item.required:
                    pairs.append((item.name, item.value or "on"))
                continue
            if item.kind == "select":
                value = item.value or next((o for o in item.options if o), "")
                pairs.append((item.name, value))
                continue
            value = item.value
            if not value and item.required:
                value = PLAIN_BY_NAME.get(item.name) or PLAIN_VALUES.get(item.kind, "Plain words")
            pairs.append((item.name, value))
        pairs += list(radios.items())
        chosen = button or self.default_button
        if chosen is not None and chosen.name:
            pairs.append((chosen.name, chosen.value))
        return pairs

    @property
    def buttons(self):
        return [f for f in self.fields if f.kind in {"submit", "image"}]

    @property
    def default_button(self):
        return next(iter(self.buttons), None)


def parse_forms(html, page):
    soup = BeautifulSoup(html, "html.parser")
    forms = []
    for element in soup.find_all("form"):
        method = (element.get("method") or "get").lower()
        action = urljoin(page, element.get("action") or page)
        enctype = element.get("enctype") or "application/x-www-form-urlencoded"
        forms.append(Form(page, method, action, enctype, list(_fields(element))))
    return forms


def _fields(form):
    for element in form.find_all(["input", "textarea", "select", "button"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        required = element.has_attr("required")
        maxlength = element.get("maxlength")
        maxlength = int(maxlength) if maxlength and maxlength.isdigit() else None
        if element.name == "textarea":
            # As in browsers, the line break that opens a textarea is not part of its value.
            text = element.text[1:] if element.text.startswith("\n") else element.text
            yield Field(name, "textarea", text, required=required, maxlength=maxlength)
        elif element.name == "select":
            options = [o.get("value", o.text) for o in element.find_all("option")]
            selected = [o.get("value", o.text) for o in element.find_all("option", selected=True)]
            value = selected[0] if selected else (options[0] if options else "")
            yield Field(name, "select", value, options=options, required=required)
        elif element.name == "button":
            kind = (element.get("type") or "submit").lower()
            yield Field(name, "submit" if kind == "submit" else kind, element.get("value", ""))
        else:
            kind = (element.get("type") or "text").lower()
            yield Field(
                name,
                kind,
                element.get("value", "on" if kind in {"checkbox", "radio"} else ""),
                checked=element.has_attr("checked"),
                required=required,
                maxlength=maxlength,
                accept=element.get("accept", ""),
            )


def parse_links(html, page):
    """``{path: {parameter names}}`` of this site's links that carry a query string."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for element in soup.find_all("a", href=True):
        url = urlsplit(urljoin(page, element["href"]))
        if url.netloc not in ("", "testserver") or not url.query:
            continue
        names = {name for name, _value in parse_qsl(url.query, keep_blank_values=True)}
        found.setdefault(url.path, set()).update(names)
    return found
