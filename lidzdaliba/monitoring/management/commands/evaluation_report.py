"""Write an evaluation report as PDF, DOCX or HTML: a stored report by id, or a new one for a
period (and institutions, and published surveys whose results it adds), created in the
coordinator's name so it is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lidzdaliba.accounts.models import User
from lidzdaliba.institutions.models import Institution
from lidzdaliba.monitoring import services
from lidzdaliba.monitoring.models import EvaluationReport
from lidzdaliba.monitoring.report import report_html, report_pdf
from lidzdaliba.monitoring.report_docx import report_docx
from lidzdaliba.surveys.selectors import survey_list_public


class Command(BaseCommand):
    help = "Write an evaluation report (PDF, DOCX or HTML by the output's suffix)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("output", help="file to write: .pdf, .docx or .html")
        parser.add_argument("--report", type=int, help="id of a stored report")
        parser.add_argument("--from", dest="start", type=date.fromisoformat)
        parser.add_argument("--to", dest="end", type=date.fromisoformat)
        parser.add_argument("--institution", action="append", default=[], help="slug; repeat")
        parser.add_argument(
            "--survey", action="append", default=[], type=int, help="published survey id; repeat"
        )
        parser.add_argument("--title", default="")
        parser.add_argument("--coordinator", help="e-mail of the coordinator (new reports)")

    def handle(self, *args, **options) -> None:
        if options["report"]:
            report = EvaluationReport.objects.filter(pk=options["report"]).first()
            if report is None:
                raise CommandError("No such report.")
        else:
            if not (options["start"] and options["end"] and options["coordinator"]):
                raise CommandError("Give --report, or --from, --to and --coordinator.")
            actor = User.objects.filter(email=options["coordinator"], is_coordinator=True).first()
            if actor is None:
                raise CommandError("No coordinator with that e-mail.")
            institutions = list(Institution.objects.filter(slug__in=options["institution"]))
            if len(institutions) != len(set(options["institution"])):
                raise CommandError("Unknown institution slug.")
            surveys = list(survey_list_public().filter(pk__in=options["survey"]))
            if len(surveys) != len(set(options["survey"])):
                raise CommandError("Unknown or unpublished survey id.")
            report = services.evaluation_report_create(
                actor=actor,
                title=options["title"] or f"{options['start']} – {options['end']}",
                period_start=options["start"],
                period_end=options["end"],
                institutions=institutions,
                surveys=surveys,
            )
        output = Path(options["output"])
        if output.suffix == ".html":
            output.write_text(report_html(report), encoding="utf-8")
        elif output.suffix == ".docx":
            output.write_bytes(report_docx(report))
        else:
            output.write_bytes(report_pdf(report))
        self.stdout.write(f"{output} (report {report.pk})")
