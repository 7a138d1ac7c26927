"""A page made private anywhere above an article keeps the article from anonymous readers.

Warta checks the restrictions with the ancestors its route already holds; these tests hold it
to Wagtail's own rule at every level, for aliases too.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_site
from warta.news.models import ArticlePage

SECRET = "Isi yang hanya untuk pelanggan"


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="rahasia")


class PrivatePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site()
        cls.section = sections["Internasional"]
        cls.other_section = sections["Umum"]
        cls.article = make_article(cls.section, title=SECRET)
        cls.neighbour = make_article(cls.other_section, title="Berita terbuka")

    def served(self, article):
        """Route the article as a reader's request does; return (response, the routed page)."""
        response = self.client.get(article.url)
        return response, response.wsgi_request._wagtail_route_for_request[0]

    def assert_same_rule_as_wagtail(self, page):
        ours = set(page.get_view_restrictions())
        wagtails = set(Page.get_view_restrictions(page))
        self.assertEqual(ours, wagtails)
        return ours

    def test_a_restriction_at_any_level_hides_the_article(self):
        levels = {
            "tree root": Page.get_first_root_node(),
            "home": self.home,
            "section": self.section,
            "article": self.article,
        }
        for name, page in levels.items():
            with self.subTest(name):
                restriction = restrict(page)
                response, routed = self.served(self.article)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, SECRET)
                self.assertContains(response, 'name="password"')
                self.assertEqual(self.assert_same_rule_as_wagtail(routed), {restriction})
                restriction.delete()

    def test_a_login_restriction_sends_readers_to_sign_in(self):
        restrict(self.section, PageViewRestriction.LOGIN)
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_a_restriction_elsewhere_leaves_the_article_public(self):
        restrict(self.other_section)
        response, routed = self.served(self.article)
        self.assertContains(response, SECRET)
        self.assertEqual(self.assert_same_rule_as_wagtail(routed), set())

    def test_an_alias_follows_its_original_sections_restriction(self):
        alias = self.section.create_alias(parent=self.home, update_slug="dunia", recursive=True)
        aliased_article = ArticlePage.objects.child_of(alias).get()
        self.assertEqual(aliased_article.alias_of_id, self.article.pk)
        restrict(self.section)

        response, routed = self.served(aliased_article)
        self.assertNotContains(response, SECRET)
        self.assertEqual(len(self.assert_same_rule_as_wagtail(routed)), 1)

    def test_the_check_costs_one_query(self):
        self.client.get(self.article.url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(self.article.url)
        restriction_queries = [q for q in queries if "pageviewrestriction" in q["sql"]]
        self.assertEqual(len(restriction_queries), 1)
        self.assertFalse([q for q in queries if '"alias_of_id" FROM' in q["sql"]])
