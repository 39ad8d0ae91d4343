"""The CLDR names kept in retrieval/cldr_names.py are the installed Babel's."""

import babel
import pytest
from babel import Locale

from retrieval import cldr_names


def babel_names() -> dict[str, tuple[str, ...]]:
    arabic = Locale("ar")
    months = (
        *arabic.months["format"]["wide"].values(),
        *Locale("ar", "SY").months["format"]["wide"].values(),
    )
    cities = tuple(zone["city"] for zone in arabic.time_zones.values() if "city" in zone)
    return {"MONTHS": months, "TERRITORIES": tuple(arabic.territories.values()), "CITIES": cities}


def source(names: dict[str, tuple[str, ...]]) -> str:
    """The constants of retrieval/cldr_names.py as they should read: "|"-joined, 100 columns."""
    lines = [f'BABEL_VERSION = "{babel.__version__}"']
    for name, values in names.items():
        lines.append(f"{name} = (")
        line = ""
        for value in values:
            if line and len(line) + len(value) > 96:
                lines.append(f'    "{line}|"')
                line = ""
            line += f"|{value}" if line else value
        lines += [f'    "{line}"', ")"]
    return "\n".join(lines)


@pytest.mark.skipif(babel.__version__ != cldr_names.BABEL_VERSION, reason="another Babel version")
def test_names_are_babels():
    names = babel_names()
    kept = {name: tuple(getattr(cldr_names, name).split("|")) for name in names}
    assert kept == names, "replace the constants of retrieval/cldr_names.py by:\n" + source(names)


def test_no_name_holds_the_separator():
    assert not any("|" in value for values in babel_names().values() for value in values)
