"""Read the text of documents that have a PDF/A but no stored text, for «Søk også i
dokumentinnhold» (issue 20, item 2). New documents get their text when they are uploaded
as PDF/A or converted; this fills it for documents from before. Safe to run again."""

from django.core.management.base import BaseCommand

from journal.services import dokumenttekst


class Command(BaseCommand):
    help = "Leser teksten i dokumentenes PDF/A for søk i dokumentinnhold (der den mangler)."

    def handle(self, *args, **options):
        antall = dokumenttekst.fyll_manglende(self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Leste teksten i {antall} dokumenter."))
