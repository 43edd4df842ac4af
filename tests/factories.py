import factory
from factory.django import DjangoModelFactory

from saksarkiv.models import AdministrativEnhet, Bruker, Klarering, Rolle


class EnhetFactory(DjangoModelFactory):
    """Units are tree nodes: pass `parent` for a child, none for a root."""

    class Meta:
        model = AdministrativEnhet

    kode = factory.Sequence(lambda n: f"E{n:03d}")
    navn = factory.Sequence(lambda n: f"Enhet {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        node = model_class.objects.add_child(parent, kwargs)
        parent.refresh_from_db()
        return node


class BrukerFactory(DjangoModelFactory):
    class Meta:
        model = Bruker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.no")
    password = factory.django.Password("riktig-passord-123")


class RolleFactory(DjangoModelFactory):
    class Meta:
        model = Rolle

    person = factory.SubFactory(BrukerFactory)
    rolle = "SB"


class KlareringFactory(DjangoModelFactory):
    class Meta:
        model = Klarering

    person = factory.SubFactory(BrukerFactory)
