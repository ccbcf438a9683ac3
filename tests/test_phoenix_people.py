"""The people converted from PETRARCH2's Phoenix actor dictionaries (`ontology/phoenix_people.tsv`,
made by `tools/phoenix_actors.py`): the shipped file is what the script makes, the script keeps a
person only with one state of kg's and a name of two words or more, and kg reads the file as each
person's state. What that finds in a text is in tests/cases/people_known_by_nationality.yaml."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.errors import RuleFileError
from kg.knowledge.load import load_rules
from tests.tools import import_tool

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "ontology" / "phoenix_people.tsv"

# Invented people in the dictionary's own format.
COUNTRIES_FILE = """\
# invented
KENYA_  [KEN]
ODERO_MALTBY_KIPSANG_  # CountryInfo.txt
+ODERO_KIPSANG_
+PRESIDENT_ODERO_KIPSANG_
\t[KENGOV >080301]
\t[KENGOVEDU 060401-080228]
LINDQVIST_  # CountryInfo.txt
\t[NORGOV >080301]
ANA_PERREIRA_SOUSA_  # CountryInfo.txt
\t[PRTGOV 951030-020406]
\t[IGOUNO >20170101]
MARTA_DUVAL_  # CountryInfo.txt
\t[FRAGOV 990101-010101]
\t[BELGOV 020101-030101]
NATIONAL_ASSEMBLY_ [KENGOV]
"""
INTERNATIONAL_FILE = """\
SECRETARY_GENERAL_HALVOR_BRENNE
+HALVOR_BRENNE_
\t[IGOUNO >20070101]
"""


@pytest.fixture(scope="module")
def tool():
    return import_tool("phoenix_actors")


def test_phoenix_shipped_file_is_what_the_script_makes(tool):
    if not (tool.SOURCE / "Phoenix.Countries.actors.txt").exists():
        pytest.skip(f"no dictionaries to convert at {tool.SOURCE}")
    made, people, _ = tool.make(tool.SOURCE)
    assert len(people) > 10000
    assert made == SHIPPED.read_text(encoding="utf-8"), "run `python tools/phoenix_actors.py` and ship its output"


def test_phoenix_people_keep_one_state_and_their_periods(tool, tmp_path):
    (tmp_path / "countries.txt").write_text(COUNTRIES_FILE, encoding="latin-1")
    (tmp_path / "international.txt").write_text(INTERNATIONAL_FILE + "HALVOR_BRENNE_  # CountryInfo.txt\n",
                                                 encoding="latin-1")
    states = {"KEN": "Kenya", "NOR": "Norway", "PRT": "Portugal", "FRA": "France", "BEL": "Belgium"}
    left_out: Counter = Counter()
    abroad = tool.international_people(tool.read_entries(tmp_path / "international.txt"))
    rows = tool.convert_people(tool.read_entries(tmp_path / "countries.txt"), states, abroad, left_out)
    assert rows == [["Odero Maltby Kipsang", "Kenya", "GOV 2008-03-01/; GOVEDU 2006-04-01/2008-02-28",
                     "Odero Kipsang"]]
    assert left_out == {"person: no spelling of two to six name words": 1,  # Lindqvist
                        "person: coded to an international organisation": 1,  # Sousa
                        "person: no single state of kg's": 1}  # Duval
    assert "halvor brenne" in abroad


def test_phoenix_dates_read_as_iso(tool):
    assert tool.period("060401-080228") == "2006-04-01/2008-02-28"
    assert tool.period(">20140526") == "2014-05-26/"
    assert tool.period("<991231") == "/1999-12-31"
    assert tool.display("BASHAR_AL-ASSAD_") == "Bashar al-Assad"


def test_phoenix_people_are_known_by_their_state():
    gazetteer = load_rules().gazetteer
    assert gazetteer.nationality(["Sergei Lavrov"]) == "Russia"
    assert gazetteer.nationality(["Manasseh Sogavare"]) == "Solomon Islands"
    assert gazetteer.nationality(["Ban Ki-moon"]) is None  # the UN's, not only Korea's
    assert gazetteer.entry("Manasseh Sogavare") is None  # a nationality, not a name kg looks for


def test_phoenix_a_name_given_two_states_is_left_unknown(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("name\tstate\tperiods\taliases\nOren Maltby\tKenya\t\t\nOren Maltby\tChile\t\t\n",
                    encoding="utf-8")
    assert load_rules([path]).gazetteer.nationality(["Oren Maltby"]) is None


def test_phoenix_people_file_with_an_unknown_state_names_its_line(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("name\tstate\tperiods\taliases\nOren Maltby\tAtlantis\t\t\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules([path])
    assert err.value.line == 2
    assert "a state of countries.tsv" in str(err.value)
