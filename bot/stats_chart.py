"""The /stats chart: per day, questions (answered below, "not found" stacked on top) and, under
them, articles added, as a PNG. Its only labels are numbers (the count above each bar, the day
of the month below it), so one picture serves Arabic and English; the caption is the legend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.png_canvas import GLYPH_HEIGHT, Canvas, digits_width
from retrieval.models import DayActivity


@dataclass(frozen=True)
class ChartLayout:
    """Sizes in pixels; large enough to stay legible after Telegram recompresses the photo."""

    days: int = 30  # days shown, ending today
    slot: int = 28  # width of one day
    bar: int = 20  # width of a bar within its slot
    panel: int = 150  # height of a panel's tallest bar
    margin: int = 16
    gap: int = 4  # between a bar and its labels
    scale: int = 2  # screen pixels per font pixel


CHART = ChartLayout()

# Palette indexes, in the colours of the caption's legend squares (🟩 🟧 🟦).
BACKGROUND, INK, AXIS, ANSWERED, NOT_FOUND, ARTICLES = range(6)
PALETTE = [
    (255, 255, 255),
    (60, 60, 60),
    (170, 170, 170),
    (120, 177, 89),
    (244, 144, 12),
    (85, 172, 238),
]

Segment = tuple[int, int]  # (count, palette index), stacked from the bottom


def chart_has_data(days: Sequence[DayActivity]) -> bool:
    """Whether there is anything to draw (else /stats sends its text alone)."""
    return any(day.questions or day.articles for day in days)


def render_activity_chart(days: Sequence[DayActivity], layout: ChartLayout = CHART) -> bytes:
    """`days`, oldest first, as a PNG: questions per day above articles added per day."""
    label = GLYPH_HEIGHT * layout.scale
    # Value labels, headroom for rounding up small segments, bars, axis, day labels.
    panel_height = label + layout.gap + 2 + layout.panel + 2 + layout.gap + label
    width = 2 * layout.margin + len(days) * layout.slot
    height = 2 * layout.margin + 2 * panel_height + layout.margin
    canvas = Canvas(width, height, PALETTE, BACKGROUND)
    questions = [[(d.answered, ANSWERED), (d.not_found, NOT_FOUND)] for d in days]
    articles = [[(d.articles, ARTICLES)] for d in days]
    for number, bars in enumerate((questions, articles)):
        top = layout.margin + number * (panel_height + layout.margin)
        baseline = top + label + layout.gap + 2 + layout.panel
        _draw_panel(canvas, bars, [d.day.day for d in days], baseline, layout)
    return canvas.png()


def bar_heights(segments: Sequence[Segment], peak: int, layout: ChartLayout = CHART) -> list[int]:
    """Pixel height of each segment: in proportion to `peak` (the panel's tallest bar), and at
    least one pixel for any count above zero so that no day with activity looks empty."""
    if peak <= 0:
        return [0 for _ in segments]
    return [max(1, round(count * layout.panel / peak)) if count else 0 for count, _ in segments]


def _draw_panel(
    canvas: Canvas, bars: list[list[Segment]], days_of_month: list[int], baseline: int, layout: ChartLayout
) -> None:
    peak = max((sum(count for count, _ in segments) for segments in bars), default=0)
    canvas.fill(layout.margin, baseline, canvas.width - layout.margin, baseline + 2, AXIS)
    for number, segments in enumerate(bars):
        slot_left = layout.margin + number * layout.slot
        bar_left = slot_left + (layout.slot - layout.bar) // 2
        bottom = baseline
        for height, (_, colour) in zip(bar_heights(segments, peak, layout), segments, strict=True):
            canvas.fill(bar_left, bottom - height, bar_left + layout.bar, bottom, colour)
            bottom -= height
        total = str(sum(count for count, _ in segments))
        if total != "0":
            scale = _fitting_scale(total, layout)
            _centred(canvas, total, slot_left, bottom - layout.gap - GLYPH_HEIGHT * scale, scale, layout)
        day = str(days_of_month[number])
        _centred(canvas, day, slot_left, baseline + 2 + layout.gap, layout.scale, layout)


def _fitting_scale(digits: str, layout: ChartLayout) -> int:
    """The largest scale at which `digits` fits in a day's slot without touching its
    neighbours' labels (smaller print for counts of four digits and more)."""
    for scale in range(layout.scale, 1, -1):
        if digits_width(digits, scale) <= layout.slot - 2:
            return scale
    return 1


def _centred(canvas: Canvas, digits: str, slot_left: int, top: int, scale: int, layout: ChartLayout) -> None:
    left = slot_left + (layout.slot - digits_width(digits, scale)) // 2
    canvas.draw_digits(left, top, digits, INK, scale)
