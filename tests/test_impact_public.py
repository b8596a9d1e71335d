"""Headline figures on the public site: the home-page section and the StreamField block."""

import re

import pytest
from django.utils import timezone

from impact.blocks import ImpactFiguresBlock
from impact.disclosure import PLAIN_LANGUAGE_NOTE, K, latest_complete
from impact.headlines import forget, headline_figures
from impact.models import MonthlyReturn
from impact.publishing import restate


@pytest.fixture(autouse=True)
def fresh_headlines():
    """Each worker keeps headline figures for a while; tests change figures inside rolled-back transactions."""
    forget()
    yield
    forget()


def figures_section(html):
    match = re.search(r'<section class="impact-figures".*?</section>', html, re.S)
    assert match, "no impact figures section"
    return match.group(0)


def assert_safe(section):
    values = re.findall(r'impact-figures__value">([^<]*)<', section)
    assert values
    for value in values:
        number = int(value.replace(",", ""))
        assert number % 5 == 0 and number >= K
    assert "style=" not in section and "<script" not in section


@pytest.mark.django_db
def test_home_page_shows_last_years_headlines_with_period_and_note(client, home_page):
    response = client.get(home_page.url)
    section = figures_section(response.content.decode())
    year = latest_complete("year", timezone.localdate()).label
    assert f"In {year}, at our centres" in section
    assert "children received at our centres" in section
    assert "reunited with their families" in section
    assert "rounded to the nearest 5" in section
    assert_safe(section)


@pytest.mark.django_db
def test_home_page_has_no_section_without_figures(client, home_page):
    from impact.models import Publication

    Publication.objects.all().delete()
    assert 'class="impact-figures"' not in client.get(home_page.url).content.decode()


@pytest.mark.django_db
def test_headlines_come_from_the_protected_year_table(home_page):
    headlines = headline_figures("year")
    received = headlines["figures"][0]["value"]
    period = headlines["period"]
    true_total = sum(
        MonthlyReturn.objects.filter(month__gte=period.start, month__lte=period.end).values_list(
            "children_received", flat=True
        )
    )
    assert abs(received - true_total) <= 2
    assert headlines["note"] == PLAIN_LANGUAGE_NOTE


@pytest.mark.django_db
def test_a_figure_too_small_to_publish_is_left_out(home_page):
    from impact.models import ServiceFigure

    period = latest_complete("quarter", timezone.localdate())
    ServiceFigure.objects.filter(
        service__slug="legal-aid", monthly_return__month__gte=period.start, monthly_return__month__lte=period.end
    ).update(children=0)
    first = ServiceFigure.objects.filter(
        service__slug="legal-aid", monthly_return__month__gte=period.start, monthly_return__month__lte=period.end
    ).first()
    first.children = 4
    first.save()
    assert headline_figures("quarter", ["legal_aid"]) is not None  # corrections change nothing shown...
    restate(period.start.year, user=None)  # ...until they are restated
    forget()
    headlines = headline_figures("quarter", ["children_received", "legal_aid"])
    labels = [figure["label"] for figure in headlines["figures"]]
    assert "children given free legal aid" not in labels
    assert "children received at our centres" in labels


@pytest.mark.django_db
def test_the_block_renders_a_quarter_through_the_same_rules(home_page):
    block = ImpactFiguresBlock()
    value = block.to_python({"heading": "Our work in numbers", "figures": ["legal_aid"], "period": "quarter"})
    html = block.render(value)
    section = figures_section(html)
    quarter = latest_complete("quarter", timezone.localdate()).label
    assert "Our work in numbers" in section
    assert quarter in section
    assert "free legal aid" in section
    assert_safe(section)


@pytest.mark.django_db
def test_the_block_can_be_added_to_a_standard_page(client, home_page):
    from home.models import StandardPage

    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body = [("impact_figures", {"heading": "Last year", "figures": ["children_received"], "period": "year"})]
    about.save_revision().publish()
    section = figures_section(client.get(about.url).content.decode())
    assert "Last year" in section
    assert_safe(section)
