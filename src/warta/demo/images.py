"""Demo pictures drawn locally with Pillow: nothing is downloaded."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from PIL import Image, ImageDraw, ImageFont


def draw_picture(title, width=1600, height=900):
    """Draw a JPEG whose colours come from the title, with the title written on it."""
    digest = hashlib.sha256(title.encode()).digest()
    top, bottom = digest[:3], digest[3:6]
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a * (1 - mix) + b * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for i in range(6):
        x, y, r = digest[6 + i] * width // 255, digest[12 + i] * height // 255, 40 + digest[18 + i]
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=6)
    font = ImageFont.load_default(size=height // 14)
    draw.multiline_text((width // 20, height * 3 // 4), _wrap(title, 40), font=font, fill="white")
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return buffer


def _wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def demo_image(title, slug):
    """Return the demo image for a title, drawing it the first time."""
    Image_ = get_image_model()
    existing = Image_.objects.filter(title=title).first()
    if existing:
        return existing
    return Image_.objects.create(
        title=title, file=ImageFile(draw_picture(title), name=f"{slug[:60]}.jpg")
    )
