"""The suitability rules as a table (see planning/suitability.py's docstring for what they say):
categories (their meals and portions are data: data/meals/categories.csv, read by
categories.py), and the ordered rules that give a food its category
or the reason it is never suggested."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from menuplanner.domain.search import words
from menuplanner.planning.categories import Category, load_categories
from menuplanner.planning.meals import MealKind

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK
MEAT_GROUPS = ("0500", "1000", "1300", "1700")
RESTAURANT_GROUPS = ("2100", "3600")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules say about one food: its category, or why it is never suggested."""

    category: Category | None
    reason: str = ""  # why not, when category is None


@dataclass(frozen=True, slots=True)
class _Rule:
    verdict: Verdict
    groups: tuple[str, ...] = ()  # any of these groups ("" = any group)
    words: tuple[str, ...] = ()  # any of these phrases in the name (empty = any name)
    unless: tuple[str, ...] = ()  # none of these phrases in the name
    start: tuple[str, ...] = ()  # the name starts with one of these phrases
    requires: tuple[str, ...] = ()  # every one of these phrases in the name

    def matches(self, group: str, text: str) -> bool:
        if self.groups and group not in self.groups:
            return False
        if self.requires and not all(has(text, (p,)) for p in self.requires):
            return False
        if self.start and not any(text.startswith(f" {p} ") for p in _stemmed(self.start)):
            return False
        if self.words and not has(text, self.words):
            return False
        return not (self.unless and has(text, self.unless))


@functools.cache
def _stemmed(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(words(p)) for p in phrases)


@functools.cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf" {re.escape(p)} " for p in _stemmed(phrases)))


def has(text: str, phrases: tuple[str, ...]) -> bool:
    return bool(_pattern(phrases).search(text))


def split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


def _never(reason: str, groups: str = "", words: str = "", unless: str = "", start: str = ""):
    return _Rule(Verdict(None, reason), split(groups), split(words), split(unless), split(start))


def _serve(
    category: Category,
    groups: str = "",
    words: str = "",
    unless: str = "",
    start: str = "",
    requires: str = "",
) -> _Rule:
    return _Rule(
        Verdict(category),
        split(groups),
        split(words),
        split(unless),
        split(start),
        split(requires),
    )


COOKED = (
    "cooked|roasted|braised|broiled|grilled|stewed|simmered|baked|fried|pan fried|rotisserie|"
    "canned|smoked|heated|prepared|boiled|steamed|moist heat|dry heat|microwaved|ready to eat|"
    "fully cooked|roast"
)
# Raw vegetables at lunch or dinner are salad: leaves, cabbage and tomatoes. Other raw
# vegetables (celery, cucumber, carrots, peppers, raw broccoli or fennel…) are crudités, eaten
# as a snack (categories.csv: `nibbles` are served at snacks only, issue 16).
RAW_SALAD = "lettuce|spinach|arugula|tomato|cabbage|kale|endive|cress|watercress|romaine|alfalfa"
NIBBLES = (
    "carrot|celery|cucumber|pepper sweet|peppers sweet|radish|snow pea|jicama|broccoli|"
    "cauliflower|fennel|mushroom|squash summer|zucchini"
)
UNFAMILIAR = (
    "jute|nopale|burdock|balsam pear|lambsquarter|drumstick|chrysanthemum|cress garden|"
    "dandelion|amaranth|taro|cassava|yautia|malanga|poi|lotus|mountain yam|pokeberry|purslane|"
    "mustard spinach|kanpyo|carob|soursop|guanabana|breadfruit|litchi|guava|kumquat|mulberries|"
    "loganberries|boysenberries|casaba|carambola|passion fruit|granadilla|persimmon|quince|"
    "cherimoya|durian|jackfruit|tamarind|salsify|arrowhead|borage|cardoon|chayote|hyacinth|"
    "winged bean|yardlong|mungo|adzuki|lupin|hyacinth bean|yambean|jicama|celeriac|kohlrabi|"
    "gourd|waxgourd|sesbania|seaweed|kelp|spirulina|agar|wakame|natto|papad|millet|buckwheat|"
    "wild rice|hominy|grits|chicory|beet green|broccoli raab|currants red|curd cheese|leaves|"
    "pumpkin leaf|chestnut"
)
SWEET_BAKERY = (
    "cake|cookies|brownies|pie|pastry|pastries|doughnut|donut|danish|cinnamon bun|sweet roll|"
    "toaster pastries|breakfast tart|cream puff|eclair|strudel|cheesecake|frosting|coffeecake|"
    "turnover|cobbler|crisp|sweet yeast bread|pan dulce|fruitcake|wafer|ladyfinger|croissant"
)

