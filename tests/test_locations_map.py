import importlib.util
import json
import re
from pathlib import Path

import pytest

from locations.map import (
    BOUNDARIES,
    HEIGHT,
    VIEW_EAST,
    VIEW_NORTH,
    VIEW_SOUTH,
    VIEW_WEST,
    WIDTH,
    boundary_shapes,
    in_frame,
    in_view,
    path_data,
    project,
    view_box,
)

ROOT = Path(__file__).resolve().parent.parent


def test_corners_of_the_box_map_to_the_corners_of_the_drawing():
    assert project(40, 44) == (0, 0)
    assert project(23, 78) == (WIDTH, HEIGHT)


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        ("30.1798", "66.9750", (459.5, 226.8)),  # Quetta
        ("29.0000", "61.5833", (351.7, 254.0)),  # Taftan
        ("25.1264", "62.3225", (366.45, 343.5)),  # Gwadar
    ],
)
def test_centres_land_where_their_coordinates_say(latitude, longitude, expected):
    x, y = project(latitude, longitude)
    assert (x, y) == pytest.approx(expected, abs=0.06)
    assert in_frame(x, y)


def test_east_is_right_and_north_is_up():
    quetta, gwadar = project(30.18, 66.99), project(25.13, 62.32)
    assert quetta[0] > gwadar[0]
    assert quetta[1] < gwadar[1]


# The outlines: locations/boundaries.json, made by scripts/simplify_boundaries.py.

PROVINCES = {"PK-BA", "PK-SD", "PK-PB", "PK-KP", "PK-GB", "PK-JK", "PK-IS"}


def points_of(path):
    """Absolute (x, y) points of path data written as the map writes it: M x y l dx dy ... z, repeated."""
    points = []
    for ring in re.findall(r"M([^Mz]+)z", path):
        start, steps = ring.split("l")
        x, y = map(int, start.split())
        points.append((x, y))
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_every_province_is_drawn_once_and_the_tribal_areas_are_part_of_khyber_pakhtunkhwa():
    shapes = boundary_shapes()
    provinces = [shape.id for shape in shapes if shape.kind == "province"]
    assert sorted(provinces) == sorted(PROVINCES)
    assert {"IR", "AF", "IN"} <= {shape.id for shape in shapes if shape.kind == "country"}
    assert all(shape.path.startswith("M") and shape.path.endswith("z") for shape in shapes)
    assert {shape.name("en") for shape in shapes} >= {"Balochistan", "Sindh", "Khyber Pakhtunkhwa"}
    assert next(shape for shape in shapes if shape.id == "PK-BA").name("ur") == "بلوچستان"


def test_outlines_are_drawn_with_the_same_projection_as_the_markers():
    # Quetta lies inside Balochistan's outline, Taftan on its western edge.
    balochistan = next(shape for shape in boundary_shapes() if shape.id == "PK-BA")
    points = points_of(balochistan.path)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    quetta, taftan = project(30.18, 66.99), project(28.96, 61.59)
    assert min(xs) < quetta[0] < max(xs) and min(ys) < quetta[1] < max(ys)
    assert abs(min(xs) - project(29, 60.87)[0]) <= 3  # Balochistan's western tip, on the Iran border
    assert taftan[0] - min(xs) < 25


def test_outlines_stay_inside_the_frame_shown():
    left, top, width, height = view_box()
    margin = 5  # the script clips 0.2 degree outside the frame
    for shape in boundary_shapes():
        for x, y in points_of(shape.path):
            assert left - margin <= x <= left + width + margin, shape.id
            assert top - margin <= y <= top + height + margin, shape.id


def test_neighbouring_provinces_share_one_simplified_border():
    """Each border is simplified once, so both sides keep the same points and no gap opens."""
    shapes = {shape.id: set(points_of(shape.path)) for shape in boundary_shapes()}
    assert len(shapes["PK-BA"] & shapes["PK-SD"]) >= 10
    assert len(shapes["PK-PB"] & shapes["PK-KP"]) >= 10
    assert len(shapes["PK-BA"] & shapes["IR"]) >= 10


