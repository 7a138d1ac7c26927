import pytest


@pytest.fixture
def phone(chromium):
    """Open pages as an Indonesian reader on a 360x740 phone; see every request made."""
    contexts = []

    def open_phone(color_scheme="light", user_agent=None):
        options = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID"}
        if user_agent:
            options["user_agent"] = user_agent
        context = chromium.new_context(color_scheme=color_scheme, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        return page

    yield open_phone
    for context in contexts:
        context.close()
