"""Aggregate impact figures: counts per centre, month and service, never a record about one child (S1).

A `MonthlyReturn` is one centre's figures for one month. Its counts sit in two small
tables: children given each service, and (optionally) children received by age band
and sex. Every save through the form, the CSV import or the admin upload writes a
`FigureChange` with who changed what and when, so corrections keep their history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.models import Locale

# A month's count above this is almost certainly a typing error (the busiest centre
# receives a few hundred children a month).
MAX_MONTHLY_COUNT = 5000


class AgeBand(models.TextChoices):
    UNDER_6 = "0-5", "0 to 5 years"
    AGE_6_11 = "6-11", "6 to 11 years"
    AGE_12_14 = "12-14", "12 to 14 years"
    AGE_15_17 = "15-17", "15 to 17 years"


class Sex(models.TextChoices):
    GIRLS = "girls", "Girls"
    BOYS = "boys", "Boys"


def count_field(**kwargs):
    return models.PositiveIntegerField(**kwargs)


def staff_member():
    """Who did something; kept when the account is later removed, as Wagtail's own log entries do."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )


class MonthlyReturn(models.Model):
    """One centre's aggregate figures for one calendar month."""

    centre = models.ForeignKey("locations.CentrePage", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month the figures cover.")
    children_received = count_field(help_text="Children received at the centre during the month.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "centre__path"]
        constraints = [models.UniqueConstraint(fields=["centre", "month"], name="impact_one_return_per_centre_month")]
        permissions = [("view_impact_statistics", "Can view the impact statistics dashboard")]
        verbose_name = "monthly return"

    def __str__(self):
        return f"{self.centre.title}, {self.month:%B %Y}"

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError({"month": "Use the first day of the month."})
        if self.centre_id and self.centre.locale_id != Locale.get_default().pk:
            raise ValidationError({"centre": "Choose the centre's page in the default language."})


class ServiceFigure(models.Model):
    """How many children at a centre were given one service during the month."""

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.CASCADE, related_name="service_figures")
    service = models.ForeignKey("locations.Service", on_delete=models.PROTECT, related_name="+")
    children = count_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "service"], name="impact_one_figure_per_service")
        ]

    def __str__(self):
        return f"{self.service}: {self.children}"


class ReceivedBreakdown(models.Model):
    """Children received during the month in one age band and sex (an optional breakdown)."""

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.CASCADE, related_name="breakdown")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    sex = models.CharField(max_length=8, choices=Sex.choices)
    children = count_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "age_band", "sex"], name="impact_one_figure_per_group")
        ]

    def __str__(self):
        return f"{self.get_sex_display()}, {self.get_age_band_display()}: {self.children}"


class FigureChange(models.Model):
    """History: who changed a centre's month, when, how, and each figure's old and new value."""

    class Source(models.TextChoices):
        FORM = "form", "Data entry form"
        CSV = "csv", "CSV import"

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = staff_member()
    source = models.CharField(max_length=8, choices=Source.choices)
    # {"children_received": [old, new], "service:legal-aid": [old, new], "girls:0-5": [old, new]};
    # old is None for a new figure.
    figures = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.monthly_return} changed {self.changed_at:%Y-%m-%d %H:%M}"


class Publication(models.Model):
    """One version of a period's protected tables, frozen when published (S5).

    Every dashboard, chart, CSV file and public figure reads these, never live sums.
    A later version is a dated restatement; earlier versions stay, since readers may
    have kept them, and every new version is audited together with them.
    """

    class Kind(models.TextChoices):
        MONTH = "month", "Month"
        QUARTER = "quarter", "Quarter"
        YEAR = "year", "Year"

    class Reason(models.TextChoices):
        CLOSED = "closed", "The period closed"
        STAFF = "staff", "Published by programme data staff"
        RESTATEMENT = "restatement", "Restatement of corrected figures"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    start = models.DateField(help_text="The first day of the period.")
    version = models.PositiveIntegerField(default=1)
    current = models.BooleanField(default=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = staff_member()
    # What may be shown: rounded values, null where hidden (see impact.publishing.table_json).
    tables = models.JSONField()
    # The unprotected inner cells this version was computed from, kept only so that later
    # versions can be audited against it; never shown.
    inputs = models.JSONField()

    class Meta:
        ordering = ["kind", "start", "version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start", "version"], name="impact_one_publication_version"),
            models.UniqueConstraint(
                fields=["kind", "start"], condition=models.Q(current=True), name="impact_one_current_publication"
            ),
        ]

    def __str__(self):
        return f"{self.kind} from {self.start:%Y-%m-%d}, version {self.version}"
