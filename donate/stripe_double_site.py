"""The double instance `make run` uses (one per process; its state is in memory)."""

from django.conf import settings

from .stripe_double import StripeDouble

double = StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
