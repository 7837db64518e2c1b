"""Foods: search with paging and a group filter; one food with nutrients and portions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from menuplanner.api.access import api_key
from menuplanner.ports_api_keys import ApiKey

router = APIRouter(tags=["foods"])


class FoodHitOut(BaseModel):
    food_id: int
    name: str
    group_code: str
    group_name: str
    dataset: str
    is_branded: bool
    is_common: bool


class FoodPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[FoodHitOut]


class PortionOut(BaseModel):
    unit: str
    grams: float


class FoodOut(BaseModel):
    food_id: int
    name: str
    group_code: str
    dataset: str
    portions: list[PortionOut]
    nutrients_per_100g: dict[str, float | None]


@router.get("/foods", response_model=FoodPage)
def search_foods(
    request: Request,
    key: Annotated[ApiKey, Depends(api_key)],
    q: Annotated[str, Query(max_length=200)] = "",
    group: Annotated[str | None, Query(max_length=10)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
):
    page = request.app.state.store.catalog(key.workspace).search(q, group, limit, offset)
    hits = [FoodHitOut(**{f: getattr(h, f) for f in FoodHitOut.model_fields}) for h in page.hits]
    return FoodPage(total=page.total, offset=offset, limit=limit, items=hits)


@router.get("/foods/{food_id}", response_model=FoodOut)
def get_food(request: Request, food_id: int, key: Annotated[ApiKey, Depends(api_key)]):
    catalog = request.app.state.store.catalog(key.workspace)
    food = catalog.get(food_id)
    rows = catalog.nutrients_per_100g([food_id]).drop("food_id").to_dicts()
    return FoodOut(
        food_id=food.food_id,
        name=food.name,
        group_code=food.group_code,
        dataset=food.dataset,
        portions=[PortionOut(unit=p.label, grams=p.gram_weight) for p in food.portions],
        nutrients_per_100g=rows[0] if rows else {},
    )
