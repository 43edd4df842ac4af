"""Log in and out and password reset, in Norwegian, on Django's own views."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from ..forms import LoginForm, ResetForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/glemt_passord.html"
    email_template_name = "registration/glemt_passord_epost.txt"
    subject_template_name = "registration/glemt_passord_emne.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/glemt_passord_sendt.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gyldig_timer"] = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
        return context


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/nytt_passord.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/nytt_passord_ferdig.html"
