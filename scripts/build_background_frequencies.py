"""Build src/warta/discovery/data/background_frequencies.tsv.gz from text Warta may ship.

The documents: the demo's articles (src/warta/demo/content.py), the near-duplicate pairs of
tests/ingest/data/pairs.jsonl, and PySastrawi's root-word dictionary and stop words (MIT).
The evaluation set (tests/discovery/data/evaluation.json) is left out on purpose, so that
measuring with the background does not measure the set against itself.

Each demo and test text is one document. The dictionary adds each root word as a common word
(ROOT_SHARE of the documents): a word a dictionary lists is ordinary language, where names and
places, which no dictionary lists, stay rare. Stop words are marked as in every document.

Run: .venv/bin/python scripts/build_background_frequencies.py
"""

import gzip
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "warta" / "discovery" / "data" / "background_frequencies.tsv.gz"
ROOT_SHARE = 0.02  # a dictionary word is taken to be in 2% of articles unless seen more often
PSEUDO_DOCUMENTS = 1000


def documents():
    from warta.demo.content import NEIGHBOURS, SEED

    for article in [SEED, *NEIGHBOURS]:
        paragraphs = [part for part in article.paragraphs if isinstance(part, str)]
        yield " ".join([article.title, article.lead, *paragraphs])
    pairs = ROOT / "tests" / "ingest" / "data" / "pairs.jsonl"
    for line in pairs.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pair = json.loads(line)
            yield pair["a"]
            yield pair["b"]


def main():
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    import django

    django.setup()
    import Sastrawi
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    from warta.discovery.analysis import stem, stop_words, terms

    counts = Counter()
    texts = list(documents())
    for text in texts:
        counts.update(set(terms(text, analysis=True)))
    seen = len(texts)
    table = {term: count / seen for term, count in counts.items()}
    dictionary = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    for word in dictionary.read_text(encoding="utf-8").split():
        root = stem(word)
        table[root] = max(table.get(root, 0.0), ROOT_SHARE)
    for word in set(StopWordRemoverFactory().get_stop_words()) & stop_words():
        table[word] = 1.0
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"documents {PSEUDO_DOCUMENTS}\n")
        for term in sorted(table):
            count = max(1, round(table[term] * PSEUDO_DOCUMENTS))
            out.write(f"{term}\t{count}\n")
    print(f"{len(table)} terms from {seen} documents and the dictionary -> {OUTPUT.name}")


if __name__ == "__main__":
    main()
