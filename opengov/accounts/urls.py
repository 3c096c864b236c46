from django.urls import path

from opengov.accounts import notification_views, privacy_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetRequestView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "notifications/",
        notification_views.NotificationSettingsView.as_view(),
        name="notifications",
    ),
    path("your-data/", privacy_views.YourDataView.as_view(), name="your-data"),
    path(
        "your-data/download/",
        privacy_views.YourDataDownloadView.as_view(),
        name="your-data-download",
    ),
    path("your-data/delete/", privacy_views.DeleteAccountView.as_view(), name="delete-account"),
    path("deleted/", privacy_views.AccountDeletedView.as_view(), name="account-deleted"),
]
