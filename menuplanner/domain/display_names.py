"""Names a client reads: each food's USDA description made short and plain for menus, handouts
and shopping lists ("English muffins, plain, toasted, enriched, with calcium propionate (includes
sourdough)" → "English muffin, toasted"; "Milk, nonfat, fluid, with added vitamin A and vitamin D
(fat free or skim)" → "Skim milk"). The dietitian's screens keep USDA's name; a label the
dietitian typed is printed as typed, and so is the name of a food from an imported dataset.

Rules, in order (a leading "USDA Commodity" is left out first, and "Pork, cured" before ham or
bacon):
1. Whole names with a name of their own (`NAMED`, first match): the milks, eggs as cooked,
   oatmeal, grits, plant milks.
2. Otherwise the description's parts (between commas): words in parentheses go, and so do the
   parts a client does not need (`NOISE`: "enriched", "fluid", "with added vitamin A…",
   "without salt", "all commercial varieties", "meat only", "separable lean only", "raw" of a
   fruit…); "cooked, boiled" says "boiled".
3. A first part that names the kind of food rather than the food ("Nuts", "Seeds", "Fish",
   "Snacks", "Cereals ready-to-eat", "Crustaceans", "Mollusks", "Beverages") gives way to the
   next; "Cheese, cheddar" reads "Cheddar cheese", "Bread, whole-wheat" "Whole-wheat bread".
4. The food in the singular where one eats one (`SINGULAR`: "Bananas" → "Banana"), and at
   most three parts: the food, its first detail, and its form when that comes later ("dried":
   "Cherries, tart, dried, sweetened" → "Cherries, tart, dried").

`bought_as` gives the raw food a cooked item is bought as, for the shopping list: eggs however
cooked are eggs; cooked rice, pasta, quinoa, oatmeal and grits are bought dry (their cooked
weight ÷ their yield).
"""

from __future__ import annotations

import re

from menuplanner.domain.foods import Food

NAMED: tuple[tuple[str, str], ...] = (
    (r"^Milk, (?:nonfat|skim|fat free)", "Skim milk"),
    (r"^Milk, lowfat.*1%", "1% milk"),
    (r"^Milk, reduced fat.*2%", "2% milk"),
    (r"^Milk, (?:whole|3\.25%)", "Whole milk"),
    (r"^Milk, buttermilk", "Buttermilk"),
    (r"^Milk, chocolate", "Chocolate milk"),
    (r"^Milk, low sodium", "Low-sodium milk"),
    (r"^Eggs?, whole, cooked, hard-boiled", "Egg, hard-boiled"),
    (r"^Eggs?, whole, cooked, fried", "Egg, fried"),
    (r"^Eggs?, whole, cooked, poached", "Egg, poached"),
    (r"^Eggs?, whole, cooked, scrambled", "Scrambled eggs"),
    (r"^Eggs?, whole, cooked, omelet", "Omelet"),
    (r"^Eggs, scrambled, frozen mixture", "Scrambled eggs"),
    (r"^Eggs?, whole, raw", "Eggs"),
    (r"^Cereals, oats, .*cooked", "Oatmeal"),
    (r"^Cereals, corn grits, .*cooked", "Grits"),
    (r"^Cereals, farina, .*cooked", "Cream of wheat"),
    (r"^Soymilk", "Soy milk"),
    (r"^Beverages, almond milk", "Almond milk"),
    (r"^Rice drink", "Rice milk"),
    (r"^Peanut butter", "Peanut butter"),
    (r"^Seeds, pumpkin and squash seed kernels", "Pumpkin seeds"),
    (r"^Seeds, sunflower seed kernels", "Sunflower seeds"),
    (r"^Chickpeas", "Chickpeas"),
    (r"^Beans, snap, green", "Green beans"),
    (r"^Vegetables, mixed", "Mixed vegetables"),
    (r"^Beans, snap, yellow", "Yellow beans"),
    (r"^Yogurt, Greek", "Greek yogurt"),
)
NOISE = re.compile(
    r"^(?:enriched|unenriched|fluid|plain|regular|commercial|composite|prepared|ready-to-eat|"
    r"ready-to-serve|with added .*|without added .*|fortified .*|without salt|with salt|"
    r"with salt added|no salt added|without salt added|all commercial varieties|"
    r"all types|all varieties|all grades|choice|select|meat only|separable lean only|"
    r"separable lean and fat|trimmed to .*|boneless|bone-in|drained|drained solids|"
    r"solids and liquids|regular pack|mature seeds|immature seeds|year round average|"
    r"broilers or fryers|broiler|domestic|fresh|mixed species|USDA Commodity|NFS|"
    r"includes .*|unthawed|thawed|raw|cooked|drained, or baked|or baked|without skin|"
    r"flesh|flesh and skin|with skin|no sodium added|reduced sodium|low sodium|"
    r"original and vanilla|all flavors|unfortified|common|\d+% milkfat|sulfured|"
    r"pared|peeled|whole|light|dark|retail parts|enhanced|unprepared|with calcium propionate|"
    r"diluted with .*|juice pack|mixed flavors|chewy|home prepared|lactose reduced|uncooked|"
    r"unblanched|dried, unblanched|imported|frozen|canned|kernels cut off cob|vitamin D fortified|"
    r"unsweetened|large or small curd|uncreamed|dry|ready-to-bake or -fry|composite of .*|"
    r"with ca prop|prepared with calcium sulfate.*|prepared with nigari|canned entree|"
    r"ready ?-to-heat|pre-sliced|unheated|(?:pan-fried|broiled|roasted|baked|grilled) or .*)$",
    re.IGNORECASE,
)
KIND_WORDS = frozenset(
    {
        "nuts",
        "seeds",
        "fish",
        "snacks",
        "cereals",
        "cereals ready-to-eat",
        "crustaceans",
        "mollusks",
        "beverages",
        "vegetables",
        "game meat",
    }
)
BEFORE = frozenset({"cheese", "bread", "rolls", "crackers", "tortillas", "noodles", "juice"})
SINGULAR = {
    "apples": "Apple",
    "bananas": "Banana",
    "oranges": "Orange",
    "pears": "Pear",
    "peaches": "Peach",
    "plums": "Plum",
    "english muffins": "English muffin",
    "bagels": "Bagel",
    "tortillas": "Tortilla",
    "avocados": "Avocado",
    "tangerines": "Tangerine",
    "kiwifruit": "Kiwi",
    "melons": "Melon",
    "potatoes": "Potatoes",
    "tomatoes": "Tomatoes",
}
FORMS = frozenset({"dried", "dehydrated", "freeze-dried", "candied"})
# Left out before the rules: "USDA Commodity, cheese, cheddar" is a cheddar cheese, and "Pork,
# cured, ham, roasted" is ham ("Pork, cured" alone says nothing of ham or bacon).
_PREFIX = re.compile(
    r"^(?:USDA Commodity(?: Food)?,?\s*|"
    r"Pork, cured, (?=(?:canadian-style )?bacon|ham|breakfast strips))",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\s*\([^)]*\)")
