"""URL routes: the documenters' workspace at the root, the administration for operators, the language switch."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("public/", include("vigil.publish.urls")),
    path("", include("vigil.accounts.urls")),
    path("", include("vigil.workspace.urls")),
]
