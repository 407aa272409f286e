"""Serving files that only some people may have, after a check has said this person may.

Such files live in the ``private`` storage (``PRIVATE_FILES_ROOT``), which no web server
location exposes. In production the web server still sends the bytes: the response names the
file under an internal location (``X-Accel-Redirect``, see the README's nginx block) that no
outside request can reach. Elsewhere Django streams it. Either way no shared cache keeps it.
"""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.utils import sendfile_streaming_backend


def private_storage():
    # A callable, so that the storage is looked up when used: tests point STORAGES elsewhere,
    # and migrations record the function rather than a path on one machine.
    return storages["private"]


def _handed_to_web_server(name, content_type):
    """A response that tells nginx to send ``name`` (relative to PRIVATE_FILES_ROOT), or None
    where no internal location is configured."""
    prefix = settings.PRIVATE_FILES_ACCEL_REDIRECT_PREFIX
    if not prefix:
        return None
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    return response


def serve_private_file(fieldfile, *, download_name=None, as_attachment=False):
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404("No such file.")
    name = download_name or fieldfile.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = _handed_to_web_server(fieldfile.name, content_type)
    if response is not None:
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    else:
        response = FileResponse(
            fieldfile.open("rb"),
            as_attachment=as_attachment,
            filename=name,
            content_type=content_type,
        )
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def sendfile(request, filename, mimetype=None, **kwargs):
    """How Wagtail's document view sends a file (``SENDFILE_BACKEND`` names this module).

    Wagtail has checked the collection's restrictions and the ``before_serve_document`` hooks
    by then; this only decides who carries the bytes. Every document is private to the person
    who asked: whether one is public can change (a restriction added to its collection, its
    only public page unpublished) while its address stays the same, and a shared cache would
    go on handing out the old answer.
    """
    name = Path(filename).relative_to(private_storage().location).as_posix()
    response = _handed_to_web_server(name, mimetype)
    if response is None:
        response = sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    patch_cache_control(response, private=True)
    return response
