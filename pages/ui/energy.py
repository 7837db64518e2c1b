"""The workspace's energy unit on the app side. A page reads it once (`energy_unit()`, one
small query) and passes it to what it draws."""

from __future__ import annotations

from menuplanner.domain.energy_units import EnergyUnit
from menuplanner.services import settings
from pages.ui import database


def energy_unit() -> EnergyUnit:
    return settings.get_energy_unit(database.unit_of_work())
