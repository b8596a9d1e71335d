"""Awareness moves out of the programs app: articles, their index and topics.

Moved, not recreated. The tables are renamed (programs_* -> awareness_*) and the
content types relabelled, so every article keeps its rows, page type, revisions,
translations, permissions and URL. Django's state learns the models here and
forgets them in programs 0013, with no table made or dropped.
"""

import core.snippets
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import uuid
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models


TABLES = ["articleindexpage", "articlepage", "articlepage_topics", "topic"]
MODELS = ["articleindexpage", "articlepage", "topic"]


def relabel(old, new):
    """Move the three content types to their new app: rows pointing at them follow."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)
        ContentType.objects.clear_cache()

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("programs", "0012_programme_pages"),
        # Every migration naming these models by their old app runs before the move
        # (home 0014 gives topics their moderation workflow and grants by content type).
        ("home", "0016_featured_programmes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ArticleIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('listing_summary', models.CharField(blank=True, help_text='One or two sentences shown on cards and listings. Falls back to the search description.', max_length=240)),
                        ('intro', models.TextField(blank=True, help_text='A short paragraph above the list of articles.')),
                        ('social_image', models.ForeignKey(blank=True, help_text='Shown when the page is shared (1200 by 630 pixels works best). Never a photo of a child.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                    ],
                    options={
                        'abstract': False,
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='Topic',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                        ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                        ('name', models.CharField(help_text="The topic as readers see it, e.g. 'For parents'.", max_length=80)),
                        ('slug', models.SlugField(help_text="Used in the listing's address; do not change.", max_length=80)),
                        ('description', models.CharField(blank=True, help_text='One sentence, shown above the listing.', max_length=240)),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
                    ],
                    options={
                        'ordering': ['name'],
                        'abstract': False,
                    },
                    bases=(wagtail.models.preview.PreviewableMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='ArticlePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('listing_summary', models.CharField(blank=True, help_text='One or two sentences shown on cards and listings. Falls back to the search description.', max_length=240)),
                        ('kind', models.CharField(choices=[('guidance', 'Prevention guidance'), ('signs', 'Signs of trafficking'), ('news', 'News'), ('story', 'Story')], default='guidance', help_text='A story about a child must pass the safeguarding checks below before it can be published.', max_length=20)),
                        ('date', models.DateField(default=django.utils.timezone.localdate, help_text='The publication date shown to readers.')),
                        ('summary', models.TextField(help_text='Two or three sentences shown under the title and in listings.')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 6), ('quote', 9), ('call_to_action', 15), ('saved_call_to_action', 16), ('help_callout', 17)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': "The heading's words, short and plain.", 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading (H2)'), ('h3', 'Sub-heading (H3)')], 'help_text': 'Use H2 for a new section and H3 inside a section, so screen readers can follow.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'description': 'Formatted text', 'features': ['h3', 'bold', 'italic', 'link', 'ol', 'ul', 'document-link'], 'icon': 'pilcrow', 'preview_value': '<p>Children who reach a centre get <b>legal aid</b>, counselling, medical care and help to go home.</p>', 'template': 'components/blocks/paragraph_block.html'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Never show a child who could be recognised. Alt text is required.'}), 5: ('wagtail.blocks.CharBlock', (), {'max_length': 200, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5)]], {}), 7: ('wagtail.blocks.TextBlock', (), {'help_text': "The words quoted. For a child's words, use a changed name."}), 8: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('quote', 7), ('attribution', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 11: ('wagtail.blocks.TextBlock', (), {'required': False}), 12: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'A page on this site, or…', 'required': False}), 13: ('wagtail.blocks.URLBlock', (), {'help_text': '…an address elsewhere.', 'required': False}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': "The button's words, e.g. 'Donate now'.", 'max_length': 60}), 15: ('wagtail.blocks.StructBlock', [[('heading', 10), ('text', 11), ('link_page', 12), ('link_url', 13), ('link_text', 14)]], {}), 16: ('core.blocks.SavedCallToActionBlock', (), {}), 17: ('core.blocks.HelpCalloutBlock', (), {})}, help_text='The article itself. Stories follow the safeguarding checks.')),
                        ('consent_recorded', models.BooleanField(default=False, help_text="The child and a parent or guardian agreed to this story being told, and the signed consent is kept in SEHER's case files (never here).", verbose_name='Consent recorded')),
                        ('name_changed', models.BooleanField(default=False, help_text="The child's name is changed, and nothing (village, family, school, exact dates) could identify or locate them.", verbose_name='Name changed and details masked')),
                        ('no_identifying_image', models.BooleanField(default=False, help_text="No picture on the page shows the child's face or anything that could identify them.", verbose_name='No identifying image')),
                        ('safeguarding_confirmed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('safeguarding_fingerprint', models.CharField(blank=True, editable=False, max_length=64)),
                        ('hero_image', models.ForeignKey(blank=True, help_text='Optional. Never a child who could be recognised, nor a place that locates one.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                        ('safeguarding_confirmed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('social_image', models.ForeignKey(blank=True, help_text='Shown when the page is shared (1200 by 630 pixels works best). Never a photo of a child.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                        ('topics', modelcluster.fields.ParentalManyToManyField(blank=True, help_text="Readers can list the articles on each topic. Urdu pages show each topic's Urdu translation.", limit_choices_to=core.snippets.in_main_language, related_name='articles', to='awareness.topic')),
                    ],
                    options={
                        'abstract': False,
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.AddConstraint(
                    model_name='topic',
                    constraint=models.UniqueConstraint(fields=('slug', 'locale'), name='unique_topic_slug_per_language'),
                ),
                migrations.AddConstraint(
                    model_name='topic',
                    constraint=models.UniqueConstraint(fields=('name', 'locale'), name='unique_topic_name_per_language'),
                ),
                migrations.AlterUniqueTogether(
                    name='topic',
                    unique_together={('translation_key', 'locale')},
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE programs_{table} RENAME TO awareness_{table}",
                    f"ALTER TABLE awareness_{table} RENAME TO programs_{table}",
                )
                for table in TABLES
            ],
        ),
        migrations.RunPython(relabel("programs", "awareness"), relabel("awareness", "programs")),
    ]
