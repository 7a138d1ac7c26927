"""Related news: find, store and read each article's most related published articles.

Every published article gets a small weighted term vector (tags, named entities, title, lead
and body stems, tf-idf weighted, unit length) stored in `ArticleTerm`. An article's related
list is the cosine similarity of its vector to the others, computed in one SQL query over that
inverted index (each term's heaviest postings only, so the cost does not grow with the
archive), kept in `RelatedArticle`. The similarity is symmetric, so publishing an article
also slots it into the lists of the articles it is most related to. Nothing here runs while a
reader waits: `tasks.py` calls it after publish, unpublish and delete.
"""

import math
import re
from array import array
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

from warta.discovery.analysis import fold, terms
from warta.discovery.background import blend
from warta.discovery.models import ArticleTerm, RelatedArticle, TermFrequency
from warta.news.models import ArticlePage

LIST_LENGTH = 12  # stored per article: the page shows 8, the rest covers exclusions and Baca Juga
VECTOR_TERMS = 40  # the heaviest terms of an article, enough to tell its subject
MIN_SCORE = 0.08  # below this: chance overlap (a place, a common verb), not a related story
CANDIDATES = 40
QUERY_TERMS = 40  # all of an article's vector: fewer terms (20) cost precision on the labelled set
SAME_SECTION_BONUS = 1.15
CORPUS_SIZE_KEY = "warta:discovery:corpus-size"
COMMON_TERM_SHARE = 0.15  # terms in more than this share of articles tell nothing apart
POSTINGS_PER_TERM = 100  # a term's heaviest postings only: the articles it matters most to

# Tags (a wire's or an editor's categories) name the subject: with places weighed down (below),
# they weigh most. 4.5 rather than 3: full site 0.824 to 0.838, young site unchanged.
FIELD_WEIGHTS = {"tag": 4.5, "entity": 2.0, "title": 2.0, "lead": 1.5, "body": 1.0}
NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+")
# A proper noun (a place, a person) says where or who, not what happened: stories sharing only
# a city are not related. Its terms count for this share of a common word's.
PROPER_NOUN_WEIGHT = 0.4
CAPITALISED = re.compile(r"(?<![.!?:;\n]\s)(?<!^)\b([A-Z][a-z]+)\b", re.MULTILINE)


def article_text(article):
    """Return the plain text of an article's body (paragraphs and quotes)."""
    from django.utils.html import strip_tags

    parts = []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(strip_tags(str(block.value.source)))
        elif block.block_type == "quote":
            parts.append(block.value["text"])
        elif block.block_type == "image":
            parts.append(block.value.get("caption") or "")
    return "\n".join(parts)


def names(text):
    """Return the capitalised multi-word names of a text, as folded word pairs."""
    pairs = []
    for match in NAME.finditer(text):
        words = fold(match.group(0)).replace(".", " ").split()
        pairs.extend(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return pairs


def field_terms(article, tag_names=None, body=None):
    """Return {field: [terms]} of an article, the raw material of its vector."""
    if tag_names is None:
        tag_names = [tag.name for tag in article.tags.all()]
    if body is None:
        body = article_text(article)
    return {
        "tag": [f"#{fold(name)}" for name in tag_names]
        + [term for name in tag_names for term in terms(name)],
        "entity": [f"@{pair}" for pair in names(f"{article.title}. {article.lead}. {body}")],
        "title": terms(article.title),
        "lead": terms(article.lead),
        "body": terms(body),
    }


def corpus_size():
    """Return how many articles are published; cached once large, when idf needs only its scale."""
    size = cache.get(CORPUS_SIZE_KEY)
    if size is None or size < 5000:
        size = ArticlePage.objects.live().count()
        cache.set(CORPUS_SIZE_KEY, size, 600)
    return size


def document_frequencies(term_list):
    return dict(TermFrequency.objects.filter(term__in=term_list).values_list("term", "articles"))


def count_terms(terms, change):
    """Add `change` (+1 or -1) to the article counts of `terms`."""
    if not terms:
        return
    existing = set(TermFrequency.objects.filter(term__in=terms).values_list("term", flat=True))
    TermFrequency.objects.filter(term__in=existing).update(articles=F("articles") + change)
    if change > 0:
        TermFrequency.objects.bulk_create(
            [TermFrequency(term=term, articles=change) for term in terms if term not in existing],
            ignore_conflicts=True,
        )


def vector(article, tag_names=None, total=None):
    """Return the article's unit-length tf-idf vector {term: weight}, heaviest terms only."""
    raw = raw_counts(article, tag_names)
    if not raw:
        return {}
    if total is None:
        total = corpus_size()
    return weigh(raw, document_frequencies(list(raw)), total)


def store_vector(article, weights):
    old = set(ArticleTerm.objects.filter(article=article).values_list("term", flat=True))
    new = {term[:120] for term in weights}
    count_terms(sorted(old - new), -1)
    count_terms(sorted(new - old), +1)
    ArticleTerm.objects.filter(article=article).delete()
    ArticleTerm.objects.bulk_create(
        ArticleTerm(article=article, term=term[:120], weight=weight)
        for term, weight in weights.items()
    )


def similar(article, weights, limit=CANDIDATES, total=None):
    """Return [(article_id, cosine)] of the published articles nearest to `weights`."""
    if not weights:
        return []
    if total is None:
        total = corpus_size()
    common = max(50, int(total * COMMON_TERM_SHARE))
    frequencies = document_frequencies(list(weights))
    useful = dict(
        sorted(
            ((term, w) for term, w in weights.items() if frequencies.get(term, 0) <= common),
            key=lambda item: -item[1],
        )[:QUERY_TERMS]
    )
    if not useful:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*nearest_sql(useful, article.pk, limit))
        return [(article_id, score) for article_id, score in cursor.fetchall()]


