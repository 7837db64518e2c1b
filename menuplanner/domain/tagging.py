"""Tags for a food from its USDA SR26 food group and its name, by documented rules.

Names are folded to lower-case ASCII words ("Chik'n" → "chik n"). A rule's word matches whole
words only, with an optional plural "s"/"es": "egg" matches "Eggs" but not "Eggplant"; "nut"
matches "Nuts" but not "Nutmeg", "Coconut" or "Doughnuts". Negations are honoured: "without
peanuts", "egg-free", "non-dairy", "(chicken not included)".

Conservative by design: where a name suggests an ingredient without naming it we tag it (a pizza
has cheese and wheat; a cake has egg and milk). A missed allergen can harm a client while an
extra tag only hides a food, and a user corrects any food with an override (`effective_tags`).

Group                        | Tag given to every food of the group
---------------------------- | -------------------------------------------------------------
0100 Dairy and egg           | egg if the name starts with "Egg", else milk (cream substitutes
                             | and toppings mostly hold caseinate)
0500 0700 1000 1300 1700     | meat (poultry, sausages, pork, beef, lamb/veal/game)
0800 Breakfast cereals       | gluten (wheat, barley malt or oats in most), not grits, cream
                             | of rice, plain puffed rice, rice/corn CHEX
1500 Finfish and shellfish   | shellfish for "Crustaceans, …", mollusc for "Mollusks, …",
                             | fish otherwise
1800 Baked products          | wheat, not corn tortillas, taco/tostada shells, rice cakes,
                             | leavening agents

Tag       | From name words (examples; full lists in `RULES`) … but not (why)
--------- | ---------------------------------------------------------------------------------
milk      | milk, cheese, butter, cream, yogurt, whey, custard, pudding, caramel, pizza, lasagna,
          | cake, pancake … not coconut/almond/soy/rice/oat milk, peanut/cocoa/fruit butter,
          | cream of tartar/wheat/rice, milkfish (a fish), crème de menthe, plain margarine
          | (none by name; a hidden source in `hidden_sources`), cake flour
egg       | egg, albumen, mayonnaise, custard, cake, pancake, waffle, muffin, meringue, nougat …
          | not eggplant (another word), English muffins, fish eggs (roe is fish)
fish      | fish, salmon, tuna, anchovy, worcestershire, caesar dressing, fish sauce
shellfish | shrimp, prawn, crab, lobster, crayfish (crustaceans) … not crabapple (another word)
mollusc   | clam, oyster, mussel, scallop, squid, octopus, snail … not oyster mushrooms or
          | crackers, scallop squash
tree_nuts | almond, walnut, pecan, cashew, pistachio, hazelnut, chestnut, "nuts", praline, pesto,
          | nut oils … not coconut (FDA dropped it from tree nuts in 2025), nutmeg, butternut
          | squash, water chestnut, Grape-Nuts
peanuts   | peanut, groundnut, peanut oil (refined oils keep their tag: we cannot tell how refined)
wheat     | wheat, flour, bread, pasta, noodles, cracker, pretzel, couscous, semolina, spelt,
          | soba (mostly part wheat), gravy, soy sauce … not buckwheat (another word), flour,
          | pasta, noodles or tortillas of rice, corn, soy…, tamari (brewed without wheat),
          | spaghetti squash, pumpkin pie spice or pie mix (no crust)
gluten    | every wheat food; barley, rye, malt, beer, oats (most oats meet wheat in the field
          | or mill) … not rice ("glutinous" rice has none), names saying "gluten-free",
          | the maker QUAKER OATS
soy       | soy, soybean (oil too), tofu, tempeh, miso, edamame, teriyaki
sesame    | sesame, tahini, hummus, halva
meat      | beef, pork, chicken, turkey, ham, bacon, sausage, gelatin, lard, marshmallow
          | (gelatin) … not meat analogues ("meatless", "veggie", LOMA LINDA, MORNINGSTAR
          | FARMS…), coconut meat, eggs of turkeys or ducks, a fish's liver, lambs quarters
          | (a leafy green)
honey     | honey, baklava … not honeydew (another word)

A handful of well-known brands are read (SNICKERS → peanuts, milk, egg); other brand names are
not. What a processed or branded food may contain beyond what its name says (a meatless
chicken's soy and egg white, a granola bar's nuts) is in `hidden_sources`: such a food is
"allergens unverified" for the clients it could harm until a person confirms its tags.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from menuplanner.domain.search import fold
from menuplanner.domain.tags import Tag


@dataclass(frozen=True, slots=True)
class Rule:
    """Tag a food whose name has one of `words`, except where a phrase of `unless` holds the
    word (it means something else there) or the name has a word of `not_with` anywhere."""

    tags: frozenset[Tag]
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        """`text` is `words_of(name)`."""
        words = _any_of(self.words)
        if not words.search(text) or (self.not_with and _any_of(self.not_with).search(text)):
            return False
        text = _negated(self.words).sub("|", text)  # "without peanuts", "egg-free"
        if self.unless:
            text = _any_of(self.unless).sub("|", text)
        return bool(words.search(text))


@functools.cache
def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `phrases` as whole words, each with an optional plural "s" or "es"."""
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<= )(?:{alternatives})(?:e?s)?(?= )")


