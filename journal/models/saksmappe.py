"""Case (Noark 5 saksmappe) with its parties, and the yearly number counters."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from saksarkiv.access import AccessPolicy, Grant, RestrictedQuerySet
from saksarkiv.models import Arkivobjekt, Skjermbar, aapen_tittel

from .codes import Kodenavn, Saksstatus


class Saksmappe(Skjermbar, Arkivobjekt):
    saksaar = models.PositiveSmallIntegerField(_("saksår"))
    sakssekvensnummer = models.PositiveIntegerField(_("sekvensnummer"))
    saksstatus = models.CharField(
        _("saksstatus"), max_length=1, choices=Saksstatus.choices, default=Saksstatus.RESERVERT
    )
    saksansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ansvarlige_saker",
        verbose_name=_("saksansvarlig"),
    )
    administrativ_enhet = models.ForeignKey(
        "saksarkiv.AdministrativEnhet",
        on_delete=models.PROTECT,
        related_name="saker",
        verbose_name=_("administrativ enhet"),
    )
    arkivdel = models.CharField(_("arkivdel"), max_length=40, default="SAK")
    ordningsprinsipp = models.CharField(
        _("ordningsprinsipp"), max_length=40, blank=True, help_text=_("F.eks. K-kode, GBNR.")
    )
    ordningsverdi = models.CharField(
        _("ordningsverdi"), max_length=100, blank=True, help_text=_("F.eks. 233 eller 12/34.")
    )
    obs_dato = models.DateField(_("OBS-dato"), null=True, blank=True)
    obs_merknad = models.CharField(_("merknad til OBS-dato"), max_length=300, blank=True)
    skjerm_parter = models.BooleanField(_("skjerm navn på parter"), default=False)
    onskes_avsluttet = models.BooleanField(_("ønskes avsluttet"), default=False)
    presedens = models.BooleanField(_("presedens"), default=False)
    relaterte_saker = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("relaterte saker (jf. sak)")
    )
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opprettet av"),
    )
    avsluttet_dato = models.DateField(_("avsluttet dato"), null=True, blank=True)
    avsluttet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avsluttet av"),
    )

    saksstatus_navn = Kodenavn("saksstatus", Saksstatus.choices)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("saksmappe")
        verbose_name_plural = _("saksmapper")
        ordering = ["-saksaar", "-sakssekvensnummer"]
        permissions = [("les_saksmappe", "Kan lese skjermet innhold i saken")]
        constraints = [
            models.UniqueConstraint(
                fields=["saksaar", "sakssekvensnummer"], name="saksmappe_unikt_saksnummer"
            ),
            aapen_tittel("saksmappe_aapen_tittel"),
        ]
        indexes = [
            # Worklists: my open cases, cases with an OBS date.
            models.Index(
                fields=["saksansvarlig", "saksstatus"],
                name="sak_ansvarlig_aapen",
                condition=Q(saksstatus__in=["R", "B"]),
            ),
            models.Index(
                fields=["obs_dato"], name="sak_obs_dato", condition=Q(obs_dato__isnull=False)
            ),
            # Archive's control lists: reserved cases and cases marked «ønskes avsluttet».
            models.Index(
                fields=["saksaar", "sakssekvensnummer"],
                name="sak_reservert",
                condition=Q(saksstatus="R"),
            ),
            models.Index(
                fields=["saksaar", "sakssekvensnummer"],
                name="sak_onskes_avsluttet",
                condition=Q(onskes_avsluttet=True),
            ),
        ]

    def __str__(self):
        return f"Sak {self.saksnummer}"

    @property
    def saksnummer(self) -> str:
        return f"{self.saksaar}/{self.sakssekvensnummer}"


class SaksmappeUserObjectPermission(UserObjectPermissionBase):
    """Explicit grants on a case (django-guardian, direct foreign key)."""

    content_object = models.ForeignKey(Saksmappe, on_delete=models.CASCADE)


class SaksmappeGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Saksmappe, on_delete=models.CASCADE)


def case_grant(target: str) -> Grant:
    """A grant on the case, seen from a model `target` steps below it ("pk" for the case)."""
    return Grant(
        SaksmappeUserObjectPermission, SaksmappeGroupObjectPermission, "les_saksmappe", target
    )


Saksmappe.access_policy = AccessPolicy(
    code="tilgangskode",
    unit="administrativ_enhet",
    grants=(case_grant("pk"),),
    # The responsible caseworker always reads their own case.
    extra=(lambda user: Q(saksansvarlig=user),),
)


class Sakspart(Arkivobjekt):
    """A party to the case (Noark 5 sakspart)."""

    saksmappe = models.ForeignKey(
        Saksmappe, on_delete=models.CASCADE, related_name="parter", verbose_name=_("sak")
    )
    navn = models.CharField(_("navn"), max_length=200)
    rolle = models.CharField(_("rolle"), max_length=60, blank=True, help_text=_("F.eks. søker."))
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=10, blank=True)
    poststed = models.CharField(_("poststed"), max_length=60, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)

    class Meta:
        verbose_name = _("sakspart")
        verbose_name_plural = _("saksparter")
        ordering = ["id"]

    def __str__(self):
        # The name can be screened (skjerm_parter): never put it in str().
        return f"Part i {self.saksmappe}"
