"""Statistics against known values (computed by hand and with R's t.test)."""

import math

import pytest

from lidzdaliba.surveys.stats import summarise, t_quantile_975
from lidzdaliba.surveys.words import lemmas_of, word_frequencies


def test_mean_median_and_ci_of_one_to_five():
    s = summarise({1: 1, 2: 1, 3: 1, 4: 1, 5: 1})
    assert s.n == 5 and s.mean == 3 and s.median == 3
    # t.test(1:5): 1.036757 4.963243
    assert s.ci95 == pytest.approx((1.036757, 4.963243), abs=1e-4)


def test_even_count_median_is_the_middle_pair_average():
    s = summarise({2: 2, 7: 1, 9: 1})  # 2 2 7 9
    assert s.median == 4.5
    assert s.mean == 5


def test_source_like_distribution():
    counts = {1: 10, 3: 20, 5: 40, 6: 30, 8: 35, 10: 20}  # n 155
    s = summarise(counts)
    values = [v for v, c in counts.items() for _ in range(c)]
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    half = 1.975488 * sd / math.sqrt(len(values))  # qt(0.975, 154)
    assert s.mean == pytest.approx(mean)
    assert s.median == 6
    assert s.ci95 == pytest.approx((mean - half, mean + half), abs=1e-4)


@pytest.mark.parametrize(
    ("df", "t"),
    [
        (1, 12.7062),
        (10, 2.2281),
        (30, 2.0423),
        (31, 2.0395),
        (60, 2.0003),
        (154, 1.9755),
        (1000, 1.9623),
    ],
)
def test_t_quantiles(df, t):
    assert t_quantile_975(df) == pytest.approx(t, abs=5e-4)


def test_single_answer_has_no_interval_and_none_has_nothing():
    assert summarise({4: 1}).ci95 is None
    assert summarise({}).mean is None


def test_latvian_lemmas_group_inflected_forms():
    assert set(lemmas_of("atzinums atzinumu atzinumi atzinumiem")) == {"atzinums"}
    assert set(lemmas_of("iestāde iestādes iestādēm")) == {"iestāde"}
    words = dict(word_frequencies(["Iestādes neņem vērā atzinumus", "Mans atzinums un iestāde"]))
    assert words["atzinums"] == 2 and words["iestāde"] == 2
    assert "un" not in words and "mans" not in words
