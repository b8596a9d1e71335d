import factory
import wagtail_factories

from .models import ProgramPage


class ProgramPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = "What the programme does and for whom."

    class Meta:
        model = ProgramPage
