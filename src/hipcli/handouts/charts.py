"""Charts as inline SVG, readable in black and white: bars in grey with black outlines,
lines told apart by dash pattern and marker shape, a legend inside the picture."""

from __future__ import annotations

from typing import Optional

from hipcli.handouts.text import h, number
from hipcli.records import record

WIDTH, HEIGHT = 400, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 16, 30
# series styles: dash pattern and marker, so two lines differ without colour
STYLES = (("", "circle"), ("5 3", "square"), ("1.5 2.5", "triangle"))


@record
class Series:
    name: str
    values: list[Optional[float]]  # one per x label; None where there is no value


def _axis_max(values: list[float]) -> float:
    top = max([v for v in values if v is not None] + [1.0])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top <= step * 5:
            return step * -(-top // step)
    return top


def _frame(y_max: float, labels: list[str], unit: str) -> list[str]:
    """Axes, four gridlines with their values, and about eight x labels."""
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [f'<text x="{LEFT}" y="10" font-size="9">{h(unit)}</text>']
    for i in range(5):
        value = y_max * i / 4
        y = HEIGHT - BOTTOM - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#000" stroke-width="{0.8 if i == 0 else 0.25}"/>')
        parts.append(f'<text x="{LEFT - 3}" y="{y + 3:.1f}" font-size="8" '
                     f'text-anchor="end">{number(value)}</text>')
    every = max(1, -(-len(labels) // 8))
    for i, label in enumerate(labels):
        if i % every == 0:
            parts.append(f'<text x="{_x(i, len(labels)):.1f}" y="{HEIGHT - BOTTOM + 11}" '
                         f'font-size="8" text-anchor="middle">{h(label)}</text>')
    return parts


def _x(index: int, count: int) -> float:
    slot = (WIDTH - LEFT - RIGHT) / max(count, 1)
    return LEFT + slot * (index + 0.5)


def _y(value: float, y_max: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / y_max


def _svg(title: str, parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{h(title)}" font-family="sans-serif">'
            f'<title>{h(title)}</title>' + "".join(parts) + "</svg>")


def bar_chart(title: str, labels: list[str], values: list[float], *, unit: str = "",
              target: Optional[float] = None) -> str:
    """Bars, one per label; an optional target drawn as a dashed line with its value."""
    y_max = _axis_max(list(values) + ([target] if target else []))
    parts = _frame(y_max, labels, unit)
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    for i, value in enumerate(values):
        top = _y(value, y_max)
        parts.append(f'<rect x="{_x(i, len(labels)) - slot * 0.35:.1f}" y="{top:.1f}" '
                     f'width="{slot * 0.7:.1f}" height="{_y(0, y_max) - top:.1f}" '
                     'fill="#bbb" stroke="#000" stroke-width="0.6"/>')
    if target:
        y = _y(target, y_max)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     'stroke="#000" stroke-width="1.4" stroke-dasharray="6 3"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{y - 3:.1f}" font-size="9" '
                     f'text-anchor="end">target {number(target)}</text>')
    return _svg(title, parts)


def line_chart(title: str, labels: list[str], series: list[Series], *, unit: str = "") -> str:
    """One line per series, each with its own dash pattern and marker, and a legend."""
    y_max = _axis_max([v for s in series for v in s.values if v is not None])
    parts = _frame(y_max, labels, unit)
    for n, line in enumerate(series):
        dash, marker = STYLES[n % len(STYLES)]
        points = [(_x(i, len(labels)), _y(v, y_max)) for i, v in enumerate(line.values)
                  if v is not None]
        if len(points) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{coords}" fill="none" stroke="#000" '
                         f'stroke-width="1.3"{dashes}/>')
        if len(points) <= 40:
            parts += [_marker(marker, x, y) for x, y in points]
        parts += _legend_entry(n, line.name, dash, marker)
    return _svg(title, parts)


def _legend_entry(n: int, name: str, dash: str, marker: str) -> list[str]:
    x = LEFT + 60 + n * 110
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return [f'<line x1="{x}" y1="7" x2="{x + 22}" y2="7" stroke="#000" stroke-width="1.3"'
            f'{dashes}/>', _marker(marker, x + 11, 7),
            f'<text x="{x + 26}" y="10" font-size="9">{h(name)}</text>']


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return (f'<rect x="{x - 2.5:.1f}" y="{y - 2.5:.1f}" width="5" height="5" fill="#fff" '
                'stroke="#000" stroke-width="1"/>')
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - 3:.1f} {x + 3:.1f},{y + 2.5:.1f} '
                f'{x - 3:.1f},{y + 2.5:.1f}" fill="#000"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" fill="#000"/>'
