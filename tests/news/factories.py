"""Seeded builders for news content in tests."""

import random
from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from PIL import Image as PILImage

from warta.news.models import ArticlePage, Reporter, SectionPage, Source
from warta.news.setup import prepare_site

rng = random.Random(20240704)


def make_image(title="Foto", width=320, height=180):
    buffer = BytesIO()
    colour = tuple(rng.randrange(256) for _ in range(3))
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="foto.jpg"))


def make_site(site_name="Mercinews.com", sections=("Umum", "Internasional")):
    site, _ = prepare_site(site_name=site_name, section_titles=list(sections))
    return site.root_page.specific, {s.title: s for s in SectionPage.objects.all()}


def make_reporter(full_name="Muhammad Rizki", initials="m"):
    return Reporter.objects.create(full_name=full_name, initials=initials)


def make_source(name="interfax.ru"):
    return Source.objects.get_or_create(name=name, defaults={"home_url": f"https://{name}/"})[0]


def paragraphs(*texts):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in texts)))


def make_article(section, title=None, published=None, body=None, tags=(), live=True, **fields):
    number = rng.randrange(10**9)
    title = title or f"Artikel uji {number}"
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"artikel-uji-{number}"),
        first_published_at=published or timezone.now() - timedelta(minutes=rng.randrange(1, 10**5)),
        body=body if body is not None else [paragraphs("Paragraf pertama.", "Paragraf kedua.")],
        live=live,
        **fields,
    )
    if tags:
        article.tags.add(*tags)
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)


def body_form_data(blocks):
    """The admin form's fields for a body of (block type, value) pairs, as the editor posts them."""
    data = {"body-count": str(len(blocks))}
    for index, (kind, value) in enumerate(blocks):
        prefix = f"body-{index}"
        data[f"{prefix}-type"] = kind
        data[f"{prefix}-order"] = str(index)
        data[f"{prefix}-deleted"] = ""
        if isinstance(value, dict):
            for name, part in value.items():
                data[f"{prefix}-value-{name}"] = part
        else:
            data[f"{prefix}-value"] = value
    return data
