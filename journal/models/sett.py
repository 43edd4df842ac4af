"""«Sett av meg»: when a user first opened a journal post addressed to them. «Innboks» lists
what is new to me (journal.arbeidslister.innboks): the posts given or addressed to me that I
have not opened yet. A reading marker, not a change to the post: it is not audited."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JournalpostSett(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    journalpost = models.ForeignKey(
        "journal.Journalpost",
        on_delete=models.CASCADE,
        related_name="sett_av",
        verbose_name=_("journalpost"),
    )
    tidspunkt = models.DateTimeField(_("først åpnet"), default=timezone.now)

    class Meta:
        verbose_name = _("sett journalpost")
        verbose_name_plural = _("sette journalposter")
        constraints = [
            # Also the index «Innboks» reads: the posts one person has opened.
            models.UniqueConstraint(fields=["person", "journalpost"], name="jp_sett_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.journalpost_id}"
