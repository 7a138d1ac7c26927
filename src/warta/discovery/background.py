"""Background document frequencies: how common each Indonesian word is, shipped with Warta.

A young archive's own counts mislead: with thirty articles every word looks rare or common by
chance. Until the archive is large, each term's share of articles is blended with a background
share built from text Warta ships (`scripts/build_background_frequencies.py`): the blend
counts the background as BACKGROUND_WEIGHT articles, fading to nothing at FULL_ARCHIVE.
"""

import gzip
from functools import lru_cache
from pathlib import Path

from django.conf import settings

BACKGROUND_FILE = Path(__file__).resolve().parent / "data" / "background_frequencies.tsv.gz"
BACKGROUND_WEIGHT = 400  # the background counts as this many articles on an empty site
FULL_ARCHIVE = 4000  # from this many articles on, the site's own counts alone decide


@lru_cache(maxsize=1)
def shares():
    """Return {term: share of background documents holding it}."""
    with gzip.open(BACKGROUND_FILE, "rt", encoding="utf-8") as lines:
        header = next(lines).split()
        documents = int(header[1])
        table = {}
        for line in lines:
            term, count = line.rstrip("\n").split("\t")
            table[term] = int(count) / documents
    return table


def blend(frequencies, total, terms):
    """Return ({term: article count}, total) with the background mixed in for a young archive."""
    weight = BACKGROUND_WEIGHT * max(0.0, 1 - total / FULL_ARCHIVE)
    if weight <= 0 or not getattr(settings, "WARTA_RELATED_BACKGROUND", True):
        return frequencies, total
    table = shares()
    mixed = {term: frequencies.get(term, 0) + weight * table.get(term, 0.0) for term in terms}
    return mixed, total + weight
