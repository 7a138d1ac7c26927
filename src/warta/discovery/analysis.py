"""Indonesian text analysis shared by the search index, the search query and related news.

Text is folded (case, diacritics), split into words, stripped of stop words and stemmed with
Sastrawi, except for protected words: proper nouns and place names Sastrawi would mangle.
The same function analyses what is indexed and what a reader types, so `kebanjiran`,
`membanjiri` and `banjir` meet on `banjir` whatever the search backend.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
MAX_WORD_LENGTH = 40  # longer "words" are noise (URLs, hashes): skip them

# Words Sastrawi gets wrong, mapped to the right root.
STEM_OVERRIDES = {
    "berikan": "beri",
    "pemilu": "pemilu",
    "terorisme": "teroris",
}

PROTECTED_WORDS_FILE = Path(__file__).resolve().parent / "data" / "protected_words.txt"


def read_word_list(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines for word in line.split("#", 1)[0].split())


# Proper nouns and place names kept as written (see the file for why).
PROTECTED_WORDS = read_word_list(PROTECTED_WORDS_FILE)

# Sastrawi's stop list drops words that carry the news (naik, turun, baru...): keep those.
CONTENT_WORDS = frozenset(
    (
        "naik",
        "turun",
        "masuk",
        "keluar",
        "baru",
        "besar",
        "bulan",
        "hari",
        "akhir",
        "awal",
        "orang",
        "tinggi",
        "rendah",
        "kecil",
        "pihak",
        "jalan",
        "jauh",
        "dekat",
        "lama",
        "muda",
        "tua",
        "mulai",
        "selesai",
        "tahun",
        "menteri",
        "sakit",
    )
)


@lru_cache(maxsize=1)
def stop_words():
    words = set(StopWordRemoverFactory().get_stop_words()) - CONTENT_WORDS
    words -= PROTECTED_WORDS
    return frozenset(words)


@lru_cache(maxsize=1)
def _stemmer():
    return StemmerFactory().create_stemmer()


def fold(text):
    """Lower-case the text and strip diacritics and NUL bytes: `Café` and `cafe` are one word."""
    text = str(text).replace("\x00", " ")
    if not text.isascii():  # ASCII has no diacritics: skip the per-character pass
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold()


def words(text):
    """Split folded text into words; hyphenated words (`kapal-kapal`) count once, whole."""
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=200_000)
def stem(word):
    """Return the root of one folded word, respecting protected words and known fixes."""
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    if word in PROTECTED_WORDS or word.isdigit():
        return word
    if "-" in word:
        # Reduplication (kapal-kapal, negara-negara) means the plural of one root.
        parts = word.split("-")
        if len(set(parts)) == 1:
            return stem(parts[0])
        return "-".join(stem(part) for part in parts)
    root = _stemmer().stem(word) or word
    if root.endswith("isme") and len(root) > 6:
        root = root[:-4] + "is"  # terorisme -> teroris, radikalisme -> radikalis
    return root


def analysis_enabled():
    return getattr(settings, "WARTA_SEARCH_ANALYSIS", True)


def terms(text, analysis=None):
    """Return the index terms of a text: folded words without stop words, stemmed.

    With the analysis off (to measure what it brings) the terms are the plain folded words.
    """
    if analysis is None:
        analysis = analysis_enabled()
    if not analysis:
        return [part for word in words(text) for part in word.split("-") if part]
    stops = stop_words()
    found = []
    for word in words(text):
        if word in stops:
            continue
        found.extend(part for part in stem(word).split("-") if part and part not in stops)
    return found


def analysed_text(text, analysis=None):
    """Return the text as the search index should hold it: its terms, space-separated."""
    return " ".join(terms(text, analysis=analysis))
