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
                                   | fillets/burger/patties/stew (not  | milk
                                   | beans or soups), chik'n, seitan,  |
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
                                   | taco shells, rice cakes, matzo,   |
                                   | leavening)                        |
cakes, cookies and pastries        | cake, cookie, pastry, pie, muffin,| tree nuts, peanuts, egg,
                                   | doughnut, brownie, croissant… (not| milk, soy
                                   | pie spice, cake flour, rice cakes)|
sweets and desserts                | group 1900 (not sugars, honey,    | milk, egg, soy, tree nuts,
                                   | jams, jellies, syrups, molasses,  | peanuts, wheat, gluten,
                                   | sweeteners)                       | gelatin (meat)
snack foods                        | group 2500 (not "plain",          | milk, soy, wheat, gluten
                                   | air-popped or home-made popcorn)  |
sausage or luncheon meat           | group 0700                        | milk, soy, wheat, gluten
                                   |                                   | (binders and fillers)
mixed dish                         | group 2200; entrees, casseroles,  | milk, egg, wheat, gluten,
                                   | pot pies, sandwiches, burritos,   | soy
                                   | pizza, lasagna, stews, stuffing,  |
                                   | chili with beans, falafel, souffle|
                                   | au gratin, scalloped… (not meat   |
                                   | "for stew")                       |
soup, sauce, gravy or dressing     | group 0600; sauce, gravy,         | milk, egg, wheat, gluten,
                                   | dressing, dip, soup, broth (not   | soy, fish, meat (broth)
                                   | apple, cranberry, guava or canned |
                                   | tomato sauce)                     |
drink mix, shake or protein powder | drink, beverage, cocoa or shake   | milk, egg, wheat, gluten,
                                   | mixes, instant breakfast, protein | soy
                                   | powders, meal replacements        |
seasoning, glaze or dry mix        | seasoned, seasoning mix, glazed,  | milk, egg, wheat, gluten,
                                   | marinated, dry mix, egg mix (not  | soy
                                   | gelatin desserts)                 |
margarine or spread                | margarine, vegetable oil spread   | milk (whey, buttermilk),
                                   |                                   | soy
fresh pasta                        | fresh-refrigerated (pasta)        | egg
fried potato product               | french fried, potato puffs        | wheat, gluten (coatings),
                                   |                                   | milk
refried beans, often made with     | refried (not fat-free)            | meat
lard                               |                                   |
baby food dinner, cereal, dessert  | group 0300 with dinner, cereal,   | milk, egg, wheat, gluten,
or snack                           | dessert, pudding, biscuits,       | soy
                                   | cookies, crackers, pretzels…      |
restaurant or fast food            | groups 2100 and 3600              | milk, egg, wheat, gluten,
                                   |                                   | soy, sesame, peanuts, tree
                                   |                                   | nuts, fish, shellfish
branded product                    | a brand in capitals or a maker    | milk, egg, wheat, gluten,
                                   | (not fruit, vegetables, nuts,     | soy
                                   | herbs, nor a bottled water, juice,|
                                   | tea, coffee, beer or plain tofu)  |

A "home-prepared" food of USDA's tables is USDA's own recipe, which its name does not spell out
either, so it is treated like the rest. What a name says still counts: "gluten-free" rules out
wheat and gluten, "without peanuts" or "peanut-free" peanuts, "nut-free" tree nuts and peanuts,
"dairy-free" or "non-dairy" milk, "egg-free" egg, "soy-free" soy; "vegetarian", "meatless" rule
out meat and fish; "vegan" also milk, egg and honey.
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
    """Foods of `groups` (only those whose name has one of `within`, when given), or whose name
    has one of `words`, may contain `may_contain`, unless the name has a phrase of `unless`."""

    label: str
    may_contain: frozenset[Tag]
    groups: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    within: tuple[str, ...] = ()

    def matches(self, group_code: str, text: str) -> bool:
        if self.unless and mentions(text, self.unless):
            return False
        if group_code in self.groups and not _plain(group_code, text):
            if not self.within or mentions(text, self.within):
                return True
        return bool(self.words and mentions(text, self.words))


def _source(
    label: str,
    tags: set[Tag],
    groups: str = "",
    words: str = "",
    unless: str = "",
    within: str = "",
) -> HiddenSource:
    def split(text: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in text.split("|") if w.strip())

    return HiddenSource(
        label, frozenset(tags), split(groups), split(words), split(unless), split(within)
    )


