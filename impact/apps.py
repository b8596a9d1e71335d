from django.apps import AppConfig


class ImpactConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "impact"

    def ready(self):
        # Models and their signal handlers load once the app registry is ready.
        from django.db.models.signals import post_delete, post_save

        from .headlines import forget
        from .models import Publication

        # Headline figures change only when something is published.
        for model in (Publication,):
            post_save.connect(forget, sender=model, dispatch_uid=f"impact-forget-save-{model.__name__}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"impact-forget-delete-{model.__name__}")
