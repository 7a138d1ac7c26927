"""WordPress content into body blocks: classic HTML, shortcodes, blocks, sanitising."""

from warta.wordpress.content import ImageRef, convert

UPLOADS = "https://lama.example/wp-content/uploads/2024/07"


def kinds(result):
    return [kind for kind, _ in result.blocks]


def test_classic_text_becomes_paragraphs_with_line_breaks():
    result = convert("Jakarta - Baris satu.\nBaris dua.\n\nParagraf <strong>kedua</strong>.")
    assert result.blocks == [
        ("paragraph", "<p>Jakarta - Baris satu.<br>Baris dua.</p><p>Paragraf <b>kedua</b>.</p>")
    ]


def test_caption_shortcode_becomes_an_image_block_with_caption_and_alt():
    content = (
        'Pembuka.\n\n[caption id="attachment_12" align="alignnone" width="300"]'
        f'<a href="{UPLOADS}/foto.jpg"><img class="size-medium wp-image-12" '
        f'src="{UPLOADS}/foto-300x200.jpg" alt="Warga mengungsi" /></a> Warga mengungsi '
        "di Kampung Melayu[/caption]\n\nPenutup."
    )
    result = convert(content)
    assert kinds(result) == ["paragraph", "image", "paragraph"]
    assert result.blocks[1][1] == ImageRef(
        attachment_id=12,
        url=f"{UPLOADS}/foto-300x200.jpg",
        caption="Warga mengungsi di Kampung Melayu",
        alt="Warga mengungsi",
    )


def test_gallery_embed_and_video_shortcodes():
    content = (
        '[gallery ids="21, 22,23"]\n\n'
        "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n\n"
        "https://www.youtube.com/watch?v=9bZkp7q19f0\n\n"
        '[video width="640" mp4="https://www.youtube.com/watch?v=aaaaaaaaaaa"][/video]\n\n'
        f'[video mp4="{UPLOADS}/rekaman.mp4"][/video]'
    )
    result = convert(content, old_hosts={"lama.example"})
    assert [ref.attachment_id for kind, ref in result.blocks if kind == "image"] == [21, 22, 23]
    assert [url for kind, url in result.blocks if kind == "embed"] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=9bZkp7q19f0",
        "https://www.youtube.com/watch?v=aaaaaaaaaaa",
    ]
    # A self-hosted video has no embed provider: it stays reachable as a link.
    assert result.blocks[-1] == (
        "paragraph",
        '<p><a href="/wp-content/uploads/2024/07/rekaman.mp4">Tonton videonya</a></p>',
    )


def test_unknown_shortcodes_are_reported_and_kept_as_text():
    result = convert('Isi [contact-form-7 id="5" title="Kontak"] dan [adsense] [1] [Baca juga: X]')
    assert result.unknown_shortcodes == {"contact-form-7", "adsense"}
    [(kind, html)] = result.blocks
    assert '[contact-form-7 id="5" title="Kontak"]' in html
    assert "[adsense]" in html and "[1]" in html and "[Baca juga: X]" in html


def test_block_editor_content_is_understood():
    content = """<!-- wp:paragraph -->
<p>Halo <em>dunia</em></p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":4} -->
<h4>Sub judul</h4>
<!-- /wp:heading -->

<!-- wp:image {"id":44,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://lama.example/wp-content/uploads/b.jpg"
 alt="Alt B" class="wp-image-44"/><figcaption>Keterangan B</figcaption></figure>
<!-- /wp:image -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Kita harus bersatu.</p><cite>Presiden</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:list -->
<ul><li>satu</li><li>dua</li></ul>
<!-- /wp:list -->

<!-- wp:embed {"url":"https://twitter.com/jack/status/20","type":"rich"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://twitter.com/jack/status/20
</div></figure>
<!-- /wp:embed -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery"><!-- wp:image {"id":45} -->
<figure class="wp-block-image"><img src="x.jpg" class="wp-image-45"/><figcaption>Satu</figcaption>
</figure><!-- /wp:image --><!-- wp:image {"id":46} -->
<figure class="wp-block-image"><img src="y.jpg" class="wp-image-46"/></figure>
<!-- /wp:image --><figcaption>Galeri banjir</figcaption></figure>
<!-- /wp:gallery -->

<!-- wp:jetpack/slideshow -->
<div>Isi slideshow</div>
<!-- /wp:jetpack/slideshow -->"""
    result = convert(content)
    assert kinds(result) == [
        "paragraph",
        "image",
        "quote",
        "paragraph",
        "embed",
        "image",
        "image",
        "paragraph",
    ]
    assert result.blocks[0] == ("paragraph", "<p>Halo <i>dunia</i></p><h3>Sub judul</h3>")
    image = result.blocks[1][1]
    assert (image.attachment_id, image.caption, image.alt) == (44, "Keterangan B", "Alt B")
    assert result.blocks[2][1] == {"text": "Kita harus bersatu.", "attribution": "Presiden"}
    assert result.blocks[3] == ("paragraph", "<ul><li>satu</li><li>dua</li></ul>")
    assert result.blocks[4] == ("embed", "https://twitter.com/jack/status/20")
    gallery = [result.blocks[5][1], result.blocks[6][1]]
    assert [(g.attachment_id, g.caption) for g in gallery] == [(45, "Satu"), (46, "")]
    assert "wp:jetpack/slideshow" in " ".join(result.warnings)
    assert result.blocks[7] == ("paragraph", "<p>Isi slideshow</p>")


def test_html_is_sanitised_to_what_the_body_allows():
    content = (
        '<p onclick="steal()">Klik <a href="javascript:alert(1)">ini</a> atau '
        '<a href="data:text/html,x">itu</a> <span style="color:red">merah</span></p>'
        "<script>alert(1)</script><style>p{}</style>"
        '<form action="/x"><input name="q"></form>'
        '<iframe src="https://evil.example/"></iframe>'
        '<p><a href="https://lama.example/2020/01/02/lama/?utm=x">lama</a> '
        '<a href="https://kompas.example/berita">luar</a></p>'
    )
    result = convert(content, old_hosts={"lama.example"})
    html = "".join(value for kind, value in result.blocks if kind == "paragraph")
    for forbidden in ("onclick", "javascript:", "data:", "<script", "alert", "style", "<form"):
        assert forbidden not in html
    assert "<iframe" not in html and "evil.example" not in html
    assert '<a href="/2020/01/02/lama/?utm=x">lama</a>' in html  # old links go via redirects
    assert '<a href="https://kompas.example/berita">luar</a>' in html
    assert any("Iframe" in warning for warning in result.warnings)


def test_youtube_iframe_and_tweet_blockquote_become_embeds():
    content = (
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>\n\n'
        '<blockquote class="twitter-tweet"><p>Halo</p>&mdash; Jack '
        '<a href="https://twitter.com/jack/status/20?ref_src=twsrc">March 21, 2006</a>'
        "</blockquote>"
    )
    result = convert(content)
    assert result.blocks == [
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("embed", "https://twitter.com/jack/status/20"),
    ]


def test_empty_and_whitespace_content_gives_an_empty_body():
    assert convert("").blocks == []
    assert convert("  \n\n <p>&nbsp;</p>").blocks == []
