"""Yearly statements in the staff area, for Finance: look one up, download its PDF, send it again.

Only Finance holds the permissions (donate.view_yearlystatement to look and download,
donate.change_yearlystatement to re-send); every download and re-send is in the audit trail.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import urlencode
from wagtail.admin.menu import MenuItem

from staff.audit import record

from .models import YearlyStatement
from .statements import FIRST_YEAR, build_statement, last_year, queue_statement, statement_pdf

VIEW_PERMISSION = "donate.view_yearlystatement"
SEND_PERMISSION = "donate.change_yearlystatement"


class StatementLookupForm(forms.Form):
    email = forms.EmailField(label="Donor's email address")
    year = forms.IntegerField(label="Year", min_value=FIRST_YEAR)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > last_year():
            raise forms.ValidationError(f"{year} has not ended yet: choose {last_year()} or earlier.")
        return year


def require(permission):
    """Refuse (403, logged as a permission denial) anyone without `permission`."""
    return permission_required(permission, raise_exception=True)


def looked_up(data):
    """(form, statement or None) for the email and year in `data`."""
    form = StatementLookupForm(data)
    if not form.is_valid():
        return form, None
    return form, build_statement(form.cleaned_data["email"], form.cleaned_data["year"])


@require(VIEW_PERMISSION)
def lookup(request):
    asked = "email" in request.GET
    form, statement = looked_up(request.GET) if asked else (StatementLookupForm(initial={"year": last_year()}), None)
    record_row = None
    if statement:
        record_row = YearlyStatement.objects.filter(donor_email=statement.email, year=statement.year).first()
    context = {
        "header_title": "Yearly statements",
        "page_title": "Yearly statements",
        "form": form,
        "asked": asked and form.is_valid(),
        "statement": statement,
        "record": record_row,
        "can_send": request.user.has_perm(SEND_PERMISSION),
        "query": urlencode({"email": statement.email, "year": statement.year}) if statement else "",
        "recent": YearlyStatement.objects.filter(sent_at__isnull=False).order_by("-sent_at")[:20],
    }
    return TemplateResponse(
        request, "donate/admin/statements.html", context, status=400 if asked and not form.is_valid() else 200
    )


@require(VIEW_PERMISSION)
def download(request):
    _form, statement = looked_up(request.GET)
    if statement is None:
        raise Http404("No gifts from that address in that year.")
    with translation.override(statement.language):
        pdf = statement_pdf(statement)
    filename = f"seher-statement-{statement.year}.pdf"
    record(request, "export", detail=f"yearly statement {statement.year} PDF for {statement.email}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require(SEND_PERMISSION)
def resend(request):
    if request.method != "POST":
        return redirect(reverse("statements:lookup"))
    _form, statement = looked_up(request.POST)
    if statement is None:
        messages.error(request, "No gifts from that address in that year: nothing was sent.")
        return redirect(reverse("statements:lookup"))
    with transaction.atomic():
        row, _created = YearlyStatement.objects.get_or_create(donor_email=statement.email, year=statement.year)
        queue_statement(row.pk)
    record(request, "export", detail=f"yearly statement {statement.year} sent again to {statement.email}")
    messages.success(request, f"The {statement.year} statement is on its way to {statement.email}.")
    return redirect(reverse("statements:lookup") + "?" + urlencode({"email": statement.email, "year": statement.year}))


class StatementsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


app_name = "statements"
urlpatterns = [
    path("", lookup, name="lookup"),
    path("statement.pdf", download, name="download"),
    path("send/", resend, name="resend"),
]
