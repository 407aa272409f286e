"""Placeholder files for the demo: title-page PDFs and abstract listing images.

Content gives a document's or image's ``file`` as a ``TitlePage`` or a ``Drawing``. Both are
drawn from what the content says alone (no clock, a random generator seeded with the key), so
loading the demo twice produces the same bytes.
"""

import datetime
import io
import math
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from fpdf import FPDF
from PIL import Image, ImageColor, ImageDraw

IMAGE_SIZE = (1200, 630)  # the size link previews ask for
MOTIFS = ("circles", "grid", "waves", "stripes", "triangles")

# Fixed so that regenerating a missing file gives the same hash as the original.
PDF_DATE = datetime.datetime(2018, 10, 3, tzinfo=datetime.UTC)
PLACEHOLDER_NOTE = (
    "This is a placeholder standing in for the original document on the demonstration site. "
    "It carries the title and the organisation only; the original content is not reproduced."
)

# The PDF core fonts only know Latin-1; typographic punctuation is swapped for its plain form.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text):
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class TitlePage:
    """A one-page PDF standing in for a real publication or slide deck: its title, its
    organisation, where it comes from and a note that it is a placeholder."""

    organisation: str
    context: str  # where it comes from: an event, a series, a year
    slides: bool = False  # landscape, like a slide deck

    def file(self, key, title):
        return ContentFile(_title_page_pdf(self, title), name=f"{key}.pdf")


@dataclass(frozen=True)
class Drawing:
    """A 1200×630 PNG of simple shapes of one motif, in the given colours, background first."""

    motif: str  # one of MOTIFS
    colours: tuple[str, ...]

    def file(self, key, title):
        return ContentFile(_abstract_png(self, seed=key), name=f"{key}.png")


def _title_page_pdf(page, title):
    pdf = FPDF(orientation="landscape" if page.slides else "portrait", format="A4")
    pdf.set_creation_date(PDF_DATE)
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(page.organisation))
    pdf.set_subject(_latin1(page.context))
    pdf.set_lang("en")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()

    pdf.set_fill_color(11, 61, 92)
    pdf.rect(0, 0, pdf.w, 14, style="F")
    pdf.set_y(40)
    pdf.set_text_color(11, 61, 92)
    pdf.set_font("helvetica", "B", 28)
    pdf.multi_cell(0, 13, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(40, 40, 40)
    pdf.set_font("helvetica", "", 18)
    pdf.multi_cell(0, 9, _latin1(page.organisation), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 14)
    pdf.multi_cell(0, 8, _latin1(page.context), new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(pdf.h - 50)
    pdf.set_draw_color(11, 61, 92)
    pdf.line(20, pdf.get_y() - 4, pdf.w - 20, pdf.get_y() - 4)
    pdf.set_font("helvetica", "I", 11)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(0, 6, _latin1(PLACEHOLDER_NOTE), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _abstract_png(drawing, *, seed):
    rng = random.Random(seed)
    colours = [ImageColor.getrgb(colour) for colour in drawing.colours]
    background, accents = colours[0], colours[1:] or [(255, 255, 255)]
    image = Image.new("RGB", IMAGE_SIZE, background)
    overlay = Image.new("RGBA", IMAGE_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    _DRAWERS[drawing.motif](draw, rng, accents)
    image.paste(overlay, (0, 0), overlay)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _circles(draw, rng, accents):
    width, height = IMAGE_SIZE
    for _ in range(14):
        radius = rng.randint(60, 260)
        x, y = rng.randint(-100, width + 100), rng.randint(-100, height + 100)
        colour = (*rng.choice(accents), rng.randint(90, 190))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _grid(draw, rng, accents):
    # Rows of small squares, like the pins of a chip.
    width, height = IMAGE_SIZE
    size, gap = 56, 18
    for top in range(gap, height, size + gap):
        for left in range(gap, width, size + gap):
            if rng.random() < 0.55:
                colour = (*rng.choice(accents), rng.randint(110, 230))
                box = (left, top, left + size, top + size)
                draw.rounded_rectangle(box, radius=10, fill=colour)


def _waves(draw, rng, accents):
    width, height = IMAGE_SIZE
    for band in range(6):
        base = height * (band + 1) / 7
        amplitude, phase = rng.randint(20, 70), rng.random() * math.tau
        length = rng.randint(300, 700)
        top = [
            (x, base + amplitude * math.sin(phase + math.tau * x / length))
            for x in range(0, width + 20, 20)
        ]
        polygon = top + [(width, height), (0, height)]
        draw.polygon(polygon, fill=(*accents[band % len(accents)], 70))


def _stripes(draw, rng, accents):
    width, height = IMAGE_SIZE
    left = -height
    while left < width:
        stripe = rng.randint(30, 110)
        colour = (*rng.choice(accents), rng.randint(80, 200))
        draw.polygon(
            [
                (left, height),
                (left + height, 0),
                (left + height + stripe, 0),
                (left + stripe, height),
            ],
            fill=colour,
        )
        left += stripe + rng.randint(20, 90)


def _triangles(draw, rng, accents):
    width, height = IMAGE_SIZE
    for _ in range(22):
        x, y = rng.randint(0, width), rng.randint(0, height)
        size = rng.randint(60, 220)
        points = [(x + size * math.cos(a), y + size * math.sin(a)) for a in _three_angles(rng)]
        draw.polygon(points, fill=(*rng.choice(accents), rng.randint(90, 200)))


def _three_angles(rng):
    start = rng.random() * math.tau
    return (start, start + math.tau / 3, start + 2 * math.tau / 3)


_DRAWERS = {
    "circles": _circles,
    "grid": _grid,
    "waves": _waves,
    "stripes": _stripes,
    "triangles": _triangles,
}
