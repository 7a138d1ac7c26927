"""warta evaluate_search: measure search and related news on the labelled set.

First what readers see (a site filled through ingest, pages rendered), on the young site and
the full one; then the stored ranking with the Indonesian analysis on and off.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from warta.discovery.evaluation import DEFAULT_SET, evaluate
from warta.discovery.reader_evaluation import evaluate_reader


class Command(BaseCommand):
    help = (
        "Measure search (nDCG@10) and related news (precision@5) on the labelled Indonesian set, "
        "with the analysis on and off. The set's articles are loaded in a transaction and rolled "
        "back: nothing stays in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DEFAULT_SET), help="Path of the labelled set")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON")
        parser.add_argument("--verbose-queries", action="store_true", help="Show every query")
        parser.add_argument(
            "--stored-only",
            action="store_true",
            help="Skip the reader-facing run (a site filled through ingest, about a minute)",
        )

    def handle(self, *args, data, json=False, verbose_queries=False, stored_only=False, **options):
        try:
            runs = [evaluate(data, analysis=True), evaluate(data, analysis=False)]
            reader = None if stored_only else evaluate_reader(data)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        if reader and not json:
            for stage in ("young", "full"):
                figures = reader[stage]
                self.stdout.write(
                    f"readers, {stage} site ({figures['articles']} articles): "
                    f"Berita Terkait precision@5 = {figures['berita_terkait_precision@5']:.3f}  "
                    f"Baca Juga precision@1 = {figures['baca_juga_precision@1']:.3f}  "
                    f"search nDCG@10 = {figures['search_ndcg@10']:.3f}  "
                    f"duplicates merged = {figures['duplicate_recall']:.3f}  "
                    f"false merges = {figures['false_merges']}"
                )
        if json:
            self.stdout.write(dump(runs))
            return
        first = runs[0]
        self.stdout.write(
            f"Set: {first['articles_in_set']} articles, {first['queries_in_set']} queries"
        )
        for run in runs:
            label = "on " if run["analysis"] else "off"
            self.stdout.write(
                f"analysis {label}  search nDCG@10 = {run['ndcg@10']:.3f}  "
                f"related precision@5 = {run['precision@5']:.3f}"
            )
            if verbose_queries:
                for query, score in run["queries"]:
                    self.stdout.write(f"    {score:.3f}  {query}")


def dump(runs):
    return json.dumps(
        [
            {
                "analysis": run["analysis"],
                "ndcg@10": round(run["ndcg@10"], 4),
                "precision@5": round(run["precision@5"], 4),
                "queries": {query: round(score, 4) for query, score in run["queries"]},
            }
            for run in runs
        ],
        indent=2,
    )
