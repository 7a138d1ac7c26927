"""Recognise a story already on the site: by GUID, by normalized URL, or by its words.

Near-duplicates use MinHash over word shingles of title + text (one-permutation hashing with
rotation densification, so a signature costs one hash per word) and LSH bands stored in the
database, so the candidates of a new item come from one indexed query whatever the archive size.
"""

import hashlib
import re
import struct
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import connection

from warta.ingest.models import ArticleFingerprint, FingerprintBand

# Calibrated on tests/ingest/data/pairs.jsonl (see docs/ingest.md and bench/ingest.py).
SHINGLE = 1
THRESHOLD = 0.3
MIN_NUMBERS = 2  # below this many numbers in either text, numbers do not decide
NUMBER_OVERLAP = 0.5
MAX_NUMBERS = 40
PERMUTATIONS = 128
ROWS = 2
BANDS = PERMUTATIONS // ROWS
CANDIDATES = 5
# A band shared by more articles than this says nothing (boilerplate, templated text).
COMMON_BAND = 1000

VALUE_BITS = 52
EMPTY = (1 << 64) - 1
TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+", re.UNICODE)
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
TRAILING = re.compile(r"[/\s]+$")
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|igshid|_ga|yclid)$")

# Words that tell nothing about which event a story reports (Indonesian and English).
STOPWORD_TEXT = """
yang dan di ke dari ini itu dengan untuk pada dalam tidak akan juga atau ada oleh
sebagai adalah karena telah sudah bahwa saat para kata lebih masih bisa dapat harus
mereka kami kita kamu dia ia nya pun hingga antara setelah sebelum tersebut secara
menjadi namun serta bagi tak jika agar seperti hanya belum sangat baru tahun hari
the and for that with was were are has have had from this its his her their they
will would said says not but been which who into after about over than also more
"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())


def normalize_url(url):
    """Return the URL that two spellings of one link share (scheme, www., tracking, slash)."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING.match(key.lower())
    ]
    path = TRAILING.sub("", parts.path)  # trailing spaces too: the next read strips them
    return urlunsplit(("", host + port, path, urlencode(sorted(query)), "")).lstrip("/")


def key(text):
    """Return a fixed-length key for an indexable lookup of a long string."""
    return hashlib.sha256(text.encode()).hexdigest()


def words(text):
    return [
        word
        for word in TOKEN.findall(text.casefold())
        if word not in STOPWORDS and (len(word) > 2 or word.isdigit())
    ]


def shingles(text, size=SHINGLE):
    tokens = words(text)
    if size == 1 or len(tokens) < size:
        return set(tokens)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def numbers(text):
    """Return the numbers a text states (figures, times, scores): the facts of an event."""
    return frozenset(NUMBER.findall(text)[:MAX_NUMBERS])


def numbers_agree(first, second):
    """Tell whether two texts can report one event judging by the numbers they state.

    Two stories on one topic share words but not figures: a quake of 5,6 in Cianjur at 06.12
    is not the one of 6,2 in Garut at 23.21.
    """
    if len(first) < MIN_NUMBERS or len(second) < MIN_NUMBERS:
        return True
    return len(first & second) / min(len(first), len(second)) >= NUMBER_OVERLAP


# Words that introduce a named place, and capitalised words that are not one.
PLACE_CUE = re.compile(
    r"\b(?:di|ke|dari|in|at|Kecamatan|Kabupaten|Kota|Desa|Kelurahan|Kampung|Provinsi|Pulau"
    r"|Sungai|Kali|Gunung|Jalan|Tol|Pelabuhan|Bandara|Pengadilan Negeri)\s+"
    r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})"
)
NOT_PLACE_TEXT = """
senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli
agustus september oktober november desember wib wita wit
"""
NOT_PLACES = frozenset(NOT_PLACE_TEXT.split())
WEEKDAY = re.compile(r"\b(senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b", re.IGNORECASE)
DATE = re.compile(
    r"\b(\d{1,2})\s+(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober"
    r"|november|desember)\b",
    re.IGNORECASE,
)


# A figure with what it counts: `1.240 warga`, `31 RW`, `Rp2,5 miliar`.
FIGURE = re.compile(
    r"(\d+(?:[.,]\d+)*)\s+(orang|warga|jiwa|korban|rumah|kk|rw|rt|desa|kelurahan|unit"
    r"|kendaraan|penumpang|tersangka|terdakwa|tahun|bulan|ribu|juta|miliar|triliun|persen"
    r"|ton|hektare|kilometer|meter|sentimeter)\b",
    re.IGNORECASE,
)


