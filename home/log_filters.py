import logging


class WithoutTraceback(logging.Filter):
    """Keep a record's message and drop its traceback.

    For ``django.security.DisallowedHost``: every request for a host name the site does not
    serve (scanners send plenty) would otherwise write Django's traceback, fourteen lines that
    say nothing the message does not.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
