"""Serving members' files, after a view has checked that the user may have them.

The members area and Wagtail's documents send private files the same way, so the code lives
in home/private_files.py (``home`` imports nothing from here).
"""

from home.private_files import serve_private_file

__all__ = ["serve_private_file"]