# A figure named before its value: `magnitudo 5,6`, `M5,6`, `Rp300`.
NAMED_FIGURE = re.compile(r"((?i:magnitudo)|\bM|\bRp)\s?(\d+(?:[.,]\d+)*)")


def figures(text):
    """Return the counted figures of a text as `$noun=value`: what two reports must share."""
    found = {f"${noun.casefold()}={value}" for value, noun in FIGURE.findall(text)}
    for noun, value in NAMED_FIGURE.findall(text):
        noun = "magnitudo" if noun == "M" else noun.casefold()
        found.add(f"${noun}={value}")
    return found


# Words that go on a place's name (`Jakarta Barat`) though a dictionary lists them.
PLACE_TAIL_TEXT = "barat timur selatan utara tengah raya baru lama hulu hilir atas bawah kidul lor"
PLACE_TAILS = frozenset(PLACE_TAIL_TEXT.split())


@lru_cache(maxsize=1)
def dictionary_roots():
    """Return Sastrawi's root words: an ordinary word, not a name, when capitalised in a title."""
    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def ordinary(word):
    from warta.discovery.analysis import stem

    return word in dictionary_roots() or stem(word) in dictionary_roots()


def places(text):
    """Return the named places a text reports from, as folded phrases (`jakarta barat`).

    A name goes on only with words no dictionary lists, or compass words: a title's capitals
    (`ke Bali Terkumpul`) are not part of the place.
    """
    found = set()
    for match in PLACE_CUE.finditer(text):
        name = []
        for word in match.group(1).casefold().split():
            if word in NOT_PLACES or any(char.isdigit() for char in word):
                break
            if name and word not in PLACE_TAILS and ordinary(word):
                break
            name.append(word)
        if name:
            found.add(" ".join(name))
    return found


def facts(text):
    """Return what a text states of its event: figures (`31`), places (`@…`), days (`#…`)."""
    days = {f"#{day.casefold()}" for day in WEEKDAY.findall(text)}
    days |= {f"#{int(day)}_{month.casefold()}" for day, month in DATE.findall(text)}
    named = {"@" + place.replace(" ", "_") for place in places(text)}
    return numbers(text) | named | days | figures(text)


def specific(named):
    """Drop the places another place of the same text narrows (`jakarta` beside `jakarta barat`)."""
    return {
        place
        for place in named
        if not any(other != place and other.startswith(place + "_") for other in named)
    }


def places_agree(first, second):
    """Tell whether two sets of places can be one event's: both name one place in common."""
    first, second = specific(first), specific(second)
    if not first or not second:
        return True

    def near(a, b):
        return a == b or a.startswith(b + "_") or b.startswith(a + "_")

    return any(near(a, b) for a in first for b in second)


def days_agree(first, second):
    """Tell whether two texts' days can be one: weekdays, and dates, must share one if stated."""
    for kind in (lambda day: not day[1].isdigit(), lambda day: day[1].isdigit()):
        a = {day for day in first if kind(day)}
        b = {day for day in second if kind(day)}
        if a and b and not a & b:
            return False
    return True


def figures_agree(first, second):
    """Tell whether two texts' counted figures can be one event's: a count of the same thing
    (warga, korban, rupiah...) stated by both must have a value in common."""
    counted = {}
    for side, stated in enumerate((first, second)):
        for figure in stated:
            noun, value = figure[1:].split("=", 1)
            counted.setdefault(noun, (set(), set()))[side].add(value)
    return all(not (a and b) or a & b for a, b in counted.values())


def agree(first, second):
    """Tell whether two stories' stated facts can describe one event: no figure, place or day
    contradicts (see `facts`)."""
    split = {}
    for name, stated in (("a", first), ("b", second)):
        split[name] = (
            frozenset(f for f in stated if f[0] not in "@#$"),
            {f[1:] for f in stated if f[0] == "@"},
            {f for f in stated if f[0] == "#"},
            {f for f in stated if f[0] == "$"},
        )
    (nums_a, places_a, days_a, counts_a), (nums_b, places_b, days_b, counts_b) = (
        split["a"],
        split["b"],
    )
    return (
        numbers_agree(nums_a, nums_b)
        and figures_agree(counts_a, counts_b)
        and places_agree(places_a, places_b)
        and days_agree(days_a, days_b)
    )


def _hash64(feature):
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")


