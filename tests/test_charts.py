"""The staff charts (core/charts.py): the value scale, bars, lines split at hidden values, the colours.

Pure geometry, no database; the two chart templates are rendered from it without one.
"""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from core.charts import BAR_FRAME, LINE_FRAME, SERIES, Frame, bar_chart, line_chart, nice_ceiling

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
CSS = ROOT / "static" / "css"
COLOUR_LITERAL = re.compile(r"#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(", re.IGNORECASE)
HIDDEN = object()  # a caller's own marker for a value it may not show


@pytest.mark.parametrize(
    "value, scale",
    [
        (0, (25, 5)),
        (5, (25, 5)),
        (25, (25, 5)),
        (26, (50, 10)),
        (120, (125, 25)),
        (42_000.0, (50_000, 10_000)),
        (50_001, (100_000, 20_000)),
        (2_400_000, (2_500_000, 500_000)),
    ],
)
def test_the_scale_is_the_lowest_of_five_round_steps_that_reaches_the_value(value, scale):
    assert nice_ceiling(value) == scale


def test_a_value_no_scale_reaches_is_refused():
    with pytest.raises(ValueError, match="cannot show"):
        nice_ceiling(float("inf"))


def test_y_ticks_run_from_the_baseline_to_the_top_of_the_plot_in_equal_steps():
    chart = bar_chart([("Jan", 42_000), ("Feb", 10_000)])
    ticks = chart["y_ticks"]
    assert [tick["label"] for tick in ticks] == ["0", "10,000", "20,000", "30,000", "40,000", "50,000"]
    # The plot runs from y = 12 down to the baseline at y = 164: 152 units, 30.4 a step.
    assert (BAR_FRAME.top, BAR_FRAME.baseline) == (12, 164)
    assert [tick["y"] for tick in ticks] == [164.0, 133.6, 103.2, 72.8, 42.4, 12.0]


def test_bars_stand_in_the_plot_side_by_side_and_the_tallest_reaches_its_top():
    frame = Frame(width=400, height=200, left=50, right=10, top=10, bottom=40)  # plot 340 wide, 150 high
    chart = bar_chart([("Jan", 50_000), ("Feb", 20_000), ("Mar", 0), ("Apr", 35_000)], frame=frame)
    bars = chart["bars"]
    assert [bar["x"] for bar in bars] == [52.0, 137.0, 222.0, 307.0]
    assert {bar["width"] for bar in bars} == {81.0}
    assert (bars[0]["y"], bars[0]["height"]) == (10.0, 150.0)
    assert (bars[1]["y"], bars[1]["height"]) == (100.0, 60.0)
    assert (bars[3]["y"], bars[3]["height"]) == (55.0, 105.0)
    for bar in bars:
        assert frame.left <= bar["x"] and bar["x"] + bar["width"] <= frame.width - frame.right
        assert frame.top <= bar["y"] and bar["y"] + bar["height"] == frame.baseline


def test_a_zero_bar_is_flat_on_the_baseline_and_keeps_its_title():
    chart = bar_chart([("Jan", 0), ("Feb", 0)], display=lambda value: f"PKR {value:,.0f}")
    assert [(bar["y"], bar["height"]) for bar in chart["bars"]] == [(BAR_FRAME.baseline, 0.0)] * 2
    assert [bar["title"] for bar in chart["bars"]] == ["Jan: PKR 0", "Feb: PKR 0"]
    assert chart["y_ticks"][-1]["label"] == "25"


def test_a_bar_below_a_round_top_is_in_proportion():
    chart = bar_chart([("Jan", 42_000), ("Feb", 12_500.0)])
    assert chart["bars"][0]["height"] == round(BAR_FRAME.plot_height * 0.84, 1)
    assert chart["bars"][1]["title"] == "Feb: 12,500"


def test_nothing_to_draw_is_no_chart():
    assert bar_chart([]) is None
    assert line_chart([]) is None
    assert line_chart([("All centres", [])]) is None


def periods(*values):
    return [(f"P{index}", value) for index, value in enumerate(values)]


def test_a_line_breaks_at_hidden_values_and_hidden_values_have_no_point():
    chart = line_chart([("All centres", periods(20, HIDDEN, 50, 100, HIDDEN, 75))], hidden=HIDDEN)
    line = chart["lines"][0]
    x = [LINE_FRAME.left + LINE_FRAME.plot_width * (index + 0.5) / 6 for index in range(6)]
    y = {value: LINE_FRAME.baseline - LINE_FRAME.plot_height * value / 100 for value in (20, 50, 75, 100)}
    assert line["segments"] == [
        f"{x[0]:.1f},{y[20]:.1f}",
        f"{x[2]:.1f},{y[50]:.1f} {x[3]:.1f},{y[100]:.1f}",
        f"{x[5]:.1f},{y[75]:.1f}",
    ]
    assert [(point["x"], point["y"]) for point in line["points"]] == [
        (round(x[index], 1), round(y[value], 1)) for index, value in ((0, 20), (2, 50), (3, 100), (5, 75))
    ]


