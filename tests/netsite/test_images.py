"""Responsive images: AVIF and WebP with a JPEG fallback, sizes set, loaded lazily."""

import re

import pytest
import wagtail_factories
from PIL import features

from netsite.blocks import ImageBlock
from tests import factories

pytestmark = pytest.mark.django_db


def test_pillow_here_can_write_avif_and_webp():
    assert features.check("avif")
    assert features.check("webp")


def render_block(image, **value):
    block = ImageBlock()
    return block.render(block.to_python({"image": image.pk, **value}))


def test_body_images_are_a_picture_with_avif_webp_and_jpeg():
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    html = render_block(image, alt_text="The clinic's waiting room")
    assert "<picture>" in html
    sources = re.findall(r'<source[^>]*type="([^"]+)"', html)
    assert sources == ["image/avif", "image/webp"]
    img = re.search(r"<img [^>]*>", html).group(0)
    assert '.jpg"' in img or ".jpg " in img  # the fallback every browser shows
    assert 'width="1200"' in img
    assert 'height="675"' in img
    assert 'loading="lazy"' in img
    assert 'alt="The clinic&#x27;s waiting room"' in img
    assert "400w" in html
    assert "800w" in html
    assert "1200w" in html
    assert 'sizes="(max-width: 50rem) 100vw, 50rem"' in html


def test_a_decorative_image_has_empty_alt_text():
    image = wagtail_factories.ImageFactory()
    html = render_block(image, decorative=True)
    assert 'alt=""' in html


def test_team_photos_are_small_responsive_pictures(client, program_index):
    program = factories.ProgramPageFactory(parent=program_index)
    person = factories.PersonFactory(
        photo=wagtail_factories.ImageFactory(file__width=400, file__height=400)
    )
    factories.ProgramTeamMemberFactory(page=program, person=person)
    html = client.get(program.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in picture
    assert 'type="image/webp"' in picture
    assert 'sizes="80px"' in picture
    assert "160w" in picture
    assert re.search(r'<img [^>]*width="160"[^>]*height="160"', picture) or re.search(
        r'<img [^>]*height="160"[^>]*width="160"', picture
    )
    assert 'loading="lazy"' in picture


def test_an_image_needs_alt_text_unless_marked_decorative():
    from wagtail.blocks.struct_block import StructBlockValidationError

    image = wagtail_factories.ImageFactory()
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"image": image.pk, "alt_text": "   "}))
    assert "alt_text" in refused.value.block_errors
    assert "decorative" in str(refused.value.block_errors["alt_text"])
    # Either way out of the rule is accepted.
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "A nurse"}))
    assert block.clean(block.to_python({"image": image.pk, "decorative": True}))
