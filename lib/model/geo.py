"""Bundled country shapes: TopoJSON decoded to small GeoJSON, with no network access."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.base.schema import WORLD_TOPOJSON

Ring = list[list[float]]


def _decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[list[float]]], digits: int) -> Ring:
    points: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    out: Ring = []
    for x, y in points:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _lon_extent(ring: Ring) -> float:
    lons = [p[0] for p in ring]
    return max(lons) - min(lons)


@lru_cache(maxsize=4)
def country_features(
    path: Path = WORLD_TOPOJSON, digits: int = 1, drop: tuple[str, ...] = ("ATA",)
) -> tuple[dict[str, Any], ...]:
    """Return one GeoJSON Feature per country (id = ISO-3), coordinates rounded to `digits`.

    Rings that collapse to fewer than four points after rounding are dropped, which keeps
    the payload small (0.1° is about the 1:110m source's detail), and so are the few rings
    that cross the antimeridian (Fiji, Chukotka), which a flat map would draw as a line
    across the world.
    """
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        code = geom.get("id")
        if not code or code in drop or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings_out = []
        for polygon in polygons:
            rings = [_ring(r, arcs, digits) for r in polygon]
            rings = [r for r in rings if len(r) >= 4 and _lon_extent(r) <= 180]
            if rings:
                rings_out.append(rings)
        if rings_out:
            features.append(
                {
                    "type": "Feature",
                    "id": code,
                    "properties": {"code": code},
                    "geometry": {"type": "MultiPolygon", "coordinates": rings_out},
                }
            )
    return tuple(features)
