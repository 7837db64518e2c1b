"""Recipes: list (paging, name filter), create, read with nutrition per recipe and per serving,
update, delete (refused while a menu uses the recipe)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from menuplanner.api.access import api_key
from menuplanner.domain.recipes import Recipe
from menuplanner.ports_api_keys import ApiKey
from menuplanner.services import recipes as service

router = APIRouter(tags=["recipes"])
Key = Annotated[ApiKey, Depends(api_key)]


class IngredientIn(BaseModel):
    food_id: int
    quantity: float = Field(gt=0, le=100_000)
    unit: str = Field("g", max_length=100)


class RecipeIn(BaseModel):
    name: str = Field(max_length=200)
    servings: float = Field(gt=0, le=1000)
    ingredients: list[IngredientIn] = Field(max_length=service.MAX_INGREDIENTS)
    method: str = Field("", max_length=20_000)


class IngredientOut(IngredientIn):
    grams: float
    food_name: str


class RecipeSummary(BaseModel):
    recipe_id: int
    name: str
    servings: float
    ingredients: int


class RecipeOut(BaseModel):
    recipe_id: int
    name: str
    servings: float
    method: str
    ingredients: list[IngredientOut]
    nutrition_whole: dict[str, float | None]  # grams, every nutrient, macro shares in %
    nutrition_per_serving: dict[str, float | None]


class RecipePage(BaseModel):
    total: int
    items: list[RecipeSummary]


def _uow(request: Request, key: ApiKey):
    return request.app.state.store.unit_of_work(key.workspace)


def _out(request: Request, key: ApiKey, recipe: Recipe) -> RecipeOut:
    whole, per_serving = service.nutrition(request.app.state.store.catalog(key.workspace), recipe)
    return RecipeOut(
        recipe_id=recipe.recipe_id,
        name=recipe.name,
        servings=recipe.servings,
        method=recipe.method,
        ingredients=[
            IngredientOut(
                food_id=i.food_id,
                quantity=i.quantity,
                unit=i.unit,
                grams=i.grams,
                food_name=i.food_name,
            )
            for i in recipe.ingredients
        ],
        nutrition_whole=whole,
        nutrition_per_serving=per_serving,
    )


def _recipe(request: Request, key: ApiKey, body: RecipeIn, recipe_id: int | None) -> Recipe:
    catalog = request.app.state.store.catalog(key.workspace)
    ingredients = [
        service.ingredient(catalog, i.food_id, i.quantity, i.unit) for i in body.ingredients
    ]
    return Recipe(body.name, body.servings, ingredients, body.method, recipe_id=recipe_id)


def _read(request: Request, key: ApiKey, recipe_id: int) -> RecipeOut:
    with _uow(request, key) as uow:
        recipe = uow.recipes.get(recipe_id)
    return _out(request, key, recipe)


@router.get("/recipes", response_model=RecipePage)
def list_recipes(
    request: Request,
    key: Key,
    name: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    with _uow(request, key) as uow:
        found = uow.recipes.list()
    if name:
        found = [r for r in found if name.casefold() in r.name.casefold()]
    items = [
        RecipeSummary(
            recipe_id=r.recipe_id, name=r.name, servings=r.servings, ingredients=len(r.ingredients)
        )
        for r in found[offset : offset + limit]
    ]
    return RecipePage(total=len(found), items=items)


@router.post("/recipes", response_model=RecipeOut, status_code=201)
def create_recipe(request: Request, key: Key, body: RecipeIn):
    recipe_id = service.save(_uow(request, key), _recipe(request, key, body, None))
    return _read(request, key, recipe_id)


@router.get("/recipes/{recipe_id}", response_model=RecipeOut)
def read_recipe(request: Request, key: Key, recipe_id: int):
    return _read(request, key, recipe_id)


@router.put("/recipes/{recipe_id}", response_model=RecipeOut)
def update_recipe(request: Request, key: Key, recipe_id: int, body: RecipeIn):
    with _uow(request, key) as uow:
        uow.recipes.get(recipe_id)  # NotFound, also for another workspace's recipe
    service.save(_uow(request, key), _recipe(request, key, body, recipe_id))
    return _read(request, key, recipe_id)


@router.delete("/recipes/{recipe_id}", status_code=204)
def delete_recipe(request: Request, key: Key, recipe_id: int):
    service.delete(_uow(request, key), recipe_id)
    return Response(status_code=204)
