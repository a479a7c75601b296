"""A small built-in ontology: common words for the things customers talk about.

A taxonomy names a theme with a few seed words ("food", "staff", "price"); customers write
"the pad ", "our waiter", "$15". When a seed word is the head of a concept below, the
theme also matches the concept's members, with a lower weight than a seed word. This is
the light stand-in for word embeddings: plain words, written for Centric, no download.
"""

from __future__ import annotations

from collections.abc import Callable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# concept -> (head words that invoke it, member words)
CONCEPTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "food": (
        _words("food dish dishes meal meals cuisine menu"),
        _words(
            """appetizer appetizers entree entrees starter starters dessert desserts course courses
            plate bread pasta pizza pizzas sushi sashimi roll rolls burger burgers sandwich
            sandwiches salad salads soup soups steak steaks chicken beef pork lamb duck fish
            salmon tuna shrimp lobster crab oysters mussels scallops seafood rice noodles
            dumplings curry tacos burrito fries cheese eggs omelette pancakes waffles bagel
            bagels sauce vegetables veggie vegetarian vegan tofu beans potatoes mushrooms garlic
            spicy sweet salty bland tasty delicious yummy flavorful flavour flavors flavours
            taste tasted tastes tasting fresh freshness cooked overcooked undercooked seasoned
            seasoning recipe ingredients cake pie chocolate ice cream gelato tiramisu cookies
            pastry pastries croissant chips salsa guacamole hummus kebab ramen pho wings ribs
            bbq grilled fried baked roasted sauteed crispy tender juicy greasy soggy stale snack
            snacks meat calamari antipasto risotto gnocchi ravioli lasagna teriyaki tempura naan"""
        ),
    ),
    "drink": (
        _words("drinks drink beverage beverages"),
        _words(
            """wine wines beer beers cocktail cocktails martini margarita sake coffee espresso
            latte cappuccino tea juice soda water lemonade bartender sangria whiskey vodka
            champagne pint mimosa smoothie"""
        ),
    ),
    "staff": (
        _words("staff waiter waitress server employees employee team service"),
        _words(
            """waiters waitresses servers waitstaff host hostess hosts manager managers owner
            owners bartender busboy maitre attentive attentiveness rude friendly polite
            courteous helpful prompt ignored served serving greeted welcomed tip tips
            refill refills professional knowledgeable accommodating apologized apology"""
        ),
    ),
    "atmosphere": (
        _words("atmosphere ambience ambiance decor vibe"),
        _words(
            """music noise noisy loud quiet romantic cozy cosy intimate crowded cramped lighting
            lights candle candles decoration decorated interior design space spacious room rooms
            seating booth booths patio terrace garden view views outdoor window windows
            comfortable chairs sit sitting hip trendy elegant casual classy charming relaxed
            relaxing lively bustling scene wall walls floor ceiling bathroom restroom clean
            dirty smell smells"""
        ),
    ),
    "money": (
        _words("price prices cost costs money value pricing"),
        _words(
            """expensive cheap pricey overpriced affordable inexpensive bargain deal deals worth
            dollars dollar $ bucks paid pay paying budget reasonable reasonably steep discount
            coupon prix"""
        ),
    ),
    "shipping": (
        _words("delivery shipping shipment"),
        _words(
            """delivered arrived arrive arrival package parcel courier tracking dispatched shipped
            postage box boxes packaging packed doorstep driver ups fedex usps dhl"""
        ),
    ),
    # Not "platform" (shoes) nor "feature" (a dress features pockets).
    "software": (
        _words("app software website interface"),
        _words(
            """login log password dashboard screen page pages menu settings update updates
            bug bugs crash crashes error errors loading load sync browser
            mobile android iphone ios download install"""
        ),
    ),
}

# Garments, their parts, the body they fit and how: the words beside which a word that
# names a service theme speaks of clothes instead.
_GARMENTS = """dress dresses skirt skirts top tops shirt shirts blouse blouses pants jeans trousers
    leggings shorts jacket coat sweater cardigan suit swimsuit romper jumpsuit tee tank cami"""
_GARMENT_PARTS = """zipper zippers zip button buttons snap snaps hook hooks buckle buckles elastic
    lining pocket pockets hem hems seam seams strap straps"""
_TAILORING = "tailor tailors seamstress sew sewn sewing alter altered alteration alterations"
_BODY = """bust chest breast breasts hips hip waist tummy belly butt thighs shoulders arms curves
    figure bump"""
_FIT = "size sizes sizing fit fits fitted tight loose big small large petite baggy snug"

# Words that name a theme in one sense and something else beside these words in the same
# clause: the "support" of a bra or a swimsuit is not customer service, a zipper a tailor
# installs is no software, sizes that confuse are no hard-to-use app, a "professional" look
# and hips a cut "accommodates" are no staff.
OTHER_SENSES: dict[str, frozenset[str]] = {
    "support": _words(
        """bra bras bralette bralettes cup cups bust chest breast breasts cleavage lift shape
        shapeless structure arch arches underwire wire wires padding padded strap straps
        shapewear swimsuit tummy posture ankle ankles knee knees suit suits bikini tankini
        bodice corset halter bandeau bodysuit"""
    ),
    # "fits the bill"
    "bill": _words("fit fits fitted fitting"),
    "install": _words(f"{_GARMENT_PARTS} {_TAILORING}"),
    "confusing": _words(f"{_FIT} {_BODY} {_GARMENTS} picture pictures photo photos model"),
    "professional": _words(
        f"{_GARMENTS} look looks looking looked wear wearing worn work office wardrobe attire "
        "outfit job"
    ),
    "accommodate": _words(f"{_BODY} {_FIT}"),
    # invoices, replies and refunds arrive too, and are no delivery
    "arrive": _words(
        """invoice invoices bill bills statement statements email emails reply replies answer
        answers response responses refund refunds payment payments quote quotes"""
    ),
    # a server that is down, crashed or hosts data is a computer, not a waiter
    "server": _words(
        """down outage outages offline online crash crashed crashes crashing reboot rebooted
        restart restarted downtime uptime error errors update updates upgrade patch patched
        hosting hosted cloud data database backup backups network storage disk
        memory cpu load latency maintenance migration migrated software hardware rack
        datacenter vpn ssl api web mail email file files sql instance instances virtual"""
    ),
    # a part that "came loose" has no fit, whatever it is: a cover, a screw, a button
    "loose": _words("came come comes coming screw screws bolt bolts nut nuts cable cables hinge"),
}

# Words that name a theme unless the word right after them shows another sense: what "bugs"
# someone annoys them, it is no fault in the software.
SENSES_BEFORE: dict[str, frozenset[str]] = {
    # an "account manager" is a person, and "on account of" a reason: no balance to be billed
    "account": _words(
        """manager managers management team teams executive executives director directors rep
        reps representative representatives lead leads owner owners of"""
    ),
    "bug": _words(
        """me you him her us them people anyone anybody everyone everybody someone somebody
        some most many"""
    ),
}


def expansions(seed_stems: set[str], stemmer: Callable[[str], str]) -> set[str]:
    """Stems of the members of every concept one of whose heads is among ``seed_stems``.

    ``stemmer`` is the matcher's, passed in so that heads and seeds compare alike.
    """
    found: set[str] = set()
    for heads, members in CONCEPTS.values():
        if any(stemmer(h) in seed_stems for h in heads):
            found.update(stemmer(m) for m in heads | members)
    return found
