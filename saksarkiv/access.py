"""The access chokepoint (STYLE.md §3).

Every restricted model declares an `AccessPolicy` and uses `RestrictedQuerySet`. Views,
exports, PDFs and e-mails then ask only three things:

- `Model.objects.visible_to(user)` – the rows the user may know of, each annotated with
  `innsyn` (may the user read its restricted content?);
- `Model.objects.readable_by(user)` – only the rows whose content the user may read
  (downloads, exports of content, the audit log);
- `screened(user, obj, field)` / `title_for(user, obj)` – the one way to display a field
  that screening can hide.

Content access is decided in SQL, as subqueries, never per row in Python:

1. no access code → everyone logged in;
2. clearance (`Klarering`) for the code, valid today, for every unit or for a unit whose
   subtree contains the object's unit;
3. a temporary code (XX): archive staff and the leader chain of the object's unit
   (leaders and deputies of the unit or of any unit above it, and the chief executive);
4. an explicit django-guardian grant (direct foreign-key tables) on the object or on its
   container (case → posts → documents), to the user or a group of theirs;
5. extra rules a model adds (e.g. committee members for meeting documents).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from . import models as m

SKJERMET = "*****"
SKJERMET_TEKST = "Skjermet"


@dataclass(frozen=True)
class Grant:
    """An explicit object permission held in guardian's direct foreign-key tables.

    `target` is the path from the restricted model to the object the grant is on:
    "pk" for the row itself, "saksmappe" for its case, "journalpost__saksmappe" further up.
    """

    user_model: type[models.Model]
    group_model: type[models.Model] | None
    codename: str
    target: str = "pk"


@dataclass(frozen=True)
class AccessPolicy:
    code: str = "tilgangskode"
    unit: str = "enhet"
    grants: tuple[Grant, ...] = ()
    # Callables (user) -> Q | Exists adding further ways to read the content.
    extra: tuple[Callable, ...] = field(default=())


def _roles(user) -> list[tuple[str, int, str]]:
    """The user's valid roles as (rolle, enhet_id, enhet path), cached on the user object
    so that a request asks the database once."""
    cached = getattr(user, "_saksarkiv_roller", None)
    if cached is None:
        cached = list(
            m.Rolle.objects.gyldige()
            .filter(person=user)
            .values_list("rolle", "enhet_id", "enhet__path")
        )
        user._saksarkiv_roller = cached
    return cached


def role_codes(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {rolle for rolle, _enhet, _path in _roles(user)}


def has_role(user, *roller: str) -> bool:
    return bool(role_codes(user) & set(roller))


def is_archive(user) -> bool:
    return has_role(user, m.Rolletype.ARKIV)


def is_leader(user) -> bool:
    return has_role(user, *m.LEDERROLLER)


def led_unit_ids(user) -> set[int]:
    """Units the user leads or deputises for (not their subtrees)."""
    if not user.is_authenticated:
        return set()
    return {enhet for rolle, enhet, _path in _roles(user) if rolle in m.LEDERROLLER}


def leads_unit(user, enhet) -> bool:
    """Does the user lead (or deputise for) `enhet` or a unit above it, or head the whole
    organisation as chief executive? The Python twin of leader_chain_exists()."""
    if not user.is_authenticated or enhet is None:
        return False
    return any(
        rolle in m.LEDERLINJE and enhet.path.startswith(path)
        for rolle, _enhet, path in _roles(user)
    )


def lederomfang(user, felt: str = "") -> Q | None:
    """The units `user` leads or deputises for, every unit below them included, as a
    condition on a unit (`felt`: the lookup from the queried model to the unit, e.g.
    "enhet__"), or None when they lead nothing. The one definition of a leader's scope: the
    unit worklists, the restanse report and the stored reports read it."""
    paths = {path for _id, path in role_units(user, *m.LEDERLINJE)}
    if not paths:
        return None
    q = Q()
    for path in paths:
        if not any(path != p and path.startswith(p) for p in paths):  # not below another
            q |= Q(**{f"{felt}path__startswith": path})
    return q


def rapportomfang(user, felt: str = "") -> Q | None:
    """The units whose reports `user` may see: all for archive staff and the chief executive,
    the leader's scope for leaders (lederomfang), None for everyone else."""
    if is_archive(user) or has_role(user, m.Rolletype.RADMANN):
        return Q()
    return lederomfang(user, felt)


def role_units(user, *roller: str) -> list[tuple[int, str]]:
    """(enhet_id, path) of the units where the user holds one of `roller`."""
    if not user.is_authenticated:
        return []
    return [(enhet, path) for rolle, enhet, path in _roles(user) if rolle in roller]


