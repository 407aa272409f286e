"""The text of uploaded files, kept for search.

A model whose ``file`` search should read into (Wagtail documents, tender document versions,
post attachments) takes ``ExtractedTextMixin``. When one is saved with a file whose text has
not been read, a task reads it once the upload is committed (search/extraction.py, in a
separate process with time and memory limits) and saves the text with ``update_fields``, so
that the search index, which follows saves, takes it in. The upload never waits for the text
in production (the task worker reads it) and never fails because of it: a file that cannot be
read is logged and keeps an empty text.
"""

import logging
import os
import shutil
import tempfile
from contextlib import contextmanager

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_save
from django_tasks import task

from search.extraction import extract_text

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["extracted_text", "text_extracted_from"]


class ExtractedTextMixin(models.Model):
    """For a model with a ``file`` field whose text search should find."""

    # Written only by read_text() below, after each new file (and by `manage.py
    # extract_document_text`); never by a form.
    extracted_text = models.TextField(blank=True, editable=False)
    # The stored file the text was read from, empty before the first reading: a file replaced
    # since, or never read, has another name.
    text_extracted_from = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def text_is_current(self):
        return bool(self.file.name) and self.file.name == self.text_extracted_from


def models_with_text():
    return [model for model in apps.get_models() if issubclass(model, ExtractedTextMixin)]


def connect():
    for model in models_with_text():
        post_save.connect(
            file_saved, sender=model, dispatch_uid=f"document_text.{model._meta.label_lower}"
        )


def file_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.file.name or instance.text_is_current:
        return  # Loading fixtures, no file, or the save of the text itself.
    label, pk = instance._meta.label, instance.pk
    # After the commit, so that the task finds the saved row and file; robust, so that a queue
    # that is down loses the text (until the next `extract_document_text`), not the upload.
    transaction.on_commit(lambda: read_document_text.enqueue(label, pk), robust=True)


@task()
def read_document_text(model_label, pk):
    instance = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if instance is None:
        return None  # Deleted before its turn came.
    return read_text(instance) is not None


def read_text(instance):
    """Read the text of ``instance``'s file now and save it. Returns the text saved ("" for a
    file without text or that cannot be read), or None when the file was replaced or the
    object deleted meanwhile (the save that did so queued its own reading)."""
    name = instance.file.name
    text = None
    if name:
        with _local_path(instance.file) as path:
            text = extract_text(path, filename=os.path.basename(name))
    with transaction.atomic():
        stored = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("file", flat=True)
            .first()
        )
        if stored != name:
            return None
        instance.extracted_text = text or ""
        instance.text_extracted_from = name
        instance.save(update_fields=TEXT_FIELDS)
    return instance.extracted_text


@contextmanager
def _local_path(field_file):
    """A path to the file on this machine: where it is stored, or a temporary copy from a
    storage without paths (an object store)."""
    try:
        path = field_file.storage.path(field_file.name)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    suffix = os.path.splitext(field_file.name)[1]
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        try:
            with field_file.storage.open(field_file.name, "rb") as stored:
                shutil.copyfileobj(stored, copy)
            copy.flush()
        except OSError as error:
            logger.warning("Could not copy %r to read its text: %s", field_file.name, error)
        yield copy.name
