import factory
import wagtail_factories

from .models import ProgrammeIndexPage, ProgrammePage


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our work"
    intro = "The programmes SEHER runs."

    class Meta:
        model = ProgrammeIndexPage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = "What the programme does and for whom."

    class Meta:
        model = ProgrammePage
