"""Demo images drawn with Pillow, so the demo needs no downloads or binary files."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

PALETTE = ["#0b5394", "#1b6b34", "#6b3fa0", "#8a4b08", "#2f5d62"]


def initials_portrait(name: str, size: int = 400) -> ImageFile:
    """A square PNG with the person's initials on a colour chosen from their name."""
    digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    image = Image.new("RGB", (size, size), PALETTE[digest % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text(
        (size / 2, size / 2), initials, fill="white", anchor="mm", font_size=size // 3
    )
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    slug = "-".join(name.lower().split())
    return ImageFile(BytesIO(buffer.getvalue()), name=f"demo-{slug}.png")
