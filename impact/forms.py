"""The month's figures for one centre, in one form; and the CSV upload."""

from django import forms

from .figures import BREAKDOWN_KEYS, MonthFigures, breakdown_label, centres, check_count, parse_month, services
from .models import MAX_MONTHLY_COUNT

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def count_input(label, required=True):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_MONTHLY_COUNT,
        error_messages={
            "min_value": "Counts cannot be negative.",
            "max_value": f"That looks too large for one month (at most {MAX_MONTHLY_COUNT:,}).",
            "invalid": "Enter a whole number from 0 up.",
            "required": "Enter a number (0 if none).",
        },
    )


class MonthlyFiguresForm(forms.Form):
    centre = forms.ModelChoiceField(queryset=None, empty_label="Choose a centre")
    month = forms.CharField(
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
        help_text="The calendar month the figures cover, e.g. 2026-03.",
    )
    children_received = count_input("Children received during the month")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres()
        self.services = services()
        for service in self.services:
            self.fields[f"service_{service.slug}"] = count_input(f"{service.name}: children given this service")
        for key in BREAKDOWN_KEYS:
            self.fields[f"breakdown_{key}"] = count_input(breakdown_label(key), required=False)

    def service_fields(self):
        return [self[f"service_{service.slug}"] for service in self.services]

    def breakdown_fields(self):
        return [self[f"breakdown_{key}"] for key in BREAKDOWN_KEYS]

    def clean_month(self):
        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        given = [key for key in BREAKDOWN_KEYS if data.get(f"breakdown_{key}") is not None]
        if given and len(given) != len(BREAKDOWN_KEYS):
            self.add_error(None, "Fill in the whole age and sex breakdown (0 where none), or leave all of it empty.")
        if self.errors:
            return data
        figures = self.figures()
        for problem in figures.problems():
            self.add_error(None, problem)
        return data

    def figures(self):
        data = self.cleaned_data
        breakdown = {key: data[f"breakdown_{key}"] for key in BREAKDOWN_KEYS}
        if any(value is None for value in breakdown.values()):
            breakdown = {}
        return MonthFigures(
            centre=data["centre"],
            month=data["month"],
            children_received=data["children_received"],
            services={service.slug: data[f"service_{service.slug}"] for service in self.services},
            breakdown=breakdown,
        )


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="One row per centre and month; see the columns below.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB; split it into several files.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text; save it as 'CSV UTF-8'.") from None


__all__ = ["ImportForm", "MonthlyFiguresForm", "check_count"]
