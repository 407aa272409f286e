"""The site's addresses, read from the URLconf rather than listed by hand.

Tests that must reach every view (the access matrix, the attack suite) walk the URLconf with
these helpers, so a view added to any ``urls.py`` is requested without anyone remembering to
add it to a list.
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Route:
    """One view's address: its name as ``reverse`` wants it, and what it takes."""

    name: str
    namespaces: tuple[str, ...]
    route: str
    # Every keyword the address takes, from the pattern and the includes around it.
    kwargs: tuple[str, ...] = ()
    # Unnamed groups of a regular expression, which ``reverse`` takes as ``args``.
    positional: int = 0
    converters: dict = field(default_factory=dict, compare=False, hash=False)


def _keywords(pattern):
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def _positional(pattern):
    if isinstance(pattern, RoutePattern):
        return 0
    return pattern.regex.groups - len(pattern.regex.groupindex)


def routes():
    """Every named view of the URLconf, includes and nested namespaces walked through."""
    found = []

    def walk(patterns, namespaces, prefix, kwargs, converters, positional):
        for entry in patterns:
            here = prefix + str(entry.pattern)
            inner_kwargs = [*kwargs, *_keywords(entry.pattern)]
            inner_converters = {**converters, **getattr(entry.pattern, "converters", {})}
            inner_positional = positional + _positional(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
                walk(
                    entry.url_patterns,
                    inner,
                    here,
                    inner_kwargs,
                    inner_converters,
                    inner_positional,
                )
            elif isinstance(entry, URLPattern) and entry.name:
                found.append(
                    Route(
                        name=":".join([*namespaces, entry.name]),
                        namespaces=tuple(namespaces),
                        route=here,
                        kwargs=tuple(inner_kwargs),
                        positional=inner_positional,
                        converters=inner_converters,
                    )
                )

    walk(get_resolver().url_patterns, [], "", [], {}, 0)
    return found


def area_patterns():
    """``(name, converters)`` for every view under the ``community`` namespace, named as
    ``reverse`` wants them after ``community:`` (``"home"``, ``"library:tender"``)."""
    return [
        (":".join([*route.namespaces[1:], route.name.rsplit(":", 1)[-1]]), route.converters)
        for route in routes()
        if route.namespaces[:1] == ("community",)
    ]
