"""Awareness: what readers should know. ArticleIndexPage ("Awareness") holds articles:
prevention guidance, signs of trafficking, news, and stories, filed under topics and
offered as an RSS feed. A story about a child cannot be published until its
safeguarding checks are done (consent recorded, name changed, no identifying image).
"""

import hashlib
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import seo
from core.models import BasePage, image_field, public, with_renditions_of, with_untranslated
from core.snippets import PublicSnippet, in_main_language, in_reader_language

from .blocks import ArticleBodyBlock

ARTICLES_PER_PAGE = 10
FEED_LENGTH = 20


@register_snippet
class Topic(PublicSnippet):
    """A subject articles are filed under, e.g. 'Signs of trafficking'. Readers filter the listing by it.

    Translated like pages (one row per language, same slug); changes go through moderation.
    """

    name = models.CharField(max_length=80, help_text="The topic as readers see it, e.g. 'For parents'.")
    slug = models.SlugField(max_length=80, help_text="Used in the listing's address; do not change.")
    description = models.CharField(max_length=240, blank=True, help_text="One sentence, shown above the listing.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [TranslatableField("name"), TranslatableField("description"), SynchronizedField("slug")]
    preview_include = "components/topic_preview.html"

    class Meta(PublicSnippet.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_language"),
            models.UniqueConstraint(fields=["name", "locale"], name="unique_topic_name_per_language"),
        ]

    def __str__(self):
        return self.name


class ArticleIndexPage(RoutablePageMixin, BasePage):
    """'Awareness': articles, newest first, ten to a page, filterable by topic, with an RSS feed."""

    intro = models.TextField(blank=True, help_text="A short paragraph above the list of articles.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["awareness.ArticlePage"]
    max_count_per_parent = 1

    def articles(self):
        """This index's articles, and in another language, the articles not translated into it yet.

        An Urdu reader then sees every article: those with no Urdu version link to the English one.
        """
        return (
            public(with_untranslated(ArticlePage, self).live())
            .select_related("hero_image", "locale")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")
        )

    def get_cached_paths(self):
        return ["/", "/feed/"]  # the listing (any topic or page number: same path) and the RSS feed

    @path("")
    def listing(self, request):
        articles = self.articles()
        # Articles may carry a topic's English row or its translation: list each topic once, in
        # the reader's language, and filter by the topic whichever row an article carries.
        topics = in_reader_language(Topic.objects.filter(articles__in=articles).distinct().select_related("locale"))
        topic = None
        slug = request.GET.get("topic", "")
        if slug:
            topic = next((t for t in topics if t.slug == slug), None)
            if topic is None:
                articles = articles.none()
            else:
                articles = articles.filter(topics__translation_key=topic.translation_key).distinct()
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        number = request.GET.get("page", "1")
        try:
            page_of_articles = paginator.page(number)
        except (PageNotAnInteger, EmptyPage):
            page_of_articles = paginator.page(1)
        response = self.render(
            request,
            context_overrides={
                "articles": page_of_articles,
                "topics": topics,
                "topic": topic,
                "unknown_topic": bool(slug) and topic is None,
            },
        )
        # The page cache keeps this answer under its query string only when the query
        # named a real topic and an existing page, written the one way we link to it;
        # `?page=<anything else>` is answered fresh, so it cannot fill the cache.
        response.page_cache_query = (
            set(request.GET) <= {"page", "topic"}
            and all(len(request.GET.getlist(key)) == 1 for key in request.GET)
            and (not slug or topic is not None)
            and number == str(page_of_articles.number)
        )
        return response

    @path("feed/", name="feed")
    def feed(self, request):
        # Breaks the cycle awareness.feeds -> awareness.models.
        from .feeds import ArticleFeed

        return ArticleFeed(self)(request)


class ArticleForm(WagtailAdminPageForm):
    """Refuses to publish, or send for approval, a story whose safeguarding checks are not done.

    The checks vouch for the text and pictures they were ticked against: when the title,
    body or images change after they were ticked, they are cleared, and who ticked them
    and when is recorded.
    """

    def clean(self):
        cleaned_data = super().clean()
        publishing = any(
            self.data.get(action) for action in ("action-publish", "action-submit", "action-workflow-action")
        )
        self.safeguarding = None
        page = self.instance
        # Saving a draft of a live story changes nothing readers see: the model's own check
        # (full_clean) applies when a revision is published, not to this draft.
        page.saving_draft = not publishing
        if cleaned_data.get("kind") != ArticlePage.Kind.STORY:
            return cleaned_data
        now = content_fingerprint(cleaned_data.get("title"), cleaned_data.get("body"), cleaned_data.get("hero_image"))
        was_done = page.pk and page.safeguarding_done
        if was_done and now != page.safeguarding_fingerprint:
            # The story changed after its checks were ticked: they no longer vouch for it.
            for field in ArticlePage.SAFEGUARDING_FIELDS:
                cleaned_data[field] = False
            self.safeguarding = "cleared"
            if publishing:  # a draft may be saved, so that the checks can be ticked again for it
                self.add_error(
                    None,
                    _(
                        "The story changed after its safeguarding checks were ticked, so they were cleared. "
                        "Save it, read it again and tick them again."
                    ),
                )
            return cleaned_data
        ticked = all(cleaned_data.get(field) for field in ArticlePage.SAFEGUARDING_FIELDS)
        if ticked and not was_done:
            self.safeguarding = ("confirmed", now)
        elif not ticked:
            self.safeguarding = "cleared"
        if publishing or page.live:
            for field in ArticlePage.SAFEGUARDING_FIELDS:
                if not cleaned_data.get(field):
                    self.add_error(field, _("A story about a child cannot be published until this is done."))
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.safeguarding == "cleared":
            page.clear_safeguarding()
        elif self.safeguarding:
            page.confirm_safeguarding(self.for_user, self.safeguarding[1])
        if commit:
            page.save()
            self.save_m2m()
        return page


def content_fingerprint(title, body, hero_image):
    """A digest of what the safeguarding checks vouch for: the title, the body (with its images) and the picture."""
    blocks = body.get_prep_value() if hasattr(body, "get_prep_value") else list(body or [])

    def without_ids(value):
        # Block ids are given anew to unsaved blocks; they say nothing about the content.
        if isinstance(value, dict):
            return {key: without_ids(item) for key, item in value.items() if key != "id"}
        if isinstance(value, list):
            return [without_ids(item) for item in value]
        return value

    hero = getattr(hero_image, "pk", hero_image)
    text = json.dumps([title or "", without_ids(blocks), hero], sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


class ArticlePage(BasePage):
    """An awareness article: prevention guidance, signs of trafficking, news, or a story."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", _("Prevention guidance")
        SIGNS = "signs", _("Signs of trafficking")
        NEWS = "news", _("News")
        STORY = "story", _("Story")

    SAFEGUARDING_FIELDS = ("consent_recorded", "name_changed", "no_identifying_image")

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.GUIDANCE,
        help_text="A story about a child must pass the safeguarding checks below before it can be published.",
    )
    date = models.DateField(default=timezone.localdate, help_text="The publication date shown to readers.")
    summary = models.TextField(help_text="Two or three sentences shown under the title and in listings.")
    hero_image = image_field("Optional. Never a child who could be recognised, nor a place that locates one.")
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="articles",
        limit_choices_to=in_main_language,
        help_text="Readers can list the articles on each topic. Urdu pages show each topic's Urdu translation.",
    )
    body = StreamField(
        ArticleBodyBlock(), blank=True, help_text="The article itself. Stories follow the safeguarding checks."
    )
    consent_recorded = models.BooleanField(
        default=False,
        verbose_name="Consent recorded",
        help_text="The child and a parent or guardian agreed to this story being told, and the signed "
        "consent is kept in SEHER's case files (never here).",
    )
    name_changed = models.BooleanField(
        default=False,
        verbose_name="Name changed and details masked",
        help_text="The child's name is changed, and nothing (village, family, school, exact dates) could "
        "identify or locate them.",
    )
    no_identifying_image = models.BooleanField(
        default=False,
        verbose_name="No identifying image",
        help_text="No picture on the page shows the child's face or anything that could identify them.",
    )
    # Who ticked the checks, when, and for which content (see content_fingerprint).
    safeguarding_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    safeguarding_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    safeguarding_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # A copy is a new story: its checks are done again, for it.
    exclude_fields_in_copy = [
        "consent_recorded",
        "name_changed",
        "no_identifying_image",
        "safeguarding_confirmed_by",
        "safeguarding_confirmed_at",
        "safeguarding_fingerprint",
    ]

    base_form_class = ArticleForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("topics", widget=forms.CheckboxSelectMultiple)],
            "About this article",
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("consent_recorded"), FieldPanel("name_changed"), FieldPanel("no_identifying_image")],
            "Safeguarding (stories about a child)",
            help_text="UNICEF's reporting guidelines: never name, show or locate an exploited child.",
        ),
    ]
    parent_page_types = ["awareness.ArticleIndexPage"]
    subpage_types = []

    @property
    def safeguarding_done(self):
        """All three checks ticked, for the title, body and images the page has now."""
        return all(getattr(self, field) for field in self.SAFEGUARDING_FIELDS) and (
            self.safeguarding_fingerprint == content_fingerprint(self.title, self.body, self.hero_image_id)
        )

    def confirm_safeguarding(self, user, fingerprint=None):
        for field in self.SAFEGUARDING_FIELDS:
            setattr(self, field, True)
        self.safeguarding_confirmed_by = user if user and user.is_authenticated else None
        self.safeguarding_confirmed_at = timezone.now()
        self.safeguarding_fingerprint = fingerprint or content_fingerprint(self.title, self.body, self.hero_image_id)

    def clear_safeguarding(self):
        for field in self.SAFEGUARDING_FIELDS:
            setattr(self, field, False)
        self.safeguarding_confirmed_by = None
        self.safeguarding_confirmed_at = None
        self.safeguarding_fingerprint = ""

    def full_clean(self, *args, **kwargs):
        # The last line of defence, for publishing outside the editor (a shell, a script, scheduled publishing).
        publishing = (self.live or self.go_live_at) and not getattr(self, "saving_draft", False)
        if publishing and self.kind == self.Kind.STORY and not self.safeguarding_done:
            raise ValidationError(
                _("A story about a child cannot be published until its safeguarding checks are done.")
            )
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # A copy is a new page, saved once without cleaning: a new story without its checks
        # is made a draft rather than refused, so copying works and never publishes it.
        new_or_unchecked = self.pk is None or kwargs.get("clean") is False
        if new_or_unchecked and self.live and self.kind == self.Kind.STORY and not self.safeguarding_done:
            self.live = False
            self.has_unpublished_changes = True
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hero_image"] = with_renditions_of(self.hero_image_id)
        context["article_topics"] = in_reader_language(self.topics.select_related("locale"))
        return context

    def structured_data(self, request, context):
        publisher = {"@type": "NGO", "name": "SEHER", "url": request.build_absolute_uri("/")}
        return {
            "@type": "Article",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).date().isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": self.get_full_url(request),
            "image": seo.image_url(request, self.social_image or context.get("hero_image")),
            "author": publisher,
            "publisher": publisher,
        }
