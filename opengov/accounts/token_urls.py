"""URLs of the API tokens page, mounted at accounts/tokens/."""

from django.urls import path

from .token_views import ApiTokenListView, ApiTokenRevokeView

app_name = "tokens"
urlpatterns = [
    path("", ApiTokenListView.as_view(), name="token-list"),
    path("<int:pk>/revoke/", ApiTokenRevokeView.as_view(), name="token-revoke"),
]
