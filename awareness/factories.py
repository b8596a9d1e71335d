import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from .models import ArticleIndexPage, ArticlePage, Topic


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Awareness"
    intro = "Guidance, news and stories."

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "What the article is about."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300))

    class Meta:
        model = ArticlePage


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Topic
        django_get_or_create = ("slug", "locale")
