"""The Dietary Reference Intakes and workspace settings, alike in every store: the DuckDB file
holds the table the build loaded from data/dri, the memory fake the file itself."""

from __future__ import annotations

from menuplanner.domain.dri import GoalKind, UpperKind
from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.dri.files import bundled_table


def test_the_store_holds_the_bundled_reference_intakes(uow):
    table = uow.intakes.table()
    assert table == bundled_table()
    iron = table.values[("female_19_30", "iron_mg")]
    assert (iron.kind, iron.goal, iron.upper_kind, iron.upper) == (
        GoalKind.RDA,
        18.0,
        UpperKind.UL,
        45.0,
    )
    assert table.source.startswith("National Academies")
    assert len(table.values) == 460 and len(table.notes) == 23


def test_the_energy_unit_is_kcal_until_a_workspace_chooses_kj(make_uow):
    with make_uow("north") as north:
        assert north.settings.energy_unit() is EnergyUnit.KCAL
        north.settings.set_energy_unit(EnergyUnit.KJ)
        north.commit()
    with make_uow("north") as north:
        assert north.settings.energy_unit() is EnergyUnit.KJ
    with make_uow("south") as south:
        assert south.settings.energy_unit() is EnergyUnit.KCAL


def test_a_setting_not_committed_is_not_kept(make_uow):
    with make_uow() as unit:
        unit.settings.set_energy_unit(EnergyUnit.KJ)
    with make_uow() as unit:
        assert unit.settings.energy_unit() is EnergyUnit.KCAL
