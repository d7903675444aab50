"""The workspace's addresses: it is Vigil's front page once logged in."""

from django.contrib.auth import views as auth_views
from django.urls import path

from vigil.accounts.views import login_view
from vigil.workspace.views import audit, browse, merges, records, review, search, sensitive

app_name = "workspace"

urlpatterns = [
    path("", review.inbox, name="inbox"),
    path("login/", login_view, name="login"),  # with the lockout and the second factor (vigil.accounts)
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("intake/", review.intake, name="intake"),
    path("review/<int:pk>/", review.review, name="review"),
    path("search/", search.search, name="search"),
    path("acts/", browse.acts, name="acts"),
    path("acts/<int:pk>/", records.act, name="act"),
    path("events/", browse.events, name="events"),
    path("events/<int:pk>/", records.event, name="event"),
    path("people/", browse.people, name="people"),
    path("people/<int:pk>/", records.person, name="person"),
    path("people/<int:pk>/consent/", records.person_consent, name="person_consent"),
    path("organisations/", browse.organisations, name="organisations"),
    path("organisations/<int:pk>/", records.organisation, name="organisation"),
    path("sources/", browse.sources, name="sources"),
    path("sources/<int:pk>/", records.source, name="source"),
    path("sources/<int:pk>/original/", records.original, name="original"),
    path("merge/<str:kind>/<int:pk>/", merges.merge, name="merge"),
    path("merges/<int:pk>/undo/", merges.undo, name="merge_undo"),
    path("audit/", audit.audit_trail, name="audit"),
    path("<str:kind>/<int:pk>/sensitive/", sensitive.edit, name="sensitive"),
]
