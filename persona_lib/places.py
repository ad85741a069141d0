"""Country names, to know a question is about where people live from its answers alone: an
export that heads its columns with codes ('Q22', 'v_14') still lists 'Germany' and 'India'."""

from __future__ import annotations

import re

# English names (with the short forms and variants exports use), then the commonest in the
# languages the app reads; ';' between names.
COUNTRIES = frozenset(name.strip() for name in """
afghanistan; albania; algeria; andorra; angola; antigua and barbuda; argentina; armenia;
australia; austria; azerbaijan; bahamas; bahrain; bangladesh; barbados; belarus; belgium;
belize; benin; bhutan; bolivia; bosnia and herzegovina; botswana; brazil; brunei; bulgaria;
burkina faso; burundi; cambodia; cameroon; canada; cape verde; central african republic; chad;
chile; china; colombia; comoros; congo; democratic republic of the congo; costa rica; croatia;
cuba; cyprus; czech republic; czechia; denmark; djibouti; dominica; dominican republic;
ecuador; egypt; el salvador; equatorial guinea; eritrea; estonia; eswatini; ethiopia; fiji;
finland; france; gabon; gambia; georgia; germany; ghana; greece; grenada; guatemala; guinea;
guinea-bissau; guyana; haiti; honduras; hong kong; hungary; iceland; india; indonesia; iran;
iran, islamic republic of; iraq; ireland; israel; italy; ivory coast; cote d'ivoire;
côte d'ivoire; jamaica; japan; jordan; kazakhstan; kenya; kiribati; kosovo; kuwait;
kyrgyzstan; laos; latvia; lebanon; lesotho; liberia; libya; liechtenstein; lithuania;
luxembourg; macau; madagascar; malawi; malaysia; maldives; mali; malta; marshall islands;
mauritania; mauritius; mexico; micronesia; moldova; monaco; mongolia; montenegro; morocco;
mozambique; myanmar; namibia; nauru; nepal; netherlands; the netherlands; holland;
new zealand; nicaragua; niger; nigeria; north korea; north macedonia; macedonia; norway; oman;
pakistan; palau; palestine; panama; papua new guinea; paraguay; peru; philippines; poland;
portugal; puerto rico; qatar; romania; russia; russian federation; rwanda; saint lucia; samoa;
san marino; saudi arabia; senegal; serbia; seychelles; sierra leone; singapore; slovakia;
slovenia; solomon islands; somalia; south africa; south korea; korea; republic of korea;
korea, republic of; south sudan; spain; sri lanka; sudan; suriname; sweden; switzerland;
syria; taiwan; tajikistan; tanzania; thailand; timor-leste; togo; tonga; trinidad and tobago;
tunisia; turkey; türkiye; turkmenistan; tuvalu; uganda; ukraine; united arab emirates; uae;
united kingdom; united kingdom of great britain and northern ireland; uk; u.k; great britain;
britain; england; scotland; wales; northern ireland; united states; united states of america;
usa; u.s.a; u.s; us; america; uruguay; uzbekistan; vanuatu; vatican; venezuela; vietnam;
viet nam; yemen; zambia; zimbabwe;
deutschland; österreich; schweiz; suisse; españa; méxico; brasil; italia; francia; alemania;
perú; estados unidos; reino unido; nederland; belgië; belgique; polska; allemagne; espagne;
italie; états-unis; royaume-uni; inde; chine; japon; brésil; canadá; vereinigte staaten;
frankreich; spanien; italien; niederlande; großbritannien; indien; türkei
""".split(";")) - {""}

# Continents and world regions, for a question answered by region ('Where do you currently
# primarily work?': 'Europe', 'North America', 'Near/Middle East').
WORLD_REGIONS = frozenset(name.strip() for name in """
africa; asia; europe; north america; south america; latin america; central america; oceania;
antarctica; middle east; near east; caribbean; the caribbean; eastern europe; western europe;
northern europe; southern europe; central europe; southeast asia; south-east asia; east asia;
south asia; central asia; sub-saharan africa; north africa; west africa; east africa;
southern africa; asia pacific; asia-pacific; apac; emea; latam; mena; australia and new zealand;
europa; áfrica; américa del norte; américa del sur; américa latina; latinoamérica;
norteamérica; sudamérica; centroamérica; oceanía; oriente medio; medio oriente; afrique;
amérique du nord; amérique du sud; amérique latine; asie; océanie; moyen-orient; nordamerika;
südamerika; lateinamerika; afrika; asien; ozeanien; naher osten; américa do norte;
américa do sul; oceania; ásia
""".split(";")) - {""}

_SPACES = re.compile(r"\s+")


def is_country(answer: str) -> bool:
    """Whether an answer is a country's name (any case, spaces and a closing full stop
    aside)."""
    return _SPACES.sub(" ", answer).strip().rstrip(".").lower() in COUNTRIES


def is_region(answer: str) -> bool:
    """Whether an answer is a continent or a world region, or two joined by a slash
    ('Australia/Oceania', 'Near/Middle East')."""
    text = _SPACES.sub(" ", answer).strip().rstrip(".").lower()
    if text in WORLD_REGIONS:
        return True
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2 or not all(parts):
        return False
    last_word = parts[-1].split()[-1]  # 'Near/Middle East': 'near east' is a region too
    return all(p in WORLD_REGIONS | COUNTRIES or f"{p} {last_word}" in WORLD_REGIONS
               for p in parts)


def names_countries(levels: list[str]) -> bool:
    """Whether a question's answers are places: countries or world regions, at least three,
    and four in five of them (a typed country has a few odd answers: 'N/A', 'Earth')."""
    named = sum(is_country(level) or is_region(level) for level in levels)
    return named >= 3 and named >= 0.8 * len(levels)
