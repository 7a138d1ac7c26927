"""Warta: a news-portal platform for Indonesian newsrooms, on Wagtail and Django."""

__version__ = "0.1.0"