def nearest_sql(weights, exclude_id, limit):
    """Return (sql, params) summing, per article, each term's heaviest postings times its weight.

    Each term reads at most POSTINGS_PER_TERM rows of the (term, weight) index, so the work is
    bounded by the vector's length, whatever the size of the archive.
    """
    table = connection.ops.quote_name(ArticleTerm._meta.db_table)
    posting = (
        "SELECT * FROM (SELECT article_id, weight * %s AS score FROM {table}"
        " WHERE term = %s AND article_id <> %s"
        " ORDER BY weight DESC, article_id DESC LIMIT %s) AS t{n}"
    )
    parts, params = [], []
    for n, (term, weight) in enumerate(weights.items()):
        parts.append(posting.format(table=table, n=n))
        params += [weight, term, exclude_id, POSTINGS_PER_TERM]
    union = " UNION ALL ".join(parts)
    sql = (
        f"SELECT article_id, SUM(score) AS total FROM ({union}) AS postings"  # noqa: S608 - values are parameters
        " GROUP BY article_id HAVING SUM(score) >= %s ORDER BY total DESC, article_id DESC LIMIT %s"
    )
    return sql, params + [MIN_SCORE, limit]


def rank(article, scored):
    """Order scored candidates: same-section bonus, freshness breaks ties; live ones only.

    Only articles of the same site are related: a site never lists another's articles.
    """
    site_path = article.path[: 2 * ArticlePage.steplen]  # a site's home is at depth 2
    facts = {
        row["pk"]: row
        for row in ArticlePage.objects.live()
        .filter(pk__in=[pk for pk, _ in scored], path__startswith=site_path)
        .values("pk", "path", "first_published_at")
    }
    ranked = []
    for pk, score in scored:
        fact = facts.get(pk)
        if fact is None:
            continue
        if fact["path"][: -ArticlePage.steplen] == article.path[: -ArticlePage.steplen]:
            score *= SAME_SECTION_BONUS
        ranked.append((round(score, 4), fact["first_published_at"], pk))
    ranked.sort(key=lambda item: (item[0], item[1].timestamp() if item[1] else 0), reverse=True)
    return [(pk, score) for score, _, pk in ranked]


@transaction.atomic
def refresh(article):
    """Recompute a published article's vector and related list, and enter it in its neighbours'.

    Return the stored list as [(article_id, score)].
    """
    total = corpus_size() + 1
    weights = vector(article, total=total)
    store_vector(article, weights)
    ranked = rank(article, similar(article, weights, total=total))
    store_list(article.pk, ranked[:LIST_LENGTH])
    enter_neighbour_lists(article, ranked)
    return ranked[:LIST_LENGTH]


def store_list(article_id, ranked):
    RelatedArticle.objects.filter(article_id=article_id).delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article_id=article_id, related_id=pk, score=score, rank=position)
        for position, (pk, score) in enumerate(ranked, start=1)
    )