@functools.cache
def _negated(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"(?<= )(?:without|no|non)(?: added)? (?:{alternatives})(?:e?s)?(?= )"
        rf"|(?<= )(?:{alternatives})(?:e?s)? free(?= )(?! range)"
        rf"|(?<= )(?:{alternatives})(?:e?s)?(?: [a-z]+)? not included(?= )"
    )


def _rule(tags: set[Tag], words: str, unless: str = "", not_with: str = "") -> Rule:
    """Rule from `|`-separated word lists, to keep the table below readable."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in text.split("|") if w.strip())

    return Rule(frozenset(tags), split(words), split(unless), split(not_with))


_NUT_BUTTERS = "peanut butter|almond butter|cashew butter|nut butter|seed butter|sesame butter"
_PLANT_BUTTERS = "cocoa butter|shea butter|nutmeg butter|ucuhuba butter|fruit butter|butter bean"
_PLANT_MILKS = "coconut milk|almond milk|soy milk|rice milk|oat milk|cashew milk|hemp milk"
# Phrases where a baked-goods word names no baked goods (or none with egg and milk).
_NOT_BAKED = (
    "rice cake|corn cake|popcorn cake|shortening cake|"
    "for cakes|blends pancake|pizza sauce|sauce pizza|bread and butter pickle|flaky pastries|"
    "flour white cake|pie spice|pie mix"  # cake flour, pumpkin pie spice, pumpkin pie mix
)
# A "flour", "pasta" or "tortilla" with one of these words is not made of wheat.
_NOT_WHEAT_GRAINS = (
    "rice|corn|cornmeal|masa|soy|soybean|potato|buckwheat|arrowroot|chickpea|garbanzo|bean|"
    "lentil|pea|tapioca|cassava|sorghum|millet|teff|amaranth|quinoa|oat|rye|barley|carob|"
    "peanut|sesame|coconut|almond|acorn|lupin|chestnut|mung|cellophane|popcorn|yam|taro|squash"
)

RULES: tuple[Rule, ...] = (
    _rule(
        {Tag.MILK},
        "milk|buttermilk|milkfat|cheese|cheesecake|cheeseburger|cheesefurter|butter|"
        "butterscotch|ghee|cream|creme|creamed|creamer|yogurt|yoghurt|whey|casein|caseinate|"
        "kefir|lactose|lactalbumin|lactoglobulin|custard|pudding|eggnog|alfredo|au gratin|"
        "scalloped|caramel|toffee|fudge|"
        "white chocolate|ice milk|chowder|bisque|quiche|souffle|pizza|lasagna|lasagne|queso|"
        "paneer|dulce de leche|ranch dressing|croissant|croissan wich|danish pastry|pancake|"
        "waffle|french toast|crepe|cake|muffin|shake|milkshake|sundae|dairy|nacho|"
        "ranch sauce|cheddar|mozzarella|parmesan|ricotta|feta|gouda|brie|provolone|gruyere|"
        "mascarpone|velveeta|cheez|milky way|musketeers|snickers|twix|kit kat|reese|m m|"
        "klondike|creamsicle|fudgesicle|sherbet|rennin|mousse|whitener|cocoa mix|ensure|"
        "boost|slimfast|sweet chocolate|semisweet chocolate|chocolate coated|chocolate covered|"
        "chocolate chip|truffle|pepper jack|monterey jack|colby|sauce white|"
        "sauce homemade white|caramello|krackel|100 grand|crunch bar|raisinets|heath|"
        "tootsie roll|mr goodbar|whatchamacallit|baby ruth|oh henry",
        unless=f"{_NUT_BUTTERS}|{_PLANT_BUTTERS}|{_PLANT_MILKS}|{_NOT_BAKED}|milk thistle|"
        "coconut cream|cream of tartar|cream of wheat|cream of rice|cream soda|cream style|"
        "creamed corn|corn creamed|desiccated creamed|ice cream cones|alaskan ice cream|"
        "soy yogurt|tofu yogurt|soybean curd cheese|head cheese|clam chowder manhattan|"
        "manhattan clam chowder|custard apple|english muffin|shake n bake|truffle flavor|"
        "fish cake|crab cake|toppings and coffee whiteners|creme de menthe|creme de cacao|"
        "nacho sliced",
        not_with="silk",  # a brand of plant drinks and creamers
    ),
    _rule(
        {Tag.MILK},
        "infant formula|child formula|toddler formula|similac|enfamil|pediasure|good start",
        not_with="soy|prosobee|isomil|aa",  # soy- and amino-acid-based formulas
    ),
    _rule(
        {Tag.EGG},
        "egg|eggnog|albumen|ovalbumin|omelet|omelette|mayonnaise|mayo|miracle whip|aioli|"
        "hollandaise|bearnaise|"
        "meringue|custard|quiche|souffle|french toast|pancake|waffle|crepe|popover|cake|muffin|"
        "brownie|doughnut|donut|eclair|cream puff|croissant|nougat|macaroon|tempura|wonton|"
        "caesar dressing|thousand island|tartar sauce|sauce tartar|ranch dressing|ranch sauce|"
        "potato salad|macaroni salad|coleslaw|hush puppies|hotcakes|fried rice|mousse|"
        "musketeers|snickers",
        unless=f"{_NOT_BAKED}|custard apple|dinosaur egg|fish egg|herring egg|salmon egg|"
        "whitefish egg|mayonnaise made with tofu|english muffin",
    ),
    _rule(
        {Tag.FISH},
        "fish|anchovy|anchovies|salmon|tuna|cod|haddock|halibut|herring|mackerel|sardine|"
        "trout|tilapia|catfish|pollock|flounder|snapper|swordfish|perch|pike|carp|eel|"
        "whitefish|milkfish|mahimahi|grouper|roughy|sturgeon|smelt|shark|caviar|roe|surimi|lox|"
        "worcestershire|caesar dressing|fish sauce",
    ),
    _rule(
        {Tag.SHELLFISH},
        "crustacean|shrimp|prawn|crab|crabmeat|lobster|crayfish|crawfish|krill|scampi|langoustine",
    ),
    _rule(
        {Tag.MOLLUSC},
        "mollusk|mollusc|clam|oyster|mussel|scallop|squid|calamari|octopus|cuttlefish|snail|"
        "escargot|abalone|whelk|conch|periwinkle|cockle|chiton",
        unless="oyster mushroom|mushrooms oyster|oyster cracker|crackers oyster|includes oyster|"
        "vegetable oyster|emu oyster|ostrich oyster|scallop squash|squash summer scallop",
    ),
    _rule(
        {Tag.TREE_NUTS},
        "nut|almond|walnut|pecan|cashew|pistachio|hazelnut|filbert|macadamia|brazilnut|"
        "brazil nut|pine nut|pinyon|pignolia|chestnut|beechnut|hickorynut|butternuts|praline|"
        "acorn|marzipan|pesto|baklava|nutella|gianduja|frangipane",
        unless="nuts coconut|water chestnut|chestnuts water|nuts formulated|grape nuts|"
        "butternut squash|roasting nuts|acorn squash|winter acorn",
    ),
    _rule(
        {Tag.PEANUTS},
        "peanut|groundnut|arachis|snickers|reese|butterfinger|nutter butter|baby ruth|"
        "oh henry|mr goodbar|5th avenue|whatchamacallit",
    ),
    _rule(
        {Tag.WHEAT},
        "wheat|semolina|durum|bulgur|couscous|farina|spelt|kamut|triticale|seitan|gluten|"
        "bread|breaded|breadcrumbs|crumbs|bun|rolls|cinnamon roll|sweet roll|egg roll|"
        "spring roll|dinner roll|bagel|biscuit|croissant|croissan wich|danish pastry|pastry|"
        "pastries|strudel|turnover|eclair|cream puff|doughnut|donut|scone|pie|pretzel|crouton|"
        "stuffing|dumpling|wonton|gnocchi|ravioli|tortellini|lasagna|lasagne|pizza|calzone|"
        "sandwich|burrito|chimichanga|quesadilla|pita|naan|chapati|roti|frybread|cheesecake|"
        "brownie|cookie|graham|batter|battered|tempura|gravy|white sauce|malt o meal|twix|"
        "kit kat|wheaties|cheeseburger|hamburger|corn dog|pancake|waffle|"
        "mcgriddles|hotcakes|french toast|crepe|popover|muffin|soba|zwieback|cobbler|"
        "hush puppies|onion rings|mozzarella sticks|fried mozzarella|lo mein|chow mein|"
        "spaghettios|rice and vermicelli|wedding soup|big mac|quarter pounder|big n tasty|"
        "minestrone|sauce white|sauce homemade white|cereal grain beverage",
        unless=f"{_NOT_BAKED}|pie filling|pies filling|tamari|bun length|relish hamburger",
    ),
    _rule(
        {Tag.WHEAT},
        "flour|pasta|noodle|macaroni|spaghetti|vermicelli|tortilla|cracker|cake",
        unless="cracker barrel",  # a restaurant chain
        not_with=_NOT_WHEAT_GRAINS,
    ),
    # Tamari is brewed without wheat; other soy sauces are half wheat.
    _rule({Tag.WHEAT}, "soy sauce|teriyaki|hoisin", not_with="tamari"),
    _rule(
        {Tag.GLUTEN},
        "barley|rye|malt|malted|beer|ale|lager|stout|oat|oatmeal|granola|muesli|ovaltine|"
        "multigrain|multi grain|7 whole grain|mixed grain|cereal mixed|mixed cereal|"
        "scotch broth",
        unless="ginger ale|root beer|birch beer|quaker oats",  # a maker's name
    ),
    _rule(
        {Tag.SOY},
        "soy|soya|soybean|soymilk|soyburger|tofu|tempeh|edamame|miso|natto|tamari|okara|yuba|"
        "teriyaki|hoisin|prosobee|isomil|fried rice|textured vegetable protein",
    ),
    _rule({Tag.SESAME}, "sesame|tahini|tahina|hummus|houmous|halvah|halavah|halva|benne"),
    _rule(
        {Tag.MEAT},
        "meat|beef|beefy|veal|pork|ham|bacon|chicken|turkey|duck|goose|lamb|mutton|venison|bison|"
        "rabbit|poultry|sausage|salami|pepperoni|frank|frankfurter|hot dog|hotdog|wiener|bologna|"
        "bratwurst|chorizo|kielbasa|pastrami|prosciutto|liverwurst|braunschweiger|meatball|"
        "meatloaf|hamburger|cheeseburger|burger|whopper|jerky|gelatin|gelatine|jell o|"
        "marshmallow|lard|tallow|drippings|giblets|liver|steak|elk|moose|caribou|deer|boar|"
        "quail|pheasant|squab|ostrich|emu|owl|whale|seal|walrus|sea lion|carne|tripe|"
        "wedding soup|big mac|quarter pounder|big n tasty|scotch broth|oxtail|pot roast|"
        "pepperpot|pepper pot|chili",
        unless="chili powder|chili pepper|peppers chili|hot chili|chili sauce|sauce chili|"
        "tomato chili|dry chili|beans chili|green chili|red chili|coconut meat|grated meat|"
        "crab meat|lobster meat|nut meat|cod liver|steak sauce|sauce steak|steak fries|"
        "steak cut|meat extender|poultry seasoning|relish hot dog|relish hamburger|duck sauce|"
        "sauce duck|burger king|coating for pork|coating for chicken|lambs quarters",
    ),
    _rule({Tag.HONEY}, "honey|baklava", unless="honeydew|honey dew"),
)

MEAT_GROUPS = frozenset({"0500", "0700", "1000", "1300", "1700"})  # poultry, sausages, pork…
# Breakfast cereals without wheat, barley malt or oats (most others have one of them).
_CEREALS_WITHOUT_GLUTEN = (
    "grits",
    "cream of rice",
    "rice puffed",
    "puffed rice",
    "rice chex",
    "corn chex",
)
# Foods of the baked products group made without wheat.
_BAKED_WITHOUT_WHEAT = (
    "corn tortilla",
    "tortillas ready to bake or fry corn",
    "taco shell",
    "tostada shells corn",
    "rice cake",
    "leavening agents",
)
_GLUTEN_FREE = ("gluten free", "wheat free")
_MEAT_ANALOGUE = (
    "meatless",
    "meat free",
    "meatfree",
    "vegetarian",
    "veggie",
    "vegan",
    "vege",
    "veja",
    "chik n",
    "chik",
    "turk y",
    "prosage",
    "soyburger",
    "meat extender",
    "loma linda",
    "worthington",
    "morningstar farms",
    "gardenburger",
)


def words_of(name: str) -> str:
    """ " word word … " — lower-case ASCII words between single spaces, padded at both ends."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", fold(name))) + " "


