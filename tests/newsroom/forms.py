"""The admin's article form as an editor's browser posts it."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from warta.news.models import ArticlePage

from .test_corrections import edit_data


def add_url(section):
    return f"/admin/pages/add/news/articlepage/{section.pk}/"


def new_article_data(user, title, text="Paragraf pertama berita.", action=None, **changes):
    """Return the add form's POST data for a new article: title, slug and one paragraph."""
    from django.utils.text import slugify

    page = ArticlePage(title=title, slug=slugify(title))
    data = edit_data(page, user)
    del data["action-publish"]
    body = [("paragraph", rich_text(f"<p>{text}</p>"))] if text else []
    data |= nested_form_data({"body": streamfield(body)})
    if action:
        data[f"action-{action}"] = action
    return data | changes
