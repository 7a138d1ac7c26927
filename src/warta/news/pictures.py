"""Remember what an image's renditions give (HTML, URLs, sizes) per version of the image.

Finding a picture's renditions builds a filter per format and size and looks each one up:
most of the cost of a card. The key holds everything the result depends on (the image's file,
size and focal point), so an edited or replaced image is looked up afresh at once; the time
limit makes renditions deleted on disk (`wagtail_update_image_renditions --purge`) be asked
for again soon.
"""

import time

MEMORY_SECONDS = 600
MEMORY_SIZE = 5000

_memory = {}


def image_version(image):
    return (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )


def remembered(image, what, compute):
    """Return compute() for this version of `image` and `what` (filters, attributes...)."""
    key = (image_version(image), what)
    now = time.monotonic()
    found = _memory.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = compute()
    if len(_memory) >= MEMORY_SIZE:
        _memory.clear()
    _memory[key] = (now + MEMORY_SECONDS, value)
    return value
