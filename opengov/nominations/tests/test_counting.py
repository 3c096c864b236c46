"""The counting rules, from published worked examples and hand-worked cases."""

from __future__ import annotations

from opengov.nominations.counting import SCALE, plurality, stv

# Wikipedia, "Single transferable vote", worked example (Droop quota, Gregory transfers): 20
# voters choose three foods. Oranges 4; Pears > Oranges 2; Chocolate > Strawberries 8;
# Chocolate > Hamburgers 4; Strawberries 1; Hamburgers 1. Elected: Chocolate, Oranges,
# Strawberries.
ORANGES, PEARS, CHOCOLATE, STRAWBERRIES, HAMBURGERS = 1, 2, 3, 4, 5
FOOD = (
    [[ORANGES]] * 4
    + [[PEARS, ORANGES]] * 2
    + [[CHOCOLATE, STRAWBERRIES]] * 8
    + [[CHOCOLATE, HAMBURGERS]] * 4
    + [[STRAWBERRIES]]
    + [[HAMBURGERS]]
)


def units(*values: float) -> list[int]:
    return [round(v * SCALE) for v in values]


def test_stv_elects_the_wikipedia_food_election():
    result = stv.count(FOOD, [1, 2, 3, 4, 5], seats=3, seed=1)
    assert result.quota == 6 * SCALE
    assert result.elected == [CHOCOLATE, ORANGES, STRAWBERRIES]
    first, surplus, pears_out, burgers_out, last = result.stages
    assert [first.totals[c] for c in (1, 2, 3, 4, 5)] == units(4, 2, 12, 1, 1)
    assert first.elected == [CHOCOLATE]
    # Chocolate's surplus of 6 passes on at 6/12 = 0.5 a ballot: Strawberries +4, Hamburgers +2.
    assert (surplus.action, surplus.candidate) == ("surplus", CHOCOLATE)
    assert [surplus.totals[c] for c in (1, 2, 3, 4, 5)] == units(4, 2, 6, 5, 3)
    assert (pears_out.action, pears_out.candidate, pears_out.elected) == (
        "exclusion", PEARS, [ORANGES],
    )  # fmt: skip
    assert pears_out.totals[ORANGES] == 6 * SCALE
    # Hamburgers' ballots have no further preference: 1 + 4 × 0.5 = 3 votes are non-transferable.
    assert (burgers_out.candidate, burgers_out.non_transferable) == (HAMBURGERS, 3 * SCALE)
    assert (last.action, last.elected) == ("last", [STRAWBERRIES])
    assert result.lots_drawn == 0


def test_stv_transfer_values_are_truncated_to_five_places():
    # 7 ballots, 1 seat... two seats: quota = 7 // 3 + 1 = 3. A has 6: surplus 3 over 6 ballots,
    # each worth 3/6 = 0.5. With 7 ballots for A (quota 4 for 2 seats of 10), truncation shows:
    ballots = [["A", "B"]] * 7 + [["C"]] * 3
    ids = {"A": 1, "B": 2, "C": 3}
    numeric = [[ids[c] for c in b] for b in ballots]
    result = stv.count(numeric, [1, 2, 3], seats=2, seed=1)
    # quota = 10 // 3 + 1 = 4; A's surplus 3 over 7 ballots: 0.42857 each (remainder ignored).
    assert result.quota == 4 * SCALE
    surplus = result.stages[1]
    assert surplus.totals[2] == 7 * (3 * SCALE // 7) == 299_999
    assert surplus.non_transferable == 1  # the one hundred-thousandth truncation lost
    assert result.elected == [1, 3]


def test_stv_exclusion_tie_is_broken_by_the_earlier_stage():
    # Two seats, 13 ballots: quota 13 // 3 + 1 = 5. Stage 1: A 10, B 2, C 1. A's surplus of 5
    # passes on at 0.5 a ballot; two of A's ballots go on to C: B 2, C 2. They tie; at stage 1
    # C had fewer, so C is excluded (rule 50(2)(a)) and B is elected.
    a, b, c = 1, 2, 3
    ballots = [[a, c]] * 2 + [[a]] * 8 + [[b]] * 2 + [[c]]
    result = stv.count(ballots, [a, b, c], seats=2, seed=7)
    exclusion = result.stages[2]
    assert result.stages[1].totals[b] == result.stages[1].totals[c] == 2 * SCALE
    assert (exclusion.candidate, exclusion.tie_break) == (c, "earlier stage")
    assert result.elected == [a, b]
    assert result.lots_drawn == 0


def test_a_tie_at_every_stage_is_decided_by_lot_with_the_seed():
    ballots = [[1], [2], [3]]
    picks = {tuple(stv.count(ballots, [1, 2, 3], seats=1, seed=s).elected) for s in range(40)}
    assert len(picks) > 1  # the lot really varies with the seed…
    again = [stv.count(ballots, [1, 2, 3], seats=1, seed=11) for _ in range(3)]
    assert len({tuple(r.elected) for r in again}) == 1  # …and the same seed redraws the same
    assert again[0].lots_drawn >= 1
    assert any(s.tie_break == "lot" for s in again[0].stages)


def test_stv_with_as_many_candidates_as_seats_elects_them():
    result = stv.count([[1], [2]], [1, 2, 3], seats=3, seed=1)
    assert sorted(result.elected) == [1, 2, 3]


def test_plurality_elects_the_most_voted_and_ignores_marks_past_the_seats():
    ballots = [[1, 2], [1, 3], [2, 1], [3, 2, 1]]  # the last marks three: only 3 and 2 count
    result = plurality.count(ballots, [1, 2, 3], seats=2, seed=1)
    assert result.first == {1: 3 * SCALE, 2: 3 * SCALE, 3: 2 * SCALE}
    assert result.elected == [1, 2]
    assert result.lots_drawn == 0


def test_plurality_tie_for_the_last_seat_is_drawn_by_lot():
    ballots = [[1], [1], [2], [3]]
    winners = {plurality.count(ballots, [1, 2, 3], seats=2, seed=s).elected[1] for s in range(40)}
    assert winners == {2, 3}
    result = plurality.count(ballots, [1, 2, 3], seats=2, seed=5)
    assert result.lots_drawn == 1 and result.stages[0].tie_break == "lot"


def test_ballots_for_unknown_candidates_are_not_counted():
    result = plurality.count([[9], [1]], [1, 2], seats=1, seed=1)
    assert result.valid_ballots == 1 and result.elected == [1]
