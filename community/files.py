"""Serving members' files, after a view has checked that the user may have them.

In production the web server sends the bytes: the response names the file under an internal
location (``X-Accel-Redirect``, see the README's nginx block) that no outside request can reach.
Elsewhere Django streams it. Either way the answer is private to the user who asked.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


def serve_private_file(fieldfile, *, download_name=None, as_attachment=False):
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404("No such file.")
    name = download_name or fieldfile.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    prefix = settings.PRIVATE_FILES_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
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
