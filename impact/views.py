"""Staff views in the Wagtail admin: the dashboard and its CSV export, data entry, import, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.charts import line_chart
from staff.exports import audited_csv_response

from .disclosure import COARSER, HIDDEN, PERIOD_KINDS, PLAIN_LANGUAGE_NOTE, Period, display
from .figures import BREAKDOWN_KEYS, current_figures, parse_month, save_month
from .forms import ImportForm, MonthlyFiguresForm
from .importer import ImportFailed, expected_columns, import_csv
from .linked import CannotProtect
from .models import FigureChange, MonthlyReturn
from .publishing import publish_due, restate
from .statistics import ALL_CENTRES, ImpactStatistics, PeriodTables, publications

VIEW_PERMISSION = "impact.view_impact_statistics"
ENTER_PERMISSION = "impact.change_monthlyreturn"


def can_view(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def can_enter(user):
    return user.is_active and user.has_perm(ENTER_PERMISSION) and user.has_perm("impact.add_monthlyreturn")


def require(check):
    def decorator(view):
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


def admin_page(request, template, title, context, status=200):
    context = {"header_title": title, "page_title": title, "can_enter": can_enter(request.user), **context}
    return TemplateResponse(request, template, context, status=status)


def selection(request):
    """The period kind and period asked for; (kind, period or None, error or None). Only fixed periods."""
    kind = request.GET.get("kind", "year")
    if kind not in PERIOD_KINDS:
        return "year", None, "Choose month, quarter or year."
    text = request.GET.get("period")
    if not text:
        return kind, None, None
    try:
        return kind, Period.parse(kind, text), None
    except ValueError as error:
        return kind, None, str(error)


def build(request):
    """(kind, period, statistics, tables, error): the current published tables, or an earlier version."""
    kind, period, error = selection(request)
    statistics = ImpactStatistics(kind)
    if period is None and statistics.periods and error is None:
        period = statistics.periods[-1]
    tables = statistics.tables.get(period) if period else None
    version = request.GET.get("version")
    if period and error is None and version:
        if not version.isdigit() or len(version) > 4:
            error = "Give the version as a whole number, e.g. 1."
        else:
            earlier = publications(kind=kind, start=period.start, version=int(version)).first()
            tables = PeriodTables.from_publication(earlier) if earlier else None
    if period and tables is None and error is None:
        error = f"There are no published figures for {period.label}" + (f", version {version}." if version else ".")
    return kind, period, statistics, tables, error


CSV_HEADER = ["section", "period", "version", "row", "column", "value"]


def table_rows(section, tables, table):
    """CSV rows for a published table, exactly as the page shows it."""
    period, version = tables.period.slug, tables.version
    for label, cells, total in table.rows():
        for column, value in zip(table.column_labels, cells, strict=True):
            yield [section, period, version, label, column, display(value)]
        if table.has_totals:
            yield [section, period, version, label, "Total", display(total)]
    for column, value in zip(table.column_labels, table.column_totals, strict=True):
        yield [section, period, version, ALL_CENTRES, column, display(value)]
    if table.has_totals:
        yield [section, period, version, ALL_CENTRES, "Total", display(table.total)]


def trend_rows(section, statistics, series):
    for one in series:
        for period, value in one.points:
            yield [section, period.slug, statistics.tables[period].version, one.label, "", display(value)]


def trend_chart(series):
    """The line chart of trend series: a line each, periods along the x axis, broken where a value is hidden."""
    lines = [(one.label, [(period.short_label, value) for period, value in one.points]) for one in series]
    return line_chart(lines, hidden=HIDDEN, display=display)


@require(can_view)
def dashboard(request):
    kind, period, statistics, tables, error = build(request)
    received_trends, service_trends = statistics.received_trends(), statistics.service_trends()
    versions = list(publications(kind=kind, start=period.start)) if period else []
    context = {
        "kind": kind,
        "kinds": PERIOD_KINDS,
        "period": period,
        "periods": list(reversed(statistics.periods)),
        "tables": tables,
        "current": statistics.tables.get(period) if period else None,
        "versions": [PeriodTables.from_publication(publication) for publication in versions],
        "restatements": [
            PeriodTables.from_publication(publication)
            for publication in publications(kind=kind, version__gt=1).order_by("-published_at")[:50]
        ],
        "error": error,
        "coarser": COARSER[kind],
        "note": PLAIN_LANGUAGE_NOTE,
        "received_chart": trend_chart(received_trends),
        "received_trends": received_trends,
        "service_chart": trend_chart(service_trends),
        "service_trends": service_trends,
        "trend_periods": statistics.periods,
    }
    return admin_page(request, "impact/admin/dashboard.html", "Impact statistics", context, 400 if error else 200)


@require(can_view)
def export(request):
    kind, period, statistics, tables, error = build(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    name = f"impact-{period.slug}-v{tables.version}" if tables else f"impact-{kind}"
    rows = [CSV_HEADER]
    if tables:
        rows += table_rows("Children given each service", tables, tables.services)
        rows += table_rows("Children received", tables, tables.received)
    rows += trend_rows("Trend: children received", statistics, statistics.received_trends())
    rows += trend_rows("Trend: children given each service, all centres", statistics, statistics.service_trends())
    rows.append(["Note", "", "", "", "", PLAIN_LANGUAGE_NOTE])
    return audited_csv_response(request, f"{name}.csv", rows, what=f"impact figures, {name}")


@require(can_enter)
def publish(request):
    """Programme data staff publish a period that has ended without waiting for it to close."""
    if request.method != "POST":
        return redirect(reverse("impact:dashboard"))
    kind = request.POST.get("kind", "")
    try:
        period = Period.parse(kind, request.POST.get("period", ""))
        made = publish_due(up_to=period, user=request.user)
    except (ValueError, CannotProtect) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Published {len(made)} table set(s), up to {period.label}.")
    return redirect(f"{reverse('impact:dashboard')}?kind={kind if kind in PERIOD_KINDS else 'year'}")


@require(can_enter)
def restatement(request):
    """Programme data staff publish a dated restatement of a year's corrected figures."""
    if request.method != "POST":
        return redirect(reverse("impact:dashboard"))
    try:
        year = Period.parse("year", request.POST.get("year", "")).start.year
        made = restate(year, request.user)
    except (ValueError, CannotProtect) as error:
        messages.error(request, str(error))
    else:
        periods = ", ".join(Period(publication.kind, publication.start).slug for publication in made)
        messages.success(request, f"Restated {periods}.")
    return redirect(reverse("impact:dashboard"))