def tags_for_food(name: str, group_code: str) -> frozenset[Tag]:
    """The tags our rules give a food (see the module docstring for the rules)."""
    text = words_of(name)
    tags = _group_tags(group_code, text)
    for rule in RULES:
        if rule.matches(text):
            tags |= rule.tags
    if Tag.WHEAT in tags:
        tags.add(Tag.GLUTEN)
    if mentions(text, _GLUTEN_FREE):
        tags -= {Tag.WHEAT, Tag.GLUTEN}
    if group_code == "0100" or text.startswith(" fish "):
        tags.discard(Tag.MEAT)  # "Egg, turkey, whole" and "Fish, lingcod, liver" are no meat
    if mentions(text, _MEAT_ANALOGUE):
        tags -= {Tag.MEAT, Tag.FISH}
    return frozenset(tags)


def _group_tags(group_code: str, text: str) -> set[Tag]:
    if group_code in MEAT_GROUPS:
        return {Tag.MEAT}
    if group_code == "0100":  # Dairy and egg products
        return {Tag.EGG} if text.startswith((" egg ", " eggs ")) else {Tag.MILK}
    if group_code == "1500":  # Finfish and shellfish
        if text.startswith(" crustaceans "):
            return {Tag.SHELLFISH}
        return {Tag.MOLLUSC} if text.startswith(" mollusks ") else {Tag.FISH}
    if group_code == "0800" and not mentions(text, _CEREALS_WITHOUT_GLUTEN):
        return {Tag.GLUTEN}
    if group_code == "1800" and not mentions(text, _BAKED_WITHOUT_WHEAT):
        return {Tag.WHEAT}
    return set()


def mentions(text: str, phrases: tuple[str, ...]) -> bool:
    return bool(_any_of(phrases).search(text))


def effective_tags(
    food_id: int, name: str, group_code: str, overrides: dict[int, frozenset[Tag]]
) -> frozenset[Tag]:
    """A user's correction of a food's tags replaces what the rules say."""
    if food_id in overrides:
        return overrides[food_id]
    return tags_for_food(name, group_code)
