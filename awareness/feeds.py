"""The RSS feed of an article index's latest articles."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from core.snippets import in_reader_language

from .models import FEED_LENGTH, Topic


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index):
        return f"{index.title} · SEHER"

    def link(self, index):
        return index.get_url(request=self.request)

    def description(self, index):
        return index.intro or index.search_description or index.title

    def items(self, index):
        topics = Prefetch("topics", Topic.objects.select_related("locale"))
        articles = list(index.articles().prefetch_related(topics)[:FEED_LENGTH])
        # Each topic in the reader's language, looked up once for the whole feed.
        topics = in_reader_language(topic for article in articles for topic in article.topics.all())
        self.topics = {topic.translation_key: topic for topic in topics}
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.combine(article.date, time(9, 0)))

    def item_categories(self, article):
        shown = (self.topics.get(topic.translation_key) for topic in article.topics.all())
        return [topic.name for topic in shown if topic is not None]
