"""Public lists and search show only what an anonymous reader may open, on this site.

An article is private when it, its section or its site carries a view restriction (password,
sign-in, groups), or when it is an alias of such an article. No list shows it: the home (its
headlines, newest and section blocks), the tag and reporter archives, Terpopuler, Berita
Terkait, Baca Juga, Berita Terbaru and the search page with its snippets. Nor does one site
list another site's articles.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from tests.news.factories import make_article, make_reporter, make_site, paragraphs
from warta.discovery.models import RelatedArticle
from warta.discovery.related import refresh
from warta.news.models import HomePage, SectionPage
from warta.readership.backends import get_backend

WORD = "kuncirahasia"  # in every article's title and body, so search finds them all
SECRET_BODY = f"Kalimat tertutup {WORD} hanya untuk pelanggan."
PRIVATE_TITLES = (
    f"Berita bersandi {WORD}",
    f"Berita pelanggan {WORD}",
    f"Berita kelompok {WORD}",
    f"Berita situs lain {WORD}",
)
OPEN_TITLE = f"Berita terbuka {WORD}"


def restrict(page, kind, **fields):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    return restriction


class PrivateArticlesStayOutOfListsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, sections = make_site(sections=("Umum", "Internasional", "Premium"))
        umum, intl, premium = sections["Umum"], sections["Internasional"], sections["Premium"]
        cls.reporter = make_reporter("Rina Wartawan", "rw")
        now = timezone.now()

        def article(section, title, minutes_ago, body=SECRET_BODY, **fields):
            return make_article(
                section,
                title=title,
                published=now - timedelta(minutes=minutes_ago),
                body=[paragraphs(body, "Paragraf dua.", "Paragraf tiga.", "Paragraf empat.")],
                tags=["Pemilu"],
                reporter=cls.reporter,
                **fields,
            )

        cls.open = article(umum, OPEN_TITLE, 60, body=f"Kalimat terbuka {WORD} untuk semua.")
        cls.password = article(umum, PRIVATE_TITLES[0], 1)
        restrict(cls.password, PageViewRestriction.PASSWORD, password="rahasia")
        cls.signed_in = article(premium, PRIVATE_TITLES[1], 2)
        restrict(premium, PageViewRestriction.LOGIN)
        cls.grouped = article(intl, PRIVATE_TITLES[2], 3)
        restriction = restrict(cls.grouped, PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.create(name="Pelanggan"))
        # An alias of the password-protected article, placed in a public section.
        cls.alias = cls.password.create_alias(parent=intl, update_slug="salinan-bersandi")

        other_home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Situs Lain", slug="situs-lain")
        )
        Site.objects.create(hostname="lain.example", port=80, root_page=other_home)
        other_section = other_home.add_child(instance=SectionPage(title="Kabar", slug="kabar"))
        cls.other_site = article(other_section, PRIVATE_TITLES[3], 4)

        # A page that reads them all: related by their words, as publishing stores the list.
        cls.reader = article(
            intl,
            f"Berita pembaca {WORD}",
            120,
            body=f"Kalimat pembaca {WORD}.",
            baca_juga_auto=True,
        )
        refresh(cls.reader)
        cls.stored = set(
            RelatedArticle.objects.filter(article=cls.reader).values_list("related_id", flat=True)
        )

    def page(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def assert_only_open(self, html, open_shown=True):
        for title in PRIVATE_TITLES:
            self.assertNotIn(title, html)
        self.assertNotIn("Kalimat tertutup", html)
        if open_shown:
            self.assertIn(OPEN_TITLE, html)

    def test_home_headlines_newest_and_section_blocks(self):
        html = self.page("/")
        self.assert_only_open(html)
        self.assertNotIn('href="/premium/"', html.split("</nav>", 1)[-1].split("<footer", 1)[0])

    def test_tag_and_reporter_archives(self):
        self.assert_only_open(self.page("/tag/pemilu/"))
        self.assert_only_open(self.page(f"/penulis/{self.reporter.slug}/"))

    def test_section_page_lists_no_private_article(self):
        self.assert_only_open(self.page("/umum/"))
        self.assert_only_open(self.page("/internasional/"), open_shown=False)

    def test_terpopuler(self):
        for article in (self.password, self.signed_in, self.grouped, self.alias, self.other_site):
            for _ in range(5):
                get_backend().record(article.pk)
        get_backend().record(self.open.pk)
        get_backend().flush()
        html = self.page("/")
        most_read = html.split('data-most-read="day"', 1)[1].split("</ol>", 1)[0]
        self.assertIn(OPEN_TITLE, most_read)
        self.assert_only_open(most_read)

    def test_related_baca_juga_and_newest_on_an_article(self):
        # Publishing stores private neighbours too: the page must leave them out.
        self.assertLessEqual({self.password.pk, self.signed_in.pk, self.grouped.pk}, self.stored)
        html = self.page(self.reader.url)
        self.assert_only_open(html)  # nor as a Baca Juga link in the body

    def test_search_results_and_snippets(self):
        html = self.page("/cari/", q=WORD)
        self.assert_only_open(html)
        self.assertIn("Kalimat terbuka", html)

    def test_the_other_site_lists_its_own_articles_only(self):
        with self.settings(ALLOWED_HOSTS=["*"]):
            response = self.client.get("/cari/", {"q": WORD}, HTTP_HOST="lain.example")
        html = response.content.decode()
        self.assertIn(PRIVATE_TITLES[3], html)
        self.assertNotIn(OPEN_TITLE, html)
