"""The public pages' addresses, under /public/."""

from django.urls import path

from vigil.publish import views

app_name = "public"

urlpatterns = [
    path("", views.acts, name="acts"),
    path("acts/<int:pk>/", views.act, name="act"),
]
