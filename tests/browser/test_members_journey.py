"""Joining, being approved, using and leaving the members' area, in a real browser."""

import json
import random
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STAFF_EMAIL = "admin@example.org"
DEMO_PASSWORD = "procura-demo"
PASSWORD = "fair-laptops-for-every-school"


def log_in(page, email, password):
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.get_by_label("Email").fill(email)
    main.get_by_label("Password").fill(password)
    main.get_by_role("button", name="Log in").click()


def test_a_visitor_applies_is_approved_uses_the_area_and_leaves(open_page):
    applicant = open_page()
    email = f"ana.{random.randrange(10**6)}@example.org"

    # Finds the application form from the public site.
    applicant.goto("/")
    applicant.get_by_role("link", name="Members' login").click()
    applicant.get_by_role("link", name="Apply to join the interest group").click()

    # A first attempt without the organisation or consent is refused, keeping what was typed.
    form = applicant.locator("main form")
    form.get_by_label("First name").fill("Ana")
    form.get_by_label("Last name").fill("Ferreira")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Job title").fill("ICT buyer")
    form.get_by_label("Country").select_option(label="Spain")
    form.get_by_label("Why do you want to join?").fill("To reuse labour-rights clauses.")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password (again)").fill(PASSWORD)
    form.get_by_role("button", name="Send my application").click()
    expect(applicant.get_by_role("alert")).to_be_visible()
    expect(applicant.locator("main")).to_contain_text(
        "You can only join if you agree to the privacy notice."
    )
    form = applicant.locator("main form")
    assert form.get_by_label("Why do you want to join?").input_value() == (
        "To reuse labour-rights clauses."
    )

    # Completes the form and is told what happens next.
    form.get_by_label("Organisation", exact=True).select_option(label="Barcelona City Council")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password (again)").fill(PASSWORD)
    form.get_by_label("I agree to the privacy notice").check()
    form.get_by_role("button", name="Send my application").click()
    expect(applicant.get_by_role("heading", name="Check your email")).to_be_visible()

    # Confirms the address with the link from the email, and waits.
    [message] = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    applicant.goto(re.sub(r"^https?://[^/]+", "", link))
    applicant.locator("main").get_by_role("button", name="Confirm").click()
    expect(
        applicant.get_by_role("heading", name="Your application is awaiting approval")
    ).to_be_visible()
    applicant.goto("/members/people/")
    expect(applicant).to_have_url(re.compile("/members/awaiting-approval/$"))

    # Staff approve the application in the admin.
    staff = open_page()
    log_in(staff, STAFF_EMAIL, DEMO_PASSWORD)
    staff.goto("/admin/community/members/?status=pending")
    row = staff.locator("tr", has_text="Ana Ferreira")
    row.get_by_role("link", name="Approve or reject").click()
    staff.get_by_label("Approve: make them a member").check()
    staff.get_by_label("Message").fill("Welcome, Ana.")
    staff.get_by_role("button", name=re.compile("Decide and email")).click()
    expect(staff.locator("main")).to_contain_text("Ana Ferreira is now a member")

    # The new member logs in again and lands on the members' home.
    applicant.get_by_role("button", name="Log out").click()
    log_in(applicant, email, PASSWORD)
    expect(applicant.get_by_role("heading", name="Welcome, Ana")).to_be_visible()

    # Edits the profile and hides the job title from other members.
    applicant.locator(".members-nav").get_by_role("link", name="My profile").click()
    applicant.get_by_role("link", name="Edit your profile").first.click()
    applicant.get_by_role("textbox", name=re.compile("^About me")).fill(
        "I buy laptops for Barcelona's schools."
    )
    applicant.get_by_role("textbox", name=re.compile("^Job title")).fill("Senior ICT buyer")
    applicant.locator("fieldset", has_text="What other members see").get_by_label(
        "Job title"
    ).uncheck()
    applicant.get_by_role("button", name="Save my profile").click()
    expect(applicant.locator("main")).to_contain_text("Your profile is saved.")
    expect(applicant.locator("main")).to_contain_text("I buy laptops for Barcelona's schools.")

    # Downloads their data.
    applicant.locator(".members-nav").get_by_role("link", name="My data").click()
    with applicant.expect_download() as download:
        applicant.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == email
    assert data["membership"]["job_title"] == "Senior ICT buyer"
    assert "job_title" not in data["membership"]["shared_with_members"]

    # Deletes the account, and can no longer log in.
    applicant.get_by_role("link", name="Delete my account").click()
    applicant.get_by_label("Type your email address to confirm").fill(email)
    applicant.get_by_role("button", name="Delete my account now").click()
    expect(applicant.locator("main")).to_contain_text(
        "Your account and your profile have been deleted."
    )
    log_in(applicant, email, PASSWORD)
    expect(applicant.get_by_role("alert")).to_contain_text("not correct")
    assert not applicant.errors, applicant.errors
