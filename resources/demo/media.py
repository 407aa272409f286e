"""Images, documents and topics of the demo: found by title (or name) and updated in place."""

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def ensure(factory, key, fields, *, find_by="title"):
    """The object of ``factory``'s model whose ``find_by`` field matches ``fields``, holding
    the rest of ``fields``: made by the factory when new, updated when a field differs or its
    placeholder file has gone. A ``file`` in ``fields`` is a placeholder (``files.TitlePage``,
    ``files.Drawing``) drawn only when needed. Returns (object, outcome)."""
    fields = dict(fields)
    placeholder = fields.pop("file", None)
    instance = (
        factory._meta.model.objects.filter(**{find_by: fields[find_by]}).order_by("pk").first()
    )
    if instance is None:
        if placeholder is not None:
            fields["file"] = placeholder.file(key, fields["title"])
        return factory(**fields), CREATED

    changed = {name: value for name, value in fields.items() if getattr(instance, name) != value}
    file_gone = placeholder is not None and _file_missing(instance.file)
    if not changed and not file_gone:
        return instance, UNCHANGED
    for name, value in changed.items():
        setattr(instance, name, value)
    if file_gone:
        if hasattr(instance, "renditions"):
            instance.renditions.all().delete()  # they were cut from the file that has gone
        instance.file = placeholder.file(key, fields["title"])
    instance.save()
    return instance, UPDATED


def _file_missing(field_file):
    # A database kept while the media folder was wiped: the row is fine, the file is not.
    return not field_file.name or not field_file.storage.exists(field_file.name)
