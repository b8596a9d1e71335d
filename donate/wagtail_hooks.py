"""Gift records for Finance: listing with filters, search by email, CSV export, offline gifts, monthly totals."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.forms import modelform_factory
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.charts import bar_chart
from staff.exports import AuditedExportMixin

from . import statement_admin
from .forms import GiftRecordForm
from .models import Gift, MonthlyPayment


class GiftIndexView(AuditedExportMixin, IndexView):
    """The gift list; its CSV export cannot run formulas and every export is audited."""

    export_description = "gift records"


# What a gift is for and who gave it: exported, and entered by Finance for an offline gift.
GIFT_AND_DONOR = [
    "currency",
    "frequency",
    "designation",
    "campaign",
    "donor_name",
    "donor_email",
    "anonymous",
    "dedication",
]


class GiftViewSet(ModelViewSet):
    model = Gift
    index_view_class = GiftIndexView
    icon = "pick"
    menu_label = "Gifts"
    add_to_admin_menu = True
    menu_order = 300
    url_prefix = "gifts"
    list_display = [
        "created_at",
        "donor_email",
        "amount",
        "currency",
        "frequency",
        "designation",
        "status",
        "source",
        "campaign",
    ]
    list_filter = ["status", "designation", "frequency", "currency", "source", "campaign", "created_at"]
    search_fields = ["donor_email", "donor_name"]
    list_export = [
        "created_at",
        "reference",
        "status",
        "source",
        "amount",
        "fee_covered",
        "amount_refunded",
        *GIFT_AND_DONOR,
        "receipt_number",
        "paid_at",
        "bank_reference",
        "transfer_date",
        "updates_consent_at",
        "updates_consent_wording",
        "updates_withdrawn_at",
    ]
    export_filename = "gifts"
    inspect_view_enabled = True
    # Every stored field, then the monthly amount's history (AmountChange rows, written by the webhook).
    inspect_view_fields = [
        field.name
        for field in Gift._meta.get_fields()
        if field.concrete and (not field.is_relation or (not field.auto_created and field.related_model))
    ] + ["amount_history"]
    # Offline gifts (bank transfer, cheque, cash) are entered here by Finance; Stripe gifts arrive by webhook.
    # A donor's "Tell us about your transfer" arrives here as a pending bank transfer: Finance sets it
    # to paid once the money is on the bank statement, and saving sends the numbered receipt.
    form_fields = [
        "source",
        "status",
        "amount",
        *GIFT_AND_DONOR,
        "bank_reference",
        "transfer_date",
        "paid_at",
        "notes",
    ]

    def get_form_class(self, for_update=False):
        # Wagtail's own form for these fields, on GiftRecordForm: Stripe's facts stay Stripe's.
        return modelform_factory(
            self.model, form=GiftRecordForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )


class MonthlyTotalsPanel(Component):
    """This month's gifts and a twelve-month chart, on the admin home page, for Finance."""

    name = "monthly_gifts"
    order = 110

    def render_html(self, parent_context=None):
        now = timezone.now()
        start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        paid = Gift.objects.filter(status=Gift.Status.PAID)
        this_month = list(
            paid.filter(paid_at__gte=start).values("currency").annotate(total=Sum("amount"), gifts=Count("id"))
        )
        monthly = list(
            MonthlyPayment.objects.filter(paid_at__gte=start)
            .values("gift__currency")
            .annotate(total=Sum("amount"), gifts=Count("id"))
        )
        history = totals_by_month(paid, months=12)
        by_month = (
            paid.filter(paid_at__gte=(start - timezone.timedelta(days=365)).replace(day=1))
            .annotate(month=TruncMonth("paid_at"))
            .values("month", "currency")
            .annotate(total=Sum("amount"), gifts=Count("id"))
            .order_by("-month", "currency")
        )
        return render_to_string(
            "donate/admin/monthly_panel.html",
            {
                "this_month": this_month,
                "monthly": monthly,
                "chart": bar_chart(history, display=pkr),
                "by_month": by_month,
            },
        )


def totals_by_month(gifts, months=12):
    since = (timezone.now() - timezone.timedelta(days=31 * months)).replace(day=1)
    rows = (
        gifts.filter(paid_at__gte=since, currency="PKR")
        .annotate(month=TruncMonth("paid_at"))
        .values("month")
        .annotate(total=Sum("amount"))
        .order_by("month")
    )
    return [(row["month"].strftime("%b %Y"), float(row["total"])) for row in rows]


def pkr(value):
    """A month's total as the chart's titles read it: PKR 12,500."""
    return f"PKR {value:,.0f}"


@hooks.register("register_admin_viewset")
def register_gifts():
    return GiftViewSet("gift_records")


@hooks.register("construct_homepage_panels")
def add_finance_panel(request, panels):
    if request.user.has_perm("donate.view_gift"):
        panels.append(MonthlyTotalsPanel())


@hooks.register("register_admin_urls")
def register_statement_urls():
    return [path("statements/", include((statement_admin.urlpatterns, "statements")))]


@hooks.register("register_admin_menu_item")
def register_statements_menu_item():
    return statement_admin.StatementsMenuItem(
        "Yearly statements", reverse("statements:lookup"), icon_name="doc-full", order=305
    )
