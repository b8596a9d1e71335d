import factory

from core.factories import page_factory

from .models import ProgrammeIndexPage, ProgrammePage

ProgrammeIndexPageFactory = page_factory(ProgrammeIndexPage, title="Our work", intro="The programmes SEHER runs.")
ProgrammePageFactory = page_factory(
    ProgrammePage,
    title=factory.Sequence(lambda n: f"Programme {n}"),
    summary="What the programme does and for whom.",
)
