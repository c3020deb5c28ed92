"""`chart -f svg`, looked at: rendered to PNG by a real renderer (rsvg-convert), its pixels read with Pillow."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Runner, needs
from PIL import Image
from typer.testing import CliRunner

from linping_cli.cli.app import app
from linping_cli.output.svg import BAR

BEYOND = Path(__file__).parent.parent / "fixture_beyond_region.toml"
EXAMPLE = Path(__file__).parent / "example-chart.svg"
COLOUR = tuple(int(BAR[i:i + 2], 16) for i in (1, 3, 5))


def _png(svg: str, tmp_path: Path) -> Image.Image:
    needs("rsvg-convert")
    source, target = tmp_path / "chart.svg", tmp_path / "chart.png"
    source.write_text(svg, encoding="utf-8")
    subprocess.run(["rsvg-convert", str(source), "-o", str(target)], check=True, capture_output=True)
    return Image.open(target).convert("RGB")


def _bar_lengths(image: Image.Image) -> list[int]:
    """The length of each run of bar-coloured rows, top to bottom: one per stated bar."""
    width, height = image.size
    data, colour = image.tobytes(), bytes(COLOUR)  # RGB, a row after another
    lengths, previous = [], 0
    for y in range(height):
        row = data[y * width * 3:(y + 1) * width * 3]
        count = sum(row[x:x + 3] == colour for x in range(0, len(row), 3))
        if count and not previous:
            lengths.append(count)
        previous = count
    return lengths


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
