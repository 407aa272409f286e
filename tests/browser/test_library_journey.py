"""A member shares a tender and its documents; another finds it and downloads them."""

import random
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_members_journey import DEMO_PASSWORD, log_in
from tests.community.library import files

pytestmark = pytest.mark.browser


def upload(page, kind, title, name, content):
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("File").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name="Add the document").click()


def test_a_tender_is_shared_versioned_found_and_downloaded(open_page):
    title = f"Printers with labour-rights clauses ({random.randrange(10**6)})"
    owner = open_page()
    log_in(owner, "member@example.org", DEMO_PASSWORD)

    # Shares the tender; a wrong CPV code is refused next to the field, nothing typed is lost.
    owner.locator(".members-nav").get_by_role("link", name="Tender library").click()
    owner.get_by_role("link", name="Share a tender").click()
    form = owner.locator("main form")
    form.get_by_label("Title", exact=True).fill(title)
    form.get_by_label("Buyer (optional)").select_option(label="Barcelona City Council")
    form.get_by_label("Country").select_option(label="Spain")
    form.get_by_label("Main CPV code").fill("3023211")
    form.get_by_label("Summary (optional)").fill("Laser printers for city offices.")
    form.get_by_label("Tags (optional)").fill("printers, labour rights")
    form.get_by_role("button", name="Share the tender").click()
    expect(owner.locator("#id_main_cpv_error")).to_contain_text("is not a CPV 2008 code")
    expect(owner.get_by_label("Summary (optional)")).to_have_value(
        "Laser printers for city offices."
    )
    owner.get_by_label("Main CPV code").fill("30232110")
    # The picker reads out where the code sits in the vocabulary.
    expect(owner.locator("#main-cpv-path")).to_contain_text(
        "30200000 Computer equipment and supplies › 30230000 Computer-related equipment",
        timeout=15_000,
    )
    owner.get_by_role("button", name="Share the tender").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(title)

    # Adds two documents, then a new version of the first.
    owner.get_by_role("link", name="Add a document").click()
    upload(owner, "Specification", "Printer specification", "spec.pdf", files.pdf("Version one"))
    owner.get_by_role("link", name="Add a document").click()
    upload(owner, "Contract clauses", "Clauses", "clauses.docx", files.docx("Clauses"))
    owner.get_by_role("link", name="Upload a new version of Printer specification").click()
    owner.get_by_label("New version").set_input_files(
        {"name": "spec-v2.pdf", "mimeType": "application/pdf", "buffer": files.pdf("Version two")}
    )
    owner.get_by_label("What changed (optional)").fill("Toner take-back added")
    owner.get_by_role("button", name="Upload the new version").click()
    expect(owner.locator("main")).to_contain_text("Version 2 of “Printer specification” is added")

    # Another member finds it by the printers' CPV class and downloads both versions.
    reader = open_page()
    log_in(reader, "lars.nielsen@example.org", DEMO_PASSWORD)
    reader.goto("/members/library/")
    reader.get_by_label("CPV code (optional)").fill("30232000")
    reader.get_by_role("button", name="Find").click()
    reader.get_by_role("link", name=title).click()
    with reader.expect_download() as current:
        reader.get_by_role("link", name=re.compile("^Download Printer specification")).click()
    reader.get_by_text("Earlier versions of Printer specification").click()
    with reader.expect_download() as earlier:
        reader.get_by_role("link", name="Printer specification, version 1").click()
    assert Path(current.value.path()).read_bytes().startswith(b"%PDF")
    assert current.value.suggested_filename == "spec-v2.pdf"
    assert earlier.value.suggested_filename == "spec.pdf"

    # Saves a passage of it to the clause bank, where it shows where it came from.
    reader.get_by_role("link", name="Save a clause from this tender").click()
    reader.get_by_label("Title", exact=True).fill("Toner take-back")
    reader.get_by_label("Contract performance clause").check()
    reader.get_by_label("Text").fill("The supplier takes back used toner cartridges for reuse.")
    reader.get_by_role("button", name="Save to the clause bank").click()
    expect(reader.locator("main")).to_contain_text("“Toner take-back” is in the clause bank.")
    reader.get_by_role("link", name="Back to the clause bank").click()
    expect(reader.get_by_role("link", name="Toner take-back")).to_be_visible()
    assert not reader.errors and not owner.errors
