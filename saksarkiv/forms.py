from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Feil brukernavn eller passord. Sjekk at du har skrevet riktig "
            "(store og små bokstaver har betydning)."
        ),
        "inactive": "Denne brukeren er deaktivert. Kontakt systemansvarlig.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Brukernavn"
        self.fields["password"].label = "Passord"
        # Autofocus would skip the "Hopp til hovedinnhold" link for keyboard users.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_username(self):
        """An overlong name is refused here, before authenticate() and django-axes see it
        (AuthenticationForm sets max_length after the field's validators are made)."""
        username = self.cleaned_data["username"]
        limit = self.fields["username"].max_length
        if limit and len(username) > limit:
            raise ValidationError(f"Brukernavnet kan ha høyst {limit} tegn.")
        return username


class ResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-postadresse"
        self.fields["email"].help_text = "Adressen som er registrert på brukeren din."
