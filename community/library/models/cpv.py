from django.db import models

CODE_LENGTH = 8
# The hierarchy is in the digits: two for a division, three a group, four a class, more a
# category; trailing zeros mark the level.
LEVELS = {2: "division", 3: "group", 4: "class"}


def significant_digits(code):
    """``"30213100"`` → ``"302131"``; a division keeps its two digits (``"30"``)."""
    stripped = code.rstrip("0")
    return stripped.ljust(2, "0") if len(stripped) < 2 else stripped


def normalise_code(value):
    """A code as people write it (``30213100-6``, ``30213100``, `` 30 213 100``) as the
    vocabulary stores it, or None when it cannot be one."""
    # Notices add a check digit after a hyphen; some exports write the code as a number.
    digits = "".join(str(value or "").split()).split("-", 1)[0].split(".", 1)[0]
    if len(digits) != CODE_LENGTH or not digits.isdigit():
        return None
    return digits


class CpvCodeQuerySet(models.QuerySet):
    def search(self, text, limit=20):
        """Codes whose label holds every word of ``text``, or whose code starts with it."""
        # Read straight from a query string: PostgreSQL refuses NUL characters in a query.
        text = (text or "").replace("\x00", "").strip()[:100]
        if not text:
            return self.none()
        digits = text.replace("-", "").replace(" ", "")
        if digits.isdigit():
            return self.filter(code__startswith=digits[:8]).order_by("code")[:limit]
        codes = self
        for word in text.split()[:8]:
            codes = codes.filter(label__icontains=word)
        return codes.order_by("code")[:limit]

    def below(self, code):
        """The code and every code under it in the hierarchy."""
        return self.filter(code__startswith=significant_digits(code))


class CpvCode(models.Model):
    """One code of the Common Procurement Vocabulary (CPV 2008), loaded from the regulation's
    list; never edited on the site."""

    code = models.CharField(max_length=CODE_LENGTH, primary_key=True)
    label = models.CharField(max_length=400)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    objects = CpvCodeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "CPV code"

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def level(self):
        return LEVELS.get(len(significant_digits(self.code)), "category")

    @property
    def ancestors(self):
        """From the division down to the parent, read with one query."""
        codes = [parent_code(self.code, length) for length in range(2, self.depth)]
        found = {c.code: c for c in CpvCode.objects.filter(code__in=codes)}
        return [found[code] for code in codes if code in found]

    @property
    def depth(self):
        return len(significant_digits(self.code))

    @property
    def path(self):
        """``30000000 Office and computing machinery… › 30200000 Computer equipment… › …``"""
        return " › ".join(str(code) for code in [*self.ancestors, self])


def parent_code(code, length):
    return code[:length].ljust(CODE_LENGTH, "0")
