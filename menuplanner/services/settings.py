"""A workspace's settings: the energy unit its pages and exports show (the database keeps
kcal)."""

from __future__ import annotations

from menuplanner.domain.energy_units import EnergyUnit, energy_unit
from menuplanner.ports import UnitOfWork


def get_energy_unit(uow: UnitOfWork) -> EnergyUnit:
    with uow:
        return uow.settings.energy_unit()


def set_energy_unit(uow: UnitOfWork, unit: EnergyUnit | str) -> EnergyUnit:
    """Store the workspace's energy unit (kcal or kJ; anything else is refused)."""
    chosen = energy_unit(unit)
    with uow:
        uow.settings.set_energy_unit(chosen)
        uow.commit()
    return chosen
