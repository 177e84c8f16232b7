"""Small line drawings of the starting positions, as inline SVG: black strokes on white.

Each figure is a head (a circle) and limbs (polylines) on a floor line, in a 120 x 80 box.
"""

from __future__ import annotations

from hipcli.handouts.text import h

Point = tuple[float, float]
FLOOR_Y = 74

# position -> (head centre, limbs as polylines)
FIGURES: dict[str, tuple[Point, list[list[Point]]]] = {
    "standing": ((60, 12), [[(60, 18), (60, 44)], [(60, 24), (50, 40)], [(60, 24), (70, 40)],
                            [(60, 44), (54, 74)], [(60, 44), (66, 74)]]),
    "seated": ((34, 26), [[(34, 32), (36, 70)], [(35, 40), (56, 58)],
                          [(36, 70), (62, 56), (86, 72)], [(36, 70), (60, 62), (88, 74)]]),
    "ninety-ninety": ((60, 24), [[(60, 30), (60, 62)], [(60, 38), (48, 54)], [(60, 38), (72, 54)],
                                 [(60, 64), (88, 64), (88, 74)], [(60, 64), (32, 64), (32, 74)]]),
    "supine": ((16, 66), [[(22, 68), (58, 68)], [(28, 68), (46, 72)],
                          [(58, 68), (76, 50), (92, 72)], [(58, 70), (78, 54), (96, 73)]]),
    "prone": ((16, 66), [[(22, 69), (60, 69)], [(24, 69), (14, 74)],
                         [(60, 69), (98, 72)], [(60, 70), (86, 70), (86, 44)]]),
    "side-lying": ((14, 58), [[(20, 62), (56, 64)], [(18, 66), (8, 72)], [(22, 62), (40, 70)],
                              [(56, 64), (74, 50), (96, 66)], [(56, 66), (76, 68), (98, 70)]]),
    "quadruped": ((20, 40), [[(28, 46), (74, 46)], [(30, 46), (30, 74)], [(34, 46), (36, 74)],
                             [(74, 46), (74, 74), (100, 74)], [(70, 46), (68, 74), (94, 74)]]),
    "kneeling": ((56, 12), [[(56, 18), (56, 46)], [(56, 24), (46, 38)], [(56, 24), (66, 38)],
                            [(56, 46), (78, 48), (78, 74)], [(56, 46), (48, 74), (26, 74)]]),
}
CAPTIONS = {"ninety-ninety": "90/90 seat (seen from the front)", "side-lying": "side-lying"}


def figure_for(position: str, exercise_id: str, name: str) -> str:
    """Which figure suits an exercise: the 90/90 seat when its name says so, else its position."""
    if "ninety-ninety" in exercise_id or "90/90" in name or "90-90" in name:
        return "ninety-ninety"
    return position if position in FIGURES else "standing"


def caption(figure: str) -> str:
    return CAPTIONS.get(figure, figure)


def drawing_svg(figure: str, *, width_mm: float = 32) -> str:
    """The figure as an inline SVG element, labelled for screen readers."""
    head, limbs = FIGURES[figure]
    lines = [f'<line x1="2" y1="{FLOOR_Y + 1}" x2="118" y2="{FLOOR_Y + 1}" '
             'stroke="#000" stroke-width="1" stroke-dasharray="3 2"/>']
    lines += [_polyline(points, 3.2) for points in limbs]
    lines.append(f'<circle cx="{head[0]}" cy="{head[1]}" r="6" fill="#fff" stroke="#000" '
                 'stroke-width="2.4"/>')
    label = h(f"Position: {caption(figure)}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80" '
            f'width="{width_mm}mm" height="{width_mm * 80 / 120:.1f}mm" role="img" '
            f'aria-label="{label}" class="position position-{figure}"><title>{label}</title>'
            + "".join(lines) + "</svg>")


def _polyline(points: list[Point], width: float) -> str:
    coords = " ".join(f"{x:g},{y:g}" for x, y in points)
    return (f'<polyline points="{coords}" fill="none" stroke="#000" stroke-width="{width}" '
            'stroke-linecap="round" stroke-linejoin="round"/>')
