"""Passwords are hashed with Argon2; stored PBKDF2 hashes still log in and are rehashed with
Argon2 at that login (issue 15, item 11). The suite itself hashes with MD5 for speed
(tests/settings.py), so these tests put the production list back."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse

from saksarkiv import settings as production
from saksarkiv.models import Bruker
from tests.factories import BrukerFactory

pytestmark = pytest.mark.django_db
PASSORD = "et-langt-passord-2026"
PRODUKSJON = override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)


def test_argon2_is_first_and_the_old_hashers_still_verify():
    names = [path.rsplit(".", 1)[1] for path in production.PASSWORD_HASHERS]
    assert names[0] == "Argon2PasswordHasher"
    assert {"PBKDF2PasswordHasher", "PBKDF2SHA1PasswordHasher"} <= set(names)
    with PRODUKSJON:
        assert identify_hasher(make_password(PASSORD)).algorithm == "argon2"


@PRODUKSJON
def test_a_pbkdf2_user_logs_in_and_then_has_an_argon2_hash(client, personas):
    # A hash as Django wrote them before Argon2 (few iterations, so the test is quick: the
    # upgrade is by algorithm, whatever the iterations).
    gammel = PBKDF2PasswordHasher().encode(PASSORD, "saltsaltsalt", iterations=1000)
    bruker = BrukerFactory(username="gammel.hash")
    Bruker.objects.filter(pk=bruker.pk).update(password=gammel)

    response = client.post(reverse("login"), {"username": "gammel.hash", "password": PASSORD})

    assert response.status_code == 302 and response["Location"] == reverse("arbeidsbord")
    bruker.refresh_from_db()
    assert bruker.password != gammel
    assert identify_hasher(bruker.password).algorithm == "argon2"
    assert bruker.check_password(PASSORD)
    # And the next login verifies the Argon2 hash.
    client.logout()
    response = client.post(reverse("login"), {"username": "gammel.hash", "password": PASSORD})
    assert response.status_code == 302


@PRODUKSJON
def test_a_wrong_password_does_not_touch_the_stored_hash(client, personas):
    gammel = PBKDF2PasswordHasher().encode(PASSORD, "saltsaltsalt", iterations=1000)
    bruker = BrukerFactory(username="gammel.hash")
    Bruker.objects.filter(pk=bruker.pk).update(password=gammel)
    response = client.post(reverse("login"), {"username": "gammel.hash", "password": "feil"})
    assert response.status_code == 200 and "Feil brukernavn eller passord" in response.text
    bruker.refresh_from_db()
    assert bruker.password == gammel
