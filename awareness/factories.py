import datetime

import factory
from wagtail.models import Locale

from core.factories import page_factory

from .models import ArticleIndexPage, ArticlePage, Topic

ArticleIndexPageFactory = page_factory(ArticleIndexPage, title="Awareness", intro="Guidance, news and stories.")
ArticlePageFactory = page_factory(
    ArticlePage,
    title=factory.Sequence(lambda n: f"Article {n}"),
    summary="What the article is about.",
    date=factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300)),
)


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic
        django_get_or_create = ("slug", "locale")