def test_hidden_values_never_set_the_scale_or_reach_a_title():
    chart = line_chart([("Centre A", periods(15, HIDDEN, 0))], hidden=HIDDEN, display=lambda value: f"{value} shown")
    assert chart["y_ticks"][-1]["label"] == "25"
    assert [point["title"] for point in chart["lines"][0]["points"]] == [
        "Centre A, P0: 15 shown",
        "Centre A, P2: 0 shown",
    ]


def test_none_is_the_hidden_marker_unless_another_is_given():
    line = line_chart([("All centres", periods(30, None, 30))])["lines"][0]
    assert len(line["segments"]) == 2
    assert [point["title"] for point in line["points"]] == ["All centres, P0: 30", "All centres, P2: 30"]


def test_x_labels_show_every_one_of_a_few_periods_and_every_nth_of_many():
    few = line_chart([("All", periods(*[15] * 8))])["x_ticks"]
    many = line_chart([("All", periods(*[15] * 20))])["x_ticks"]
    assert [tick["label"] for tick in few] == [f"P{index}" for index in range(8)]
    assert [tick["label"] for tick in many] == [f"P{index}" for index in range(0, 20, 2)]
    assert many[1]["x"] == round(LINE_FRAME.left + LINE_FRAME.plot_width * 2.5 / 20, 1)


def test_lines_take_the_colours_in_turn_and_every_other_line_is_dashed():
    chart = line_chart([(f"Line {number}", periods(15)) for number in range(10)])
    assert [line["series"] for line in chart["lines"]] == [1, 2, 3, 4, 5, 6, 7, 8, 1, 2]
    assert [line["dashed"] for line in chart["lines"][:4]] == [False, True, False, True]


def test_every_chart_colour_is_a_token_applied_by_class():
    """Colours are written once, as tokens; the charts, their code and their rules use classes and tokens."""
    stylesheet = (CSS / "admin" / "charts.css").read_text()
    tokens_block, rules_text = stylesheet.split("\n}\n", 1)
    sources = [
        ROOT / "core" / "charts.py",
        *sorted((TEMPLATES / "components" / "charts").glob("*.html")),
        TEMPLATES / "donate" / "admin" / "monthly_panel.html",
        TEMPLATES / "impact" / "admin" / "dashboard.html",
    ]
    assert [path.name for path in sources if COLOUR_LITERAL.search(path.read_text())] == []
    assert not COLOUR_LITERAL.search(rules_text)
    rules = dict(re.findall(r"^\.(chart__[\w-]+) \{ (.*) \}$", rules_text, re.MULTILINE))
    classes = ["chart__grid", "chart__bars", *(f"chart__series--{number}" for number in range(1, SERIES + 1))]
    assert sorted(rules) == sorted(classes)
    tokens = set(re.findall(r"^\s+(--color-chart-[\w-]+):", tokens_block, re.MULTILINE))
    for name in classes:
        used = set(re.findall(r"var\((--[\w-]+)\)", rules[name]))
        assert used and used <= tokens, name


def test_the_bar_chart_renders_as_a_titled_image_with_classes_for_its_colours():
    chart = bar_chart([("Jan 2026", 12_500), ("Feb 2026", 0)], display=lambda value: f"PKR {value:,.0f}")
    svg = render_to_string("components/charts/bar_chart.html", {"chart": chart, "title": "Gifts", "title_id": "g"})
    assert 'role="img" aria-labelledby="g"' in svg
    assert '<title id="g">Gifts</title>' in svg
    assert '<g class="chart__bars">' in svg and svg.count('class="chart__grid"') == 6
    assert "<title>Jan 2026: PKR 12,500</title>" in svg
    assert svg.count("<rect ") == 2


def test_the_line_chart_renders_its_lines_points_and_legend():
    chart = line_chart([("A", periods(20, HIDDEN, 40)), ("B", periods(15, 30, 45))], hidden=HIDDEN)
    svg = render_to_string("components/charts/line_chart.html", {"chart": chart, "title": "Trend", "title_id": "t"})
    assert 'role="img" aria-labelledby="t"' in svg and '<title id="t">Trend</title>' in svg
    assert svg.count("<polyline ") == 3
    assert svg.count('stroke-dasharray="6 3"') == 2  # B's line and its legend sample
    assert "<title>A, P2: 40</title>" in svg and "A, P1" not in svg
    assert svg.count("chart__series--2") == 2  # B's line and its legend sample
