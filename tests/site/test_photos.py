"""An article's photos fill the text column on a phone and a desktop, sharp and without a jump."""

import pytest

from tests.news.factories import make_article, make_image, make_site, paragraphs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENS = ((1280, 800), (360, 740))
MEASURE = """async () => {
  const photos = [...document.querySelectorAll('.article__figure img')];
  return Promise.all(photos.map(async (img) => {
    const file = new Image();  // the file itself, whatever srcset and sizes say of its density
    file.src = img.currentSrc;
    await file.decode();
    const box = img.getBoundingClientRect();
    return {
      featured: img.classList.contains('article__image'),
      width: box.width,
      height: box.height,
      column: img.closest('.article__body, .article').clientWidth,
      pixels: file.naturalWidth,
      attributes: [img.getAttribute('width'), img.getAttribute('height')],
    };
  }));
}"""
# The layout shifts seen so far, as Lighthouse adds them up (CLS).
LAYOUT_SHIFT = """() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: 'layout-shift', buffered: true});
  return observer.takeRecords().reduce((sum, shift) => sum + shift.value, 0);
}"""


@pytest.fixture
def article():
    _home, sections = make_site()
    return make_article(
        sections["Umum"],
        title="Banjir rob di pesisir utara",
        featured_image=make_image("Foto utama", width=1600, height=900),
        body=[
            paragraphs("Paragraf pertama."),
            ("image", {"image": make_image("Foto isi", 1600, 1067), "caption": "Foto isi"}),
            paragraphs(*[f"Paragraf {n}." for n in range(2, 30)]),
        ],
    )


def test_photos_fill_the_text_column_with_enough_pixels(chromium, live_server, article):
    for width, height in SCREENS:
        context = chromium.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=1
        )
        page = context.new_page()
        page.goto(live_server.url + article.url)
        page.locator(".article__figure--inline img").scroll_into_view_if_needed()
        page.wait_for_function(
            "[...document.querySelectorAll('.article__figure img')]"
            ".every((img) => img.complete && img.naturalWidth > 0)"
        )
        photos = page.evaluate(MEASURE)
        shift = page.evaluate(LAYOUT_SHIFT)
        context.close()

        assert sorted(photo["featured"] for photo in photos) == [False, True]
        for photo in photos:
            screen = f"{width}x{height}: {photo}"
            assert abs(photo["width"] - photo["column"]) <= 2, screen
            assert photo["pixels"] >= photo["width"], screen
            assert all(photo["attributes"]), screen
            attribute_ratio = int(photo["attributes"][1]) / int(photo["attributes"][0])
            assert abs(photo["height"] - photo["width"] * attribute_ratio) <= 2, screen
        assert shift == 0, f"{width}x{height}: the page jumped as it loaded"
