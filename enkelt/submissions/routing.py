"""Which unit is responsible for a new submission.

A category names its responsible unit; area routes may send submissions from
part of the municipality (a polygon, or a set of postal codes) to another unit,
e.g. a park maintained by a district depot. The first matching route by
`order` wins, so an administrator can put a narrow polygon before a broad set
of postal codes.
"""

from collections.abc import Sequence
from decimal import Decimal

from enkelt.submissions.models import AreaRoute, Category
from enkelt.tenants.models import Unit

Number = float | int | Decimal


def point_in_polygon(lat: Number, lon: Number, polygon: Sequence[Sequence[Number]]) -> bool:
    """Even-odd ray casting on [lat, lon] points, treated as a plane.

    Good enough for municipal areas (a few kilometres), where the curvature of
    the earth does not move a boundary noticeably. Points exactly on an edge
    may fall either way. A polygon with fewer than three points contains nothing.
    """
    if len(polygon) < 3:
        return False
    y, x = float(lat), float(lon)
    inside = False
    points = [(float(p[0]), float(p[1])) for p in polygon]
    previous_y, previous_x = points[-1]
    for point_y, point_x in points:
        if (point_y > y) != (previous_y > y):
            crossing_x = previous_x + (y - previous_y) * (point_x - previous_x) / (
                point_y - previous_y
            )
            if x < crossing_x:
                inside = not inside
        previous_y, previous_x = point_y, point_x
    return inside


def route_matches(
    area_route: AreaRoute, lat: Number | None, lon: Number | None, postal_code: str
) -> bool:
    if (
        area_route.polygon
        and lat is not None
        and lon is not None
        and point_in_polygon(lat, lon, area_route.polygon)
    ):
        return True
    return bool(postal_code) and postal_code in (area_route.postal_codes or [])


def route(
    category: Category, lat: Number | None = None, lon: Number | None = None, postal_code: str = ""
) -> Unit:
    """The responsible unit for a submission in `category` at the given place.

    Costs one query for the routes and one for the unit (none when the caller
    prefetched `area_routes__unit` and selected `unit`).
    """
    prefetched = getattr(category, "_prefetched_objects_cache", {})
    routes = (
        category.area_routes.all()
        if "area_routes" in prefetched
        else category.area_routes.select_related("unit")
    )
    for area_route in routes:
        if route_matches(area_route, lat, lon, postal_code):
            return area_route.unit
    return category.unit
