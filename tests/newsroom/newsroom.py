"""A small newsroom for tests: two sections, two reporters, an editor per section."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.news.factories import make_article, make_site
from warta.newsroom.roles import EDITOR, REPORTER, section_group_name


def make_user(username, role, *sections):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "sandi-uji")
    user.groups.add(Group.objects.get(name=role))
    for section in sections:
        user.groups.add(Group.objects.get(name=section_group_name(role, section.title)))
    return user


def make_newsroom():
    home, sections = make_site(sections=("Umum", "Internasional"))
    umum, intl = sections["Umum"], sections["Internasional"]
    people = {
        "ani": make_user("ani", REPORTER, umum),
        "budi": make_user("budi", REPORTER, umum),
        "citra": make_user("citra", EDITOR, umum),
        "dodi": make_user("dodi", EDITOR, intl),
    }
    return home, umum, intl, people


def make_draft(section, owner, title, text="Isi draf rahasia."):
    from tests.news.factories import paragraphs

    article = make_article(section, title=title, live=False, body=[paragraphs(text)])
    article.owner = owner
    article.save(update_fields=["owner"])
    revision = article.save_revision(user=owner)
    return article, revision
