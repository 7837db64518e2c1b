"""The client profile form and the choice of how targets are set. Owns its widget keys under
`key`; turning what was typed into a Client is left to the services.

Number inputs have no bounds on purpose: Streamlit silently puts back the previous value when
one is typed outside them, so "-5 kg" would be saved as the old weight. Unbounded, the typed
value reaches the domain checks, whose message names the field and the accepted range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from menuplanner.domain.clients import ActivityLevel, Client, Condition, Goal, Sex
from menuplanner.domain.tags import Allergen, Diet
from menuplanner.domain.targets import (
    ACTIVITY_FACTORS,
    FIBRE_G_PER_1000_KCAL,
    GOAL_ADJUSTMENT_KCAL,
    SODIUM_MAX_MG,
    Targets,
)
from menuplanner.services import clients as client_service
from pages.ui.text import literal

FROM_PROFILE = "From the profile"
TYPED = "Typed by hand"
DEFAULT_TYPED = Targets(2000.0, 75.0, 250.0, 67.0, 25.0, 2300.0)
ACTIVITY_HINTS = {
    ActivityLevel.SEDENTARY: "Sedentary: desk job, little or no exercise",
    ActivityLevel.LIGHT: "Light: exercise 1–3 days a week",
    ActivityLevel.MODERATE: "Moderate: exercise 3–5 days a week",
    ActivityLevel.ACTIVE: "Active: hard exercise 6–7 days a week",
    ActivityLevel.VERY_ACTIVE: "Very active: physical job or training twice a day",
}
GOAL_LABELS = {Goal.LOSE: "Lose weight", Goal.MAINTAIN: "Maintain weight", Goal.GAIN: "Gain weight"}


@dataclass(frozen=True, slots=True)
class TargetChoice:
    typed: bool  # targets typed by hand rather than computed from the profile
    macros_in_pct: bool  # typed macros in % of energy rather than grams


def target_choice(key: str, client: Client | None) -> TargetChoice:
    """Radio (and, for typed targets, a grams / % toggle); outside the form so the form's
    target fields follow the choice at once."""
    typed_now = client is not None and client.manual_targets is not None
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    mode = left.radio(
        "How are the daily targets set?",
        [FROM_PROFILE, TYPED],
        index=1 if typed_now else 0,
        horizontal=True,
        key=f"{key}_target_mode",
        help="From the profile: Mifflin-St Jeor resting energy × activity factor + goal "
        "adjustment; protein per kg of body weight, fat as % of energy, carbohydrate the rest.",
    )
    in_pct = False
    if mode == TYPED:
        in_pct = right.toggle("Macros as % of energy", key=f"{key}_macros_in_pct")
    return TargetChoice(mode == TYPED, in_pct)


def client_form(
    key: str,
    client: Client | None,
    choice: TargetChoice,
    today: dt.date,
    shown_targets: Targets | None = None,
    measurement_note: str | None = None,
) -> Client | None:
    """Draws the profile form. Returns the client as typed when the form is submitted, None
    otherwise; raises MenuplannerError when the typed values cannot make one (the page shows it).

    `shown_targets` prefill typed targets; `measurement_note` is shown under height and weight
    (e.g. what is missing to compute targets)."""
    old = client or Client(name="", sex=Sex.FEMALE)
    with st.form(f"{key}_form"):
        name = st.text_input("Name", value=old.name, key=f"{key}_name")
        sex_column, year_column, age_column = st.columns(3)
        sex = sex_column.radio(
            "Sex",
            list(Sex),
            index=list(Sex).index(Sex(old.sex)),
            horizontal=True,
            format_func=lambda s: s.value.capitalize(),
            key=f"{key}_sex",
        )
        birth_year = year_column.number_input(
            "Birth year",
            value=old.birth_year,
            step=1,
            placeholder="e.g. 1988",
            key=f"{key}_birth_year",
        )
        age = age_column.number_input(
            "or age (years)",
            value=None,
            step=1,
            placeholder=_age_hint(old, today),
            key=f"{key}_age",
            help="Give the birth year or the age; the age is the one reached this year.",
        )
        condition = st.radio(
            "Pregnant or breastfeeding",
            list(Condition),
            index=list(Condition).index(Condition(old.condition)),
            horizontal=True,
            format_func=lambda c: c.label,
            key=f"{key}_condition",
            help="Pregnancy and breastfeeding have micronutrient reference values of their own "
            "(Dietary Reference Intakes); for women only.",
        )
        height_column, weight_column = st.columns(2)
        height = height_column.number_input(
            "Height (cm)",
            value=old.height_cm,
            step=1.0,
            format="%.1f",
            placeholder="e.g. 168",
            key=f"{key}_height",
        )
        weight = weight_column.number_input(
            "Weight (kg)",
            value=old.weight_kg,
            step=0.5,
            format="%.1f",
            placeholder="e.g. 64",
            key=f"{key}_weight",
        )
        if measurement_note:
            st.warning(literal(measurement_note))
        activity_column, goal_column = st.columns(2)
        activity = activity_column.selectbox(
            "Activity level",
            list(ActivityLevel),
            index=list(ActivityLevel).index(old.activity),
            format_func=lambda a: f"{ACTIVITY_HINTS[a]} (× {ACTIVITY_FACTORS[a]:g})",
            key=f"{key}_activity",
        )
        goal = goal_column.radio(
            "Goal",
            list(Goal),
            index=list(Goal).index(old.goal),
            horizontal=True,
            format_func=_goal_label,
            key=f"{key}_goal",
        )
        allergy_column, diet_column = st.columns(2)
        allergies = allergy_column.multiselect(
            "Allergies",
            list(Allergen),
            default=sorted(old.allergies, key=list(Allergen).index),
            format_func=lambda a: a.label,
            key=f"{key}_allergies",
            placeholder="None",
        )
        diets = diet_column.multiselect(
            "Diet",
            list(Diet),
            default=sorted(old.diets, key=list(Diet).index),
            format_func=lambda d: d.label,
            key=f"{key}_diets",
            placeholder="No special diet",
        )
        dislikes = st.text_input(
            "Disliked foods",
            value=", ".join(old.dislikes),
            key=f"{key}_dislikes",
            placeholder="e.g. liver, olives",
            help="Separate with commas; each word or phrase is matched against food names.",
        )
        notes = st.text_area("Notes", value=old.notes, key=f"{key}_notes", height=90)

        st.markdown("**Targets typed by hand**" if choice.typed else "**Targets from the profile**")
        if choice.typed:
            manual = _typed_fields(
                key, old.manual_targets or shown_targets or DEFAULT_TYPED, choice.macros_in_pct
            )
            protein_per_kg, fat_pct = old.protein_g_per_kg, old.fat_pct
        else:
            manual = None
            protein_per_kg, fat_pct = _profile_factors(key, old)
        submitted = st.form_submit_button(
            "Create client" if old.client_id is None else "Save client", type="primary"
        )
    if not submitted:
        return None
    return Client(
        name=name,
        sex=sex,
        birth_year=client_service.birth_year_from(age, birth_year, today),
        height_cm=height,
        weight_kg=weight,
        activity=activity,
        goal=goal,
        allergies=frozenset(allergies),
        diets=frozenset(diets),
        dislikes=tuple(dislikes.split(",")),
        notes=notes,
        protein_g_per_kg=protein_per_kg,
        fat_pct=fat_pct,
        manual_targets=manual() if manual else None,
        is_demo=old.is_demo,
        client_id=old.client_id,
        condition=condition,
        nutrient_goals=old.nutrient_goals,
    )


def _goal_label(goal: Goal) -> str:
    adjustment = GOAL_ADJUSTMENT_KCAL[goal]
    if not adjustment:
        return GOAL_LABELS[goal]
    return f"{GOAL_LABELS[goal]} ({adjustment:+,g} kcal/day)".replace("-", "−")


def _age_hint(client: Client, today: dt.date) -> str:
    if client.birth_year is None:
        return "e.g. 36"
    return f"{today.year - client.birth_year} this year"


def _profile_factors(key: str, client: Client) -> tuple[float, float]:
    protein_column, fat_column = st.columns(2)
    protein = protein_column.number_input(
        "Protein (g per kg body weight)",
        value=float(client.protein_g_per_kg),
        step=0.1,
        format="%.1f",
        key=f"{key}_protein_per_kg",
        help="0.8 g/kg covers most adults; 1.2–1.6 for older adults, weight loss or training.",
    )
    fat = fat_column.number_input(
        "Fat (% of energy)",
        value=float(client.fat_pct),
        step=1.0,
        format="%.0f",
        key=f"{key}_fat_pct",
        help="20–35 % of energy for adults. Carbohydrate gets the energy left over.",
    )
    st.caption(
        f"Fibre: at least {FIBRE_G_PER_1000_KCAL:g} g per 1,000 kcal. "
        f"Sodium: at most {SODIUM_MAX_MG:,g} mg."
    )
    return protein, fat


def _typed_fields(key: str, start: Targets, in_pct: bool):
    """Inputs for typed targets; returns a function making them Targets (it raises
    ValidationFailed naming what is out of range)."""
    energy_column, fibre_column, sodium_column = st.columns(3)
    energy = energy_column.number_input(
        "Energy (kcal per day)",
        value=float(start.energy_kcal),
        step=50.0,
        format="%.0f",
        key=f"{key}_typed_energy",
    )
    fibre = fibre_column.number_input(
        "Fibre, at least (g)",
        value=float(start.fibre_min_g),
        step=1.0,
        format="%.0f",
        key=f"{key}_typed_fibre",
    )
    sodium = sodium_column.number_input(
        "Sodium, at most (mg)",
        value=float(start.sodium_max_mg),
        step=100.0,
        format="%.0f",
        key=f"{key}_typed_sodium",
    )
    unit = "% of energy" if in_pct else "g per day"
    starts = (
        (start.protein_pct, start.carbohydrate_pct, start.fat_pct)
        if in_pct
        else (start.protein_g, start.carbohydrate_g, start.fat_g)
    )
    macros = [
        column.number_input(
            f"{label} ({unit})",
            value=float(round(value) if in_pct else round(value, 1)),
            step=1.0,
            format="%.0f" if in_pct else "%.1f",
            key=f"{key}_typed_{label.lower()}_{'pct' if in_pct else 'g'}",
        )
        for column, label, value in zip(
            st.columns(3), ("Protein", "Carbohydrate", "Fat"), starts, strict=True
        )
    ]
    if in_pct:
        st.caption(
            "Protein and carbohydrate give 4 kcal per gram, fat 9; the three must add up to 100 %."
        )
    return lambda: client_service.typed_targets(
        energy, *macros, fibre, sodium, macros_in_pct=in_pct
    )
