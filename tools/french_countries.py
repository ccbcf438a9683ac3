"""Draft `ontology/fr/countries.tsv`, the French names of the states of `ontology/countries.tsv`,
from the French territory names of CLDR (the Unicode Common Locale Data Repository) as the
`babel` package ships them.

    python tools/french_countries.py > /tmp/countries.fr.draft.tsv

The draft has one row per state of countries.tsv, in its order, joined to it by `country` (the
first column there); its `name` is CLDR's French name of the state's ISO 3166-1 alpha-2 code,
and its other columns are empty. States with a user-assigned X code (Abkhazia, Northern Cyprus,
Somaliland, South Ossetia, Transnistria), which CLDR does not name, get an empty name.

The committed `ontology/fr/countries.tsv` is this draft completed by hand: names changed where
French news uses another than CLDR's ('République démocratique du Congo' for 'Congo-Kinshasa'),
and the aliases, demonyms, capitals and metonyms written by hand from general reference
knowledge. Do not overwrite it with the draft: compare the two instead."""
from __future__ import annotations

import sys
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ROOT / "ontology" / "countries.tsv"
HEADER = ["country", "name", "aliases", "demonyms", "capital", "metonyms"]

# ISO 3166-1 alpha-3 -> alpha-2 for the codes countries.tsv uses (babel knows only alpha-2).
# XKX (Kosovo) is the code the EU and others assign; CLDR names it XK.
_ALPHA2_PAIRS = """
AFG:AF ALB:AL DZA:DZ AND:AD AGO:AO ATG:AG ARG:AR ARM:AM AUS:AU AUT:AT AZE:AZ BHS:BS BHR:BH BGD:BD
BRB:BB BLR:BY BEL:BE BLZ:BZ BEN:BJ BTN:BT BOL:BO BIH:BA BWA:BW BRA:BR BRN:BN BGR:BG BFA:BF BDI:BI
KHM:KH CMR:CM CAN:CA CPV:CV CAF:CF TCD:TD CHL:CL CHN:CN COL:CO COM:KM CRI:CR HRV:HR CUB:CU CYP:CY
CZE:CZ COD:CD DNK:DK DJI:DJ DMA:DM DOM:DO TLS:TL ECU:EC EGY:EG SLV:SV GNQ:GQ ERI:ER EST:EE SWZ:SZ
ETH:ET FJI:FJ FIN:FI FRA:FR GAB:GA GMB:GM GEO:GE DEU:DE GHA:GH GRC:GR GRD:GD GTM:GT GIN:GN GNB:GW
GUY:GY HTI:HT HND:HN HUN:HU ISL:IS IND:IN IDN:ID IRN:IR IRQ:IQ IRL:IE ISR:IL ITA:IT CIV:CI JAM:JM
JPN:JP JOR:JO KAZ:KZ KEN:KE KIR:KI XKX:XK KWT:KW KGZ:KG LAO:LA LVA:LV LBN:LB LSO:LS LBR:LR LBY:LY
LIE:LI LTU:LT LUX:LU MDG:MG MWI:MW MYS:MY MDV:MV MLI:ML MLT:MT MHL:MH MRT:MR MUS:MU MEX:MX FSM:FM
MDA:MD MCO:MC MNG:MN MNE:ME MAR:MA MOZ:MZ MMR:MM NAM:NA NRU:NR NPL:NP NLD:NL NZL:NZ NIC:NI NER:NE
NGA:NG PRK:KP MKD:MK NOR:NO OMN:OM PAK:PK PLW:PW PSE:PS PAN:PA PNG:PG PRY:PY PER:PE PHL:PH POL:PL
PRT:PT QAT:QA COG:CG ROU:RO RUS:RU RWA:RW KNA:KN LCA:LC VCT:VC WSM:WS SMR:SM STP:ST SAU:SA SEN:SN
SRB:RS SYC:SC SLE:SL SGP:SG SVK:SK SVN:SI SLB:SB SOM:SO ZAF:ZA KOR:KR SSD:SS ESP:ES LKA:LK SDN:SD
SUR:SR SWE:SE CHE:CH SYR:SY TWN:TW TJK:TJ TZA:TZ THA:TH TGO:TG TON:TO TTO:TT TUN:TN TUR:TR TKM:TM
TUV:TV UGA:UG UKR:UA ARE:AE GBR:GB USA:US URY:UY UZB:UZ VUT:VU VAT:VA VEN:VE VNM:VN ESH:EH YEM:YE
ZMB:ZM ZWE:ZW
"""
ALPHA2 = dict(pair.split(":") for pair in _ALPHA2_PAIRS.split())


def states(path: Path = COUNTRIES) -> list[tuple[str, str]]:
    """(name, iso3) of each state of countries.tsv, in its order."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(row[0].strip(), row[1].strip()) for row in rows[1:]]


def draft() -> list[list[str]]:
    french = Locale("fr").territories
    out = []
    for name, iso3 in states():
        code = ALPHA2.get(iso3)
        if code is None and not iso3.startswith("X"):
            sys.exit(f"no alpha-2 code for {iso3} ({name}): add it to ALPHA2")
        label = french.get(code, "") if code else ""
        out.append([name, label.replace("\u2019", "'"), "", "", "", ""])
    return out


def main() -> None:
    print("\t".join(HEADER))
    for row in draft():
        print("\t".join(row))


if __name__ == "__main__":
    main()
