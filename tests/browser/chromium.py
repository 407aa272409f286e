"""How the tests run Chromium: Debian's build, headless, kept off every site but the test server."""

import os
from pathlib import Path

# Playwright's own browser download cannot be used here; Debian's package can (see the README).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The browser would otherwise look up its vendor's hosts (accounts, updates); it may
    # resolve nothing but the test server.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}


def keep_on_site(context, live_site):
    """Abort every request of a browser context that leaves the live site.

    Returns the list the aborted addresses are added to: a public page that makes the browser
    contact another site (fonts, analytics, embeds) tells that site who is reading it.
    """
    blocked = []

    def route(route):
        url = route.request.url
        if live_site.owns(url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    return blocked


def focused(page):
    """What has the keyboard focus: its tag, id, text, link target, and whether it sits in
    the main content or the main menu."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                text: (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim(),
                href: el.getAttribute('href'),
                inMain: !!el.closest('main'),
                inMenu: !!el.closest('#main-menu'),
            };
        }"""
    )
