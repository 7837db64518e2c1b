"""Swap in the Menu builder: the item takes the substitute's own household measure, and its
amount can be changed at once in that measure (issue 17: the old food's unit stayed behind)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _unit_pickers(app: AppTest) -> dict[int, object]:
    return {
        int(str(w.key).split("_")[2]): w
        for w in app.selectbox
        if str(w.key).startswith("builder_unit_")
    }


def test_a_swapped_food_gets_its_own_measure_and_its_amount_changes_in_it(builder: AppTest):
    before = _unit_pickers(builder)
    item_id = next(i for i, picker in before.items() if picker.value not in ("g",))
    old_key = before[item_id].key
    builder.session_state[f"builder_swap_open_{item_id}"] = True  # drawn only while open
    builder.run()
    builder.button(key=f"builder_swap_suggest_{item_id}").click().run()
    [first, *_] = [
        b for b in builder.button if str(b.key).startswith(f"builder_swap_use_{item_id}_")
    ]
    first.click().run()
    assert not builder.exception

    picker = _unit_pickers(builder)[item_id]
    assert picker.key != old_key  # a new widget for the new food
    assert picker.index is not None and picker.value != "g"  # one of the new food's own
    assert picker.options[picker.index].endswith(" g")  # its label shows the weight
    amount = builder.number_input(key=f"builder_amount_{item_id}")
    amount.set_value(amount.value + 1).run()
    assert [e.value for e in builder.error] == []
    assert builder.number_input(key=f"builder_amount_{item_id}").value == amount.value
    assert _unit_pickers(builder)[item_id].value == picker.value
