"""What visitors and editors come to do, done in a real browser from start to finish."""

import io
import random
import re
import xml.etree.ElementTree as ElementTree

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.checks import describe_axe_violations, run_axe
from tests.browser.chromium import PHONE, focused

pytestmark = pytest.mark.browser

# The demo's staff account (home/demo.py, loaded by manage.py load_demo_content).
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "procura-demo"


def tab_to(page, matches, what, *, backwards=False, limit=150):
    """Press Tab (Shift+Tab going back) until ``matches(element)``, a JavaScript predicate,
    holds for the focused element; fail naming ``what`` if it never does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => ({matches})(document.activeElement)"):
            return focused(page)
    pytest.fail(f"{limit} presses of {key} on {page.url} never reached {what}")


def follow(page):
    """Press Enter on the focused link and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_visitor_finds_an_event_its_calendar_entry_slides_and_resources(page):
    # Lands on the home page: the first Tab shows the skip link.
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    assert page.locator(".skip-link").is_visible()

    # Tabs on to the main menu and opens Events.
    tab_to(page, "el => el.closest('#main-menu') && el.textContent.trim() === 'Events'", "Events")
    follow(page)
    assert page.locator("h1").inner_text() == "Events"

    # Skips the header, then opens the first upcoming event.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    event = tab_to(
        page,
        "el => el.matches('.card__link') && el.closest('[aria-labelledby=upcoming-heading]')",
        "an upcoming event",
    )
    follow(page)
    assert page.locator("h1").inner_text() == event["text"]

    # Adds the event to a calendar.
    calendar = tab_to(page, "el => el.matches('.calendar-link')", "the calendar link")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    ics = open(download.path(), encoding="utf-8").read()  # noqa: SIM115 - a temp file
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:" + event["text"][:30] in ics.replace("\r\n ", "")
    response = page.request.get(calendar["href"])
    assert response.headers["content-type"].startswith("text/calendar")

    # Back to the events through the breadcrumbs, on to a past event with slides.
    tab_to(
        page,
        "el => el.closest('.breadcrumbs') && el.textContent.trim() === 'Events'",
        "the Events breadcrumb",
        backwards=True,
    )
    follow(page)
    tab_to(
        page,
        "el => el.matches('.card__link') && el.closest('[aria-labelledby=past-heading]')"
        " && /Nijmegen/.test(el.textContent)",
        "the Nijmegen event among past events",
    )
    follow(page)
    slides = tab_to(page, "el => el.closest('.session__slides')", "a session's slides")
    assert slides["text"].startswith("Slides: ")
    assert slides["href"].startswith("/documents/")
    pdf = page.request.get(slides["href"])
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # From the event's tags to a tag page, and from there to a resource.
    tag = tab_to(page, "el => el.matches('.tag')", "a tag of the event")
    follow(page)
    assert page.locator("h1").inner_text() == tag["text"]
    resource = tab_to(
        page,
        "el => el.matches('.card__link')"
        " && el.closest('.card').querySelector('.card__type')?.textContent.trim() === 'Resource'",
        "a resource on the tag page",
    )
    follow(page)
    assert page.locator("h1").inner_text() == resource["text"]
    assert "/resources/" in page.url

    # The resource listing, filtered by kind with the keyboard.
    tab_to(
        page,
        "el => el.closest('#main-menu') && el.textContent.trim() === 'Resources'",
        "Resources",
        backwards=True,
    )
    follow(page)
    tab_to(page, "el => el.matches('select[name=kind]')", "the Kind filter")
    page.keyboard.press("ArrowDown")
    kind = page.evaluate("() => document.activeElement.selectedOptions[0].textContent.trim()")
    tab_to(page, "el => el.matches('button[type=submit]') && el.closest('.filters')", "Apply")
    follow(page)
    assert "kind=" in page.url
    assert "match" in page.locator(".result-count").first.inner_text()
    card = tab_to(page, "el => el.matches('.card__link')", "the first filtered resource")
    follow(page)
    assert page.locator("h1").inner_text() == card["text"]
    assert page.locator(".page-header__type").text_content().strip() == kind
    assert not page.errors, page.errors


def test_phone_visitor_opens_the_menu_and_reads_a_news_item(phone_page):
    page = phone_page
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    news_link = page.locator("#main-menu").get_by_role("link", name="News", exact=True)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not news_link.is_visible()

    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    news_link.tap()
    page.wait_for_url("**/news/")
    first = page.locator("main .card__link").first
    title = first.inner_text()
    first.tap()

    expect(page.locator("h1")).to_have_text(title)
    assert page.locator("main .prose").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
        "The news page scrolls sideways at 375 px"
    )
    assert not page.errors, page.errors


