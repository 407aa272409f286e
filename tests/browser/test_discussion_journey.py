"""A member hears of a tender in a CPV code they follow, discusses it, and a moderator steps in."""

import random
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_members_journey import DEMO_PASSWORD, STAFF_EMAIL, log_in

pytestmark = pytest.mark.browser


def test_follow_share_notify_reply_report_hide_and_log(open_page):
    title = f"Monitors with take-back ({random.randrange(10**6)})"

    # A follows a CPV group from the code lookup.
    follower = open_page()
    log_in(follower, "lars.nielsen@example.org", DEMO_PASSWORD)
    follower.goto("/members/library/cpv/?q=30231000")
    follower.get_by_role("button", name=re.compile("^Follow 30231000")).click()
    expect(follower.locator("main")).to_contain_text("You will hear of tenders shared in")

    # B shares a tender with a code below it.
    sharer = open_page()
    log_in(sharer, "member@example.org", DEMO_PASSWORD)
    sharer.goto("/members/library/share/")
    form = sharer.locator("main form")
    form.get_by_label("Title", exact=True).fill(title)
    form.get_by_label("Buyer (optional)").select_option(label="Barcelona City Council")
    form.get_by_label("Country").select_option(label="Spain")
    form.get_by_label("Main CPV code").fill("30231300")
    form.get_by_role("button", name="Share the tender").click()
    expect(sharer.get_by_role("heading", level=1)).to_have_text(title)

    # A is told, opens the tender's thread and replies quoting B.
    follower.goto("/members/")
    follower.get_by_role("link", name=re.compile("^Notifications")).click()
    follower.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(follower.get_by_role("heading", level=1)).to_have_text(title)
    follower.get_by_role("link", name="Discuss this tender").click()
    follower.get_by_role("link", name=re.compile("^Quote")).first.click()
    expect(follower.locator(".post__quote")).to_contain_text("Quoting Marta Puig")
    follower.get_by_label("Your reply").fill("Who checks the take-back?")
    follower.get_by_role("button", name="Post your reply").click()
    expect(follower.locator("main")).to_contain_text("Who checks the take-back?")
    thread_url = follower.url.split("#")[0]

    # C reports the reply.
    reporter = open_page()
    log_in(reporter, "fiona.mackay@example.org", DEMO_PASSWORD)
    reporter.goto(thread_url)
    reporter.get_by_role("link", name=re.compile("^Report this post by Lars")).click()
    reporter.get_by_label("Off topic").check()
    reporter.get_by_role("button", name="Send the report").click()

    # A moderator hides it with a reason from the queue.
    moderator = open_page()
    log_in(moderator, "moderator@example.org", DEMO_PASSWORD)
    moderator.goto("/members/discussions/moderation/")
    moderator.get_by_role(
        "link", name=re.compile(f"^Off topic: post by Lars Nielsen in “{re.escape(title)}”")
    ).click()
    moderator.get_by_label("Why it is hidden").fill("Moved to the take-back thread.")
    moderator.get_by_role("button", name="Hide it").click()
    reporter.goto(thread_url)
    expect(reporter.locator("main")).to_contain_text("Moved to the take-back thread.")
    expect(reporter.locator("main")).not_to_contain_text("Who checks the take-back?")

    # Staff read the action in the moderation log.
    staff = open_page()
    log_in(staff, STAFF_EMAIL, DEMO_PASSWORD)
    staff.goto("/admin/discussions/moderation-log/")
    expect(staff.locator("main")).to_contain_text("Moved to the take-back thread.")
