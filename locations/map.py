"""Where We Work map: place centres on a server-rendered SVG from lat/lon.

A plain equirectangular projection over a fixed box around Pakistan, Iran and
Afghanistan. Pure functions, so a test can check where each marker lands.
"""

from decimal import Decimal

# The box the SVG shows: west, south, east, north, in degrees.
WEST, SOUTH, EAST, NORTH = 44.0, 23.0, 78.0, 40.0
# SVG user units per degree of longitude; latitude is stretched by 1/cos(mid-latitude)
# so shapes keep roughly their true proportions at this latitude.
SCALE = 20.0
_LAT_STRETCH = 1 / 0.866  # 1 / cos(30 degrees), the box's middle latitude
WIDTH = round((EAST - WEST) * SCALE, 1)
HEIGHT = round((NORTH - SOUTH) * SCALE * _LAT_STRETCH, 1)


def project(latitude, longitude):
    """SVG (x, y) for a point, rounded to 0.1 unit; north is up, y grows down."""
    lat, lon = float(Decimal(str(latitude))), float(Decimal(str(longitude)))
    x = (lon - WEST) * SCALE
    y = (NORTH - lat) * SCALE * _LAT_STRETCH
    return round(x, 1), round(y, 1)


def in_frame(x, y):
    """True when a projected point falls inside the drawing."""
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT
