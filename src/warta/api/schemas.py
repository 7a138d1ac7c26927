"""The shapes of the API's answers, which the OpenAPI document describes."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(description="What went wrong, and how to fix the request")


class InvalidRequest(Schema):
    detail: str
    errors: list[dict] = Field(description="Each invalid parameter: where, what, why")


class Rendition(Schema):
    url: str = Field(description="Absolute URL of the resized image")
    width: int
    height: int


class Image(Schema):
    id: int
    title: str
    caption: str
    credit: str = Field(description="Photo credit, shown as 'Foto: …' on the site")
    width: int = Field(description="Width of the original")
    height: int = Field(description="Height of the original")
    renditions: dict[str, Rendition] = Field(
        description="Resized copies by name: thumbnail (320x180), medium (800 wide), "
        "large (1200 wide); reporters' photos: thumbnail (96x96), medium (192x192)"
    )


class SectionRef(Schema):
    id: int
    title: str
    slug: str
    url: str


class Section(SectionRef):
    description: str


class TagRef(Schema):
    name: str
    slug: str
    url: str


class Tag(TagRef):
    article_count: int = Field(description="Published articles with this tag")


class ReporterRef(Schema):
    id: int
    full_name: str
    slug: str
    initials: str
    url: str = Field(description="The reporter's archive page on the site")


class Reporter(ReporterRef):
    bio: str
    photo: Image | None


class Source(Schema):
    id: int
    name: str
    home_url: str


class ArticleCard(Schema):
    id: int
    title: str
    url: str
    lead: str
    section: SectionRef | None
    published_at: datetime | None = Field(description="First publication, with UTC offset")
    featured_image: Image | None


class ArticleSummary(ArticleCard):
    slug: str
    dateline: str
    updated_at: datetime | None = Field(
        description="Last significant update readers were told about, with UTC offset"
    )
    last_published_at: datetime | None = Field(description="Last (re)publication of any edit")
    tags: list[TagRef]
    reporter: ReporterRef | None
    editor: ReporterRef | None
    byline: str = Field(description="Reporter's and editor's initials, e.g. 'm/ci'")
    source: Source | None
    original_url: str = Field(description="The original article, for republished news")


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    html: str = Field(description="Rich text: p, h2, h3, ul, ol, b, i and a elements")


class ImageBlock(Schema):
    type: Literal["image"]
    id: str
    image: Image | None


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    text: str
    attribution: str


class EmbedBlock(Schema):
    type: Literal["embed"]
    id: str
    url: str = Field(description="A YouTube, X or Instagram URL; fetch its oEmbed to show it")


class ReadAlsoBlock(Schema):
    type: Literal["baca_juga"]
    id: str
    article: ArticleCard


Block = Annotated[
    ParagraphBlock | ImageBlock | QuoteBlock | EmbedBlock | ReadAlsoBlock,
    Field(discriminator="type"),
]


class Article(ArticleSummary):
    body_html: str = Field(
        description="The body as the article page shows it: the dateline in the first "
        "paragraph, images, quotes, embeds as links, and 'Baca Juga' links"
    )
    body: list[Block] = Field(description="The body's blocks as the editor wrote them")
    correction_note: str
    related: list[ArticleCard] = Field(
        description="Berita Terkait, as on the article page: related stories, most related first"
    )
    other_news: list[ArticleCard] = Field(
        default_factory=list,
        description="Berita Lainnya: the section's newest, when fewer stories are related",
    )


class SearchHit(Schema):
    score: float = Field(description="Relevance with the recency boost; higher is better")
    snippet_html: str = Field(description="The best sentence, searched words in <mark>")
    article: ArticleSummary


class Page(Schema):
    count: int = Field(description="Items in the whole list")
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, null on the last")
    previous: str | None = Field(description="URL of the previous page, null on the first")


class ArticlePage(Page):
    results: list[ArticleSummary]


class TagPage(Page):
    results: list[Tag]


class ReporterPage(Page):
    results: list[Reporter]


class SearchPage(Page):
    query: str = Field(description="The query as it was read (trimmed, bounded)")
    results: list[SearchHit]
