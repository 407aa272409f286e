"""Editors cannot publish an image without alternative text unless they mark it decorative.

Plain model and block tests, next to the browser checks whose promise (every image carries
alternative text) they make hold for content written later.
"""

import pytest
from django.core.exceptions import ValidationError

from home.blocks import BodyBlock
from tests.factories import NewsPageFactory, SiteImageFactory

pytestmark = pytest.mark.django_db


def body_with_image(image, *, alt_text="", decorative=False):
    block = BodyBlock()
    value = block.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
                    "caption": "",
                },
            }
        ]
    )
    return block, value


def test_body_image_without_alt_text_is_refused():
    block, value = body_with_image(SiteImageFactory())

    with pytest.raises(ValidationError) as caught:
        block.clean(value)

    assert "alt text" in str(caught.value.block_errors[0].block_errors["image"].block_errors)


def test_body_image_marked_decorative_needs_no_alt_text():
    block, value = body_with_image(SiteImageFactory(), decorative=True)

    block.clean(value)


def test_body_image_with_alt_text_is_accepted():
    block, value = body_with_image(
        SiteImageFactory(), alt_text="Procurers and suppliers round a table in Nijmegen"
    )

    block.clean(value)


def test_decorative_body_image_renders_with_empty_alt():
    block, value = body_with_image(SiteImageFactory(), decorative=True)

    html = block.render(block.clean(value))

    assert 'alt=""' in html


def test_listing_image_without_description_is_refused(site_tree):
    page = NewsPageFactory.build(listing_image=SiteImageFactory(description=""))

    with pytest.raises(ValidationError) as caught:
        page.clean()

    assert "listing_image" in caught.value.message_dict
