"""The progress chart: valid SVG without script or style, one point per measurement."""

import datetime as dt
import itertools
from xml.etree import ElementTree as ET

from eenplan.assessments.charts import Series, progress_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_one_point_per_measurement_and_series():
    dates = [dt.date(2026, 1, 5), dt.date(2026, 3, 1), dt.date(2026, 6, 1)]
    svg = parse(
        progress_svg(
            title="Wonen <over tijd>",
            dates=dates,
            series=[
                Series(label="Inwoner", values=[2, 5, 7], colour="#000"),
                Series(label="Professional", values=[4, None, 6], colour="#111", marker="square"),
            ],
            scale_min=1,
            scale_max=10,
        )
    )
    assert svg.tag == SVG + "svg"
    assert svg.find(SVG + "title").text == "Wonen <over tijd>"
    circles = svg.findall(f".//{SVG}circle")
    squares = svg.findall(f".//{SVG}rect")
    assert [c.get("data-value") for c in circles] == ["2", "5", "7"]
    assert [s.get("data-value") for s in squares] == ["4", "6"]
    # Higher scores are drawn higher up (smaller y).
    ys = [float(c.get("cy")) for c in circles]
    assert ys[0] > ys[1] > ys[2]
    assert len(svg.findall(f".//{SVG}polyline")) == 2


def test_no_style_attributes_and_no_script():
    markup = progress_svg(
        title="x",
        dates=[dt.date(2026, 1, 5)],
        series=[Series(label="Score", values=[3], colour="#000")],
        scale_min=1,
        scale_max=5,
    )
    svg = parse(markup)
    assert all("style" not in el.attrib for el in svg.iter())
    assert not svg.findall(f".//{SVG}script")
    assert not svg.findall(f".//{SVG}style")
    # A single measurement is a point in the middle, no line.
    assert len(svg.findall(f".//{SVG}circle")) == 1
    assert not svg.findall(f".//{SVG}polyline")


def test_lowest_and_highest_score_are_on_the_axis_limits():
    svg = parse(
        progress_svg(
            title="x",
            dates=[dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
            series=[Series(label="Score", values=[0, 10], colour="#000")],
            scale_min=0,
            scale_max=10,
        )
    )
    grid = sorted(float(line.get("y1")) for line in svg.findall(f"{SVG}line"))
    low, high = svg.findall(f".//{SVG}circle")
    assert float(low.get("cy")) == grid[-1]
    assert float(high.get("cy")) == grid[0]


def test_the_chart_scales_with_its_card():
    svg = parse(
        progress_svg(
            title="x",
            dates=[dt.date(2026, 1, 5)],
            series=[Series(label="Score", values=[3], colour="#000")],
            scale_min=1,
            scale_max=5,
        )
    )
    assert svg.get("width") == "100%"
    assert svg.get("height") is None
    _x, _y, width, height = (float(n) for n in svg.get("viewBox").split())
    assert width > 0 and height > 0
    # Text no smaller than 13 units of a drawing at most 320 wide: readable in a phone-wide card.
    assert all(float(t.get("font-size")) >= 13 for t in svg.iter(f"{SVG}text"))
    assert width <= 320


def test_date_labels_are_short_dutch_dates_first_and_last_always():
    dates = [dt.date(2026, month, 4) for month in range(1, 11)]
    svg = parse(
        progress_svg(
            title="x",
            dates=dates,
            series=[Series(label="Score", values=[3] * 10, colour="#000")],
            scale_min=1,
            scale_max=5,
        )
    )
    labels = [
        [span.text for span in text.findall(f"{SVG}tspan")]
        for text in svg.findall(f"{SVG}text[@class='eenplan-chart-date']")
    ]
    assert labels[0] == ["4 jan", "2026"]
    assert labels[-1] == ["4 okt", "2026"]
    assert len(labels) == 4
    xs = [float(t.get("x")) for t in svg.findall(f"{SVG}text[@class='eenplan-chart-date']")]
    assert min(b - a for a, b in itertools.pairwise(xs)) > 60  # they do not overlap
