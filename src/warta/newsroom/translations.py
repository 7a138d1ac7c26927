"""Measure how much of the Wagtail admin an editor sees in Bahasa Indonesia.

For every Wagtail app in INSTALLED_APPS, the msgids of its English source catalog are
counted as translated when Wagtail's own Indonesian catalog or one of Warta's locale
directories (LOCALE_PATHS) gives them a non-empty, non-fuzzy translation.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

from babel.messages.pofile import read_po

LANGUAGE_DIRS = ("id", "id_ID")
DOMAINS = ("django", "djangojs")
PLACEHOLDER = re.compile(
    r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]|\{[a-zA-Z0-9_]*\}|\{\{\s*[\w.]+\s*\}\}|</?[a-zA-Z][^>]*>"
)


@dataclass(frozen=True)
class Coverage:
    app: str
    domain: str
    total: int
    translated: int

    @property
    def share(self):
        return self.translated / self.total if self.total else 1.0


def message_key(message):
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return (message.context or "", msgid)


def is_translated(message):
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


def read_catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle, abort_invalid=False)


def translated_keys(path):
    if not path.exists():
        return set()
    return {message_key(m) for m in read_catalog(path) if m.id and is_translated(m)}


def wagtail_apps():
    """Return the installed Wagtail app configs that ship an English source catalog."""
    return [
        config
        for config in apps.get_app_configs()
        if config.name.split(".")[0] == "wagtail"
        and (Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po").exists()
    ]


def override_keys(domain):
    keys = set()
    for locale_path in settings.LOCALE_PATHS:
        for language in LANGUAGE_DIRS:
            keys |= translated_keys(Path(locale_path) / language / "LC_MESSAGES" / f"{domain}.po")
    return keys


def coverage(include_overrides=True):
    """Return a Coverage per (Wagtail app, domain)."""
    results = []
    for domain in DOMAINS:
        overrides = override_keys(domain) if include_overrides else set()
        for config in wagtail_apps():
            locale = Path(config.path) / "locale"
            source = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            keys = {message_key(m) for m in read_catalog(source) if m.id}
            done = overrides.copy()
            for language in LANGUAGE_DIRS:
                done |= translated_keys(locale / language / "LC_MESSAGES" / f"{domain}.po")
            results.append(Coverage(config.name, domain, len(keys), len(keys & done)))
    return results


def missing_messages(domain):
    """Return the source messages of `domain` that no Indonesian catalog translates yet."""
    overrides = override_keys(domain)
    missing = {}
    for config in wagtail_apps():
        locale = Path(config.path) / "locale"
        source = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        done = overrides.copy()
        for language in LANGUAGE_DIRS:
            done |= translated_keys(locale / language / "LC_MESSAGES" / f"{domain}.po")
        for message in read_catalog(source):
            key = message_key(message)
            if message.id and key not in done:
                missing.setdefault(key, message)
    return list(missing.values())


def placeholder_mismatches(msgid, msgstr):
    """Return the placeholders and tags of msgid that msgstr lacks or adds, as two lists."""
    expected, found = sorted(PLACEHOLDER.findall(msgid)), sorted(PLACEHOLDER.findall(msgstr))
    if expected == found:
        return [], []
    missing = [p for p in expected if expected.count(p) > found.count(p)]
    extra = [p for p in found if found.count(p) > expected.count(p)]
    return sorted(set(missing)), sorted(set(extra))
