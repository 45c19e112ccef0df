"""Progress charts as server-rendered SVG: no script, no style attributes (the CSP allows neither),
only presentation attributes. Every chart has a table next to it with the same numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from eenplan.assessments.models import ScoredBy

if TYPE_CHECKING:
    from eenplan.assessments.selectors import InstrumentProgress

# The drawing's own units. The chart is as wide as its card (width 100%, height from the
# viewBox), so the text grows and shrinks with it: 13 units stay readable down to a phone-wide card.
WIDTH = 320
HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 30, 14, 14, 42
FONT_SIZE = "13"
# Each date label is two lines ("4 jul" over "2026"); this many fit side by side.
MAX_DATE_LABELS = 4
TEXT_COLOUR = "#333333"
GRID_COLOUR = "#c8c8c8"
RESIDENT_COLOUR = "#1d4f91"
PROFESSIONAL_COLOUR = "#a34700"


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int | None]
    colour: str
    # "circle" or "square": the shape tells the series apart without relying on colour.
    marker: str = "circle"


# Room between the axis and the first and last point, so that their date labels fit.
PAD = 24


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT - 2 * PAD
    if count <= 1:
        return LEFT + PAD + inner / 2
    return LEFT + PAD + inner * index / (count - 1)


def _y(value: int, low: int, high: int) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (high - value) / (high - low)


def _num(value: float) -> str:
    return f"{value:.1f}"


def _labelled(count: int) -> set[int]:
    """Which measurements get a date label: all when they fit, else evenly spread, always the
    first and the last. The table beside the chart has every date."""
    if count <= MAX_DATE_LABELS:
        return set(range(count))
    return {round(i * (count - 1) / (MAX_DATE_LABELS - 1)) for i in range(MAX_DATE_LABELS)}


def progress_svg(
    *,
    title: str,
    dates: Sequence[dt.date],
    series: Sequence[Series],
    scale_min: int,
    scale_max: int,
) -> SafeString:
    """A line chart of scores over time: one point per measurement and series."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "width": "100%",
            "preserveAspectRatio": "xMidYMid meet",
            "role": "img",
            "class": "eenplan-chart",
            "focusable": "false",
        },
    )
    ET.SubElement(svg, "title").text = title
    low, high = scale_min, scale_max
    for tick in sorted({low, (low + high) // 2, high}):
        tick_y = _num(_y(tick, low, high))
        ET.SubElement(
            svg,
            "line",
            {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": tick_y, "y2": tick_y},
            stroke=GRID_COLOUR,
            **{"stroke-width": "1"},
        )
        label = ET.SubElement(
            svg,
            "text",
            {
                "x": str(LEFT - 6),
                "y": tick_y,
                "text-anchor": "end",
                "dominant-baseline": "middle",
            },
            fill=TEXT_COLOUR,
            **{"font-size": FONT_SIZE},
        )
        label.text = str(tick)
    count = len(dates)
    for index in sorted(_labelled(count)):
        day = dates[index]
        label_x = _num(_x(index, count))
        label = ET.SubElement(
            svg,
            "text",
            {"x": label_x, "y": str(HEIGHT - BOTTOM + 18), "text-anchor": "middle"},
            fill=TEXT_COLOUR,
            **{"font-size": FONT_SIZE, "class": "eenplan-chart-date"},
        )
        # The short Dutch date ("4 jul 2026"): unambiguous, unlike 04-07-26.
        ET.SubElement(label, "tspan", {"x": label_x}).text = date_format(day, "j b")
        ET.SubElement(label, "tspan", {"x": label_x, "dy": "1.15em"}).text = date_format(day, "Y")
    for line in series:
        points = [
            (_x(index, count), _y(value, low, high), value, dates[index])
            for index, value in enumerate(line.values)
            if value is not None
        ]
        group = ET.SubElement(svg, "g", {"data-series": line.label})
        if len(points) > 1:
            ET.SubElement(
                group,
                "polyline",
                {"points": " ".join(f"{_num(x)},{_num(y)}" for x, y, _v, _d in points)},
                fill="none",
                stroke=line.colour,
                **{"stroke-width": "2"},
            )
        for x, y, value, day in points:
            if line.marker == "square":
                point = ET.SubElement(
                    group,
                    "rect",
                    {"x": _num(x - 5.5), "y": _num(y - 5.5), "width": "11", "height": "11"},
                    fill=line.colour,
                    **{"class": "eenplan-chart-point", "data-value": str(value)},
                )
            else:
                point = ET.SubElement(
                    group,
                    "circle",
                    {"cx": _num(x), "cy": _num(y), "r": "4.5"},
                    fill=line.colour,
                    **{"class": "eenplan-chart-point", "data-value": str(value)},
                )
            ET.SubElement(
                point, "title"
            ).text = f"{line.label}, {date_format(day, 'j F Y')}: {value}"
    # ElementTree escapes every text and attribute, so the markup is safe to embed.
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308


def progress_charts(
    progress: InstrumentProgress,
    *,
    resident_label: str,
    professional_label: str | None = None,
    for_resident: bool = False,
) -> list[dict[str, object]]:
    """One chart per item of an instrument: the resident's scores (`resident_label`: "Resident"
    for professionals, "You" in the portal), and the professional's view where both score (a
    measurement without it, such as the resident's own, gets no point). `for_resident`: items
    are named as the resident reads them."""
    instrument = progress.instrument
    dates = [m.taken_on for m in progress.measurements]
    both = instrument.scored_by == ScoredBy.BOTH
    charts = []
    for row in progress.rows:
        name = row.item.name_for_resident if for_resident else row.item.name
        series = [
            Series(
                label=resident_label if both else gettext("Score"),
                values=[cell.value for cell in row.cells],
                colour=RESIDENT_COLOUR,
            )
        ]
        if row.item.asks_professional:
            # Drawn first, with larger squares: where both views agree, both markers still show.
            series.insert(
                0,
                Series(
                    label=professional_label or gettext("Professional"),
                    values=[cell.professional for cell in row.cells],
                    colour=PROFESSIONAL_COLOUR,
                    marker="square",
                ),
            )
        charts.append(
            {
                "row": row,
                "name": name,
                "svg": progress_svg(
                    title=gettext("%(item)s over time") % {"item": name},
                    dates=dates,
                    series=series,
                    scale_min=instrument.scale_min,
                    scale_max=instrument.scale_max,
                ),
            }
        )
    return charts
