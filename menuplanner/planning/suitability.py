"""Which foods the generator may put on a menu, at which meals, in which amounts.

A food is judged by its USDA food group and the words of its name (folded, lightly stemmed, so
"Eggs" matches "egg"). The rules are read top to bottom and the first that matches decides: first
the exclusions (a food that is an ingredient rather than a dish, or that no dietitian would
suggest), then the categories, each with the meals it suits and a realistic portion. A food no rule
matches is not suggested. A user can override any food (or recipe): the meals it suits, or its
smallest and largest portion (`PlanningStore.set_rule`); an override wins over these rules. The
rules themselves, as a table of data, are in suitability_rules.py.

Never suggested (reason shown)           | Recognised by
-----------------------------------------| ------------------------------------------------------
baby food                                | group 0300; "baby food", "infant formula"
traditional foods of group 3500          | group 3500 (American Indian/Alaska Native)
restaurant or fast food (unless allowed) | groups 2100, 3600 (allowed by a setting: main meals)
herb or spice                            | group 0200
supplement or formula                    | "supplement", "protein powder", "formula", "isolate"…
alcoholic drink                          | `nutrition.energy.is_alcoholic_name`
drink with no place on a meal plan       | group 1400 except plant milks (soft drinks, coffee…)
raw meat, poultry, fish or egg           | "raw" in groups 0500 0700 1000 1300 1500 1700, raw eggs
ingredient, not a dish                   | flour, starch, bran, "dry mix", "unprepared", powder,
                                         | concentrate, condensed, dough, batter, yeast, gelatin;
                                         | "raw"/"dry"/"uncooked" grains, pasta and pulses
oil, fat or topping                      | group 0400 except spreads; cream, whipped topping
sauce, condiment or broth                | group 0600 except soups; sauce, gravy, dip, dressing,
                                         | catsup, mustard, relish, pickle, syrup, broth
sweets, cakes and desserts               | group 1900 except jams and honey; cakes, cookies, pies,
                                         | pastries, doughnuts; ice cream, pudding; candy, chips
offal, skin or trimmings                 | giblets, liver, heart, tongue, skin only, separable fat…
meat not said to be cooked               | groups 0500 1000 1300 1700 without a cooking word
unfamiliar to most clients               | jute, nopales, burdock, soursop, litchi… (`UNFAMILIAR`);
                                         | fish: cisco, burbot, cusk, wolffish, eel…
eaten cooked, not raw                    | green tomatoes, shiitake…; sour cherries (not dried)
eaten raw, not as a cooked side          | boiled celery, daikon, cucumber, lettuce
frozen concentrate: the ready-to-drink   | juices "frozen concentrate, diluted" (a client reads
juice instead                            | the can's name); "includes from concentrate" is served
an ingredient of a stir-fry, not a side  | water chestnuts, bamboo shoots, sprouts
cooking ingredient, not a snack or drink | pine nuts; buttermilk
imitation or substitute                  | "imitation", "substitute"

Category (meals: B breakfast, M lunch/dinner, S snack) | Portion       | Served in
------------------------------------------------------ | ------------- | -------------------------
eggs, cooked                                  B M      | 50–150 g      | large eggs
fresh cheese (cottage)                        B M S    | 60–200 g      | cups
cheese                                        B M S    | 15–50 g       | slices
yogurt                                        B S      | 100–250 g     | containers, cups
milk, kefir, plant milks                      B S      | 120–300 g     | cups
butter, spreads, cream cheese                 B        | 5–15 g        | pats, teaspoons
hot cereals, cooked                           B        | 150–350 g     | cups
breakfast cereals (not sugar-coated)          B        | 30–60 g       | grams
fruit juice, vegetable juice                  B        | 120–250 g     | cups
avocado                                       B M S    | 50–150 g      | grams
olives                                        M S      | 15–50 g       | grams
dried fruit                                   B S      | 20–50 g       | grams
fruit (fresh, frozen, canned not in syrup)    B S      | 80–250 g      | medium/small fruit, cups
potatoes, cooked                              M        | 100–300 g     | medium, cups
crudités: raw carrots, celery, cucumber…      S        | 50–200 g      | cups
salad: leaves, tomatoes, cabbage, raw         M        | 30–100 g      | cups
vegetables, cooked                            M        | 60–250 g      | cups
beans, lentils, chickpeas, cooked             M        | 80–400 g      | cups
tofu (scrambled at breakfast)                 B M      | 60–200 g      | ounces
tempeh, meat analogues                        M        | 60–150 g      | franks, patties
hummus                                        S        | 30–100 g      | tablespoons
nut and seed butters                          B S      | 15–35 g       | tablespoons
nuts, seeds, peanuts                          S        | 10–40 g       | grams
pancakes, waffles, French toast               B        | 60–120 g      | pieces
bagels, English muffins                       B M      | 50–120 g      | pieces
bread, rolls, pitas, tortillas                B M      | 25–100 g      | slices, pieces
crackers, rice cakes                          M S      | 10–40 g       | grams
grains and pasta, cooked                      M        | 100–300 g     | cups
soups, ready to eat                           M        | 200–450 g     | cups
mixed dishes, prepared                        M        | 150–400 g     | grams
snack and cereal bars                         S        | 20–50 g       | bars
popcorn, pretzels, trail mix                  S        | 15–40 g       | grams
jams, honey                                   B        | 10–25 g       | tablespoons
bacon                                         B M      | 15–40 g       | slices
ham, breakfast sausages                       B M      | 30–100 g      | slices, links
sausages, frankfurters, cold cuts             M        | 30–100 g      | slices, links
meat and poultry, cooked                      M        | 60–200 g      | grams
fish and seafood, cooked, canned or smoked    M        | 60–200 g      | grams
restaurant and fast food (when allowed)       M        | 100–400 g     | grams
"""

