"""Ask the search index for the best matches of analysed terms, fast, on every backend.

Wagtail's database backends score each matching row through a correlated subquery, which
grows with the number of matches (seconds at 100,000 articles). For its two embedded
indexes this module reads the same index tables Wagtail writes, in one ranked query with a
LIMIT: SQLite FTS5's bm25() and PostgreSQL's ts_rank(). Any other backend (OpenSearch,
Elasticsearch) goes through Wagtail's search API, which those engines rank natively.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.backends import get_search_backend

from warta.news.models import ArticlePage

SQLITE_SQL = """
SELECT ie.object_id, bm25(wagtailsearch_indexentry_fts) AS rank
FROM wagtailsearch_indexentry_fts
JOIN wagtailsearch_indexentry ie ON ie.id = wagtailsearch_indexentry_fts.rowid
WHERE wagtailsearch_indexentry_fts MATCH %s AND ie.content_type_id = %s
ORDER BY rank
LIMIT %s
"""

POSTGRES_SQL = """
SELECT object_id, ts_rank(body, query) AS rank
FROM wagtailsearch_indexentry, to_tsquery('simple', %s) AS query
WHERE content_type_id = %s AND body @@ query
ORDER BY rank DESC
LIMIT %s
"""

OVERFETCH = 4  # drafts and filtered-out articles are dropped after the index answers
OVERFETCH_FILTERED = 25


def uses_database_index(backend):
    module = type(backend).__module__
    if module.endswith("sqlite.sqlite"):
        return "sqlite"
    if module.endswith("postgres.postgres"):
        return "postgresql"
    return None


def best_matches(terms, articles, limit, filtered=False):
    """Return [(pk, score, first_published_at)] of `articles` matching any term, best first.

    Scores are positive, higher is better, comparable within one answer only. `filtered`
    says `articles` is narrower than all live articles (a section, dates): the index is then
    asked for more rows, as most of its best may fall outside the filter.
    """
    if not terms:
        return []
    backend = get_search_backend()
    engine = uses_database_index(backend)
    if engine is None or engine != connection.vendor:
        found = backend.search(" ".join(terms), articles, operator="or").annotate_score("_score")
        return [
            (article.pk, abs(article._score or 0), article.first_published_at)
            for article in found[:limit]
        ]
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    if engine == "sqlite":
        query = "body : (" + " OR ".join('"{}"'.format(t.replace('"', "")) for t in terms) + ")"
        sql = SQLITE_SQL
    else:
        query = " | ".join(term.replace("'", "") for term in terms)
        sql = POSTGRES_SQL
    with connection.cursor() as cursor:
        fetch = limit * (OVERFETCH_FILTERED if filtered else OVERFETCH)
        cursor.execute(sql, [query, content_type, fetch])
        rows = cursor.fetchall()
    scores = {}
    for object_id, rank in rows:
        if str(object_id).isdigit():
            scores.setdefault(int(object_id), abs(rank or 0))
    allowed = dict(articles.filter(pk__in=list(scores)).values_list("pk", "first_published_at"))
    ranked = [(pk, score, allowed[pk]) for pk, score in scores.items() if pk in allowed]
    ranked.sort(key=lambda item: (-item[1], -item[0]))
    return ranked[:limit]
