"""How the demo content names its own pages, documents, images and topics.

Content refers to other content by key (``page("join")``, ``document("slides-iclei")``, or
``<a page="join">`` inside rich text), so the data reads without database ids and can name a
page before it exists. ``DemoObjects`` holds what has been made so far and swaps the keys for it.
"""

import re
from dataclasses import dataclass

from django.core.management.base import CommandError

PAGE_LINK = re.compile(r'<a page="([\w-]+)">(.*?)</a>', re.DOTALL)


@dataclass(frozen=True)
class Ref:
    kind: str  # "page", "document", "image" or "topic"
    key: str


def page(key):
    return Ref("page", key)


def document(key):
    return Ref("document", key)


def image(key):
    return Ref("image", key)


def topic(name):
    return Ref("topic", name)


def links_to(*keys):
    """Rows of a child relation whose one field is ``page`` (related links, featured pages)."""
    return [{"page": page(key)} for key in keys]


class UnknownKey(CommandError):
    pass


class DemoObjects:
    def __init__(self):
        self.by_kind = {"page": {}, "document": {}, "image": {}, "topic": {}}

    def __getitem__(self, kind):
        return self.by_kind[kind]

    def get(self, kind, key):
        try:
            return self.by_kind[kind][key]
        except KeyError:
            raise UnknownKey(f"The demo content refers to an unknown {kind} “{key}”.") from None

    def resolve(self, value):
        """``value`` with every reference swapped for its object and every ``<a page>`` for a
        link editors' rich text would hold. Raises UnknownKey for what is not made yet."""
        if isinstance(value, Ref):
            return self.get(value.kind, value.key)
        if isinstance(value, str):
            return PAGE_LINK.sub(self._link, value)
        if isinstance(value, dict):
            return {name: self.resolve(item) for name, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve(item) for item in value)
        return value

    def _link(self, match):
        key, text = match.groups()
        return f'<a linktype="page" id="{self.get("page", key).pk}">{text}</a>'
