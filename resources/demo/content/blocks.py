"""StreamField blocks, written the way StreamField accepts them: (block type, value)."""

from resources.demo.refs import document, page


def heading(text):
    return ("heading", text)


def paragraph(*sentences_or_html):
    """One rich-text block; plain strings become paragraphs, HTML passes through."""
    parts = [s if s.lstrip().startswith("<") else f"<p>{s}</p>" for s in sentences_or_html]
    return ("paragraph", "".join(parts))


def bullets(*items, intro=""):
    html = f"<p>{intro}</p>" if intro else ""
    return ("paragraph", html + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def call_to_action(title, text, page_key, link_text=""):
    return (
        "call_to_action",
        {"heading": title, "text": text, "link": _page_link(page_key, link_text)},
    )


def documents(title, *keys):
    return ("documents", {"heading": title, "documents": [document(key) for key in keys]})


def menu_link(page_key, text=""):
    """A link in the main menu or the footer; without text it shows the page's title."""
    return ("link", _page_link(page_key, text))


def session(start, end, title, description, speaker, slides=""):
    """One item of an event's agenda; ``speaker`` from ``speaker()``, ``slides`` a document
    key."""
    return (
        "session",
        {
            "start_time": start,
            "end_time": end,
            "title": title,
            "description": description,
            "speakers": [speaker],
            "slides": document(slides) if slides else None,
        },
    )


def speaker(name, organisation, kind):
    """``kind`` is one of resources.blocks.SpeakerKind."""
    return {"name": name, "organisation": organisation, "kind": kind}


def _page_link(page_key, text):
    return {"page": page(page_key), "url": "", "text": text}
