"""Entering figures: the form, the CSV command and upload, history, the schema rule (S1), the demo."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from impact import models as impact_models
from impact.figures import BREAKDOWN_KEYS, current_month
from impact.importer import expected_columns
from impact.models import FigureChange, MonthlyReturn

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
PERSONAL = ("name", "birth", "dob", "cnic", "phone", "address", "photo", "image", "note", "case", "comment")


def programme_client(client):
    make_staff("programme", group="Programme data", secret=SECRET)
    log_in(client, "programme", totp_code(SECRET))
    return client


def month_before(months):
    month = current_month()
    for _ in range(months):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def quetta():
    from locations.models import CentrePage

    return CentrePage.objects.get(slug="quetta", locale__language_code="en")


def form_data(**changes):
    from locations.models import Service

    data = {"centre": quetta().pk, "month": f"{month_before(60):%Y-%m}", "children_received": "40"}
    data.update({f"service_{service.slug}": "12" for service in Service.originals()})
    data.update(changes)
    return data


def test_no_impact_model_has_a_personal_field():
    from django.apps import apps
    from django.db import models

    for model in apps.get_app_config("impact").get_models():
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not any(word in name for word in PERSONAL), f"{model.__name__}.{field.name}"
            assert not isinstance(field, models.TextField | models.FileField | models.EmailField), field
            if isinstance(field, models.CharField):
                assert field.choices, f"{model.__name__}.{field.name} is free text"


@pytest.mark.django_db
def test_the_form_saves_a_month_and_a_correction_keeps_history(client):
    programme_client(client)
    response = client.post("/admin/impact/enter/", form_data())
    assert response.status_code == 302
    saved = MonthlyReturn.objects.get(centre=quetta(), month=month_before(60))
    assert saved.children_received == 40
    assert saved.service_figures.count() == 7
    response = client.post("/admin/impact/enter/", form_data(children_received="45"))
    assert response.status_code == 302
    changes = list(FigureChange.objects.filter(monthly_return=saved).order_by("pk"))
    assert len(changes) == 2
    assert changes[1].figures == {"children_received": [40, 45]}
    assert changes[1].changed_by.username == "programme"
    history = client.get("/admin/impact/history/").content.decode()
    assert "children_received: 40 → 45" in history
    # The history links to the form, filled in with the saved figures, for the next correction.
    form = client.get(f"/admin/impact/enter/?centre={quetta().pk}&month={month_before(60):%Y-%m}").content.decode()
    assert 'name="children_received" value="45"' in form


@pytest.mark.django_db
def test_figures_go_on_the_centres_page_in_the_default_language_only(client):
    from locations.models import CentrePage

    programme_client(client)
    urdu = CentrePage.objects.get(translation_key=quetta().translation_key, locale__language_code="ur")
    response = client.post("/admin/impact/enter/", form_data(centre=str(urdu.pk)))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"children_received": "-3"}, "cannot be negative"),
        ({"children_received": "4.5"}, "whole number"),
        ({"children_received": "999999"}, "too large"),
        ({"month": "2099-01"}, "has not started yet"),
        ({"month": "March"}, "YYYY-MM"),
        ({"breakdown_girls:0-5": "3"}, "whole age and sex breakdown"),
    ],
)
def test_the_form_explains_bad_input_and_keeps_what_was_typed(client, changes, message):
    programme_client(client)
    response = client.post("/admin/impact/enter/", form_data(**changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="12"' in body  # the service counts typed are still there
    assert not MonthlyReturn.objects.filter(centre=quetta(), month=month_before(60)).exists()


@pytest.mark.django_db
def test_a_breakdown_larger_than_the_total_is_refused(client):
    programme_client(client)
    breakdown = {f"breakdown_{key}": "10" for key in BREAKDOWN_KEYS}
    response = client.post("/admin/impact/enter/", form_data(**breakdown))
    assert response.status_code == 400
    assert "adds up to more than the children received" in response.content.decode()


def csv_text(rows):
    header = ",".join(expected_columns())
    return "\n".join([header, *rows]) + "\n"


def good_row(centre="quetta", months=61, received=30):
    return ",".join([centre, f"{month_before(months):%Y-%m}", str(received), *["11"] * 7, *["2"] * 8])


@pytest.mark.django_db
def test_the_command_imports_a_good_file(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(csv_text([good_row(), good_row("taftan")]))
    call_command("import_impact_csv", str(path), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    assert MonthlyReturn.objects.filter(month=month_before(61)).count() == 2
    saved = MonthlyReturn.objects.get(centre=quetta(), month=month_before(61))
    assert saved.breakdown.count() == 8
    assert FigureChange.objects.filter(monthly_return=saved, source="csv").exists()


@pytest.mark.django_db
def test_the_command_reports_every_bad_row_and_imports_nothing(tmp_path, capsys):
    path = tmp_path / "figures.csv"
    bad_month = good_row().replace(f"{month_before(61):%Y-%m}", "2099-01")
    rows = [good_row(), "nowhere" + good_row()[6:], bad_month, good_row(received=-1), good_row()]
    path.write_text(csv_text(rows))
    before = MonthlyReturn.objects.count()
    with pytest.raises(CommandError) as failure:
        call_command("import_impact_csv", str(path))
    assert "Nothing imported: 4 bad row(s)" in str(failure.value)
    assert "\n" not in str(failure.value)
    errors = capsys.readouterr().err
    for line in (3, 4, 5, 6):
        assert f"Line {line}:" in errors
    assert "Line 2:" not in errors
    assert "already on line 2" in errors
    assert MonthlyReturn.objects.count() == before


@pytest.mark.django_db
def test_the_command_refuses_a_missing_file_or_a_wrong_header(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_impact_csv", str(tmp_path / "missing.csv"))
    path = tmp_path / "figures.csv"
    path.write_text("centre,month,children,name\nquetta,2020-01,5,Ali\n")
    with pytest.raises(CommandError, match="Line 1: missing column"):
        call_command("import_impact_csv", str(path))


@pytest.mark.django_db
def test_the_admin_upload_lists_bad_rows_and_imports_nothing(client):
    programme_client(client)
    text = csv_text([good_row(), good_row("taftan", received="x")])
    upload = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    response = client.post("/admin/impact/import/", {"file": upload})
    assert response.status_code == 400
    assert "Line 3:" in response.content.decode()
    assert not MonthlyReturn.objects.filter(month=month_before(61)).exists()
    upload = SimpleUploadedFile("figures.csv", csv_text([good_row()]).encode(), content_type="text/csv")
    response = client.post("/admin/impact/import/", {"file": upload})
    assert response.status_code == 302
    assert MonthlyReturn.objects.filter(month=month_before(61)).count() == 1


@pytest.mark.django_db
def test_demo_figures_are_three_years_for_three_centres_and_safe_to_run_twice():
    assert MonthlyReturn.objects.values("month").distinct().count() == 36
    assert MonthlyReturn.objects.values("centre").distinct().count() == 3
    before = MonthlyReturn.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert MonthlyReturn.objects.count() == before
    by_centre = {
        row["centre__slug"]: row["total"]
        for row in MonthlyReturn.objects.values("centre__slug").annotate(
            total=impact_models.models.Sum("children_received")
        )
    }
    assert by_centre["quetta"] > by_centre["taftan"] > by_centre["gwadar"]
    assert impact_models.ServiceFigure.objects.filter(children__gte=1, children__lt=11).exists()
