"""Media on a full disk: the write fails whole and the editor is told why, in their language."""

import contextlib
import errno
import logging
import os

from django.contrib import messages
from django.core.files.storage import FileSystemStorage
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class MediaStorage(FileSystemStorage):
    """Django's file storage, minus the partial file a failed write leaves behind."""

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.exists(full_path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            if not existed:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(full_path)
            raise


def disk_full(exception):
    while exception is not None:
        if isinstance(exception, OSError) and exception.errno in DISK_FULL:
            return True
        exception = exception.__cause__ or exception.__context__
    return False


class DiskFullMiddleware:
    """Turn an admin upload that hit a full disk into a message instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not disk_full(exception):
            return None
        logger.error("Media disk full while saving an upload to %s: %s", request.path, exception)
        message = _(
            "The file was not saved: the server's disk is full. Nothing was stored; "
            "ask your technical administrator to free space, then try again."
        )
        if request.FILES.get("files[]") is not None:  # the admin's multiple upload, by AJAX
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())