def test_path_data_projects_each_point_and_writes_relative_steps():
    # A one-degree square with its south-west corner at 30 N, 60 E.
    ring = [6000, 3000, 100, 0, 0, 100, -100, 0]
    x0, y0 = (round(v) for v in project(30, 60))
    x1, y1 = (round(v) for v in project(31, 61))
    assert (x0, y0, x1, y1) == (320, 231, 340, 208)
    assert path_data([ring]) == "M320 231l20 0 0-23-20 0z"  # no space is needed before a minus sign
    assert points_of(path_data([ring])) == [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def test_path_data_drops_points_that_round_onto_the_last_one_and_rings_too_small_to_see():
    assert path_data([[6000, 3000, 1, 0, 100, 0, 0, 100]]).count(" ") == 3  # M x y l dx dy dx dy
    assert path_data([[6000, 3000, 1, 1, -1, 0]]) == ""


def test_view_box_keeps_pakistan_and_every_seeded_centre_in_sight():
    left, top, width, height = view_box()
    assert (left, top) == project(VIEW_NORTH, VIEW_WEST)
    assert (left + width, top + height) == pytest.approx(project(VIEW_SOUTH, VIEW_EAST))
    for latitude, longitude in [(30.18, 66.99), (28.96, 61.59), (25.13, 62.32), (37.08, 75.0), (23.7, 68.0)]:
        assert in_view(*project(latitude, longitude))
    assert not in_view(*project(35.7, 51.4))  # Tehran is in the box but not in the frame shown
    assert in_frame(*project(35.7, 51.4))


def test_data_file_names_its_source_and_licence():
    header = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    assert "Natural Earth" in header["source"]
    assert header["licence"].startswith("Public domain")
    assert header["made_by"] == "scripts/simplify_boundaries.py"
    assert len(header["source_sha256"]) == 64


# The script's steps, on small shapes.


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("simplify_boundaries", ROOT / "scripts" / "simplify_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dissolve_joins_two_touching_squares_into_one_outline(script):
    left = [(0, 0), (10, 0), (10, 10), (0, 10)]
    right = [(10, 0), (20, 0), (20, 10), (10, 10)]
    (outline,) = script.dissolve([left, right])
    assert sorted(outline) == [(0, 0), (0, 10), (10, 0), (10, 10), (20, 0), (20, 10)]
    assert script.signed_area(outline) == 200


def test_a_shared_border_is_simplified_the_same_way_on_both_sides(script):
    wiggle = [(100 + i, 500 + (i % 2)) for i in range(0, 400, 10)]  # small zig-zags, under the tolerance
    north = [(100, 500), *wiggle[1:], (500, 500), (500, 900), (100, 900)]
    south = [(100, 100), (500, 100), (500, 500), *reversed(wiggle[1:]), (100, 500)]
    topology = script.Topology([north, south], tolerance=0.05)
    simple_north, simple_south = topology.simplify_ring(north), topology.simplify_ring(south)
    shared = set(simple_north) & set(simple_south)
    assert shared == {(100, 500), (500, 500)}  # the zig-zags are gone, from both sides alike
    assert len(simple_north) == len(simple_south) == 4


def test_clip_cuts_a_ring_at_the_frame(script):
    square = [(0, 0), (100, 0), (100, 100), (0, 100)]
    clipped = script.clip(square, 50, -10, 200, 60)
    assert sorted(clipped) == [(50, 0), (50, 60), (100, 0), (100, 60)]
    assert script.clip(square, 200, 200, 300, 300) == []


def test_features_outside_the_frame_and_unknown_units_are_handled(script):
    def feature(iso_a2, code, west, south, size=1.0):
        ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
        return {
            "properties": {"iso_a2": iso_a2, "iso_3166_2": code, "name": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    provinces = [feature("PK", code, 62 + 2 * n, 26) for n, code in enumerate(sorted(script.PROVINCES))]
    tribal = feature("PK", "PK-TA", 62 + 2 * sorted(script.PROVINCES).index("PK-KP") + 1, 26)
    far_away = feature("IR", "IR-01", 45, 36)  # north-west Iran, outside the frame
    shapes = {shape["id"]: shape for shape in script.build([*provinces, tribal, far_away])}
    assert set(shapes) == set(script.PROVINCES)
    (kp,) = shapes["PK-KP"]["rings"]
    assert len(kp) == 8  # one rectangle: the tribal areas merged in, the border between them gone
    with pytest.raises(SystemExit, match="Unknown Pakistani unit"):
        script.build([*provinces, feature("PK", "PK-XX", 70, 30)])
    with pytest.raises(SystemExit, match="no PK-BA"):
        script.build([p for p in provinces if p["properties"]["iso_3166_2"] != "PK-BA"])
