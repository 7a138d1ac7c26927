"""Mail that is off: development sends no workflow e-mail and says so once, not per action."""

import logging
import threading

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)
_told = threading.Event()


class MailOffBackend(BaseEmailBackend):
    """Drop every message; the first time, log one warning that names the fix."""

    def send_messages(self, email_messages):
        if email_messages and not _told.is_set():
            _told.set()
            logger.warning(
                "Mail is off: %d workflow e-mail(s) not sent. Set WARTA_EMAIL_HOST (and "
                "WARTA_EMAIL_USER, WARTA_EMAIL_PASSWORD) to send them.",
                len(email_messages),
            )
        return 0
