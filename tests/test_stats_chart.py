"""The /stats chart as pixels: a valid PNG whose bars are as tall as the data says, stacked
answered-then-not-found, with every label inside its own day."""

from __future__ import annotations

from datetime import date, timedelta

from png_reader import decode_png, png_size

from bot.stats_chart import (
    ANSWERED,
    ARTICLES,
    AXIS,
    BACKGROUND,
    CHART,
    INK,
    NOT_FOUND,
    PALETTE,
    ChartLayout,
    bar_heights,
    chart_has_data,
    render_activity_chart,
)
from retrieval.models import DayActivity

LAYOUT = ChartLayout(days=4, panel=120)  # 120 px: the counts below divide it evenly


def days_of(questions: list[tuple[int, int]], articles: list[int]) -> list[DayActivity]:
    """Days from 2025-03-30 on (across a month end) with (answered, not found) and articles."""
    first = date(2025, 3, 30)
    return [
        DayActivity(first + timedelta(days=n), answered + not_found, answered, added)
        for n, ((answered, not_found), added) in enumerate(zip(questions, articles, strict=True))
    ]


def bar_column(layout: ChartLayout, day: int) -> int:
    return layout.margin + day * layout.slot + layout.slot // 2


def test_a_month_renders_as_a_valid_png_of_the_layouts_size() -> None:
    days = [DayActivity(date(2025, 5, 1) + timedelta(days=n), n, n // 2, n % 3) for n in range(CHART.days)]
    png = render_activity_chart(days)
    width, height = png_size(png)
    assert width == 2 * CHART.margin + CHART.days * CHART.slot
    image = decode_png(png)  # CRCs, inflated size and rows checked while decoding
    assert (image.width, image.height) == (width, height) and height < width
    assert len(png) < 20_000


def test_bar_heights_follow_the_data() -> None:
    days = days_of([(0, 0), (2, 2), (4, 0), (1, 3)], [8, 4, 0, 2])
    image = decode_png(render_activity_chart(days, LAYOUT))
    # Questions peak at 4 (30 px each), articles at 8 (15 px each).
    expected = [(0, 0, 120), (60, 60, 60), (120, 0, 0), (30, 90, 30)]
    for day, (answered, not_found, added) in enumerate(expected):
        column = image.column(bar_column(LAYOUT, day))
        counted = tuple(column.count(PALETTE[colour]) for colour in (ANSWERED, NOT_FOUND, ARTICLES))
        assert counted == (answered, not_found, added), day
        if answered and not_found:  # "not found" is stacked on top of "answered"
            top_answered = column.index(PALETTE[ANSWERED])
            bottom_not_found = len(column) - 1 - column[::-1].index(PALETTE[NOT_FOUND])
            assert bottom_not_found == top_answered - 1


def test_one_question_among_hundreds_still_shows() -> None:
    assert bar_heights([(1, ANSWERED), (0, NOT_FOUND)], peak=500) == [1, 0]
    assert bar_heights([(500, ANSWERED)], peak=500) == [CHART.panel]
    assert bar_heights([(0, ARTICLES)], peak=0) == [0]


def test_labels_stay_inside_their_own_day_even_for_large_counts() -> None:
    days = days_of([(99_999, 12_345), (7, 0), (1000, 0), (0, 0)], [1234, 5, 0, 10])
    image = decode_png(render_activity_chart(days, LAYOUT))
    inked = {
        x
        for row in image.rows
        for x, pixel in enumerate(row)
        if pixel not in (PALETTE[BACKGROUND], PALETTE[AXIS])
    }
    edges = {LAYOUT.margin + day * LAYOUT.slot + side for day in range(4) for side in (0, LAYOUT.slot - 1)}
    assert inked and not inked & edges
    # Every day has a label (its day of the month, 30 31 1 2) below each panel.
    for day in range(4):
        slot = range(LAYOUT.margin + day * LAYOUT.slot + 1, LAYOUT.margin + (day + 1) * LAYOUT.slot - 1)
        assert any(
            image.rows[y][x] == PALETTE[INK] for y in range(image.height - 40, image.height) for x in slot
        ), day


def test_no_activity_means_no_chart() -> None:
    assert not chart_has_data(days_of([(0, 0)] * 3, [0, 0, 0]))
    assert chart_has_data(days_of([(0, 0), (0, 1), (0, 0)], [0, 0, 0]))
    assert chart_has_data(days_of([(0, 0)] * 3, [0, 0, 1]))