_COOKING = re.compile(
    r"^(?:boiled|baked|roasted|broiled|braised|grilled|steamed|stewed|fried|pan-fried|"
    r"toasted|microwaved|poached|scrambled|simmered)$",
    re.IGNORECASE,
)


def display_name(name: str) -> str:
    """The name a client reads for a food's USDA description (see the module docstring)."""
    for pattern, named in NAMED:
        if re.search(pattern, name, re.IGNORECASE):
            return named
    plain = _PREFIX.sub("", name)
    parts = [p.strip() for p in _PARENS.sub("", plain).split(",") if p.strip()]
    if not parts:
        return name
    while len(parts) > 1 and parts[0].lower() in KIND_WORDS:
        parts.pop(0)
    head, rest = parts[0], [p for p in parts[1:] if not NOISE.match(p)]
    if head.lower() in BEFORE and rest and not _COOKING.match(rest[0]):
        head = f"{_capital(rest.pop(0))} {head.lower()}"
    head = SINGULAR.get(head.lower(), head)
    cooking = [p for p in rest if _COOKING.match(p)]
    others = [p for p in rest if not _COOKING.match(p)]
    form = [p for p in others[1:] if p.lower() in FORMS][:1]  # dried cherries stay dried
    kept = [_capital(head)] + others[:1] + form + cooking[-1:]
    return ", ".join(dict.fromkeys(kept))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Cooked foods bought raw: (name pattern, what one buys, raw grams per cooked gram). Yields:
# USDA Table of Nutrient Retention Factors / cooking yields (rice ×3 and pasta ×2.3 when
# cooked, meat and fish lose about a quarter).
BOUGHT_AS: tuple[tuple[str, str, float], ...] = (
    (r"^Eggs?,", "Eggs", 1.0),
    (r"^Rice, white", "White rice (dry)", 1 / 3.0),
    (r"^Rice, brown", "Brown rice (dry)", 1 / 3.0),
    (r"^(?:Spaghetti|Macaroni|Pasta|Noodles)", "Pasta (dry)", 1 / 2.3),
    (r"^Quinoa, cooked", "Quinoa (dry)", 1 / 2.7),
    (r"^Cereals, oats, .*cooked", "Oats (dry)", 1 / 6.0),
    (r"^Cereals, corn grits, .*cooked", "Grits (dry)", 1 / 6.0),
)


USDA = "USDA SR26"


def food_display_name(food: Food) -> str:
    """The rules are written for USDA's descriptions: an imported food keeps its name as
    its dataset spells it."""
    return display_name(food.name) if food.dataset == USDA else food.name


def bought_as(name: str) -> tuple[str, float] | None:
    """(what one buys, grams to buy per gram eaten) for a cooked food bought raw; None when
    the food is bought as it is eaten."""
    for pattern, raw, factor in BOUGHT_AS:
        if re.search(pattern, name, re.IGNORECASE) and ("cooked" in name.lower() or raw == "Eggs"):
            return raw, factor
    return None
