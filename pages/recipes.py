"""Recipes: build one from foods in grams or household measures and see its nutrition per
serving change as you edit; save, duplicate or delete. The recipe being edited is a draft in
the session until "Save recipe"."""

from __future__ import annotations

import copy

import streamlit as st

from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.recipes import Recipe
from menuplanner.domain.validation import check_servings, clean_name
from menuplanner.services import recipes as recipe_service
from pages.ui import database
from pages.ui.food_picker import food_picker
from pages.ui.recipe_editor import ingredient_rows, nutrition_panel, recipe_label, recipes_table
from pages.ui.router import ensure_router
from pages.ui.text import literal

ensure_router()

NEW = 0  # the "New recipe" entry of the picker (recipe ids start at 1)
SELECTED = "recipes_selected"
SELECT_NEXT = "recipes_select_next"  # set before a rerun: the picker cannot change once drawn
DRAFT = "recipes_draft"  # the Recipe being edited
DRAFT_OF = "recipes_draft_of"  # the picker entry the draft was loaded from
GENERATION = "recipes_generation"  # part of every editor key: bumped to redraw from the draft
FLASH = "recipes_flash"
CONFIRM_DELETE = "recipes_confirm_delete"


def reload(select: int) -> None:
    """Show `select` from the next run on, loaded fresh from the database."""
    st.session_state[SELECT_NEXT] = select
    st.session_state.pop(DRAFT_OF, None)
    st.session_state.pop(CONFIRM_DELETE, None)


catalog = database.catalog()
with database.unit_of_work() as uow:
    recipes = uow.recipes.list()
by_id = {r.recipe_id: r for r in recipes}

st.title("Recipes")
if recipes:
    with st.expander(f"All recipes ({len(recipes)})"):
        st.dataframe(recipes_table(recipes, catalog), hide_index=True, width="stretch")

if st.session_state.get(SELECT_NEXT) is not None:
    st.session_state[SELECTED] = st.session_state.pop(SELECT_NEXT)
if st.session_state.get(SELECTED) not in (NEW, *by_id):
    st.session_state[SELECTED] = NEW
selected = st.selectbox(
    "Recipe",
    [NEW, *by_id],
    key=SELECTED,
    format_func=lambda i: "+ New recipe" if i == NEW else recipe_label(by_id[i]),
)
if message := st.session_state.pop(FLASH, None):
    st.success(message)

stored = by_id.get(selected)
if st.session_state.get(DRAFT_OF) != selected:
    st.session_state[DRAFT] = copy.deepcopy(stored) if stored else Recipe("", 1.0)
    st.session_state[DRAFT_OF] = selected
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
draft: Recipe = st.session_state[DRAFT]
key = f"recipes_{st.session_state[GENERATION]}"

editor, panel = st.columns([3, 2], gap="large")
with editor:
    name_column, servings_column = st.columns([3, 1])
    draft.name = name_column.text_input(
        "Recipe name", value=draft.name, key=f"{key}_name", placeholder="e.g. Butter toast"
    )
    if draft.name.strip():
        try:
            clean_name(draft.name, "Recipe name")
        except MenuplannerError as error:
            name_column.error(literal(str(error)))
    draft.servings = servings_column.number_input(
        "Servings",
        value=float(draft.servings),
        step=1.0,  # unbounded: the domain says why
        format="%g",
        key=f"{key}_servings",
        help="How many servings the recipe makes.",
    )
    servings_problem = None
    try:
        check_servings(draft.servings)
    except MenuplannerError as error:
        servings_problem = str(error)
        servings_column.error(literal(servings_problem))

    st.markdown("**Ingredients**")
    change = ingredient_rows(key, draft, catalog)
    if change.removed is not None:
        draft.ingredients.pop(change.removed)
        st.session_state[GENERATION] += 1
        st.rerun()

    with st.container(border=True):
        picked = food_picker("recipes_add", catalog, label="Add an ingredient: find a food")
        if st.button("Add ingredient", key="recipes_add_button", disabled=picked is None):
            try:
                added = recipe_service.ingredient(
                    catalog, picked.food_id, picked.quantity, picked.unit
                )
            except MenuplannerError as error:
                st.error(literal(str(error)))
            else:
                draft.ingredients.append(added)
                st.rerun()

    draft.method = st.text_area(
        "Method (optional)", value=draft.method, key=f"{key}_method", height=120
    )

with panel:
    st.subheader("Nutrition")
    # With servings refused there is no "per serving": show the whole recipe only.
    counted = draft if servings_problem is None else Recipe(draft.name, 1.0, draft.ingredients)
    try:
        whole, serving = recipe_service.nutrition(catalog, counted)
    except MenuplannerError as error:
        st.error(literal(str(error)))
    else:
        if draft.ingredients:
            nutrition_panel(whole, None if servings_problem else serving, draft.servings)
        else:
            st.caption(
                "The nutrition per serving and for the whole recipe appears here as you "
                "add ingredients."
            )

dirty = stored is None or draft != stored
with editor:
    if stored is not None and dirty:
        st.caption("Unsaved changes.")
    save_column, duplicate_column, delete_column, discard_column = st.columns(4)
    if save_column.button("Save recipe", key="recipes_save", type="primary", disabled=not dirty):
        try:
            recipe_id = recipe_service.save(database.unit_of_work(), draft)
        except MenuplannerError as error:
            st.error(literal(str(error)))
        else:
            reload(recipe_id)
            st.session_state[FLASH] = f"Saved {literal(draft.name.strip())}."
            st.rerun()
    if stored is None:
        st.stop()
    if duplicate_column.button(
        "Duplicate", key="recipes_duplicate", help="Copy the saved recipe under a new name."
    ):
        try:
            copy_id = recipe_service.duplicate(database.unit_of_work(), stored.recipe_id)
        except MenuplannerError as error:
            st.error(literal(str(error)))
        else:
            reload(copy_id)
            st.session_state[FLASH] = (
                f"Duplicated {literal(stored.name)}: you are editing the copy."
            )
            st.rerun()
    if delete_column.button("Delete…", key="recipes_delete"):
        st.session_state[CONFIRM_DELETE] = stored.recipe_id
    if dirty and discard_column.button("Discard changes", key="recipes_discard"):
        reload(stored.recipe_id)
        st.rerun()
    if st.session_state.get(CONFIRM_DELETE) == stored.recipe_id:
        st.warning(f"Delete {literal(recipe_label(stored))}? This cannot be undone.")
        yes_column, no_column, _ = st.columns([2, 1, 2])
        if yes_column.button(
            f"Yes, delete {literal(stored.name)}", key="recipes_delete_yes", type="primary"
        ):
            try:
                recipe_service.delete(database.unit_of_work(), stored.recipe_id)
            except MenuplannerError as error:
                st.error(literal(str(error)))
            else:
                reload(NEW)
                st.session_state[FLASH] = f"Deleted {literal(recipe_label(stored))}."
                st.rerun()
        if no_column.button("Cancel", key="recipes_delete_cancel"):
            st.session_state.pop(CONFIRM_DELETE, None)
            st.rerun()
