"""Indonesian sentences for search snippets: numbers, abbreviations and initials stay whole."""

import re

# Words that end in a dot without ending the sentence: titles, addresses, and the like.
ABBREVIATIONS = frozenset(
    "dr drg drh prof ir drs dra h hj kh st sdr sdri bpk ny tn jl jln no kec kab kel "  # noqa: SIM905
    "prov gg rt rw tbk pt cv dll dsb dst dkk yth kol letjen mayjen brigjen jend kapt "
    "komjen irjen kombes akbp mr mrs vs hlm tel telp".split()
)
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)|\n")
LAST_WORD = re.compile(r"([^\s(\"'“‘]+)\s*$")


def ends_no_sentence(word):
    """Tell whether a dot after `word` belongs to it: an abbreviation, an initial, 'S.H.'."""
    word = word.rstrip(".")
    parts = word.split(".")
    if len(parts) > 1 and all(part.isalpha() and len(part) <= 3 for part in parts):
        return True  # a.n., S.H., M.Si.
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentences(text):
    """Split plain text into sentences the Indonesian way.

    A dot ends a sentence only before a space or the end: "10.000", "Rp1.500.000" and "3,5"
    stay whole; so do abbreviations ("dr.", "Jl.", "No.", "H.") and initials ("B. J. Habibie").
    """
    start = 0
    for end in SENTENCE_END.finditer(text):
        if end.group().startswith(".") and end.group().rstrip("\"'”’)") == ".":
            word = LAST_WORD.search(text, start, end.start())
            if word and ends_no_sentence(word.group(1)):
                continue
        if sentence := text[start : end.end()].strip():
            yield sentence
        start = end.end()
    if sentence := text[start:].strip():
        yield sentence