from __future__ import annotations

import functools

from menuplanner.domain.search import words
from menuplanner.nutrition.energy import is_alcoholic_name
from menuplanner.planning.meals import MealKind
from menuplanner.planning.suitability_rules import (  # noqa: F401  (the rules' names, from here too)
    CATEGORIES,
    MEAT_GROUPS,
    RESTAURANT_GROUPS,
    RULES,
    Category,
    Verdict,
    has,
    split,
)

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK


@functools.cache
def classify(name: str, group_code: str) -> Verdict:
    """The first rule matching this food decides (see the module docstring)."""
    if is_alcoholic_name(name):
        return Verdict(None, "alcoholic drink")
    text = " " + " ".join(words(name)) + " "
    for rule in RULES:
        if rule.matches(group_code, text):
            return rule.verdict
    return Verdict(None, "no meal rule matches this food")


def family(name: str) -> str:
    """Foods sharing the part of their name before the first comma ("Chicken", "Nuts",
    "Cheese") are one family: at most one of each family on a day, for variety."""
    head = name.split(",", 1)[0]
    return " ".join(words(head)) or name.lower()


# A recipe's meals, from words of its name; a recipe naming none is a lunch or dinner dish.
RECIPE_BREAKFAST = (
    "breakfast|oat|oatmeal|porridge|muesli|granola|cereal|toast|egg|eggs|omelette|omelet|"
    "pancake|pancakes|waffle|waffles|crepe|bagel|muffin|smoothie|yogurt|yoghurt"
)
RECIPE_SNACK = "snack|smoothie|yogurt|yoghurt|fruit salad|hummus|dip|bar|bars|apple|crackers|nuts"
RECIPE_MAIN_TOO = "egg|eggs|omelette|omelet|sandwich"


@functools.cache
def recipe_meals(name: str) -> frozenset[MealKind]:
    """Breakfast words → breakfast (eggs, omelettes and toasts also lunch or dinner); snack
    words → snack (smoothies and yogurts are both); otherwise lunch or dinner."""
    text = " " + " ".join(words(name)) + " "
    meals: set[MealKind] = set()
    if has(text, split(RECIPE_BREAKFAST)):
        meals.add(B)
        if has(text, split(RECIPE_MAIN_TOO)):
            meals.add(M)
    if has(text, split(RECIPE_SNACK)):
        meals.add(S)
    return frozenset(meals or {M})
