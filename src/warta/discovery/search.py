"""Search articles in Indonesian through Wagtail's search backend.

The index holds each article's analysed text (`ArticlePage.search_text`); a reader's query is
analysed the same way and handed to the backend as plain terms, so no search syntax a reader
types (quotes, `*`, `NEAR`, `-`, `OR`) ever reaches the engine. The backend ranks by relevance;
Warta then adds a recency boost to the best results and cuts highlighted snippets.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from warta.discovery.analysis import analysis_enabled, fold, stem, stop_words, terms
from warta.discovery.engines import best_matches
from warta.discovery.related import article_text
from warta.discovery.sentences import sentences
from warta.news.models import ArticlePage

MAX_QUERY_CHARS = 200  # longer queries are cut: nobody types more, and it bounds the work
MAX_QUERY_TERMS = 12
POOL = 200  # the best results re-ranked with recency; a reader never pages further
TITLE_REPEAT = 3  # the title's terms count thrice: a match in the headline matters most
SNIPPET_CHARS = 220
SNIPPET_SCAN_CHARS = 4000  # the snippet comes from the top of the story
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|[\W_]+", re.UNICODE)


def article_search_text(article):
    """Return the analysed text an article is indexed with: title (weighted), lead, body, tags."""
    tag_names = " ".join(tag.name for tag in article.tags.all())
    title = " ".join([article.title] * TITLE_REPEAT)
    return " ".join(
        [
            " ".join(terms(title)),
            " ".join(terms(article.lead)),
            " ".join(terms(article_text(article))),
            " ".join(terms(tag_names)),
        ]
    )


def clean_query(raw):
    """Return the query as a reader may see it again: no NUL bytes, trimmed, bounded."""
    text = str(raw or "").replace("\x00", " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def query_terms(raw, analysis=None):
    """Return the distinct analysed terms of a query, at most MAX_QUERY_TERMS."""
    found = []
    for term in terms(clean_query(raw), analysis=analysis):
        if term not in found:
            found.append(term)
    return found[:MAX_QUERY_TERMS]


@dataclass
class Hit:
    article: ArticlePage
    score: float
    snippet: str = ""
    section: object = None


@dataclass
class Results:
    query: str
    terms: list
    ids: list = field(default_factory=list)
    scores: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.ids)

    def hits(self, ids):
        """Load the articles of one page of results, with snippets, in ranked order."""
        articles = ArticlePage.objects.filter(pk__in=ids).select_related("featured_image")
        by_pk = {article.pk: article for article in articles}
        return [
            Hit(by_pk[pk], self.scores[pk], snippet(by_pk[pk], self.terms))
            for pk in ids
            if pk in by_pk
        ]


def recency_boost(published, now):
    if published is None:
        return 1.0
    age_days = max((now - published).total_seconds() / 86400, 0)
    half_life = settings.WARTA_SEARCH_RECENCY_HALF_LIFE_DAYS
    return 1 + settings.WARTA_SEARCH_RECENCY_WEIGHT * math.pow(0.5, age_days / half_life)


def search(raw_query, section=None, since=None, until=None, root=None, analysis=None):
    """Return the Results of a query: readable articles, best first, by section and dates.

    `root` is the site's home: a site's search finds its own articles only. Only what an
    anonymous reader may open is found (`ArticlePageQuerySet.readable`), so no snippet ever
    quotes a private article.
    """
    query = clean_query(raw_query)
    found_terms = query_terms(query, analysis=analysis)
    results = Results(query=query, terms=found_terms)
    if not found_terms:
        return results
    articles = ArticlePage.objects.readable(root.path if root is not None else "")
    if section is not None:
        articles = articles.in_section(section)
    zone = timezone.get_current_timezone()
    if since:
        articles = articles.filter(
            first_published_at__gte=timezone.make_aware(datetime.combine(since, time.min), zone)
        )
    if until:
        articles = articles.filter(
            first_published_at__lte=timezone.make_aware(datetime.combine(until, time.max), zone)
        )
    # A site's home narrows nothing on a one-site installation: not counted as a filter.
    filtered = bool(section or since or until)
    # A section or dates may exclude every newest match: then all matches are ranked.
    pool = best_matches(
        found_terms, articles, POOL, filtered=filtered, rank_all=bool(section or since or until)
    )
    if not pool:
        return results
    best = max(abs(score or 0) for _, score, _ in pool) or 1.0
    now = timezone.now()
    ranked = sorted(
        (
            (abs(score or 0) / best * recency_boost(published, now), pk)
            for pk, score, published in pool
        ),
        key=lambda item: (-item[0], -item[1]),
    )
    results.ids = [pk for _, pk in ranked]
    results.scores = {pk: round(score, 4) for score, pk in ranked}
    return results


def matches(word, wanted, analysis=None):
    if analysis is None:
        analysis = analysis_enabled()
    folded = fold(word)
    if folded in stop_words() and analysis:
        return False
    if analysis:
        return any(part in wanted for part in stem(folded).split("-"))
    return folded in wanted


def highlight(text, wanted):
    """Escape a text and wrap the words whose terms were searched for in <mark>."""
    html = []
    for token in TOKEN.findall(text):
        if token[0].isalnum() and matches(token, wanted):
            html.append(f"<mark>{escape(token)}</mark>")
        else:
            html.append(escape(token))
    return mark_safe("".join(html))  # noqa: S308 - every piece was escaped above


def snippet(article, wanted):
    """Return the lead or body sentence richest in searched terms, highlighted."""
    wanted = set(wanted)
    seen = {}

    def hit(token):
        if token not in seen:
            seen[token] = token[0].isalnum() and matches(token, wanted)
        return seen[token]

    text = " ".join(filter(None, [article.lead, article_text(article)]))  # plain text already
    best, best_count = "", -1
    for sentence in sentences(text[:SNIPPET_SCAN_CHARS]):
        sentence = sentence.strip()
        if not sentence:
            continue
        count = sum(1 for token in TOKEN.findall(sentence) if hit(token))
        if count > best_count:
            best, best_count = sentence, count
        if best_count >= len(wanted):
            break
    if len(best) > SNIPPET_CHARS:
        best = best[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return highlight(best, wanted)
