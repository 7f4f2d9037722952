"""Browser tests: Playwright drives Debian's Chromium against a live Django server.

Debian's package puts Chromium at /usr/bin/chromium (`make test` installs it when
it can); `playwright install` cannot download browsers here, so the launch names
the executable. Without Chromium the tests are skipped, except under CI=true,
where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "x-test-pass"  # tests/factories.make_user's password

# Playwright's sync API runs an event loop in this thread; the live server's
# database work happens in its own thread, and the test's own ORM calls are
# ordinary synchronous ones, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Package scope: Playwright's sync API keeps an asyncio loop running in this
# thread while it is open, which breaks later tests that call asyncio.run
# (pyHanko's signature validation); close it when the browser tests are done.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, settings):
    # Browser tests make many public requests from one address.
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "10000/minute"
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def login(page):
    """Sign a user in through the login form; return the page."""

    def sign_in(user, password=PASSWORD):
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        return page

    return sign_in
