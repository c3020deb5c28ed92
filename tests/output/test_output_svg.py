"""`chart -f svg`, looked at: rendered to PNG by a real renderer (rsvg-convert), its pixels read with Pillow;
and read as a screen reader would, through its title, description and role."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Runner
from PIL import Image
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.output.svg import BAR, BAR_ROOM, LEFT, PANEL_COLOURS, render_svg

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
EXAMPLE = Path(__file__).parent / "example-chart.svg"
SVG = "{http://www.w3.org/2000/svg}"


def _png(svg: str, tmp_path: Path) -> Image.Image:
    assert shutil.which("rsvg-convert"), "rsvg-convert is needed (Debian's librsvg2-bin; .ci/run installs it)"
    source, target = tmp_path / "chart.svg", tmp_path / "chart.png"
    source.write_text(svg, encoding="utf-8")
    subprocess.run(["rsvg-convert", str(source), "-o", str(target)], check=True, capture_output=True)
    return Image.open(target).convert("RGB")


def _bars(image: Image.Image) -> list[tuple[str, int]]:
    """The bars drawn, top to bottom: each run of rows that holds a panel's colour where bars are drawn, as
    (the colour, its length in pixels)."""
    width, height = image.size
    data = image.tobytes()  # RGB, a row after another
    colours = {bytes(int(c[i:i + 2], 16) for i in (1, 3, 5)): c for c in PANEL_COLOURS.values()}
    bars, previous = [], None
    for y in range(height):
        row = data[(y * width + LEFT) * 3:(y * width + LEFT + BAR_ROOM + 1) * 3]
        counts = {colour: 0 for colour in colours}
        for x in range(0, len(row), 3):
            if row[x:x + 3] in counts:
                counts[row[x:x + 3]] += 1
        found = max(counts, key=lambda colour: counts[colour])
        current = (colours[found], counts[found]) if counts[found] else None
        if current and (previous is None or previous[0] != current[0]):
            bars.append(current)
        previous = current
    return bars


def _bar_lengths(image: Image.Image) -> list[int]:
    """The length of each stated amount's bar, top to bottom."""
    return [length for colour, length in _bars(image) if colour == BAR]


def test_the_svg_renders_with_bars_in_proportion(run: Runner, tmp_path: Path) -> None:
    result = run("chart", "gdp-2024", "trade-total-2024", "exports-2024", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    image = _png(result.stdout, tmp_path)
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 10  # text and bars, not a blank page
    lengths = _bar_lengths(image)
    assert len(lengths) == 3
    for length, value in zip(lengths, (1175.09, 499, 460), strict=True):
        assert abs(length / lengths[0] - value / 1175.09) < 0.01


def test_dataset_text_cannot_break_the_svg(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data", str(BEYOND), "chart", "--unit", "亿元", "--title",
                                      "</text><script>x</script>", "-f", "svg"])
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout)  # well-formed XML
    texts = [element.text or "" for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "</text><script>x</script>" in texts
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert _bar_lengths(_png(result.stdout, tmp_path))


def test_the_committed_example_is_what_the_command_draws(run: Runner) -> None:
    result = run("chart", "--category", "trade", "--unit", "亿元", "--derived", "-f", "svg")
    assert EXAMPLE.read_text(encoding="utf-8") == result.stdout, "regenerate tests/output/example-chart.svg"


@pytest.mark.parametrize("qualifier_id", ["exports-2024", "cultural-industry-target"])
def test_a_bound_is_drawn_past_its_bar(run: Runner, qualifier_id: str) -> None:
    svg = run("chart", qualifier_id, "-f", "svg").stdout
    assert "<polygon" in svg and "lower bound" in svg


def test_the_png_of_every_100_million_yuan_figure_shows_only_comparable_bars(run: Runner, tmp_path: Path) -> None:
    result = run("chart", "--unit", "亿元", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    bars = _bars(_png(result.stdout, tmp_path))
    colours = [colour for colour, _ in bars]
    # one colour a panel, the panels one after another: no class or target among the stated amounts
    assert colours == [BAR] * 4 + [PANEL_COLOURS["target"]] + [PANEL_COLOURS["class"]] * 2 + [
        PANEL_COLOURS["class-target"]]
    # each panel on its own axis (0-1250, 0-100, 0-1000, 0-3000), every bar in proportion on it
    expected = [(1175.09, 1250), (499, 1250), (460, 1250), (10, 1250), (100, 100), (1000, 1000), (500, 1000),
                (3000, 3000)]
    for (_, length), (value, axis) in zip(bars, expected, strict=True):
        assert abs(length - value / axis * BAR_ROOM) <= 1.5, (length, value, axis)


def test_screen_readers_get_a_title_a_description_and_a_role(run: Runner) -> None:
    root = ET.fromstring(run("chart", "--unit", "亿元", "-f", "svg").stdout)
    assert root.get("role") == "img"
    named = {element.get("id"): element.text for element in root if element.get("id")}
    assert root.get("aria-labelledby") == "linping-chart-title linping-chart-desc"
    assert named["linping-chart-title"] == ("以亿元计的实际数值、目标、规模级别和目标规模级别 · "
                                            "Stated amounts, targets, size classes and target size classes in "
                                            "100 million yuan")
    description = named["linping-chart-desc"] or ""
    assert description.startswith("A bar chart in 亿元 (100 million yuan), in 4 panels, each with its own axis.")
    for said in ("Stated amounts (实际数值): 2024年地区生产总值 (Gross regional product, 2024): 1175.09 亿元",
                 "Targets (目标): 文化产业增加值目标 (Cultural industry value-added target): >100 亿元 (target).",
                 "Size classes (规模级别): ", "1000 亿元 (class)", "Target size classes (目标规模级别): ",
                 "Sources: 004_2e8b7f18f2c2e2c7.txt, 000_f15d39121070376d.txt."):
        assert said in description
    assert [element.tag for element in root][:2] == [f"{SVG}title", f"{SVG}desc"]


def test_labels_wrap_and_the_credit_can_be_left_out(run: Runner) -> None:
    chart = json.loads(run("chart", "--unit", "亿元", "--json").stdout)
    svg = render_svg(chart)
    assert "…" not in svg and "Made with linping." in svg
    texts = "".join(element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text"))
    for bar in chart["bars"]:  # every label whole, if over several lines
        assert bar["label"].replace("；", "") in texts.replace("；", "")
        assert bar["label_en"].replace(" ", "") in texts.replace(" ", "")
    assert "Made with linping." not in render_svg(chart, credit=False)
    assert "来源 Source: 004_2e8b7f18f2c2e2c7.txt, 000_f15d39121070376d.txt." in render_svg(chart, credit=False)