def enter_neighbour_lists(article, ranked):
    """Put the article into each neighbour's list where it beats that list's weakest entry."""
    neighbours = dict(ranked)
    lists = {pk: [] for pk in neighbours}
    for entry in RelatedArticle.objects.filter(article_id__in=list(neighbours)).exclude(
        related_id=article.pk
    ):
        lists[entry.article_id].append((entry.related_id, entry.score))
    changed = {}
    for pk, entries in lists.items():
        score = neighbours[pk]
        if len(entries) >= LIST_LENGTH and score <= min(s for _, s in entries):
            continue
        entries.append((article.pk, score))
        entries.sort(key=lambda item: item[1], reverse=True)
        changed[pk] = entries[:LIST_LENGTH]
    # One delete and one insert for every changed list: a publish costs a few queries, not 80.
    RelatedArticle.objects.filter(article_id__in=list(changed)).delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article_id=pk, related_id=other, score=score, rank=position)
        for pk, entries in changed.items()
        for position, (other, score) in enumerate(entries, start=1)
    )


@transaction.atomic
def forget(article_id):
    """Drop an unpublished or deleted article from discovery; return the lists it left."""
    affected = list(
        RelatedArticle.objects.filter(related_id=article_id).values_list("article_id", flat=True)
    )
    RelatedArticle.objects.filter(related_id=article_id).delete()
    RelatedArticle.objects.filter(article_id=article_id).delete()
    terms = list(ArticleTerm.objects.filter(article_id=article_id).values_list("term", flat=True))
    count_terms(terms, -1)
    ArticleTerm.objects.filter(article_id=article_id).delete()
    return affected


def relist(article_id):
    """Recompute one article's list from its stored vector (after a neighbour left)."""
    article = ArticlePage.objects.live().filter(pk=article_id).only("pk", "path").first()
    if article is None:
        return []
    weights = dict(ArticleTerm.objects.filter(article_id=article_id).values_list("term", "weight"))
    ranked = rank(article, similar(article, weights))
    store_list(article_id, ranked[:LIST_LENGTH])
    return ranked[:LIST_LENGTH]


def weigh(raw, frequencies, total):
    """Turn raw field-weighted counts into a unit-length tf-idf vector of the heaviest terms."""
    frequencies, total = blend(frequencies, total, raw)
    weighted = {
        term: weight * math.log(1 + (total + 1) / (frequencies.get(term, 0) + 1))
        for term, weight in raw.items()
    }
    top = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_TERMS]
    norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
    return {term: weight / norm for term, weight in top}


def proper_nouns(text):
    """Return the terms of a text's proper nouns: words capitalised mid-sentence, never lower."""
    capitalised = {fold(word) for word in CAPITALISED.findall(text)}
    lower = set(re.findall(r"\b[a-z]+\b", text))
    return {term for word in capitalised - lower for term in terms(word)}


def raw_counts(article, tag_names=None):
    raw = Counter()
    body = article_text(article)
    named = proper_nouns(f"{article.lead}\n{body}")
    for field, found in field_terms(article, tag_names, body).items():
        for term, count in Counter(found).items():
            weight = FIELD_WEIGHTS[field] * (1 + math.log(count))
            if term.lstrip("#") in named or field == "entity":
                weight *= PROPER_NOUN_WEIGHT
            raw[term] += weight
    return raw


def rebuild_vectors(articles, chunk=500):
    """Recompute every article's vector: document frequencies first, then the weights.

    For bulk imports and benchmarks: one pass per article through `refresh()` would ask the
    database for frequencies each time. Each article is analysed once; its counts wait in a
    compact form until every frequency is known. Lists are not recomputed here; `relist()`
    does that.
    """
    frequencies = Counter()
    counted = []
    for article in articles.prefetch_related("tags").iterator(chunk_size=chunk):
        raw = raw_counts(article, [t.name for t in article.tags.all()])
        frequencies.update(raw.keys())
        counted.append((article.pk, tuple(raw), array("d", raw.values())))
    total = len(counted)
    batch, stored = [], Counter()
    for pk, names, counts in counted:
        for term, weight in weigh(
            dict(zip(names, counts, strict=True)), frequencies, total
        ).items():
            stored[term[:120]] += 1
            batch.append(ArticleTerm(article_id=pk, term=term[:120], weight=weight))
        if len(batch) >= 20_000:
            ArticleTerm.objects.bulk_create(batch, batch_size=5000)
            batch = []
    ArticleTerm.objects.bulk_create(batch, batch_size=5000)
    TermFrequency.objects.all().delete()
    TermFrequency.objects.bulk_create(
        [TermFrequency(term=term, articles=n) for term, n in stored.items()], batch_size=5000
    )
    return total
