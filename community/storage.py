"""Where members' files live: outside MEDIA_ROOT, reachable only through permission checks."""

from django.core.files.storage import storages


def private_storage():
    # A callable, so that the storage is looked up when used: tests point STORAGES elsewhere,
    # and migrations record the function rather than a path on one machine.
    return storages["private"]