def test_keyboard_visitor_chooses_a_page_from_the_search_suggestions(page, axe_script):
    page.goto("/search/")
    header_search = page.get_by_role("search", name="Site", exact=True)
    box = header_search.get_by_role("combobox", name="Search this site")
    listbox = header_search.get_by_role("listbox", name="Search suggestions")
    status = header_search.get_by_role("status")
    expect(box).to_have_attribute("aria-expanded", "false")

    # Types the start of a word: the titles that start that way are offered and announced.
    box.press_sequentially("webin", delay=30)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 2, "The demo has several webinars"
    expect(status).to_have_text(
        re.compile(rf"^{count} suggestions available, use up and down arrows\s*$")
    )

    # Moves down to the second suggestion; focus stays in the box, which names the option.
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    assert focused(page)["id"] == "header-search-q"
    title = second.locator(".site-search__suggestion-text").inner_text()

    # The search page with the list open and an option chosen passes axe-core.
    violations = run_axe(page, axe_script)["violations"]
    assert not violations, describe_axe_violations(violations)

    # Escape closes the list and keeps the text; Down opens it again.
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("webin")
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(second).to_have_attribute("aria-selected", "true")

    # Enter opens the chosen page.
    with page.expect_navigation():
        box.press("Enter")
    expect(page.locator("h1")).to_have_text(title)
    assert "/search/" not in page.url
    assert not page.errors, page.errors


def test_visitor_who_asks_for_a_missing_page_gets_a_helpful_404(page):
    response = page.goto("/procurement-guide-that-moved/")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert "Page not found" in page.title()
    menu = page.get_by_role("navigation", name="Main")
    assert menu.get_by_role("link").count() >= 3
    assert page.locator("main").get_by_role("search").count() == 1

    menu.get_by_role("link", name="Resources", exact=True).click()
    expect(page.locator("h1")).to_have_text("Resources")


def png(width=800, height=450):
    """A small PNG no other test uploaded (Wagtail warns about duplicates by file hash)."""
    colour = tuple(random.randrange(256) for _ in range(3))
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_publishes_a_news_item_with_an_image_and_a_tag(page, settings):
    # Autosave is off: a draft autosaved while the refused Publish below is on its way creates
    # the page behind the form's back, and the next Publish is then refused because the slug is
    # taken. An editor who pauses before publishing never meets this race; a test always would.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    # Unique, so the steps below find this story and its image and nothing older.
    token = random.randrange(10**6)
    title = f"Buyers in Ghent compare notes on fair laptops ({token})"
    image_title = f"Meeting in Ghent ({token})"
    description = "Public buyers and laptop suppliers around a meeting table"
    alt_in_story = "Suppliers listening to a buyer's plans"
    tag = "journey notes"

    # Signs in to the admin and finds the news section.
    page.goto("/admin/")
    page.locator("main").get_by_label("Email").fill(ADMIN_EMAIL)
    page.locator("main").get_by_label("Password").fill(ADMIN_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Pages").click()
    page.locator(".c-page-explorer").get_by_role("link", name="Home", exact=True).click()
    page.get_by_role("link", name="Explore child pages of 'News'").click()
    page.get_by_role("link", name="Add child page").click()

    # Writes the story.
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_role("textbox", name="Introduction").fill("What buyers learnt in Ghent.")
    page.get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File*").set_input_files(
        {"name": "ghent-meeting.png", "mimeType": "image/png", "buffer": png()}
    )
    chooser.get_by_role("textbox", name="Title*").fill(image_title)
    chooser.get_by_role("textbox", name="Description").fill(description)
    chooser.get_by_role("button", name="Upload").click()
    chooser.wait_for(state="detached")

    body = page.locator("[data-contentpath='body']")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    body.get_by_role("textbox").first.click()
    page.keyboard.type("Buyers with tenders coming up told suppliers what they will ask.")

    # An image in the story without alternative text is refused…
    body.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Image").click()
    body.get_by_role("button", name="Choose an image").click()
    chooser.get_by_role("link", name=image_title).click()
    chooser.wait_for(state="detached")
    alt_text = body.get_by_role("textbox", name="Alt text")
    alt_text.fill("")

    page.locator(".tagit-new input").fill(tag)
    page.keyboard.press("Enter")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text("The page could not be created due to validation errors")
    ).to_be_visible()
    expect(body.get_by_text("Please add some alt text for your image")).to_be_visible()

    # …and accepted once it says what the picture shows.
    body.get_by_role("textbox", name="Alt text").fill(alt_in_story)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{title}' created and published.")).to_be_visible()

    # The story is on the site, with its image described…
    page.goto("/news/")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(".lead-image img").get_attribute("alt") == description
    assert page.locator(".prose img").get_attribute("alt") == alt_in_story

    # …on its tag's page…
    page.locator(".tag-list").get_by_role("link", name=tag).click()
    expect(page.locator("h1")).to_have_text(tag)
    assert page.locator("main").get_by_role("link", name=title).count() == 1

    # …and in the news feed.
    feed = page.request.get("/news/feed/")
    assert feed.headers["content-type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(feed.body()).findall("./channel/item")
    entry = next((item for item in items if item.findtext("title") == title), None)
    assert entry is not None, f"'{title}' is not in the news feed"
    assert tag in [category.text for category in entry.findall("category")]
    assert re.search(r"/news/[\w-]+/$", entry.findtext("link"))
