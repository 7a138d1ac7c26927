"""Write WordPress exports (WXR) for tests and the benchmark, the way WordPress writes them."""

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image as PILImage

SITE = "https://lama.example"


def cdata(text):
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def esc(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Post:
    post_id: int
    title: str
    slug: str
    content: str = ""
    excerpt: str = ""
    status: str = "publish"
    post_type: str = "post"
    date_gmt: str = "2024-07-04 14:53:00"
    date: str = "2024-07-04 21:53:00"
    creator: str = "redaksi"
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    meta: dict = field(default_factory=dict)
    link: str = ""
    parent: int = 0
    attachment_url: str = ""
    password: str = ""

    def permalink(self):
        if self.link:
            return self.link
        if self.post_type == "attachment" or self.status not in ("publish", "future"):
            return f"{SITE}/?p={self.post_id}"
        year, month, day = self.date[:4], self.date[5:7], self.date[8:10]
        return f"{SITE}/{year}/{month}/{day}/{self.slug}/"

    def xml(self):
        categories = "".join(
            f'\t\t<category domain="category" nicename="{slug}">{cdata(name)}</category>\n'
            for slug, name in self.categories
        ) + "".join(
            f'\t\t<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>\n'
            for slug, name in self.tags
        )
        meta = "".join(
            "\t\t<wp:postmeta>\n"
            f"\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
            f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n"
            "\t\t</wp:postmeta>\n"
            for key, value in self.meta.items()
        )
        attachment = (
            f"\t\t<wp:attachment_url>{cdata(self.attachment_url)}</wp:attachment_url>\n"
            if self.attachment_url
            else ""
        )
        return (
            "\t<item>\n"
            f"\t\t<title>{esc(self.title)}</title>\n"
            f"\t\t<link>{esc(self.permalink())}</link>\n"
            "\t\t<pubDate>Thu, 04 Jul 2024 14:53:00 +0000</pubDate>\n"
            f"\t\t<dc:creator>{cdata(self.creator)}</dc:creator>\n"
            f'\t\t<guid isPermaLink="false">{SITE}/?p={self.post_id}</guid>\n'
            "\t\t<description></description>\n"
            f"\t\t<content:encoded>{cdata(self.content)}</content:encoded>\n"
            f"\t\t<excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>\n"
            f"\t\t<wp:post_id>{self.post_id}</wp:post_id>\n"
            f"\t\t<wp:post_date>{cdata(self.date)}</wp:post_date>\n"
            f"\t\t<wp:post_date_gmt>{cdata(self.date_gmt)}</wp:post_date_gmt>\n"
            "\t\t<wp:comment_status>open</wp:comment_status>\n"
            f"\t\t<wp:post_name>{cdata(self.slug)}</wp:post_name>\n"
            f"\t\t<wp:status>{cdata(self.status)}</wp:status>\n"
            f"\t\t<wp:post_parent>{self.parent}</wp:post_parent>\n"
            "\t\t<wp:menu_order>0</wp:menu_order>\n"
            f"\t\t<wp:post_type>{cdata(self.post_type)}</wp:post_type>\n"
            f"\t\t<wp:post_password>{cdata(self.password)}</wp:post_password>\n"
            "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
            f"{attachment}{categories}{meta}"
            "\t</item>\n"
        )


@dataclass
class Export:
    version: str = "1.2"
    authors: list = field(default_factory=list)  # (login, display name, email)
    categories: list = field(default_factory=list)  # (slug, name, parent slug)
    tags: list = field(default_factory=list)  # (slug, name)
    items: list = field(default_factory=list)  # Post or raw XML strings

    def header(self):
        authors = "".join(
            f"\t<wp:author><wp:author_id>{n}</wp:author_id>"
            f"<wp:author_login>{cdata(login)}</wp:author_login>"
            f"<wp:author_email>{cdata(email)}</wp:author_email>"
            f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
            "<wp:author_first_name><![CDATA[]]></wp:author_first_name>"
            "<wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n"
            for n, (login, name, email) in enumerate(self.authors, 1)
        )
        categories = "".join(
            f"\t<wp:category><wp:term_id>{n}</wp:term_id>"
            f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            for n, (slug, name, parent) in enumerate(self.categories, 1)
        )
        tags = "".join(
            f"\t<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
            f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
            for n, (slug, name) in enumerate(self.tags, 100)
        )
        v = self.version
        return (
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export. -->\n"
            '<rss version="2.0"\n'
            f'\txmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            f'\txmlns:wp="http://wordpress.org/export/{v}/"\n>\n'
            "<channel>\n"
            "\t<title>Berita Lama</title>\n"
            f"\t<link>{SITE}</link>\n"
            "\t<description>Portal berita</description>\n"
            "\t<language>id-ID</language>\n"
            f"\t<wp:wxr_version>{v}</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
            f"{authors}{categories}{tags}"
        )

    def write(self, path):
        path = Path(path)
        with path.open("w", encoding="utf-8") as handle:
            handle.write(self.header())
            for item in self.items:
                handle.write(item if isinstance(item, str) else item.xml())
            handle.write("</channel>\n</rss>\n")
        return path


def attachment(post_id, relative, title="", caption="", alt="", parent=0, sizes=()):
    """An attachment item for uploads/<relative>, with WordPress's size metadata."""
    meta = {"_wp_attached_file": relative}
    if alt:
        meta["_wp_attachment_image_alt"] = alt
    if sizes:
        files = "".join(
            f's:{len(name)}:"{name}";a:1:{{s:4:"file";s:{len(f)}:"{f}";}}' for name, f in sizes
        )
        meta["_wp_attachment_metadata"] = (
            f'a:2:{{s:4:"file";s:{len(relative)}:"{relative}";s:5:"sizes";a:{len(sizes)}:{{'
            f"{files}}}}}"
        )
    slug = Path(relative).stem
    return Post(
        post_id=post_id,
        title=title or slug,
        slug=slug,
        excerpt=caption,
        status="inherit",
        post_type="attachment",
        parent=parent,
        meta=meta,
        link=f"{SITE}/?attachment_id={post_id}",
        attachment_url=f"{SITE}/wp-content/uploads/{relative}",
    )


def write_image(folder, relative, size=(64, 48), colour=(200, 30, 30)):
    """Put a small JPEG into an uploads folder."""
    path = Path(folder) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path
