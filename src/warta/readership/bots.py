"""Tell obvious robots from readers by their User-Agent."""

import re

# Crawlers, link previewers, monitors, audit tools and HTTP libraries announce themselves.
BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"lighthouse|pagespeed|headless|phantomjs|monitor|pingdom|uptime|"
    r"curl/|wget/|python-|httpx|aiohttp|go-http-client|java/|okhttp|libwww|scrapy",
    re.IGNORECASE,
)


def is_bot(user_agent):
    """Return True for an empty User-Agent or one that names a robot or a tool."""
    return not user_agent or bool(BOT_PATTERN.search(user_agent))
