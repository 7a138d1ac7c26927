"""The front page: curated headlines, breaking banner, latest news, section blocks."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.news.factories import make_article, make_image, make_site
from tests.news.pagetext import parse, visible_text
from warta.news.models.pages import HomeHeadline

pytestmark = pytest.mark.django_db

SECTIONS = ("Umum", "Nasional", "Ekonomi")


def forget_cached_pages():
    """Drop whole pages kept by the delivery layer's page cache, so the next request renders."""
    if "pages" in settings.CACHES:
        caches["pages"].clear()


def published(minutes_ago):
    return timezone.now() - timedelta(minutes=minutes_ago)


@pytest.fixture
def site():
    home, sections = make_site(sections=SECTIONS)
    articles = {}
    for n in range(12):
        section = sections[SECTIONS[n % 3]]
        articles[n] = make_article(section, title=f"Kabar {n}", published=published(10 * n + 1))
    return home, sections, articles


def front(client):
    forget_cached_pages()
    response = client.get("/")
    assert response.status_code == 200
    return parse(response)


def headline_titles(page):
    box = page.xpath("//section[contains(@class,'headline')]")[0]
    return [visible_text(h) for h in box.xpath(".//h2|.//h3")]


def test_without_choices_the_newest_stories_lead(client, site):
    assert headline_titles(front(client)) == [f"Kabar {n}" for n in range(5)]


def test_the_editors_choice_leads_and_newest_fill_the_rest(client, site):
    home, _sections, articles = site
    home.main_story = articles[7]
    home.save()
    HomeHeadline.objects.create(page=home, article=articles[9], sort_order=0)
    HomeHeadline.objects.create(page=home, article=articles[4], sort_order=1)
    page = front(client)
    assert headline_titles(page) == ["Kabar 7", "Kabar 9", "Kabar 4", "Kabar 0", "Kabar 1"]
    latest = page.xpath("//section[contains(@class,'news-list--latest')]//h3")
    # Berita Terbaru does not repeat the headlines.
    assert [visible_text(h) for h in latest][:3] == ["Kabar 2", "Kabar 3", "Kabar 5"]


def test_unpublished_choices_are_skipped(client, site):
    home, _sections, articles = site
    home.main_story = articles[6]
    home.save()
    HomeHeadline.objects.create(page=home, article=articles[8], sort_order=0)
    articles[6].unpublish()
    articles[8].unpublish()
    assert headline_titles(front(client)) == [f"Kabar {n}" for n in range(5)]


def test_main_story_image_loads_first_and_others_lazily(client, site):
    home, _sections, articles = site
    for n in (0, 1):
        articles[n].featured_image = make_image(f"Foto {n}", width=1200, height=675)
        articles[n].save_revision().publish()
    page = front(client)
    lead = page.xpath("//article[@class='lead-story']//img")[0]
    assert lead.get("fetchpriority") == "high"
    assert lead.get("loading") in (None, "eager")
    assert lead.get("width") and lead.get("height")
    sources = page.xpath("//article[@class='lead-story']//source")
    assert [s.get("type") for s in sources] == ["image/avif", "image/webp"]
    assert "w," in sources[0].get("srcset")
    others = page.xpath("//img[not(ancestor::article[@class='lead-story'])]")
    assert others and all(img.get("loading") == "lazy" for img in others)


def test_breaking_banner_shows_when_switched_on(client, site):
    home, _sections, articles = site
    assert not front(client).xpath("//*[@data-breaking]")
    home.breaking_active = True
    home.breaking_text = "Gempa M6,2 guncang Aceh"
    home.breaking_page = articles[3]
    home.save()
    banner = front(client).xpath("//*[@data-breaking]")[0]
    assert visible_text(banner) == "Breaking News Gempa M6,2 guncang Aceh"
    assert banner.xpath(".//a")[0].get("href") == articles[3].url


def test_breaking_banner_can_link_elsewhere_or_nowhere(client, site):
    home, _sections, _articles = site
    home.breaking_active = True
    home.breaking_text = "Siaran langsung debat capres"
    home.breaking_url = "https://tv.example/langsung"
    home.save()
    assert front(client).xpath("//*[@data-breaking]//a/@href") == ["https://tv.example/langsung"]
    home.breaking_url = ""
    home.save()
    banner = front(client).xpath("//*[@data-breaking]")[0]
    assert not banner.xpath(".//a")
    assert "Siaran langsung debat capres" in visible_text(banner)


def test_breaking_banner_needs_its_text(site):
    home, _sections, _articles = site
    home.breaking_active = True
    home.breaking_text = "  "
    with pytest.raises(ValidationError) as error:
        home.full_clean()
    assert "breaking_text" in error.value.message_dict


def test_one_block_per_section_with_its_newest_stories(client, site):
    page = front(client)
    blocks = page.xpath("//section[@class='section-block']")
    assert [visible_text(b.xpath(".//h2")[0]) for b in blocks] == list(SECTIONS)
    umum = [visible_text(a) for a in blocks[0].xpath(".//h3/a|.//a[@class='section-block__link']")]
    assert umum == ["Kabar 0", "Kabar 3", "Kabar 6", "Kabar 9"]  # newest four, newest first
    assert blocks[1].xpath(".//h2/a/@href") == ["/nasional/"]


def test_empty_site_says_so(client):
    make_site(sections=SECTIONS)
    page = front(client)
    assert "Belum ada berita yang diterbitkan." in visible_text(page)
    assert not page.xpath("//section[@class='section-block']")


def home_queries(client):
    client.get("/")  # warm shared caches
    forget_cached_pages()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_front_page_query_count_does_not_grow_with_content(client):
    home, sections = make_site(sections=SECTIONS)
    make_article(sections["Umum"], title="Satu-satunya")
    small = home_queries(client)
    for n in range(12):
        article = make_article(sections[SECTIONS[n % 3]], title=f"Kabar {n}")
        if n < 4:
            HomeHeadline.objects.create(page=home, article=article, sort_order=n)
    home.main_story = article
    home.save()
    assert home_queries(client) == small
    assert small <= 15


def test_editors_find_the_headline_and_banner_fields_in_the_admin(client, site, django_user_model):
    home, _sections, _articles = site
    editor = django_user_model.objects.create_superuser("redaktur", "r@example.com", "rahasia-1")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home.pk}/edit/", headers={"Accept-Language": "id"})
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("breaking_active", "breaking_text", "breaking_page", "breaking_url"):
        assert f'name="{field}"' in html
    assert 'name="main_story"' in html
    assert 'name="secondary_stories-TOTAL_FORMS"' in html
    assert 'name="secondary_stories-MAX_NUM_FORMS" value="4"' in html
    assert "Berita Utama" in html and "Breaking News" in html
