import pytest

from locations.map import HEIGHT, WIDTH, in_frame, project


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
