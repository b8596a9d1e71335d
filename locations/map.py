"""Where We Work map: place centres on a server-rendered SVG from lat/lon.

A plain equirectangular projection over a fixed box around Pakistan, Iran and
Afghanistan. Pure functions, so a test can check where each marker lands.

The outlines come from locations/boundaries.json (Natural Earth, public domain),
made by scripts/simplify_boundaries.py; `boundary_shapes()` turns them into SVG
path data with the same `project()` the markers use.
"""

import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

# The box the SVG shows: west, south, east, north, in degrees.
WEST, SOUTH, EAST, NORTH = 44.0, 23.0, 78.0, 40.0
# SVG user units per degree of longitude; latitude is stretched by 1/cos(mid-latitude)
# so shapes keep roughly their true proportions at this latitude.
SCALE = 20.0
LAT_STRETCH = 1 / 0.866  # 1 / cos(30 degrees), the box's middle latitude
WIDTH = round((EAST - WEST) * SCALE, 1)
HEIGHT = round((NORTH - SOUTH) * SCALE * LAT_STRETCH, 1)

# The part of the box the page shows (the SVG viewBox): Pakistan with the edges of its
# neighbours. Markers and outlines keep the coordinates of the whole box.
VIEW_WEST, VIEW_SOUTH, VIEW_EAST, VIEW_NORTH = 58.5, 23.0, 78.0, 37.4

BOUNDARIES = Path(__file__).with_name("boundaries.json")

# Where names are written: shape id (name from the data file) or (English, Urdu), latitude, longitude.
# The small units (Islamabad, Azad Jammu and Kashmir) and Khyber Pakhtunkhwa's long name
# would cover their neighbours, so they go unlabelled; the page's text names every centre.
LABELS = [
    ("PK-BA", 27.4, 65.3),
    ("PK-SD", 26.1, 68.4),
    ("PK-PB", 30.7, 72.0),
    ("PK-GB", 36.1, 74.0),
    ("IR", 31.6, 59.6),
    ("AF", 33.7, 65.2),
    ("IN", 27.0, 74.6),
    (("Arabian Sea", "بحیرۂ عرب"), 23.8, 64.2),
]


def project(latitude, longitude):
    """SVG (x, y) for a point, rounded to 0.1 unit; north is up, y grows down."""
    lat, lon = float(Decimal(str(latitude))), float(Decimal(str(longitude)))
    x = (lon - WEST) * SCALE
    y = (NORTH - lat) * SCALE * LAT_STRETCH
    return round(x, 1), round(y, 1)


def in_frame(x, y):
    """True when a projected point falls inside the drawing."""
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def view_box():
    """(x, y, width, height) of the shown part, in the drawing's units."""
    left, top = project(VIEW_NORTH, VIEW_WEST)
    right, bottom = project(VIEW_SOUTH, VIEW_EAST)
    return left, top, round(right - left, 1), round(bottom - top, 1)


def in_view(x, y):
    left, top, width, height = view_box()
    return left <= x <= left + width and top <= y <= top + height


@dataclass(frozen=True)
class Shape:
    id: str  # Natural Earth's code: "PK-BA" for a province, "IR" for a country
    kind: str  # "province" or "country"
    names: dict  # {"en": ..., "ur": ...}
    path: str  # SVG path data in the drawing's units

    def name(self, language):
        return self.names.get(language) or self.names["en"]


def path_data(rings):
    """SVG path data for rings of [x0, y0, dx1, dy1, ...] hundredths of a degree.

    Each point is projected, rounded to a whole unit and written relative to the
    one before; points that round onto the previous one are left out.
    """
    commands = []
    for ring in rings:
        lon, lat = ring[0], ring[1]
        points = [(lon, lat)]
        for index in range(2, len(ring), 2):
            lon, lat = lon + ring[index], lat + ring[index + 1]
            points.append((lon, lat))
        projected = [tuple(round(v) for v in project(lat / 100, lon / 100)) for lon, lat in points]
        x, y = projected[0]
        steps = []
        for px, py in projected[1:]:
            if (px, py) != (x, y):
                steps.append(f"{px - x} {py - y}")
                x, y = px, py
        if len(steps) >= 2:
            commands.append(f"M{projected[0][0]} {projected[0][1]}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(commands)


@functools.cache
def boundary_shapes():
    """Every outline in the data file, neighbours' countries first so provinces draw on top."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    shapes = [
        Shape(
            id=item["id"],
            kind=item["kind"],
            names={"en": item["name"], "ur": item["name_ur"]},
            path=path_data(item["rings"]),
        )
        for item in data["shapes"]
    ]
    return [s for s in shapes if s.kind == "country"] + [s for s in shapes if s.kind == "province"]


@dataclass(frozen=True)
class Marker:
    centre: object  # the CentrePage
    x: float
    y: float

    @property
    def name_x(self):
        """Where the city's name starts: just east of the dot."""
        return round(self.x + 10, 1)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float


def centre_map(centres, language="en"):
    """What templates/locations/centre_map.html draws: outlines, labels and a marker per centre."""
    left, top, width, height = view_box()
    markers = []
    for centre in centres:
        x, y = project(centre.latitude, centre.longitude)
        if in_view(x, y):
            markers.append(Marker(centre, x, y))
    names = {shape.id: shape.name(language) for shape in boundary_shapes()}
    labels = []
    for name, lat, lon in LABELS:
        text = names.get(name) if isinstance(name, str) else name[language == "ur"]
        if text:
            labels.append(Label(text, *project(lat, lon)))
    return {
        "view_box": f"{left:g} {top:g} {width:g} {height:g}",
        "frame": {"x": left, "y": top, "width": width, "height": height},
        "shapes": boundary_shapes(),
        "labels": labels,
        "markers": markers,
        "language": language,
    }
