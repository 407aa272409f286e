"""What the members' home shows: a section per part of the area, each registered by the part
that owns it (the tender library, the discussions), so the home names none of them.

``register(key, template, context, order)``: ``context(request)`` returns the section's
template context, or None to leave the section out for this member.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Any
    order: int


_sections: dict[str, Section] = {}


def register(key, *, template, context, order=100):
    _sections[key] = Section(key, template, context, order)


def sections_for(request):
    """``[(template, context), …]`` in order, for the sections this member gets."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            shown.append((section.template, context))
    return shown
