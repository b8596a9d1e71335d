"""Server-rendered SVG line charts: geometry only, from already published series (no JavaScript)."""

from .disclosure import HIDDEN, display

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36
# Colour-blind-safe palette (Okabe and Ito), cycled.
COLOURS = ["#000000", "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#999999"]


def nice_ceiling(value):
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if value <= step * 5:
            return step * 5, step
    return value, value


def line_chart(series):
    """[Series] -> what the SVG template needs: lines split at hidden values, points, axis ticks."""
    if not series or not series[0].points:
        return None
    count = len(series[0].points)
    peak = max((value for one in series for _, value in one.points if value is not HIDDEN), default=0)
    top, step = nice_ceiling(max(peak, 5))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index):
        return round(LEFT + (plot_width * (index + 0.5) / count), 1)

    def y(value):
        return round(TOP + plot_height - plot_height * value / top, 1)

    lines = []
    for number, one in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        segments, current, points = [], [], []
        for index, (period, value) in enumerate(one.points):
            if value is HIDDEN:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x(index)},{y(value)}")
            points.append(
                {"x": x(index), "y": y(value), "title": f"{one.label}, {period.short_label}: {display(value)}"}
            )
        if current:
            segments.append(current)
        lines.append(
            {
                "label": one.label,
                "colour": colour,
                "dashed": number % 2 == 1,
                "segments": [" ".join(segment) for segment in segments],
                "points": points,
            }
        )
    label_every = max(1, count // 8)
    x_ticks = [
        {"x": x(index), "label": period.short_label}
        for index, (period, _) in enumerate(series[0].points)
        if index % label_every == 0
    ]
    y_ticks = [{"y": y(value), "label": f"{value:,}"} for value in range(0, top + 1, step)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "label_y": HEIGHT - 12,
        "lines": lines,
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
    }
