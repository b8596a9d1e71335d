from django.urls import path

from . import views

# /donate/...: Stripe's webhook and, in development, the offline Stripe double. No language prefix.
urlpatterns = [
    path("webhook/", views.webhook, name="webhook"),
]

# Under the language prefix: what donors see.
public_urlpatterns = [
    path("gift/<uuid:reference>/thank-you/", views.thank_you, name="thank_you"),
    path("gift/manage/", views.manage_gift, name="manage"),
    path("gift/manage/current/", views.manage_current, name="manage_current"),
    path("gift/manage/current/portal/", views.manage_portal, name="manage_portal"),
    path("gift/manage/<str:token>/", views.manage_gift_link, name="manage_link"),
    path("gift/bank-transfer/", views.bank_transfer, name="bank_transfer"),
    path("gift/stop-emails/<str:token>/", views.withdraw_updates, name="withdraw_updates"),
]