def signature(features, permutations=PERMUTATIONS):
    """Return the MinHash signature of a set of features as a tuple of ints."""
    mask = (1 << VALUE_BITS) - 1
    mins = [EMPTY] * permutations
    for feature in features:
        value = _hash64(feature)
        slot = value % permutations
        value = (value // permutations) & mask
        if value < mins[slot]:
            mins[slot] = value
    filled = [i for i, value in enumerate(mins) if value != EMPTY]
    if not filled or len(filled) == permutations:
        return tuple(mins)
    # Rotation densification: an empty bin borrows from the next filled bin to its right.
    result = list(mins)
    for i in range(permutations):
        if mins[i] == EMPTY:
            distance = 1
            while mins[(i + distance) % permutations] == EMPTY:
                distance += 1
            result[i] = mins[(i + distance) % permutations] + (distance << VALUE_BITS)
    return tuple(result)


def similarity(first, second):
    """Estimate the Jaccard similarity of two signatures."""
    if not first or first[0] == EMPTY or second[0] == EMPTY:
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def pack(sig):
    return struct.pack(f"<{len(sig)}Q", *sig)


def unpack(data):
    data = bytes(data)
    return struct.unpack(f"<{len(data) // 8}Q", data)


def band_keys(sig, rows=ROWS):
    """Return one signed 63-bit key per LSH band of a signature."""
    if not sig or sig[0] == EMPTY:
        return []
    keys = []
    for band in range(len(sig) // rows):
        chunk = struct.pack(f"<H{rows}Q", band, *sig[band * rows : (band + 1) * rows])
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def article_text(title, lead, body_text):
    return " ".join(part for part in (title, lead, body_text) if part)


def same_story(sig_a, facts_a, sig_b, facts_b, threshold=THRESHOLD):
    """Return the similarity of two stories if they tell the same event, else 0.

    Similar words are not enough: two floods in one city one week apart share most of them.
    The stories must also agree on their figures, places and days (`agree`).
    """
    score = similarity(sig_a, sig_b)
    if score >= threshold and agree(facts_a, facts_b):
        return score
    return 0.0


def find_near_duplicate(sig, nums, threshold=THRESHOLD, refused=()):
    """Return (article id, similarity) of the most similar indexed article, or None.

    `refused` holds articles an editor split from this story: never merged with it again.
    """
    keys = band_keys(sig)
    if not keys:
        return None
    hits = Counter()
    for articles in band_members(keys).values():
        if len(articles) <= COMMON_BAND:
            hits.update(article for article in articles if article not in refused)
    candidates = [
        article_id
        for article_id, _ in sorted(hits.items(), key=lambda pair: (-pair[1], -pair[0]))[
            :CANDIDATES
        ]
    ]
    if not candidates:
        return None
    best = None
    for article_id, data, stated in ArticleFingerprint.objects.filter(
        article_id__in=candidates
    ).values_list("article_id", "signature", "numbers"):
        score = same_story(sig, nums, unpack(data), frozenset(stated.split()), threshold)
        if score and (best is None or score > best[1]):
            best = (article_id, score)
    return best


def band_members(keys):
    """Return the articles of each band, at most COMMON_BAND + 1 each, in one query.

    Each band is read through its index and cut at the limit, so an item costs at most
    bands x (COMMON_BAND + 1) rows however large the archive and however common a band.
    """
    quote = connection.ops.quote_name
    table = quote(FingerprintBand._meta.db_table)
    one = (
        f"SELECT * FROM (SELECT {quote('key')}, {quote('article_id')} FROM {table} "  # noqa: S608
        f"WHERE {quote('key')} = %s LIMIT {COMMON_BAND + 1}) AS band_{{n}}"
    )
    sql = " UNION ALL ".join(one.format(n=n) for n in range(len(keys)))
    members = {key: [] for key in keys}
    with connection.cursor() as cursor:
        cursor.execute(sql, list(keys))
        for key, article_id in cursor.fetchall():
            members[key].append(article_id)
    return members


def index_article(article_id, sig, nums):
    """Store an article's signature and bands so later items can find it."""
    ArticleFingerprint.objects.update_or_create(
        article_id=article_id, defaults={"signature": pack(sig), "numbers": " ".join(sorted(nums))}
    )
    FingerprintBand.objects.filter(article_id=article_id).delete()
    insert_bands((article_id, band) for band in band_keys(sig))


def index_many(signatures):
    """Store the signatures and bands of many not yet indexed articles at once."""
    ArticleFingerprint.objects.bulk_create(
        ArticleFingerprint(article_id=pk, signature=pack(sig), numbers=" ".join(sorted(nums)))
        for pk, (sig, nums) in signatures.items()
    )
    insert_bands((pk, band) for pk, (sig, _nums) in signatures.items() for band in band_keys(sig))


def insert_bands(rows):
    """Insert (article id, band key) rows in one executemany: the ORM costs 40x more here."""
    quote = connection.ops.quote_name
    table = quote(FingerprintBand._meta.db_table)
    sql = f"INSERT INTO {table} ({quote('article_id')}, {quote('key')}) VALUES (%s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))
