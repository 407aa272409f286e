"""Post Wagtail's page editor forms from tests as a browser would.

Wagtail draws StreamFields with JavaScript, so their inputs are absent from the editor's HTML
and ``querydict_from_html`` alone yields a form the server rejects. These helpers add the
StreamField inputs from the page's current value.
"""

from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def block_form_data(block, value, prefix):
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            data.update(
                {
                    f"{prefix}-{index}-type": child.block_type,
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-id": child.id or "",
                }
            )
            data.update(block_form_data(child.block, child.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        children = value.bound_blocks
        data = {f"{prefix}-count": str(len(children))}
        for index, child in enumerate(children):
            data.update(
                {
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-id": child.id or "",
                }
            )
            data.update(block_form_data(child.block, child.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_form_data(child_block, value.get(name), f"{prefix}-{name}"))
        return data
    state = block.get_form_state(value)
    if isinstance(state, dict):  # choosers describe the chosen object; the form posts its id
        state = state.get("id")
    return {prefix: "" if state is None else str(state)}


def stream_form_data(page):
    data = {}
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(block_form_data(field.stream_block, getattr(page, field.name), field.name))
    return data


def editor_form_data(response, page):
    """The data of the editor form in ``response``, as posted back with no change."""
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    for key, value in stream_form_data(page).items():
        data[key] = value
    return data


def publish_from_editor(client, page, **changes):
    """Open ``page`` in the editor, change the named fields, press Publish; the response."""
    data = editor_form_data(client.get(edit_url(page)), page)
    for name, value in changes.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
