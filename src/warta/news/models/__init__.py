from .pages import ArticlePage, ArticlePageQuerySet, ArticleTag, HomePage, SectionPage
from .snippets import Reporter, Source

__all__ = [
    "ArticlePage",
    "ArticlePageQuerySet",
    "ArticleTag",
    "HomePage",
    "Reporter",
    "SectionPage",
    "Source",
]
