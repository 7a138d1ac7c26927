"""Ask the search index for the best matches of analysed terms, fast, on every backend.

Wagtail's database backends score each matching row through a correlated subquery, which
grows with the number of matches (seconds at 100,000 articles). For its two embedded
indexes this module reads the same index tables Wagtail writes, in one ranked query with a
LIMIT: SQLite FTS5's bm25() and PostgreSQL's ts_rank(). Ranking still reads every match, so
a word found in most of a large archive would cost time in proportion to the archive: only
the RANKED_MATCHES most recently indexed matches (articles are indexed when published) are
ranked, which bounds the work whatever the archive's size. Any other backend (OpenSearch,
Elasticsearch) goes through Wagtail's search API, which those engines rank natively.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.backends import get_search_backend

from warta.news.models import ArticlePage

# FTS5 walks a match list backwards by rowid cheaply: the rowid of the match just past the
# RANKED_MATCHES newest bounds the ranked query. The index entries are joined for the best only.
SQLITE_SQL = """
SELECT ie.object_id, best.rank
FROM (
  SELECT rowid, rank FROM wagtailsearch_indexentry_fts
  WHERE wagtailsearch_indexentry_fts MATCH %(query)s
    AND rowid > COALESCE((
      SELECT rowid FROM wagtailsearch_indexentry_fts
      WHERE wagtailsearch_indexentry_fts MATCH %(query)s
      ORDER BY rowid DESC LIMIT 1 OFFSET %(ranked)s
    ), 0)
  ORDER BY rank
  LIMIT %(limit)s
) AS best
JOIN wagtailsearch_indexentry ie ON ie.id = best.rowid
WHERE ie.content_type_id = %(content_type)s
ORDER BY best.rank
"""

# The GIN index finds the matches; only the newest RANKED_MATCHES have their vectors read and
# ranked (the inner query sorts ids alone, not the vectors). Normalisation 1 divides the rank
# by 1 + log(length): like bm25 on SQLite, a long story naming a word in passing no longer
# outranks a short one about it (reader-facing search nDCG@10 0.938 to 0.962 on the set).
POSTGRES_SQL = """
SELECT entry.object_id, ts_rank(entry.body, query, 1) AS rank
FROM (
  SELECT id FROM wagtailsearch_indexentry
  WHERE content_type_id = %(content_type)s AND body @@ to_tsquery('simple', %(query)s)
  ORDER BY id DESC
  LIMIT %(ranked)s
) AS newest
JOIN wagtailsearch_indexentry AS entry ON entry.id = newest.id,
to_tsquery('simple', %(query)s) AS query
ORDER BY rank DESC
LIMIT %(limit)s
"""
RANKED_MATCHES = 2000
ALL_MATCHES = 10**9

OVERFETCH = 4  # drafts and filtered-out articles are dropped after the index answers
OVERFETCH_FILTERED = 25


def uses_database_index(backend):
    module = type(backend).__module__
    if module.endswith("sqlite.sqlite"):
        return "sqlite"
    if module.endswith("postgres.postgres"):
        return "postgresql"
    return None


def best_matches(terms, articles, limit, filtered=False, rank_all=False):
    """Return [(pk, score, first_published_at)] of `articles` matching any term, best first.

    Scores are positive, higher is better, comparable within one answer only. `filtered`
    says `articles` is narrower than all live articles (a section, dates): the index is then
    asked for more rows, as most of its best may fall outside the filter. `rank_all` ranks
    every match, not only the newest (a filter on sections or dates may exclude those).
    """
    if not terms:
        return []
    backend = get_search_backend()
    engine = uses_database_index(backend)
    fetch = limit * (OVERFETCH_FILTERED if filtered else OVERFETCH)
    if engine is None or engine != connection.vendor:
        # Other engines filter on indexed fields only, and `articles` holds SQL conditions
        # (what a reader may open): their best live matches are checked against it below.
        found = backend.search(" ".join(terms), ArticlePage.objects.live(), operator="or")
        rows = [(article.pk, article._score) for article in found.annotate_score("_score")[:fetch]]
    else:
        rows = ranked_rows(terms, engine, fetch, rank_all)
    scores = {}
    for object_id, rank in rows:
        if str(object_id).isdigit():
            scores.setdefault(int(object_id), abs(rank or 0))
    candidates = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))
    ranked, start, step = [], 0, limit + limit // 4
    # Check the best first, a few more than needed: unfiltered, nearly all are live articles.
    while start < len(candidates) and len(ranked) < limit:
        chunk = candidates[start : start + step]
        allowed = dict(
            articles.filter(pk__in=[pk for pk, _ in chunk]).values_list("pk", "first_published_at")
        )
        ranked += [(pk, score, allowed[pk]) for pk, score in chunk if pk in allowed]
        start, step = start + step, step * 4
    return ranked[:limit]


def ranked_rows(terms, engine, fetch, rank_all):
    """Return [(object id, rank)] of the embedded index's best `fetch` matches."""
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    if engine == "sqlite":
        query = "body : (" + " OR ".join('"{}"'.format(t.replace('"', "")) for t in terms) + ")"
        sql = SQLITE_SQL
    else:
        query = " | ".join(term.replace("'", "") for term in terms)
        sql = POSTGRES_SQL
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "query": query,
                "content_type": content_type,
                "limit": fetch,
                "ranked": ALL_MATCHES if rank_all else RANKED_MATCHES,
            },
        )
        return cursor.fetchall()