CATEGORIES = load_categories()  # data/meals/categories.csv
C = CATEGORIES

RULES: tuple[_Rule, ...] = (
    _never("baby food", "0300"),
    _never("baby food", words="baby food|infant formula|toddler formula|child formula"),
    _never("traditional foods of group 3500 (American Indian/Alaska Native)", "3500"),
    _never("herb or spice", "0200"),
    _never(
        "supplement or formula",
        words="supplement|protein powder|formula|isolate|ensure|"
        "slimfast|shake mix|meal replacement|nutritional shake|whey|human",
    ),
    _never("imitation or substitute", words="imitation|substitute|replacement"),
    _never(
        "raw meat, poultry, fish or egg",
        "0500|0700|1000|1300|1500|1700|0100",
        "raw",
        unless="cheese|milk|yogurt",
    ),
    _never(
        "ingredient, not a dish",
        words="flour|starch|cornstarch|crude|dry mix|mix dry|"
        "unprepared|not reconstituted|powder|powdered|dehydrated|condensed|dough|yeast|"
        "leavening|baking|gelatin|gelatins|pectin|shortening|lard|tallow|drippings|grease|"
        "extract|vital gluten|crumbs|stuffing|as purchased|crust|dry packet|bits|paste|puree|"
        "wheat germ|rice noodle|"
        "tomato products",
        unless="prepared|ready to serve|apples dehydrated|fried",
    ),
    # a client reads "Orange juice, frozen concentrate" as the can of concentrate: the
    # ready-to-drink juice (bottled, chilled, "includes from concentrate") is offered instead
    _never("frozen concentrate: the ready-to-drink juice instead", words="frozen concentrate"),
    _never("ingredient, not a dish", words="concentrate", unless="from concentrate"),
    _never("ingredient, not a dish", words="not prepared|cracker meal|meal"),
    _never(
        "ingredient, not a dish",
        "2000|1600|0800|2200",
        "raw|dry|uncooked",
        unless="prepared|cooked|roasted|tofu",
    ),
    _never(
        "sweets, cakes and desserts",
        "1900",
        unless="jam|jams|jelly|jellies|marmalade|honey|fruit butter|preserves",
    ),
    _never(
        "sweets, cakes and desserts", words=SWEET_BAKERY, unless="rice cake|popcorn cake|pot pie"
    ),
    _never(
        "sweets, cakes and desserts",
        words="ice cream|frozen yogurt|pudding|custard|eggnog|"
        "milkshake|shake|dessert|yogurt frozen|dulce de leche|frozen novelty|sundae|candy|candies|"
        "chip|chips|crisps|pork skin|cheese puff|extruded|marshmallow|fudge|caramel|"
        "chocolate coated|chocolate covered|yogurt covered|confectioner|frosted|sugar coated|"
        "fruit leather|fruit snack|syrup|candied|maraschino|pie filling",
    ),
    _never("alcoholic drink", words="alcoholic|beer|wine|liqueur|malt beverage"),
    _serve(
        C["milk"],
        "1400|1600|1200",
        "almond milk|rice drink|rice milk|oat milk|soymilk|soy milk|coconut milk beverage",
        unless="chocolate",
    ),
    _never("drink with no place on a meal plan", "1400"),
    _never("drink with no place on a meal plan", start="coffee|tea|water|soda|lemonade"),
    _never(
        "offal, skin or trimmings",
        "0500|0700|1000|1300|1500|1700",
        "giblet|liver|kidney|heart|gizzard|tongue|brain|tripe|feet|foot|neck|back|skin only|"
        "separable fat|fat only|variety meat|by product|mechanically|chitterling|ear|tail|bbq skin|"
        "chicken skin|skin from|game meat|dove|squab|"
        "sweetbread|spleen|lung|pancrea|thymus|crackling|cracklin|liverwurst|braunschweiger|"
        "headcheese|head cheese|blood|caviar|roe|anchovy",
    ),
    _never(
        "oil, fat or topping",
        "0400",
        unless="margarine|vegetable oil spread|butter light|butter blend|spread",
    ),
    _never(
        "oil, fat or topping",
        start="oil|oils|fat|cream|whipped|sour cream|dessert topping|"
        "whipped topping|reddi wip|butter oil|animal fat|meat drippings|lard|sour dressing|"
        "ghee",
    ),
    _never("sauce, condiment or broth", "0600", unless="soup|chowder|stew"),
    _never(
        "sauce, condiment or broth",
        words="broth|bouillon|consomme|liquid from|pickled|sauerkraut",
        unless="olive",
    ),
    _never(
        "sauce, condiment or broth",
        start="sauce|gravy|dip|salsa|catsup|ketchup|mustard|"
        "relish|pickle|pickles|pickle relish|salad dressing|dressing|mayonnaise|seasoning|"
        "vinegar|soy sauce|miso|adobo|horseradish|worcestershire|lemon peel|orange peel|pimento|"
        "sandwich spread",
    ),
    _never("meat not said to be cooked", "0500|1000|1300|1700", unless=COOKED),
    _never("not heated as eaten (an unheated form)", words="unheated", unless="fruit|apple"),
    _never(
        "eaten cooked, not raw",
        "1100",
        "tomato green|stalk|scotch|chanterelle|morel|maitake|oyster|shiitake|enoki|"
        "swamp cabbage|new zealand spinach|pak choi|pe tsai|savoy|crookneck|scallop|"
        "cauliflower green|sprouted|pea edible podded",
        unless="cooked|boiled|canned|frozen|steamed|stir fried",
    ),
    _never(
        "an ingredient of a stir-fry, not a side",
        "1100",
        "waterchestnut|waterchestnuts|water chestnut|bamboo shoot|bamboo shoots|sprouted",
    ),
    _never(
        "a seasoning (a little chopped into a dish), not a vegetable side",
        "1100",
        "peppers hot|pepper hot|jalapeno|jalapenos|serrano|habanero",
    ),
    _never(
        "eaten raw, not as a cooked side",
        "1100",
        "celery cooked|celery boiled|radishes cooked|radishes oriental cooked|cucumber cooked|"
        "lettuce cooked",
    ),
    _never("eaten cooked, not raw", "0900", "cherries sour|cherry sour", unless="dried"),
    _never(
        "unfamiliar to most clients (give it a rule to use it)",
        "1500",
        "cisco|burbot|cusk|wolffish|pout|sucker|carp|mullet|drum|eel|ling|pike|sheepshead|"
        "sturgeon|shad|smelt|spot|croaker|butterfish|octopus|squid|cuttlefish|whelk|abalone|conch",
    ),
    _never(
        "unfamiliar to most clients (give it a rule to use it)",
        "0900|1100|1200|1600|2000",
        UNFAMILIAR,
    ),
    _serve(C["restaurant"], "2100|3600"),
    # Dairy and eggs
    _serve(C["boiled_eggs"], "0100", "hard boiled", start="egg|eggs"),
    _serve(C["eggs"], "0100", COOKED + "|omelet|scrambled|poached|hard boiled", start="egg|eggs"),
    _never("raw meat, poultry, fish or egg", "0100", start="egg|eggs"),
    _never("unfamiliar to most clients (give it a rule to use it)", "0100", "limburger|gjetost"),
    _serve(C["fresh_cheese"], "0100", "cottage"),  # ricotta is a cheese: with something
    _serve(C["spread"], "0100", "cheese cream|cream cheese"),
    _serve(C["cheese"], "0100", "cheese|queso", unless="cream cheese|spread|sauce|grated|topping"),
    _never("sweets, cakes and desserts", "0100", "yogurt chocolate|chocolate yogurt"),
    _serve(C["yogurt"], "0100|1600", "yogurt|yoghurt|kefir"),
    _never("cooking ingredient, not a drink", "0100", "buttermilk"),
    _serve(C["milk"], "0100", "milk", unless="dry|dried|canned|evaporated|condensed"),
    _serve(C["spread"], "0100|0400", start="butter|margarine|margarine like|vegetable oil spread"),
    # Cereals
    _serve(C["hot_cereal"], "0800", "cooked|prepared"),
    _serve(
        C["cereal"],
        "0800",
        unless="chocolate|marshmallow|fruity|presweetened|frosted|sweetened|dyno|candy",
    ),
    # Fruit
    _serve(
        C["juice"],
        "0900|1100",
        "juice|nectar",
        unless="lemon|lime|cocktail|drink|juice pack|packed in|in juice",
    ),
    _serve(C["avocado"], "0900", "avocado"),
    _serve(C["olives"], "0900", "olive"),
    _serve(
        C["dried_fruit"],
        "0900",
        "dried|raisin|date|prune|currants zante|dehydrated",
        unless="stewed",
    ),
    _serve(
        C["fruit"],
        "0900",
        unless="lemon|lime|plantain|breadfruit|cranberries raw|rhubarb|sauce|guava sauce|tamarind",
    ),
    # Vegetables
    _serve(
        C["potatoes"],
        "1100",
        "potato|sweet potato|yam",
        unless="chip|french fried|hash brown|puff|flake|mix|raw|au gratin|scalloped|"
        "baked skin|leaves",
    ),
    _serve(
        C["nibbles"],
        "1100",
        NIBBLES,
        requires="raw",
        unless="cooked|boiled|canned|frozen|juice|sun dried",
    ),
    _serve(C["salad"], "1100", RAW_SALAD, requires="raw"),
    _serve(C["edamame"], "1100|1600", start="edamame|soybeans green", unless="raw"),
    _serve(
        C["vegetables"],
        "1100",
        COOKED + "|frozen",
        unless="sauerkraut|sun dried|onion|garlic|chives|juice|dried|fried|potato|hash brown",
    ),
    # Pulses, nuts
    _serve(C["hummus"], "", "hummus"),
    _serve(
        C["nut_butter"],
        "1200|1600",
        "peanut butter|almond butter|cashew butter|tahini|"
        "sesame butter|nut butter|peanut spread|sunflower seed butter",
    ),
    _serve(C["nuts"], "1600", "peanut", unless="boiled|flour"),
    _serve(C["tofu"], "1600", start="tofu"),
    _serve(
        C["meat_alternatives"],
        "1600",
        "tofu|tempeh|meatless|vegetarian|veggie|soyburger|natto|seitan",
        unless="bacon bit|bean",
    ),
    _serve(
        C["legumes"],
        "1600",
        "bean|lentil|chickpea|garbanzo|pea|cowpea|lima|soybean|edamame|refried",
        unless="liquid|noodle|vermicelli|papad|beverage|roasted",
    ),
    _serve(C["brazil_nuts"], "1200", start="nuts brazilnuts"),
    _never("cooking ingredient, not a snack", "1200", "pine nut|pine nuts|pinyon"),
    _serve(
        C["nuts"],
        "1200",
        unless="coconut milk|coconut cream|coconut water|almond paste|coconut|sesame|flaxseed",
    ),
    # Baked products and grains
    _serve(C["pancakes"], "1800", "pancake|waffle|french toast"),
    _serve(C["bagels"], "1800", "bagel|english muffin"),
    _serve(C["crackers"], "1800|2500", "cracker|rice cake|crispbread|melba|matzo|popcorn cake"),
    _serve(
        C["bread"],
        "1800",
        "bread|roll|pita|tortilla|naan|chapati|roti|bun|biscuit|paratha",
        unless="crumb|stuffing|sweet|stick|cornbread|pudding|taco|tostada|garlic|hamburger|"
        "hotdog|hot dog|roll bread",
    ),
    _serve(C["pasta"], "2000", "macaroni|spaghetti|pasta|noodle|noodles", requires="cooked"),
    _serve(C["grains"], "2000", "cooked|prepared|hominy"),
    # Prepared foods and snacks
    _serve(C["soup"], "0600", "ready to serve|prepared|chunky|home|stew", unless="stock"),
    _serve(C["potatoes"], "2200", "potato salad"),
    _serve(C["dish"], "2200", unless="nugget|corn dog|pizza roll|hot pocket|taquito"),
    _serve(C["bars"], "2500", "bar"),
    _serve(C["snacks"], "2500", "popcorn|pretzel|trail mix"),
    _serve(C["jam"], "1900"),
    # Meat and fish
    _serve(C["bacon"], "0700|1000", "bacon", unless="bit"),
    _serve(
        C["ham"],
        "0700",
        "ham|breakfast|canadian",
        unless="spread|pate|salad|loaf|roll|dried|luncheon|spam|minced|canned",
    ),
    _never("a topping, not a main", "0700", "pepperoni|salami|chorizo|bacon bits"),
    _serve(C["cured"], "0700", unless="spread|pate|salad|loaf|roll|dried"),
    _serve(C["meat"], "|".join(MEAT_GROUPS)),
    _serve(C["fish"], "1500", unless="liquid|salted|dried"),
)