def initial_for(request):
    """Pre-fill the form with a centre's saved month, when ?centre=&month= name one."""
    initial = {}
    centre, month = request.GET.get("centre"), request.GET.get("month")
    if not (centre and month and centre.isdigit()):
        return initial
    try:
        month_start = parse_month(month)
    except ValueError:
        return initial
    initial = {"centre": centre, "month": month}
    saved = MonthlyReturn.objects.filter(centre_id=centre, month=month_start).first()
    if saved:
        for key, value in current_figures(saved).items():
            if key == "children_received":
                initial[key] = value
            elif key.startswith("service:"):
                initial[f"service_{key.removeprefix('service:')}"] = value
            else:
                initial[f"breakdown_{key}"] = value
    return initial


@require(can_enter)
def enter(request):
    if request.method == "POST":
        form = MonthlyFiguresForm(request.POST)
        if form.is_valid():
            figures = form.figures()
            change = save_month(figures, request.user, FigureChange.Source.FORM)
            verb = "saved" if change else "unchanged"
            messages.success(request, f"Figures for {figures.centre.title}, {figures.month:%B %Y} {verb}.")
            return redirect(reverse("impact:enter"))
    else:
        form = MonthlyFiguresForm(initial=initial_for(request))
    return admin_page(
        request,
        "impact/admin/enter.html",
        "Enter a month's figures",
        {"form": form, "breakdown_keys": BREAKDOWN_KEYS},
        400 if form.errors else 200,
    )


@require(can_enter)
def upload(request):
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows, changed = import_csv(form.cleaned_data["file"], request.user)
            except ImportFailed as failure:
                errors = failure.errors
            else:
                messages.success(request, f"Imported {rows} row(s); {changed} month(s) new or corrected.")
                return redirect(reverse("impact:history"))
    else:
        form = ImportForm()
    return admin_page(
        request,
        "impact/admin/upload.html",
        "Import figures from CSV",
        {"form": form, "errors": errors, "columns": expected_columns()},
        400 if errors or form.errors else 200,
    )


@require(can_enter)
def history(request):
    changes = FigureChange.objects.select_related("monthly_return__centre", "changed_by")[:200]
    return admin_page(request, "impact/admin/history.html", "Changes to figures", {"changes": changes})
