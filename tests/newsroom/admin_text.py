"""What an admin page says to its reader: text, labels for screen readers, tooltips."""

import re

from lxml import html as lxml_html

# Attributes a person reads or hears: screen-reader labels, tooltips, placeholders.
SPOKEN_ATTRIBUTES = (
    "aria-label",
    "title",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-bs-original-title",
)
# English an editor must not meet in the admin (issue 22's list, and others found since).
ENGLISH = (
    "Role",
    "Username",
    "comma-separated",
    "Bold",
    "Italic",
    "Restart",
    "Actions",
    "Search",
    "Password",
    "Sign in",
    "snippet",
    "Snippet",
    "Bullet",
    "Slug",
    "Wagtail",
    "Draft",
    "Live",
    "Edit",
    "Save",
    "Delete",
    "Cancel",
    "Choose",
    "Preview",
    "Settings",
    "Promote",
    "Dashboard",
    "Workflow",
    "Submit",
    "Publish",
    "Sort",
    "Filter",
    "Status feed",
    "Feed status",
)
# Indonesian words the admin used for one thing where Warta uses another (docs/newsroom.md).
INCONSISTENT = (
    "Pemakai",
    "pemakai",
    "Konsep",
    "AKTIF",
    "Kata Kunci",
    "Tag judul",
    "halaman-halaman",
)


def spoken_text(page_html):
    """Return the text of a page and of its spoken attributes, scripts and styles left out."""
    tree = lxml_html.fromstring(page_html)
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    parts = [tree.text_content()]
    for name in SPOKEN_ATTRIBUTES:
        parts += tree.xpath(f"//@{name}")
    parts += tree.xpath("//title/text()")
    return "\n".join(parts)


def foreign_words(page_html):
    """Return the listed English and inconsistent words the page shows or speaks."""
    text = spoken_text(page_html)
    found = set()
    for word in ENGLISH + INCONSISTENT:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            found.add(word)
    return sorted(found)
