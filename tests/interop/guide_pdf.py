"""Typesets a guide's text as a PDF, in one or more columns, for the PDF-reading tests.

Lines wrap at the column width as a word processor wraps them; a blank line is a line of space;
a contents line ("Title<TAB>page") gets its page number set flush right, as contents pages do.
Usage: python guide_pdf.py GUIDE.txt OUT.pdf COLUMNS
"""

import sys

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MARGIN, SIZE, LEADING, GUTTER = 40, 7, 9, 20


def typeset(source: str, out: str, columns: int) -> None:
    pdfmetrics.registerFont(TTFont("DejaVu", FONT_FILE))
    width, height = A4
    column_width = (width - 2 * MARGIN - GUTTER * (columns - 1)) / columns
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("DejaVu", SIZE)
    column, y = 0, height - MARGIN

    def next_line() -> None:
        nonlocal column, y
        y -= LEADING
        if y < MARGIN:
            column, y = column + 1, height - MARGIN
            if column == columns:
                pdf.showPage()
                pdf.setFont("DejaVu", SIZE)
                column = 0

    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        title, tab, page = line.partition("\t")
        number = page if tab and page.strip().isdigit() else None
        text = title if number else line.replace("\t", " ")
        room = column_width - (4 * SIZE if number else 0)
        parts = simpleSplit(text, "DejaVu", SIZE, room) if text.strip() else [""]
        for i, part in enumerate(parts):
            left = MARGIN + column * (column_width + GUTTER)
            if part:
                pdf.drawString(left, y, part)
            if number and i == len(parts) - 1:
                pdf.drawRightString(left + column_width, y, number)
            next_line()
    pdf.save()


if __name__ == "__main__":
    typeset(sys.argv[1], sys.argv[2], int(sys.argv[3]))
