"""Lists of article cards for the front page and the archives, in a fixed number of queries."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from taggit.models import Tag

from warta.news.models import ArticlePage, Reporter
from warta.news.models.pages import HomeHeadline
from warta.news.sections import live_sections

HEADLINE_COUNT = 5  # one main story and four secondary ones
LATEST_COUNT = 10
PER_SECTION = 4
ARCHIVE_PER_PAGE = 20


def paginate(request, queryset, per_page):
    """Return the page named by ?page=, answering 404 for a bad or out-of-range number."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(_("There is no such page in this list.")) from error
    page.object_list = list(page.object_list)
    page.page_range = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return page


def prepare_cards(cards, request, label=True):
    """Label cards with their section and fetch their image renditions in one query."""
    sections = live_sections(request) if label else {}
    for card in cards:
        card.section = sections.get(card.section_path)
    prefetch_related_objects(
        [card.featured_image for card in cards if card.featured_image], "renditions"
    )
    return cards


def headline_stories(home, newest):
    """Return the editor's main and secondary stories, filled up with the newest ones."""
    chosen_slots = HomeHeadline.objects.filter(page=home)
    slot = chosen_slots.filter(article=OuterRef("pk")).values("sort_order")[:1]
    chosen = list(
        ArticlePage.objects.cards(home.path)
        .filter(Q(pk=home.main_story_id) | Q(pk__in=chosen_slots.values("article_id")))
        .annotate(slot=Subquery(slot))
    )
    main = [card for card in chosen if card.pk == home.main_story_id]
    secondary = sorted(
        (card for card in chosen if card.pk != home.main_story_id and card.slot is not None),
        key=lambda card: card.slot,
    )[: HEADLINE_COUNT - 1]
    stories = main + secondary
    if not main:
        # No live main story chosen: the newest story leads, the chosen ones follow it.
        stories = [card for card in newest[:1] if card not in secondary] + secondary
    shown = {card.pk for card in stories}
    stories += [card for card in newest if card.pk not in shown]
    return stories[:HEADLINE_COUNT]


def newest_by_section(home, sections, per_section=PER_SECTION):
    """Return {section path: its newest cards} for every section, in one query."""
    if not sections:
        return {}
    path_length = len(next(iter(sections)))
    ranked = (
        ArticlePage.objects.cards(home.path)
        .filter(depth=home.depth + 2)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=Substr("path", 1, path_length),
                order_by=[F("first_published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=per_section)
    )
    blocks = {path: [] for path in sections}
    for card in ranked:
        if card.section_path in blocks:
            blocks[card.section_path].append(card)
    return blocks


def home_context(home, request):
    sections = live_sections(request)
    newest = list(ArticlePage.objects.cards(home.path)[: HEADLINE_COUNT + LATEST_COUNT])
    headlines = headline_stories(home, newest)
    shown = {card.pk for card in headlines}
    latest = [card for card in newest if card.pk not in shown][:LATEST_COUNT]
    blocks = newest_by_section(home, sections)
    prepare_cards(
        headlines + latest + [card for cards in blocks.values() for card in cards], request
    )
    breaking = None
    if home.breaking_active and home.breaking_text:
        breaking = {"text": home.breaking_text, "href": home.breaking_href}
    return {
        "main_story": headlines[0] if headlines else None,
        "secondary_stories": headlines[1:],
        "latest": latest,
        "section_blocks": [
            {"section": section, "cards": blocks[path]}
            for path, section in sections.items()
            if blocks[path]
        ],
        "breaking": breaking,
    }


def tag_context(home, request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    cards = ArticlePage.objects.cards(home.path).filter(tagged_items__tag=tag)
    articles = paginate(request, cards, ARCHIVE_PER_PAGE)
    prepare_cards(articles.object_list, request)
    return {"tag": tag, "articles": articles}


def reporter_context(home, request, slug):
    reporter = get_object_or_404(Reporter.objects.select_related("photo"), slug=slug)
    cards = ArticlePage.objects.cards(home.path).filter(reporter=reporter)
    articles = paginate(request, cards, ARCHIVE_PER_PAGE)
    prepare_cards(articles.object_list, request)
    if reporter.photo:
        prefetch_related_objects([reporter.photo], "renditions")
    return {"reporter": reporter, "articles": articles}
