"""Reading WordPress exports: versions, streaming, broken items and hostile XML."""

from io import BytesIO

import pytest

from tests.wordpress.builder import Export, Post
from warta.wordpress.wxr import Malformed, WXRError, WXRReader


def read(data, chunk_size=1 << 20):
    reader = WXRReader(BytesIO(data), chunk_size=chunk_size)
    entries = list(reader)
    return reader, entries


def export_bytes(export, tmp_path):
    return export.write(tmp_path / "export.xml").read_bytes()


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_reads_channel_terms_authors_and_items_of_both_versions(tmp_path, version):
    export = Export(
        version=version,
        authors=[("budi", "Budi Santoso", "budi@lama.example")],
        categories=[("olahraga", "Olahraga", ""), ("sepak-bola", "Sepak Bola", "olahraga")],
        tags=[("banjir", "Banjir")],
        items=[
            Post(
                7,
                "Banjir &amp; longsor",
                "banjir-longsor",
                content="<p>Isi</p>",
                excerpt="Ringkas",
                categories=[("sepak-bola", "Sepak Bola")],
                tags=[("banjir", "Banjir")],
                meta={"sumber": "Antara"},
            )
        ],
    )
    reader, entries = read(export_bytes(export, tmp_path))
    channel = reader.channel
    assert channel.wxr_version == version
    assert channel.base_site_url == "https://lama.example"
    assert [(a.login, a.display_name, a.email) for a in channel.authors] == [
        ("budi", "Budi Santoso", "budi@lama.example")
    ]
    assert [(c.slug, c.parent) for c in channel.categories] == [
        ("olahraga", ""),
        ("sepak-bola", "olahraga"),
    ]
    [item] = entries
    assert (item.post_id, item.post_type, item.status) == (7, "post", "publish")
    assert item.title == "Banjir &amp; longsor"  # as WordPress stored it; the importer unescapes
    assert item.link == "https://lama.example/2024/07/04/banjir-longsor/"
    assert item.date.isoformat() == "2024-07-04T14:53:00+00:00"
    assert item.local_date.isoformat() == "2024-07-04T21:53:00"
    assert item.excerpt == "Ringkas"
    assert item.categories == [("sepak-bola", "Sepak Bola")]
    assert item.tags == [("banjir", "Banjir")]
    assert item.meta == {"sumber": "Antara"}


def test_tiny_chunks_read_the_same_items_as_one_big_read(tmp_path):
    """Item boundaries, CDATA and comments that straddle chunk edges change nothing."""
    tricky = "<p>A post quoting XML: </item><item> and ]] and <!-- not a comment --></p>"
    export = Export(items=[Post(n, f"Judul {n}", f"judul-{n}", content=tricky) for n in (1, 2, 3)])
    data = export_bytes(export, tmp_path)
    _, whole = read(data)
    _, chunked = read(data, chunk_size=7)
    assert [(i.post_id, i.content, i.position) for i in chunked] == [
        (i.post_id, i.content, i.position) for i in whole
    ]
    assert [i.content for i in whole] == [tricky] * 3


def test_a_broken_item_is_reported_with_its_position_and_the_rest_is_read(tmp_path):
    export = Export(
        items=[
            Post(1, "Satu", "satu"),
            "\t<item>\n\t\t<title>Dua & < tiga</title>\n\t</item>\n",
            Post(3, "Tiga", "tiga"),
            Post(0, "Tanpa ID", "tanpa-id").xml().replace("<wp:post_id>0<", "<wp:post_id>x<"),
            Post(5, "Lima", "lima", date_gmt="kemarin sore"),
            Post(6, "Enam", "enam"),
        ]
    )
    data = export_bytes(export, tmp_path)
    _, entries = read(data)
    good = [e.post_id for e in entries if not isinstance(e, Malformed)]
    bad = [e for e in entries if isinstance(e, Malformed)]
    assert good == [1, 3, 6]
    assert [b.position.number for b in bad] == [2, 4, 5]
    broken_line = data.decode().splitlines().index("\t\t<title>Dua & < tiga</title>") + 1
    assert "not valid XML" in bad[0].reason
    assert bad[0].position.line == broken_line - 1  # the <item> line
    assert f"line {broken_line}" in bad[0].reason
    assert "post_id" in bad[1].reason
    assert "kemarin sore" in bad[2].reason


def test_an_item_left_open_costs_only_itself(tmp_path):
    export = Export(items=[Post(1, "Satu", "satu"), Post(2, "Dua", "dua"), Post(3, "Tiga", "tiga")])
    data = export_bytes(export, tmp_path).replace(b"</item>", b"", 1)
    _, entries = read(data)
    assert [type(e).__name__ for e in entries] == ["Malformed", "Item", "Item"]
    assert "no </item>" in entries[0].reason


def test_a_truncated_file_keeps_the_items_before_the_cut(tmp_path):
    export = Export(items=[Post(1, "Satu", "satu"), Post(2, "Dua", "dua")])
    data = export_bytes(export, tmp_path)
    _, entries = read(data[: data.rindex(b"<wp:post_type>")])
    assert entries[0].post_id == 1
    assert isinstance(entries[1], Malformed) and "ends inside" in entries[1].reason


def test_entity_expansion_and_external_entities_are_refused(tmp_path):
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        b"<wp:wxr_version>1.2</wp:wxr_version>"
        b"<item><title>&c;&xxe;</title></item></channel></rss>"
    )
    with pytest.raises(WXRError, match="DOCTYPE"):
        read(bomb)


def test_entities_inside_an_item_are_never_expanded(tmp_path):
    export = Export(items=[Post(1, "Satu", "satu")])
    data = export_bytes(export, tmp_path).replace(b"<title>Satu", b"<title>&xxe;Satu")
    _, entries = read(data)
    assert isinstance(entries[0], Malformed)  # an undeclared entity, not a file's contents


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<html><body>Not a feed</body></html>", "no <rss>"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "wp:",
        ),
    ],
)
def test_files_that_are_not_exports_get_a_clear_error(data, message):
    with pytest.raises(WXRError, match=message):
        read(data)
