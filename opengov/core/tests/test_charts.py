"""Chart geometry: points inside the plot, labels that do not collide."""

from opengov.core.charts import line_chart


def test_points_run_left_to_right_and_bottom_to_top():
    chart = line_chart([("a", 0), ("b", 50), ("c", 100)])
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and xs[0] == chart.left and xs[-1] == chart.right
    assert chart.points[0].y == chart.bottom
    assert chart.points[2].y == chart.top
    assert chart.polyline.count(",") == 3


def test_values_above_the_maximum_are_clamped_to_the_plot():
    chart = line_chart([("a", 250), ("b", -0.0)])
    assert chart.points[0].y == chart.top


def test_x_labels_are_thinned_and_the_last_point_is_always_labelled():
    data = [(f"m{i}", i) for i in range(26)]
    chart = line_chart(data, max_x_labels=8)
    labels = [p.label for p in chart.x_ticks]
    assert labels[0] == "m0" and labels[-1] == "m25"
    assert len(labels) <= 9
    gaps = [b.x - a.x for a, b in zip(chart.x_ticks, chart.x_ticks[1:], strict=False)]
    assert min(gaps) >= (chart.plot_width / 25) * 2


def test_a_single_point_chart():
    chart = line_chart([("only", 40)])
    assert len(chart.points) == 1 and chart.x_ticks[0].label == "only"
