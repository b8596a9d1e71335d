"""Server-rendered SVG charts for the staff screens: bars and lines, drawn by the templates in
`templates/components/charts/` from what these functions return (no JavaScript).

Both charts share one frame (the image and the margins around the plot), one value scale
with its y-axis ticks, one way of placing and labelling the x axis, and one set of colour classes.
"""

import itertools
import math
from dataclasses import dataclass

TICKS = 5  # steps on the value scale, from zero to the top
BAR_GAP = 2  # space on each side of a bar, at most a quarter of its slot


# Colours are design tokens at the top of static/css/admin/charts.css, applied there by class:
# a line takes series 1 to SERIES in turn (the Okabe and Ito colours, which colour-blind readers
# can tell apart), bars take the site's primary colour, grid lines a light grey.
SERIES = 8


def series_of(number):
    """The colour class of the number-th line, counted from zero: 1 to SERIES, then round again."""
    return number % SERIES + 1


@dataclass(frozen=True)
class Frame:
    """The image in SVG units, and the margins that keep the axis labels outside the plot."""

    width: int
    height: int
    left: int = 48
    right: int = 12
    top: int = 12
    bottom: int = 36

    @property
    def baseline(self):
        """The y of zero: the bottom of the plot."""
        return self.height - self.bottom

    @property
    def plot_width(self):
        return self.width - self.left - self.right

    @property
    def plot_height(self):
        return self.baseline - self.top


@dataclass(frozen=True)
class Plot:
    """A frame fitted to its data: `count` equal places along the x axis, a value scale up the y axis."""

    frame: Frame
    count: int
    top: int
    step: int

    @classmethod
    def fitted(cls, frame, count, peak):
        return cls(frame, count, *nice_ceiling(peak))

    @property
    def slot(self):
        """The width of each place along the x axis."""
        return self.frame.plot_width / self.count

    def x(self, index):
        """The middle of the index-th place."""
        return round(self.frame.left + self.slot * (index + 0.5), 1)

    def y(self, value):
        """The y of `value`: zero at the baseline, the top of the scale at the top of the plot."""
        return round(self.frame.baseline - self.frame.plot_height * value / self.top, 1)


BAR_FRAME = Frame(width=480, height=200, left=64)
LINE_FRAME = Frame(width=640, height=240)


def thousands(value):
    """A value as chart titles read it unless told otherwise: whole, with thousands separators."""
    return f"{value:,.0f}"


def scale_steps():
    """5, 10, 20, 25, 50, 100, 200, 250, 500, ...: the steps a value scale may take, smallest first."""
    for power in itertools.count():
        yield from (multiple * 10**power for multiple in (5, 10, 20, 25))


def nice_ceiling(value):
    """(top, step): the lowest scale of five equal, round steps that reaches `value`; at least 0 to 25."""
    if not math.isfinite(value):
        raise ValueError(f"a chart cannot show {value}")
    step = next(step for step in scale_steps() if value <= step * TICKS)
    return step * TICKS, step


def y_ticks(plot):
    """A grid line and its label at every step of the scale, zero included."""
    return [{"y": plot.y(value), "label": f"{value:,}"} for value in range(0, plot.top + 1, plot.step)]


def x_ticks(plot, labels, most):
    """Labels along the x axis: every one when there are few, every n-th so about `most` show when there are many."""
    every = max(1, len(labels) // most)
    return [{"x": plot.x(index), "label": label} for index, label in enumerate(labels) if index % every == 0]


def axes(plot, labels, most_labels):
    """What both chart templates draw around the data: the image size, grid lines and axis labels."""
    frame = plot.frame
    return {
        "width": frame.width,
        "height": frame.height,
        "left": frame.left,
        "right": frame.width - frame.right,
        "y_label_x": frame.left - 6,
        "x_label_y": frame.height - 12,
        "x_ticks": x_ticks(plot, labels, most_labels),
        "y_ticks": y_ticks(plot),
    }


def bar(plot, index, value):
    """Where the index-th bar stands: in the middle of its place, from the baseline up to its value."""
    gap = min(BAR_GAP, plot.slot / 4)
    y = plot.y(value)
    return {
        "x": round(plot.frame.left + plot.slot * index + gap, 1),
        "y": y,
        "width": round(plot.slot - 2 * gap, 1),
        "height": round(plot.frame.baseline - y, 1),
    }


def bar_chart(series, display=thousands, frame=BAR_FRAME):
    """[(label, value)] -> what the bar chart template needs: one titled bar per value, and the axes.

    Values are zero or more. None when there is nothing to draw.
    """
    if not series:
        return None
    plot = Plot.fitted(frame, len(series), max(value for _, value in series))
    bars = [
        {**bar(plot, index, value), "title": f"{label}: {display(value)}"}
        for index, (label, value) in enumerate(series)
    ]
    labels = [label for label, _ in series]
    # A bar chart is narrow and its labels long ("Mar 2026"): about four fit under it.
    return {**axes(plot, labels, most_labels=4), "bars": bars}


def runs(points):
    """The runs of consecutive points, split wherever a point is missing (None)."""
    return [list(run) for shown, run in itertools.groupby(points, key=lambda point: point is not None) if shown]


def line(plot, number, label, values, display):
    """One line: its series (colour) and dash, its runs between missing values (None), a titled point per value."""
    points = [
        None
        if value is None
        else {"x": plot.x(index), "y": plot.y(value), "title": f"{label}, {x_label}: {display(value)}"}
        for index, (x_label, value) in enumerate(values)
    ]
    return {
        "label": label,
        "series": series_of(number),
        "dashed": number % 2 == 1,
        "segments": [" ".join(f"{point['x']},{point['y']}" for point in run) for run in runs(points)],
        "points": [point for point in points if point is not None],
    }


def line_chart(lines, hidden=None, display=thousands, frame=LINE_FRAME):
    """[(line label, [(x label, value)])] -> what the line chart template needs: the lines and the axes.

    A value that is `hidden` (compared by identity) is not drawn: its line breaks there and
    it has no point. Every line shares the x labels of the first. None when there is nothing
    to draw.
    """
    if not lines or not lines[0][1]:
        return None
    shown = [
        (label, [(x_label, None if value is hidden else value) for x_label, value in values])
        for label, values in lines
    ]
    labels = [x_label for x_label, _ in shown[0][1]]
    peak = max((value for _, values in shown for _, value in values if value is not None), default=0)
    plot = Plot.fitted(frame, len(labels), peak)
    drawn = [line(plot, number, label, values, display) for number, (label, values) in enumerate(shown)]
    return {**axes(plot, labels, most_labels=8), "lines": drawn}
