"""Blocks shared by every page type's StreamField body."""

import copy

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import blocks as image_blocks

# Short rich text fields on page models (intros, overviews): no headings.
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class ImageChooserBlock(image_blocks.ImageChooserBlock):
    """Wagtail's image chooser that also loads the images' renditions in one query.

    A body with many images then renders in a fixed number of queries, even when the
    renditions are not in the cache. Migrations record it as Wagtail's own block (it
    stores exactly the same data), so swapping it in needs no migration.
    """

    canonical_module_path = "wagtail.images.blocks.ImageChooserBlock"

    def bulk_to_python(self, values):
        values = list(values)
        images = self.model_class.objects.prefetch_renditions().in_bulk(
            [pk for pk in values if pk is not None]
        )
        result, seen = [], set()
        for pk in values:
            image = images.get(pk)
            if image is not None and pk in seen:
                image = copy.copy(image)  # each block value gets its own instance
            result.append(image)
            seen.add(pk)
        return result


class ImageBlock(blocks.StructBlock):
    """An image with required alt text, unless the editor marks it decorative on purpose."""

    image = ImageChooserBlock(help_text="Choose or upload an image.")
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it. "
        "Required unless the image is decorative.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing a reader would miss; "
        "screen readers will skip it.",
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Optional caption shown under the image.",
    )

    def clean(self, value):
        result = super().clean(value)
        if not result.get("decorative") and not (result.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Write alt text, or tick “decorative” if the image adds no information."
                    )
                }
            )
        return result

    class Meta:
        icon = "image"
        template = "netsite/blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note, e.g. "Call us if your child has a fever"."""

    heading = blocks.CharBlock(
        max_length=120, help_text="A short heading for the note."
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"],
        help_text="What the reader should know or do.",
    )

    class Meta:
        icon = "warning"
        template = "netsite/blocks/callout_block.html"


class SectionBlock(blocks.StructBlock):
    """A titled section of text; its heading appears in the page's contents list."""

    heading = blocks.CharBlock(
        max_length=120, help_text="Section heading, phrased as families would ask it."
    )
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="The section's text."
    )

    class Meta:
        icon = "doc-full"
        template = "netsite/blocks/section_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The blocks an editor can use in a page body."""

    section = SectionBlock()
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="netsite/blocks/text_block.html",
    )
    callout = CalloutBlock()
    image = ImageBlock()
