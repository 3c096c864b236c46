"""The reasoned-response report as a PDF: a title, the answer rate, and a table of every idea with
its outcome, reason and the commitment it became.

Text is set in DejaVu Sans, which the front-end build installs into static/vendor/dejavu/ (npm
dejavu-fonts-ttf; Bitstream Vera licence with DejaVu's public-domain changes, its LICENSE copied
alongside), so any language's text prints the same on every installation; the PDF's built-in
fonts cover Latin-1 only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from opengov.core.templatetags.govuk import govuk_date

from .models import CallForIdeas
from .reports import AnswerRate

# Installed by the front-end build (frontend/build.mjs, from the npm package dejavu-fonts-ttf).
FONTS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "dejavu"
FAMILY = "DejaVuSans"
COLUMN_WIDTHS = (10, 52, 28, 24, 83, 40)  # millimetres, on a landscape A4 page less margins


def _pdf() -> FPDF:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(settings.OPENGOV_SITE_NAME)
    return pdf


def report_pdf(call: CallForIdeas, rate: AnswerRate, rows: list[dict[str, Any]]) -> bytes:
    pdf = _pdf()
    # Dated the day it is printed on, as its text says (fpdf2 would stamp the second): the same
    # data on the same day gives the same file.
    today = timezone.localdate()
    pdf.set_creation_date(
        timezone.make_aware(dt.datetime.combine(today, dt.time.min)).astimezone(dt.UTC)
    )
    pdf.set_title(_("Reasoned responses: %(call)s") % {"call": call.title})
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(
        0,
        8,
        new_x="LMARGIN",
        new_y="NEXT",
        text=_("Reasoned responses: %(call)s") % {"call": call.title},
    )
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(
        0,
        6,
        new_x="LMARGIN",
        new_y="NEXT",
        text=_(
            "%(site)s. For %(plan)s. Open %(opens)s to %(closes)s. Printed on %(today)s.\n"
            "%(answered)d of %(ideas)d ideas answered (%(percent)d%%); %(overdue)d waiting past "
            "the %(days)d days allowed. %(refused)d not published at moderation%(reasons)s."
        )
        % {
            "site": settings.OPENGOV_SITE_NAME,
            "plan": call.plan.title,
            "opens": govuk_date(call.opens_on),
            "closes": govuk_date(call.closes_on),
            "today": govuk_date(timezone.localdate()),
            "answered": rate.answered,
            "ideas": rate.ideas,
            "percent": rate.percent,
            "overdue": rate.overdue,
            "days": call.answer_within_days,
            "refused": rate.refused,
            "reasons": "".join(
                f"{'; ' if i else ' ('}{label}: {count}"
                for i, (_key, label, count) in enumerate(rate.refused_reasons)
            )
            + (")" if rate.refused_reasons else ""),
        },
    )
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 8)
    headings = (_("No."), _("Idea"), _("Outcome"), _("Answered"), _("Reason"), _("Commitment"))
    with pdf.table(
        col_widths=COLUMN_WIDTHS,
        headings_style=FontFace(emphasis="BOLD"),
        line_height=4.5,
        text_align="LEFT",
        repeat_headings=1,
    ) as table:
        table.row(headings)
        for row in rows:
            answered = govuk_date(row["answered_on"]) if row["answered_on"] else ""
            outcome = row["decision"] or row["status"]
            if row["merged_into_id"]:
                outcome = f"{outcome} (#{row['merged_into_id']})"
            table.row(
                (
                    str(row["idea_id"]),
                    row["title"],
                    outcome,
                    answered,
                    row["reason"] or _("Not answered yet"),
                    row["commitment"],
                )
            )
    if not rows:
        pdf.multi_cell(0, 6, text=_("No idea has been published in this call yet."))
    return bytes(pdf.output())
