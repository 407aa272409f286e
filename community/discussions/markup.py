"""Members' Markdown, rendered to HTML that is safe to show anyone, and the mentions in it.

markdown-it-py renders CommonMark with raw HTML turned off; nh3 (Ammonia) then keeps only the
tags and attributes below, so whatever the renderer lets through (a ``javascript:`` link, an
unexpected attribute) is removed by the second step, not trusted to the first.
"""

import re

import nh3
from django.utils.html import escape
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# ``@lars.nielsen``: a member's handle (their username) after a space or the start of a line,
# so that an email address is not read as a mention.
MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9_])?)")


def mentioned_handles(text):
    return {handle.lower() for handle in MENTION.findall(text)}


def _mention_rule(state, silent):
    if state.src[state.pos] != "@":
        return False
    if state.pos and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "@._"):
        return False
    match = MENTION.match(state.src, state.pos)
    if not match:
        return False
    url = state.env.get("mentions", {}).get(match.group(1).lower())
    if url is None:
        # Nobody by that name: the text stays text.
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.content = match.group(0)
        token.meta = {"url": url}
    state.pos = match.end()
    return True


def _render_mention(renderer, tokens, index, options, env):
    token = tokens[index]
    return f'<a class="mention" href="{escape(token.meta["url"])}">{escape(token.content)}</a>'


def _parser():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.add_render_rule("mention", _render_mention)
    # Headings inside a post start below the page's own (h1 title, h2 sections).
    md.add_render_rule("heading_open", _demoted_heading)
    md.add_render_rule("heading_close", _demoted_heading)
    return md


def _demoted_heading(renderer, tokens, index, options, env):
    token = tokens[index]
    level = min(int(token.tag[1]) + 2, 6)
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


_markdown = _parser()


def render(text, *, mentions=None):
    """Sanitised HTML for ``text``; ``mentions`` maps each handle that names a member
    (lower case) to the address their mention links to."""
    html = _markdown.render(text or "", {"mentions": mentions or {}})
    return clean(html)


def clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
