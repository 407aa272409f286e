"""Hostile input, and the check that none of it comes back alive.

One corpus for the whole suite: the discussions' Markdown tests and the attack suite
(tests/security) feed the same payloads, so a payload added here is tried everywhere.

Every script payload calls ``alert('xss')``: the marker the checks below look for.
"""

from html.parser import HTMLParser

MARKER = "xss"

# A representative few, fed to every field and parameter of the site.
SCRIPT_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert('xss')>",
    "\"><svg onload=alert('xss')>",
    "' autofocus onfocus=alert('xss') x='",
    "</textarea></title><script>alert('xss')</script>",
    "[click](javascript:alert('xss'))",
    # Fullwidth brackets: harmless as typed, live if something normalises them after escaping.
    "＜img src=x onerror=alert('xss')＞",
    "javascript:alert('xss')",
]

# What else Markdown might be talked into: link schemes, raw HTML, code spans.
MARKDOWN_PAYLOADS = [
    "[click](JaVaScRiPt:alert('xss'))",
    "[click](  javascript:alert('xss'))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=)",
    "<a href=\"javascript:alert('xss')\">click</a>",
    '<iframe src="https://evil.example/xss"></iframe>',
    "<div style=\"background:url(javascript:alert('xss'))\">x</div>",
    "![x](javascript:alert('xss'))",
    "<details open ontoggle=alert('xss')>",
    "`<script>alert('xss')</script>`",
    "```\n<script>alert('xss')</script>\n```",
]

XSS_CORPUS = SCRIPT_PAYLOADS + MARKDOWN_PAYLOADS

# Headers are built from names and titles: a line break there would start a new header.
HEADER_INJECTION = "Marta\r\nBcc: victim@evil.example\r\nX-Injected: yes"
# PostgreSQL refuses NUL in text outright; it must be refused with a message before that.
NUL = "before\x00after"
# Longer than every column: a form that does not check a length leaves it to the database.
LONG = "A" * 50_000
# Looks alike, is not: Cyrillic letters in a Latin word, a right-to-left override.
CONFUSABLES = "Ρаypаl аdmin \u202egnp.exe"

TEXT_PAYLOADS = [*SCRIPT_PAYLOADS, HEADER_INJECTION, CONFUSABLES]

# Where a site sends people after a login or a choice: each must stay on this site.
REDIRECTS = [
    "//evil.example/",
    "https:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "/%09/evil.example",
    "http://testserver@evil.example/",
    "javascript:alert('xss')",
]
REDIRECT_PARAMETERS = {"next", "return_url", "redirect_to", "redirect", "url"}

NUMBERS = ["-1", "0", "1.5", "1e309", "NaN", "2147483648", "99999999999999999999"]
PATHS = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "....//....//etc"]

# Query syntax of Elasticsearch and Lucene, and of what a search backend might pass on.
SEARCH_SYNTAX = [
    "title:(",
    "*:*",
    "a AND (",
    '"unbalanced',
    "\\",
    "/regex[/",
    "{!lucene}",
    "_id:1",
    "audience:members",
    "audience:(members OR public)",
    "_exists_:audience",
    "title:* OR body:*",
    "a~99999",
    "[* TO *]",
    "*?*?*?*?*?*?*?*?*?*?",
    '{"query": {"match_all": {}}}',
    "%",
    "_",
    "'; DROP TABLE wagtailcore_page; --",
]


def rotation(values):
    """An endless round of ``values``: one payload per field, the next field the next one."""
    while True:
        yield from values


# Elements that run or load something, when a payload (not the site) put them there.
LOADING_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "base",
    "svg",
    "math",
    "img",
    "details",
    "style",
    "link",
    "meta",
}
# In members' Markdown none of these belongs, whatever its attributes.
NEVER_IN_MARKDOWN = LOADING_ELEMENTS - {"link", "meta"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


class ActiveContent(HTMLParser):
    """What in a page a browser would run, or fetch, because of a payload.

    Escaped text is inert and never collected. Collected: any event-handler attribute, any
    script URL, scripts from another site, inline scripts carrying the marker, data
    scripts that close their element, and elements that load from the attacker's site.

    ``strict`` is for rendered members' Markdown, where none of those elements belongs at
    all, whatever their attributes.
    """

    def __init__(self, *, strict=False):
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.schemes = (*SCRIPT_SCHEMES, "data:") if strict else SCRIPT_SCHEMES
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            compact = "".join((value or "").split()).lower()
            runs = name.startswith("on") or (
                name in URL_ATTRIBUTES and compact.startswith(self.schemes)
            )
            styled = name == "style" and (
                self.strict or "javascript:" in compact or "expression(" in compact
            )
            if runs or styled:
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._inline_script(values)
        elif tag in LOADING_ELEMENTS:
            # A payload's element fetches from the attacker's site, or refreshes to a script.
            fetches = any(
                "evil.example" in (value or "")
                for name, value in values.items()
                if name in URL_ATTRIBUTES
            )
            refresh = values.get("http-equiv", "").lower() == "refresh" and (
                "javascript:" in (values.get("content") or "").lower()
                or "evil.example" in (values.get("content") or "")
            )
            if fetches or refresh or (self.strict and tag in NEVER_IN_MARKDOWN):
                self.found.append(f"<{tag} {values}>")

    def _inline_script(self, attrs):
        src = attrs.get("src") or ""
        if src:
            # The site's own scripts come from its own paths; a payload's from elsewhere.
            if not src.startswith("/") or src.startswith("//"):
                self.found.append(f"<script src={src!r}>")
            return
        if self.strict:
            self.found.append("<script>")
        self._script = (attrs.get("type") or "").lower()

    def handle_data(self, data):
        if self._script is None:
            return
        if self._script in DATA_SCRIPT_TYPES:
            # Data for the page's scripts (Wagtail's admin uses it): inert while it cannot
            # close its element.
            if "</" in data.lower():
                self.found.append("a data <script> that closes itself")
        elif self.strict or MARKER in data or "evil.example" in data:
            self.found.append(f"<script>{data.strip()[:80]}</script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def active_content(html, *, strict=False):
    parser = ActiveContent(strict=strict)
    parser.feed(html)
    parser.close()
    return parser.found


def assert_inert(html, *, strict=False, where=""):
    found = active_content(html, strict=strict)
    assert not found, f"{where} {found} got through".strip()
