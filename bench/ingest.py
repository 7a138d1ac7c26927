"""Benchmark wire ingest: items per second with dedupe against existing articles.

    python bench/ingest.py [--existing 100000] [--items 10000] [--feeds 10]

On a throwaway SQLite database (or DATABASE_URL if set to a scratch PostgreSQL database):
loads --existing synthetic articles (`warta demo --articles` generator), fingerprints them,
then serves --items feed items from --feeds local feeds on 127.0.0.1 and ingests them all.
One item in ten is a reworded copy of an existing article (a planted near-duplicate) and one
in twenty repeats an earlier item under a new GUID with a tracking parameter in its URL.
Prints items/s, the dedupe outcome against what was planted, and the time of each phase.
Merges are counted from the ground truth: which planted item went into which article.

    python bench/ingest.py --existing 2000 --items 300   # a quick check that it runs
    python bench/ingest.py --calibrate-only             # the threshold on the labelled pairs
"""

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

SYLLABLES = [
    "ka", "ri", "mu", "sa", "to", "be", "lan", "dar", "pu", "ng", "wi", "jo", "ra", "ti",
    "su", "no", "ga", "ma", "ha", "de", "li", "ko", "ba", "ye", "tan", "sem", "per", "ung",
]  # fmt: skip


def setup(var_dir, migrate=True):
    os.environ["WARTA_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = Path(var_dir) / "media"
    if migrate:
        call_command("migrate", verbosity=0)


class Story:
    """Random but distinct news items: made-up names, places and figures."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - benchmark text
        self.vocabulary = [self.word(2, 3) for _ in range(3000)]

    def word(self, low, high):
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(low, high)))

    def item(self):
        rng = self.rng
        name = self.word(2, 3).title()
        place = self.word(2, 3).title()
        figures = [str(rng.randint(2, 9999)) for _ in range(3)]
        title = f"{name} {rng.choice(self.vocabulary)} {rng.choice(self.vocabulary)} di {place}"
        paragraphs = []
        for _ in range(3):
            words = rng.sample(self.vocabulary, 25)
            words.insert(rng.randrange(len(words)), name)
            words.insert(rng.randrange(len(words)), place)
            words.insert(rng.randrange(len(words)), rng.choice(figures))
            paragraphs.append(" ".join(words).capitalize() + ".")
        return title, paragraphs


def reword(rng, text):
    """Write an existing story 'in other words': drop a fifth of its words, swap some."""
    words = text.split()
    kept = [word for word in words if rng.random() > 0.2]
    for _ in range(len(kept) // 10):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    return " ".join(kept)


def build_feeds(args, existing):
    from xml.sax.saxutils import escape

    from warta.ingest.runs import body_text

    rng = random.Random(11 + args.run)  # noqa: S311 - benchmark data
    story = Story(12 + args.run)
    feeds = [[] for _ in range(args.feeds)]
    planted_near, planted_exact, fresh = set(), 0, 0
    earlier = []
    truth = {}  # guid: ("fresh", None), ("near", existing article id), ("repeat", first guid)
    for number in range(args.items):
        feed = feeds[number % args.feeds]
        guid = f"bench-{args.run}-{number}"
        link = f"https://wire{number % args.feeds}.example/berita/{args.run}-{number}"
        if number % 10 == 5 and existing:
            article = rng.choice(existing)
            planted_near.add(guid)
            truth[guid] = ("near", article.pk)
            title = reword(rng, article.title)
            text = reword(rng, " ".join([article.lead, body_text(article)]))
            paragraphs = [text]
        elif number % 20 == 7 and earlier:
            previous = rng.choice(earlier)
            feed = feeds[previous[0]]
            guid, link = f"changed-{args.run}-{number}", previous[1] + "?utm_source=rss"
            title, paragraphs = previous[2], previous[3]
            truth[guid] = ("repeat", previous[4])
            planted_exact += 1
        else:
            title, paragraphs = story.item()
            fresh += 1
            truth[guid] = ("fresh", None)
            earlier.append((number % args.feeds, link, title, paragraphs, guid))
        content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        feed.append(
            f"<item><title>{escape(title)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">{guid}</guid>'
            f"<description>{escape(paragraphs[0][:200])}</description>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>"
            "<pubDate>Thu, 04 Jul 2024 14:53:00 GMT</pubDate></item>"
        )
    documents = [
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Wire {n}</title><link>https://wire{n}.example/</link>"
            "<description>bench</description>" + "".join(items) + "</channel></rss>"
        ).encode()
        for n, items in enumerate(feeds)
    ]
    return documents, planted_near, planted_exact, fresh, truth


def judge(truth, placed, existing_ids):
    """Count each planted kind's outcome from `placed` {guid: article id}, the ground truth.

    A fresh item belongs in an article of its own: it is wrongly merged when it went into an
    existing article or into an article another planted story went into first.
    """
    owner = {}  # new article id: the first fresh guid placed in it
    counts = dict.fromkeys(
        [
            "near right",
            "near wrong article",
            "near missed",
            "fresh own article",
            "fresh wrongly merged",
            "repeat caught",
            "repeat missed",
            "not ingested",
        ],
        0,
    )
    order = sorted(truth, key=lambda guid: int(guid.rsplit("-", 1)[1]))
    for guid in order:
        kind, expected = truth[guid]
        article = placed.get(guid)
        if article is None:
            counts["not ingested"] += 1
        elif kind == "near":
            if article == expected:
                counts["near right"] += 1
            elif article in existing_ids or article in owner:
                counts["near wrong article"] += 1
            else:
                counts["near missed"] += 1
                owner[article] = guid
        elif kind == "fresh":
            if article in existing_ids or article in owner:
                counts["fresh wrongly merged"] += 1
            else:
                counts["fresh own article"] += 1
                owner[article] = guid
        elif kind == "repeat":
            caught = placed.get(expected) == article
            counts["repeat caught" if caught else "repeat missed"] += 1
    return counts


def serve_feeds(feed_for_path):
    """Serve RSS on a free loopback port, `feed_for_path(path)` giving each answer's bytes."""
    import http.server

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = feed_for_path(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def calibrate():
    """Tune the threshold on one half of the labelled pairs; report it on the other half.

    The halves alternate within each label, so both hold same-event and other-event pairs.
    """
    import json

    from warta.ingest import dedupe

    lines = (ROOT / "tests" / "ingest" / "data" / "pairs.jsonl").read_text().splitlines()
    pairs = [json.loads(line) for line in lines if line.strip()]
    scored = []
    for pair in pairs:
        first, second = pair["a"], pair["b"]
        sig_a = dedupe.signature(dedupe.shingles(first))
        sig_b = dedupe.signature(dedupe.shingles(second))
        agree = dedupe.agree(dedupe.facts(first), dedupe.facts(second))
        scored.append((pair["same"], dedupe.similarity(sig_a, sig_b), agree))
    seen = {True: 0, False: 0}
    halves = {"tuning": [], "held-out": []}
    for label, score, agree in scored:
        halves["tuning" if seen[label] % 2 == 0 else "held-out"].append((label, score, agree))
        seen[label] += 1
    thresholds = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
    print(f"calibration on {len(pairs)} labelled pairs, tuned on one half, reported on the other:")
    for name, half in halves.items():
        same = sum(1 for label, _, _ in half if label)
        print(
            f"  {name} half: {len(half)} pairs ({same} same event, {len(half) - same} same topic, "
            "other event)"
        )
    tuning = halves["tuning"]
    print("  threshold  precision/recall on the tuning half (words only; words + facts)")
    best = None
    for threshold in thresholds:
        words = precision_recall(tuning, threshold, use_facts=False)
        facts = precision_recall(tuning, threshold, use_facts=True)
        mark = "  <- shipped" if threshold == dedupe.THRESHOLD else ""
        print(
            f"  {threshold:9.2f}  {words[0]:.2f}/{words[1]:.2f}; "
            f"{facts[0]:.2f}/{facts[1]:.2f}{mark}"
        )
        # The highest recall at full precision, then the higher threshold on a tie.
        if facts[0] == 1.0 and (best is None or facts[1] >= best[1]):
            best = (threshold, facts[1])
    for label, threshold in (
        ("tuned on the tuning half", best and best[0]),
        ("shipped", dedupe.THRESHOLD),
    ):
        if threshold is None:
            print(f"  {label}: no threshold reaches full precision on the tuning half")
            continue
        precision, recall = precision_recall(halves["held-out"], threshold, use_facts=True)
        print(
            f"  held-out half at {threshold:.2f} ({label}): precision {precision:.2f}, "
            f"recall {recall:.2f}"
        )


def precision_recall(scored, threshold, use_facts):
    merged = [
        (label, score >= threshold and (agree or not use_facts)) for label, score, agree in scored
    ]
    same = sum(1 for label, _ in merged if label)
    tp = sum(1 for label, hit in merged if label and hit)
    fp = sum(1 for label, hit in merged if hit and not label)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / same if same else 1.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--calibrate-only", action="store_true", help="Only the pair table")
    parser.add_argument(
        "--reuse",
        metavar="VAR_DIR",
        help="Keep the database in this folder; load only the articles it lacks",
    )
    args = parser.parse_args()

    args.run = int(time.time()) if args.reuse else 0
    folder = (
        nullcontext(args.reuse)
        if args.reuse
        else tempfile.TemporaryDirectory(prefix="warta-bench-ingest-")
    )
    with folder as var_dir:
        setup(var_dir, migrate=not args.calibrate_only)
        calibrate()
        if args.calibrate_only:
            return
        from django.conf import settings
        from django.db import connection

        from warta.demo.synthetic import add_synthetic_articles
        from warta.ingest.models import ArticleSource, IngestedItem
        from warta.ingest.runs import index_missing_articles, ingest_sources
        from warta.news.models import ArticlePage, Source

        print(
            f"database: {connection.vendor}; existing articles: {args.existing}; "
            f"items: {args.items} in {args.feeds} feeds"
        )
        started = time.perf_counter()
        add_synthetic_articles(max(0, args.existing - ArticlePage.objects.count()))
        load = time.perf_counter() - started
        print(f"load existing articles: {load:.1f} s")

        started = time.perf_counter()
        indexed = index_missing_articles()
        index_time = time.perf_counter() - started
        print(
            f"fingerprint existing: {indexed} articles in {index_time:.1f} s "
            f"({indexed / max(index_time, 1e-9):.0f} articles/s)"
        )

        sample = list(ArticlePage.objects.order_by("?")[:2000])
        existing_ids = set(ArticlePage.objects.values_list("pk", flat=True))
        documents, planted_near, planted_exact, fresh, truth = build_feeds(args, sample)
        server = serve_feeds(lambda path: documents[int(path.strip("/").removeprefix("feed"))])
        port = server.server_address[1]
        settings.WARTA_INGEST_ALLOW_HOSTS = [f"127.0.0.1:{port}"]
        settings.WARTA_INGEST_MAX_FEED_BYTES = 64 * 1024 * 1024
        sources = [
            Source.objects.create(
                name=f"Wire {n} {args.run or ''}".strip(),
                feed_url=f"http://127.0.0.1:{port}/feed{n}",
            )
            for n in range(args.feeds)
        ]
        before = ArticlePage.objects.count()
        started, cpu = time.perf_counter(), time.process_time()
        summaries = ingest_sources(sources)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        server.shutdown()

        new = sum(s.new for s in summaries)
        duplicate = sum(s.duplicate for s in summaries)
        failed = sum(s.failed for s in summaries)
        placed = dict(
            IngestedItem.objects.filter(source__in=sources).values_list("guid", "article_id")
        )
        counts = judge(truth, placed, existing_ids)
        print(
            f"ingest: {args.items} items in {elapsed:.1f} s = {args.items / elapsed:.1f} items/s "
            f"({elapsed / args.items * 1000:.1f} ms per item); CPU {cpu:.1f} s of this "
            f"process = {args.items / cpu:.1f} items per CPU-second"
        )
        print(
            f"outcome: {new} new, {duplicate} duplicate, {failed} failed; "
            f"articles {before} -> {ArticlePage.objects.count()}"
        )
        print(
            f"planted: {fresh} fresh, {len(planted_near)} near-duplicates of existing articles, "
            f"{planted_exact} repeats under a new GUID"
        )
        caught = counts["near right"]
        print(
            f"near-duplicates merged into their existing article: {caught}/{len(planted_near)} "
            f"(recall {caught / max(len(planted_near), 1):.1%}); into another article: "
            f"{counts['near wrong article']}; left as new articles: {counts['near missed']}"
        )
        print(
            f"fresh items wrongly merged (into an existing article or another story's): "
            f"{counts['fresh wrongly merged']}/{fresh}; "
            f"repeats under a new GUID caught: {counts['repeat caught']}/{planted_exact}; "
            f"items not ingested: {counts['not ingested']}; "
            f"extra sources recorded: {ArticleSource.objects.count()}"
        )


if __name__ == "__main__":
    main()