_SWEET_BAKED = (
    "cake|cakes|cookie|cookies|pastry|pastries|pie|pies|muffin|doughnut|donut|brownie|"
    "danish pastry|danish pastries|"
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
        unless="rice cake|corn cake|popcorn cake|fish cake|crab cake|pie filling|pies filling|"
        "pie spice|flour white cake|flaky pastries|for cakes|shortening cake",  # fats for bakers
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
        "macaroni salad|coleslaw|meal frozen|frozen meal|dinner frozen|pasta dish|"
        "chili with beans|chili con carne|falafel|souffle|au gratin|scalloped",
        unless="for stew",  # raw meat cut for a stew
    ),
    _source(
        "soup, sauce, gravy or dressing",
        {M, E, W, G, SO, FI, MT},
        groups="0600",
        words="sauce|gravy|dressing|dip|soup|broth|bouillon|stock|marinade",
        unless="applesauce|apple sauce|cranberry sauce|sauce apple|sauce cranberry|guava sauce|"
        "tomato products canned sauce|tomato sauce canned|vinegar and oil|no broth",
    ),
    _source(
        "drink mix, shake or protein powder",
        {M, E, W, G, SO},
        words="drink mix|beverage mix|cocoa mix|shake mix|milkshake mix|instant breakfast|"
        "protein powder|protein supplement|nutritional shake|nutritional drink|meal replacement|"
        "chocolate powder|eggnog flavor mix|breakfast essentials",
    ),
    _source(
        "seasoning, glaze or dry mix",
        {M, E, W, G, SO},
        words="seasoned|seasoning mix|glazed|marinated|barbecue flavored|dry mix|egg mix",
        unless="gelatin|horchata|fruit flavored",
    ),
    _source(
        "margarine or spread",
        {M, SO},
        words="margarine|margarine like|vegetable oil spread|buttery spread|butter replacement",
    ),
    _source("fresh pasta", {E}, words="fresh refrigerated"),
    _source("fried potato product", {W, G, M}, words="french fried|potato puffs"),
    _source("refried beans, often made with lard", {MT}, words="refried", unless="fat free"),
    _source(
        "baby food dinner, cereal, dessert or snack",
        {M, E, W, G, SO},
        groups="0300",
        within="dinner|cereal|dessert|pudding|biscuits|cookies|crackers|pretzels|"
        "baked product|snacks|macaroni|juice treats",
    ),
    _source("restaurant or fast food", {M, E, W, G, SO, SE, PE, TN, FI, SH}, groups="2100|3600"),
)
BRANDED_PRODUCT = _source("branded product", {M, E, W, G, SO})
# Herbs, fruit, vegetables, nuts: one food whoever sells it.
BRANDED_EXEMPT_GROUPS = frozenset({"0200", "0900", "1100", "1200"})

# Plain foods of a group the table names as a whole.
_PLAIN = {
    "0800": "plain dry|plain prepared|cooked with water|regular and quick|puffed|farina|"
    "grits|whole wheat hot natural cereal|oats instant fortified plain|not fortified dry",
    "1800": "tortillas ready to bake or fry corn|corn tortilla|taco shell|tostada shells corn|"
    "rice cake|rice cakes|leavening agents|matzo",
    "1900": "",
    "2500": "plain|air popped|home prepared oil popped",
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
    ("dairy free|milk free|non dairy|nondairy", frozenset({M})),
    ("egg free|eggless", frozenset({E})),
    ("soy free", frozenset({SO})),
    ("vegetarian|meatless|meat free|meatfree|vegan", frozenset({MT, FI, SH})),
    ("vegan", frozenset({M, E, HO})),
)
_BRAND_CAPITALS = re.compile(r"\b[A-Z][A-Z'&.\-]{2,}\b")
# A brand's bottled water, juice, tea or tofu is that one food: its brand hides nothing.
_ONE_FOOD = tuple(
    "water|juice|juices|tea|coffee|tofu|seaweed|carbonated beverage|energy drink|beer".split("|")
)
_MORE_THAN_ONE_FOOD = tuple(
    "protein|shake|smoothie|smoothies|milk|cream|creamer|yogurt|cocoa|chocolate|mix|nog|"
    "dessert|meal|nutritional|soymilk".split("|")
)


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
    if (branded or _names_a_brand(name)) and not _one_food(group_code, text):
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


def _one_food(group_code: str, text: str) -> bool:
    """A branded food that is one food whatever its maker: fruit, vegetables, nuts, herbs, or a
    bottled water, juice, tea or tofu."""
    if group_code in BRANDED_EXEMPT_GROUPS:
        return True
    return mentions(text, _ONE_FOOD) and not mentions(text, _MORE_THAN_ONE_FOOD)


def _names_a_brand(name: str) -> bool:
    """SR26 writes brands in capitals ("Snacks, NUTRI-GRAIN FRUIT AND NUT BAR"), also where
    its branded flag is not set; 'USDA' is the commodity programme, not a brand."""
    return any(
        word not in {"USDA", "NFS", "NS", "II", "BBQ", "KAMUT"}
        for word in _BRAND_CAPITALS.findall(name)
    )
