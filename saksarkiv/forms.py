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


# --- A service's refusal beside the field it concerns ------------------------------------------

# A rule refused the change (the input itself was fine): 409; bad input: 400.
KONFLIKT = 409
UGYLDIG = 400


def vis_feil(form, error) -> int:
    """Put a service's refusal (a DomainError) beside the field it concerns, or on top, and
    return the HTTP status to answer with: the error's own, else 400 for a field and 409
    for the rest."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    for line in error.details:
        form.add_error(None, line)
    return error.status or (UGYLDIG if field else KONFLIKT)
