"""The addresses of the login's second step and of one's own two-factor settings."""

from django.urls import path

from vigil.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/two-factor/", views.two_factor, name="two_factor"),
    path("account/two-factor/", views.enrol, name="enrol"),
]