def _unit_path_ref(policy: AccessPolicy) -> OuterRef:
    return OuterRef(f"{policy.unit}__path")


def clearance_exists(user, policy: AccessPolicy) -> Exists:
    """Valid clearance for the row's code, everywhere or in a unit above the row's unit."""
    inside_unit = StartsWith(_unit_path_ref(policy), F("enhet__path"))
    return Exists(
        m.Klarering.objects.gyldige()
        .filter(person=user, tilgangskode=OuterRef(policy.code))
        .filter(Q(enhet__isnull=True) | Q(inside_unit))
    )


def leader_chain_exists(user, policy: AccessPolicy) -> Exists:
    """The user leads (or deputises for) the row's unit or a unit above it; the chief
    executive heads the whole chain."""
    return Exists(
        m.Rolle.objects.gyldige()
        .filter(person=user, rolle__in=m.LEDERLINJE)
        .filter(StartsWith(_unit_path_ref(policy), F("enhet__path")))
    )


def grant_exists(user, grant: Grant) -> Q:
    target = OuterRef(grant.target)
    q = Q(
        Exists(
            grant.user_model.objects.filter(
                user=user, permission__codename=grant.codename, content_object=target
            )
        )
    )
    if grant.group_model is not None:
        q |= Q(
            Exists(
                grant.group_model.objects.filter(
                    group__user=user, permission__codename=grant.codename, content_object=target
                )
            )
        )
    return q


def content_access(user, policy: AccessPolicy) -> Q:
    """The condition under which `user` may read a row's restricted content."""
    unrestricted = Q(**{f"{policy.code}__isnull": True})
    if not user.is_authenticated:
        return unrestricted
    temporary = Q(
        **{f"{policy.code}__in": m.Tilgangskode.objects.filter(midlertidig=True).values("kode")}
    )
    q = unrestricted | Q(clearance_exists(user, policy))
    if is_archive(user):
        q |= temporary
    elif has_role(user, *m.LEDERLINJE):
        q |= temporary & Q(leader_chain_exists(user, policy))
    for grant in policy.grants:
        q |= grant_exists(user, grant)
    for rule in policy.extra:
        q |= Q(rule(user))
    return q


class RestrictedQuerySet(models.QuerySet):
    """Base queryset for every model that an access code can restrict."""

    def _policy(self) -> AccessPolicy:
        return self.model.access_policy

    def with_innsyn(self, user):
        """Annotate each row with `innsyn`: may `user` read its restricted content?"""
        condition = content_access(user, self._policy())
        # CASE rather than the bare condition: SQL's three-valued logic would give NULL
        # (e.g. `saksbehandler_id = 5` on a post with no caseworker), and a NULL `innsyn`
        # would make can_read() ask the database again for that row.
        return self.annotate(
            innsyn=models.Case(
                models.When(condition, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def known_to(self, user):
        """Rows `user` may know of, without the `innsyn` annotation (for counts): logged-in
        users know every row (screened where they lack access); the public only the
        unrestricted ones (public pages add their own rules)."""
        if user.is_authenticated:
            return self.all()
        return self.filter(content_access(user, self._policy()))

    def visible_to(self, user):
        """Rows `user` may know of (`known_to`), each annotated with `innsyn`."""
        qs = self.with_innsyn(user)
        if not user.is_authenticated:
            qs = qs.filter(innsyn=True)
        return qs

    def readable_by(self, user):
        """Only rows whose restricted content `user` may read."""
        return self.filter(content_access(user, self._policy()))


def can_read(user, obj) -> bool:
    """May `user` read `obj`'s restricted content? Uses the `innsyn` annotation when the
    object came from visible_to(), so lists never query per row."""
    annotated = getattr(obj, "innsyn", None)
    if annotated is not None:
        return bool(annotated)
    policy = type(obj).access_policy
    if getattr(obj, f"{policy.code}_id", None) is None and "__" not in policy.code:
        return True
    return type(obj)._default_manager.filter(pk=obj.pk).readable_by(user).exists()


def screened(user, obj, field_name: str, public_field: str | None = None):
    """A screenable field as `user` may see it: the value itself with access, otherwise the
    public variant (`public_field`, e.g. offentlig_tittel) or the screening marker."""
    if can_read(user, obj):
        return getattr(obj, field_name)
    if public_field:
        public = getattr(obj, public_field, "")
        if public:
            return public
    return SKJERMET


def title_for(user, obj) -> str:
    """The title (tittel) a user may see; uncleared users get the offentlig tittel, in
    which screened words are already replaced by *****."""
    return screened(user, obj, "tittel", "offentlig_tittel")
