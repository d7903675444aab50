"""URL routes: the administration, and the front page that leads to it until the workspace lands."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Vigil"
admin.site.site_title = "Vigil"
admin.site.index_title = "Records"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
