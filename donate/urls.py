from django.urls import path

from . import views

# The "gifts" namespace, under the language prefix: what donors see. Stripe's
# webhook (config/urls.py: /donate/webhook/, "stripe_webhook") has no prefix: the
# address is registered with Stripe, which does not follow redirects.
app_name = "gifts"
urlpatterns = [
    path("gift/<uuid:reference>/thank-you/", views.thank_you, name="thank_you"),
    path("gift/manage/", views.manage_gift, name="manage"),
    path("gift/manage/current/", views.manage_current, name="manage_current"),
    path("gift/manage/current/portal/", views.manage_portal, name="manage_portal"),
    path("gift/manage/<str:token>/", views.manage_gift_link, name="manage_link"),
    path("gift/bank-transfer/", views.bank_transfer, name="bank_transfer"),
    path("gift/stop-emails/<str:token>/", views.withdraw_updates, name="withdraw_updates"),
]
