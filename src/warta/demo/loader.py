"""Load the demo newsroom into the database. Running it again changes nothing."""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.rich_text import RichText

from warta.demo.content import NEIGHBOURS, REPORTERS, SEED, SEED_RELATED
from warta.demo.images import demo_image
from warta.news.models import ArticlePage, Reporter, SectionPage, Source
from warta.news.setup import prepare_site


def paragraph_html(text):
    return f"<p>{escape(text)}</p>"


def load_reporters():
    reporters = {}
    for initials, (full_name, bio) in REPORTERS.items():
        reporters[initials], _ = Reporter.objects.get_or_create(
            initials=initials,
            defaults={"full_name": full_name, "bio": bio, "slug": slugify(full_name)},
        )
    return reporters


def build_body(demo, articles_by_slug):
    """Turn the demo's body list into StreamField data, grouping text into paragraph blocks."""
    blocks, text = [], []

    def flush():
        if text:
            blocks.append(("paragraph", RichText("".join(text))))
            text.clear()

    for item in demo.body or demo.paragraphs:
        if isinstance(item, str):
            text.append(paragraph_html(item))
            continue
        flush()
        kind, value = item
        if kind == "image":
            image = demo_image(value, slugify(value))
            blocks.append(("image", {"image": image, "caption": value, "credit": demo.credit}))
        elif kind == "baca_juga":
            blocks.append(("baca_juga", articles_by_slug[value]))
    flush()
    return blocks


def load_article(demo, sections, reporters, articles_by_slug):
    section = sections[demo.section]
    article = ArticlePage.objects.in_section(section).filter(slug=demo.slug).first()
    if article is not None:
        return article, False
    source = None
    if demo.source:
        source, _ = Source.objects.get_or_create(
            name=demo.source, defaults={"home_url": f"https://{demo.source}/"}
        )
    article = ArticlePage(
        title=demo.title,
        slug=demo.slug,
        lead=demo.lead,
        dateline=demo.dateline,
        featured_image=demo_image(demo.title, demo.slug),
        featured_caption=demo.caption,
        featured_credit=demo.credit,
        reporter=reporters.get(demo.reporter),
        editor=reporters.get(demo.editor),
        source=source,
        original_url=demo.original_url,
        first_published_at=demo.published,
        body=build_body(demo, articles_by_slug),
    )
    article.tags.add(*demo.tags)
    if demo is SEED:
        # The seed page's Berita Terkait, as its editor picked them: pinned, in the seed's order.
        choice = ArticlePage._meta.get_field("related_choices").related_model
        article.related_choices = [
            choice(related=articles_by_slug[pinned.slug], kind="pin", sort_order=order)
            for order, pinned in enumerate(SEED_RELATED)
        ]
    section.add_child(instance=article)
    article.save_revision().publish()
    return article, True


@transaction.atomic
def load_demo(site_name="Mercinews.com"):
    """Load the seed article and its neighbours; return how many articles were created."""
    site, _ = prepare_site(site_name=site_name)
    sections = {section.title: section for section in SectionPage.objects.all()}
    reporters = load_reporters()
    created = 0
    articles_by_slug = {}
    # Neighbours first: the seed's Baca Juga blocks link to them.
    for demo in [*NEIGHBOURS, SEED]:
        article, is_new = load_article(demo, sections, reporters, articles_by_slug)
        articles_by_slug[demo.slug] = article
        created += is_new
    return created
