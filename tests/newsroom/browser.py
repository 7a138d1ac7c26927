"""Driving the admin in Chromium: sign in through the real form."""

PASSWORD = "sandi-uji"


def sign_in(context, base_url, username, password=PASSWORD):
    """Sign in through the admin's sign-in page and return the open page on the dashboard."""
    page = context.new_page()
    response = page.goto(f"{base_url}/admin/login/")
    assert response.status == 200, page.content()[:3000]
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")
    return page
