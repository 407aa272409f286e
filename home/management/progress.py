"""One line redrawn in place for long work: ``[###########...................] 1204/9870 rows``."""

from django.template.defaultfilters import filesizeformat

WIDTH = 30


class ProgressBar:
    """Called as ``progress(label, done, total, unit="")``; ``unit="bytes"`` shows sizes.

    It redraws only when the bar or the label changes, so a million rows write a hundred lines
    at most, and ends the line when ``done`` reaches ``total``.
    """

    def __init__(self, stream):
        self.stream = stream
        self.shown = None

    def __call__(self, label, done, total, unit=""):
        done = min(done, total)
        filled = WIDTH * done // total if total else WIDTH
        percent = 100 * done // total if total else 100
        finished = done >= total
        state = (label, percent, finished)
        if state == self.shown:
            return
        if self.shown and self.shown[0] == label and self.shown[2]:
            return  # This label's line is already finished.
        self.shown = state
        if unit == "bytes":
            amount = f"{filesizeformat(done)} of {filesizeformat(total)}"
        else:
            amount = f"{done}/{total}"
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {amount} {label}",
            ending="\n" if finished else "",
        )
