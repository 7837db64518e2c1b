"""Allergens a food's name cannot rule out: the hidden sources of processed and branded foods.

The rules in `tagging` read what a name says ("Cheese, cheddar" holds milk). A processed food's
name does not say what its maker put in it: a meatless chicken is soy protein and wheat gluten
bound with egg white, a fish stick is breaded with wheat and often egg and milk, a granola bar
may hold nuts, peanuts, milk and soy. For such a food the tags a rule below names, and the name
does not already give as contained, are *unverified*: the food may contain them and only its
label can tell. A client allergic to one of them (or whose diet excludes it) is never given the
food by the generator or the Swap list, and the menu builder, the Foods page and the client's
PDF mark it "allergens unverified: check the label".

What lifts the mark: a person confirming the food's tags (a correction on the Foods page, per
workspace: the tags saved are then all the food contains), or an ingredient list (FoodData
Central Branded foods carry one: it is read by the same word rules and is then authoritative,
with "may contain" and "made in a facility that also processes" statements kept unverified).
A national table without ingredient lists follows the rules below like the bundled foods.

Hidden source (shown to the user)  | Recognised by                     | May contain
---------------------------------- | --------------------------------- | ---------------------------
meat or fish analogue              | meatless, veggie, vegetarian      | soy, wheat, gluten, egg,
                                   | (not beans or soups), chik'n,     | milk
                                   | LOMA LINDA, MORNINGSTAR FARMS,    |
                                   | WORTHINGTON, GARDENBURGER…        |
imitation seafood                  | surimi, imitation crab or shrimp  | fish, egg, wheat, gluten,
                                   |                                   | soy, shellfish, milk
breaded or battered                | breaded, batter, nuggets, fish    | wheat, gluten, egg, milk
                                   | sticks, tenders, tempura, panko,  | (wheat is contained when
                                   | corn dogs, onion rings (not       | the name says breaded)
                                   | "not breaded")                    |
breakfast cereal, granola, muesli  | group 0800 (not plain hot cereals | wheat, gluten, tree nuts,
or bar                             | or puffed grains), granola,       | peanuts, milk, soy, honey
                                   | muesli, bars, trail mix           |
baked goods                        | group 1800 (not corn tortillas,   | egg, milk, soy
                                   | taco shells, rice cakes,          |
                                   | leavening)                        |
cakes, cookies and pastries        | cake, cookie, pastry, pie, muffin,| tree nuts, peanuts, egg,
                                   | doughnut, brownie, croissant…     | milk, soy
sweets and desserts                | group 1900 (not sugars, honey,    | milk, egg, soy, tree nuts,
                                   | jams, jellies, syrups, molasses,  | peanuts, wheat, gluten,
                                   | sweeteners)                       | gelatin (meat)
snack foods                        | group 2500 (not "plain" or        | milk, soy, wheat, gluten
                                   | air-popped ones)                  |
sausage or luncheon meat           | group 0700                        | milk, soy, wheat, gluten
                                   |                                   | (binders and fillers)
mixed dish                         | group 2200; entrees, casseroles,  | milk, egg, wheat, gluten,
                                   | pot pies, sandwiches, burritos,   | soy
                                   | pizza, lasagna, stews, stuffing…  |
soup, sauce, gravy or dressing     | group 0600; sauce, gravy,         | milk, egg, wheat, gluten,
                                   | dressing, dip, soup, broth        | soy, fish, meat (broth)
restaurant or fast food            | groups 2100 and 3600              | milk, egg, wheat, gluten,
                                   |                                   | soy, sesame, peanuts, tree
                                   |                                   | nuts, fish, shellfish
branded product                    | a brand in capitals or a maker    | milk, egg, wheat, gluten,
                                   | (not fruit, nuts, herbs)          | soy

A "home-prepared" food of USDA's tables is USDA's own recipe, which its name does not spell out
either, so it is treated like the rest. What a name says still counts: "gluten-free" rules out
wheat and gluten, "without peanuts" or "peanut-free" peanuts, "nut-free" tree nuts and peanuts,
"dairy-free" milk, "egg-free" egg, "soy-free" soy; "vegetarian", "meatless" rule out meat and fish;
"vegan" also milk, egg and honey.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from menuplanner.domain.tagging import mentions
from menuplanner.domain.tags import Tag

M, E, FI, SH, TN, PE, W, G, SO, SE, MT, HO = (
    Tag.MILK,
    Tag.EGG,
    Tag.FISH,
    Tag.SHELLFISH,
    Tag.TREE_NUTS,
    Tag.PEANUTS,
    Tag.WHEAT,
    Tag.GLUTEN,
    Tag.SOY,
    Tag.SESAME,
    Tag.MEAT,
    Tag.HONEY,
)


@dataclass(frozen=True, slots=True)
class HiddenSource:
    """Foods of `groups`, or whose name has one of `words`, may contain `may_contain`, unless
    the name has a phrase of `unless`."""

    label: str
    may_contain: frozenset[Tag]
    groups: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def matches(self, group_code: str, text: str) -> bool:
        if self.unless and mentions(text, self.unless):
            return False
        if group_code in self.groups and not _plain(group_code, text):
            return True
        return bool(self.words and mentions(text, self.words))


def _source(
    label: str, tags: set[Tag], groups: str = "", words: str = "", unless: str = ""
) -> HiddenSource:
    def split(text: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in text.split("|") if w.strip())

    return HiddenSource(label, frozenset(tags), split(groups), split(words), split(unless))


_SWEET_BAKED = (
    "cake|cakes|cookie|cookies|pastry|pastries|pie|pies|muffin|doughnut|donut|brownie|danish|"
    "strudel|sweet roll|cinnamon roll|croissant|coffeecake|cheesecake|eclair|cream puff|"
    "baklava|turnover|cobbler"
)
BREAKFAST_CEREAL = "breakfast cereal, granola, muesli or bar"
BAKED_GOODS = "baked goods"

SOURCES: tuple[HiddenSource, ...] = (
    _source(
        "meat or fish analogue",
        {SO, W, G, E, M},
        words="meatless|meat free|meatfree|veggie|vege|veja|vegetarian fillets|vegetarian burger|"
        "vegetarian meatloaf|vegetarian patties|vegetarian stew|soyburger|chik n|chik|chic ketts|"
        "frichik|turk y|prosage|meat extender|loma linda|worthington|morningstar farms|"
        "gardenburger|tofu dog|seitan|tempeh burger",
        unless="bean|beans|refried|soup|sauce|spread",
    ),
    _source(
        "imitation seafood",
        {FI, E, W, G, SO, SH, M},
        words="surimi|imitation crab|imitation shrimp|imitation scallop|crab imitation|"
        "shrimp imitation|scallop imitation|alaska king imitation|species imitation",
    ),
    _source(
        "breaded or battered",
        {W, G, E, M},
        words="breaded|breading|batter|battered|batter dipped|nugget|nuggets|fish stick|"
        "fish sticks|tenders|tempura|panko|corn dog|corn dogs|onion rings|"
        "croquette|croquettes|coated fried|chicken fried|country fried",
        unless="not breaded|without breading",
    ),
    _source(
        BREAKFAST_CEREAL,
        {W, G, TN, PE, M, SO, HO},
        groups="0800",
        words="granola|muesli|mueslix|trail mix|bar|bars",
        unless="ice cream bar|dessert bar|candy bar|candies|chocolate bar",
    ),
    _source(BAKED_GOODS, {E, M, SO}, groups="1800"),
    _source(
        "cakes, cookies and pastries",
        {TN, PE, E, M, SO},
        words=_SWEET_BAKED,
        unless="rice cake|corn cake|popcorn cake|fish cake|crab cake|pie filling|pies filling",
    ),
    _source(
        "sweets and desserts",
        {M, E, SO, TN, PE, W, G, MT},
        groups="1900",
        words="candy|candies|fudge|toffee|nougat|praline|ice cream|frozen dessert|"
        "frozen novelty|frozen novelties",
    ),
    _source("snack foods", {M, SO, W, G}, groups="2500"),
    _source("sausage or luncheon meat", {M, SO, W, G}, groups="0700"),
    _source(
        "mixed dish",
        {M, E, W, G, SO},
        groups="2200",
        words="entree|entrees|casserole|pot pie|sandwich|burrito|enchilada|pizza|lasagna|"
        "lasagne|stew|stuffing|dumpling|egg roll|spring roll|wonton|pasta salad|potato salad|"
        "macaroni salad|coleslaw|meal frozen|frozen meal|dinner frozen|pasta dish",
    ),
    _source(
        "soup, sauce, gravy or dressing",
        {M, E, W, G, SO, FI, MT},
        groups="0600",
        words="sauce|gravy|dressing|dip|soup|broth|bouillon|stock|marinade",
        unless="applesauce|apple sauce|cranberry sauce|sauce apple|sauce cranberry",
    ),
    _source("restaurant or fast food", {M, E, W, G, SO, SE, PE, TN, FI, SH}, groups="2100|3600"),
)
BRANDED_PRODUCT = _source("branded product", {M, E, W, G, SO})
BRANDED_EXEMPT_GROUPS = frozenset({"0200", "0900", "1200"})  # herbs, fruit, nuts: one food

# Plain foods of a group the table names as a whole.
_PLAIN = {
    "0800": "plain dry|plain prepared|cooked with water|regular and quick|puffed|farina|"
    "grits|whole wheat hot natural cereal|oats instant fortified plain|not fortified dry",
    "1800": "tortillas ready to bake or fry corn|corn tortilla|taco shell|tostada shells corn|"
    "rice cake|rice cakes|leavening agents",
    "1900": "",
    "2500": "plain|air popped",
}
_PLAIN_STARTS = {
    "1900": (
        " sugars ",
        " sugar ",
        " honey ",
        " jams ",
        " jellies ",
        " jelly ",
        " syrups ",
        " syrup ",
        " molasses ",
        " sweeteners ",
        " sweetener ",
        " marmalade ",
        " preserves ",
        " fruit butters ",
        " gelatin desserts ",
    ),
}
_FLAVOURED = (
    "flavor|flavored|flavour|apple|maple|cinnamon|fruit|raisin|raisins|nut|nuts|brown sugar|"
    "honey|chocolate|cheese|cheddar|multigrain|peach|strawberry|blueberry|banana|cream|sugar"
)
_RULED_OUT_BY_NAME: tuple[tuple[str, frozenset[Tag]], ...] = (
    ("gluten free|wheat free", frozenset({W, G})),
    ("without peanuts|peanut free", frozenset({PE})),
    ("nut free|without nuts", frozenset({TN, PE})),
    ("dairy free|milk free", frozenset({M})),
    ("egg free|eggless", frozenset({E})),
    ("soy free", frozenset({SO})),
    ("vegetarian|meatless|meat free|meatfree|vegan", frozenset({MT, FI, SH})),
    ("vegan", frozenset({M, E, HO})),
)
_BRAND_CAPITALS = re.compile(r"\b[A-Z][A-Z'&.\-]{2,}\b")


@dataclass(frozen=True, slots=True)
class Hidden:
    """What a food may contain that its name cannot rule out, and which sources say so."""

    tags: frozenset[Tag]
    sources: tuple[HiddenSource, ...]  # in table order

    def sources_with_tags(self) -> tuple[tuple[str, frozenset[Tag]], ...]:
        """(label, the tags of `tags` it suspects) of each source."""
        return tuple((s.label, s.may_contain & self.tags) for s in self.sources)


NOTHING_HIDDEN = Hidden(frozenset(), ())


def hidden_in(name: str, group_code: str, text: str, *, branded: bool) -> Hidden:
    """The hidden sources a food with `name` (its words `text`, from `tagging.words_of`) of
    `group_code` matches; `branded` as Food.is_branded says (a maker, or a brand in capitals)."""
    found = [s for s in SOURCES if s.matches(group_code, text)]
    if (branded or _names_a_brand(name)) and group_code not in BRANDED_EXEMPT_GROUPS:
        found.append(BRANDED_PRODUCT)
    if not found:
        return NOTHING_HIDDEN
    tags = frozenset().union(*(s.may_contain for s in found))
    for phrases, ruled_out in _RULED_OUT_BY_NAME:
        if mentions(text, tuple(phrases.split("|"))):
            tags -= ruled_out
    return Hidden(tags, tuple(s for s in found if s.may_contain & tags))


def _plain(group_code: str, text: str) -> bool:
    """A plain food of a group that is hidden as a whole (plain oats, sugar, air-popped corn):
    it says what it is, so the group's hidden sources do not apply to it."""
    if group_code == "0800":  # plain hot cereals and puffed grains, not ready-to-eat ones
        if text.startswith(" cereals ready to eat "):
            return False
        return mentions(text, tuple(_PLAIN["0800"].split("|"))) and not mentions(
            text, tuple(_FLAVOURED.split("|"))
        )
    if group_code == "1900":
        return text.startswith(_PLAIN_STARTS["1900"])
    plain = _PLAIN.get(group_code)
    return bool(plain) and mentions(text, tuple(plain.split("|")))


def _names_a_brand(name: str) -> bool:
    """SR26 writes brands in capitals ("Snacks, NUTRI-GRAIN FRUIT AND NUT BAR"), also where
    its branded flag is not set; 'USDA' is the commodity programme, not a brand."""
    return any(
        word not in {"USDA", "NFS", "NS", "II", "BBQ"} for word in _BRAND_CAPITALS.findall(name)
    )
