"""The pandera schemas of the tables and the checks behind them: every problem of a table is
found at once and reported as a Problem (lib.model.problems); the typed table comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from lib.base.marks import N_
from lib.base.schema import (
    CORRIDORS,
    CRISES,
    DIRECTIONS,
    EFFECT_COLUMNS,
    PLACE_KINDS,
    POINT_RULES,
    SCOPES,
    STATUSES,
    YEAR_RANGE,
    Action,
    Case,
    Effect,
    Flow,
    Place,
    Principle,
    Theme,
)
from lib.model.cells import _TERM, formula_value, parse_people, parse_years, split_list
from lib.model.problems import FIRST_DATA_ROW, MISSING_COLUMN, Problem

# Checks whose failure is a fact about the row, not about one cell's value: their message
# is shown without the cell (see _problems_from).
ROW_CHECKS = frozenset({"point_given"})


DUPLICATE_ID = N_("duplicate id {value}")


# Each named check's message as an interface string: name → (msgid, params, the params that
# are interface strings too). Filled where the checks are made; one message per name.
_RULES: dict[str, tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]]] = {}


def _rule(name: str, msgid: str, terms: tuple[str, ...] = (), **params: object) -> str:
    """Record a check's message; return it in English (pandera's error text)."""
    texts = tuple((k, str(v)) for k, v in params.items())
    _RULES[name] = (msgid, texts, terms)
    return msgid.format(**dict(texts))


def _in(values: Iterable[str], what: str, name: str) -> pa.Check:
    allowed = sorted(set(values))
    if len(allowed) <= 12:
        msgid = N_("unknown {what}; allowed: {shown}")
        error = _rule(name, msgid, ("what",), what=what, shown=", ".join(allowed))
    else:
        msgid = N_("unknown {what}; allowed: {count} known values")
        error = _rule(name, msgid, ("what",), what=what, count=len(allowed))
    return pa.Check.isin(allowed, name=name, error=error)


def _row_check(mask: Callable[[pd.Series], pd.Series], error: str, name: str) -> pa.Check:
    """A column check computed from the row; `mask` maps the column's index to pass/fail."""
    error = _rule(name, error)
    return pa.Check(lambda s: mask(s.index), name=name, error=error, ignore_na=False)


def _list_check(
    df: pd.DataFrame, column: str, allowed: Iterable[str], what: str, name: str
) -> pa.Check:
    allowed = set(allowed)

    def ok(index: pd.Index) -> pd.Series:
        return pd.Series(
            [all(x in allowed for x in split_list(df.at[i, column])) for i in index], index=index
        )

    error = _rule(name, N_("unknown {what} in the list"), ("what",), what=what)
    return pa.Check(lambda s: ok(s.index), name=name, error=error, ignore_na=False)


def _matches(pattern: str, error: str, name: str) -> pa.Check:
    return pa.Check.str_matches(pattern, name=name, error=_rule(name, error))


def _coordinate(name: str, limit: int) -> pa.Column:
    """A latitude or longitude in degrees, within ±limit; empty where a place has no point."""
    msgid = N_("{what} must be within -{limit}..{limit}")
    error = _rule(name, msgid, ("what",), what=name, limit=limit)
    within = pa.Check.in_range(-limit, limit, name=name, error=error)
    return pa.Column(float, coerce=True, nullable=True, checks=[within])


def _id_column() -> pa.Column:
    """A flow's or an action's id: unique, lower-case letters, digits and _."""
    ids = _matches(r"^[a-z0-9_]+$", N_("ids use lower-case letters, digits and _"), "id_format")
    return _text(unique=True, checks=[ids])


def _text(
    nullable: bool = False, checks: list[pa.Check] | None = None, unique: bool = False
) -> pa.Column:
    return pa.Column(str, nullable=nullable, checks=checks or [], unique=unique, coerce=True)


@dataclass(frozen=True)
class _FlowFacts:
    """What the flows' row checks share, computed once per validation."""

    df: pd.DataFrame
    people: pd.Series
    years: pd.Series
    ids: set[str]
    by_id: dict[str, float]

    @property
    def status(self) -> pd.Series:
        return self.df[Flow.STATUS]

    def same_year_indicator(self, index: pd.Index, targets: pd.Series) -> pd.Series:
        """True where each target flow id (or list of ids) is of the row's year and indicator."""
        key = self.years.astype("string").fillna("") + "|" + self.df[Flow.INDICATOR].fillna("")
        key_of = dict(zip(self.df[Flow.ID], key, strict=True))
        ok = []
        for i, ids in zip(index, targets.loc[index], strict=True):
            wanted = [ids] if isinstance(ids, str) else list(ids)
            ok.append(all(key_of.get(x, key.at[i]) == key.at[i] for x in wanted))
        return pd.Series(ok, index=index, dtype=bool)


def _flow_facts(df: pd.DataFrame) -> _FlowFacts:
    people = parse_people(df[Flow.PEOPLE])
    # Plain arrays before zipping: iterating an Arrow-backed column item by item cost about
    # a second on a whole-world table (bench.ingest).
    ids = df[Flow.ID].to_numpy(dtype=object)
    return _FlowFacts(
        df,
        people,
        parse_years(df[Flow.YEAR]),
        {i for i in ids if isinstance(i, str)},
        dict(zip(ids, people.to_numpy(), strict=True)),
    )


def _flow_place_columns(place_codes: set[str]) -> dict[str, pa.Column]:
    """The crisis, the ends, the corridor and the direction of each flow."""

    def known() -> pa.Check:
        return _in(place_codes, N_("place code (not in places.csv)"), "known_place")

    return {
        Flow.ID: _id_column(),
        # empty: an imported row whose origin is no crisis's origin (under "All crises" only)
        Flow.CRISIS: _text(nullable=True, checks=[_in(CRISES, N_("crisis"), "known_crisis")]),
        Flow.ORIGIN: _text(checks=[known()]),
        Flow.DESTINATION: _text(checks=[known()]),
        Flow.VIA: _text(nullable=True, checks=[known()]),
        Flow.CORRIDOR: _text(
            nullable=True, checks=[_in(CORRIDORS, N_("corridor"), "known_corridor")]
        ),
        Flow.DIRECTION: _text(checks=[_in(DIRECTIONS, N_("direction"), "known_direction")]),
    }


def _flow_people_column(f: _FlowFacts) -> dict[str, pa.Column]:
    """The figure: a plain whole number of people, given exactly when the status says so,
    never less than the flows that are part of it."""
    people, status = f.people, f.status

    def status_people_ok(index: pd.Index) -> pd.Series:
        has = people.loc[index].notna()
        unq = status.loc[index] == "unquantified"
        return (unq & ~has) | (~unq & has) | status.loc[index].isna()

    def children_ok(index: pd.Index) -> pd.Series:
        sums = people.groupby(f.df[Flow.PART_OF]).sum(min_count=1)
        mine = f.df.loc[index, Flow.ID].map(sums)
        return ~(mine > people.loc[index] + 0.5).fillna(False)

    checks = [
        _row_check(
            lambda i: f.df.loc[i, Flow.PEOPLE].isna() | people.loc[i].notna(),
            N_("people must be a plain number of people, such as 1800000"),
            "people_number",
        ),
        _row_check(
            lambda i: ~(people.loc[i] < 0), N_("people must not be negative"), "people_positive"
        ),
        _row_check(
            lambda i: people.loc[i].isna() | (people.loc[i] == people.loc[i].round()),
            N_("people must be a whole number"),
            "people_whole",
        ),
        _row_check(
            status_people_ok,
            N_("people must be empty when status is unquantified, and given otherwise"),
            "status_people",
        ),
        _row_check(
            children_ok,
            N_("the flows that are part_of this one add up to more than it"),
            "parts_fit",
        ),
    ]
    return {
        Flow.PEOPLE: _text(nullable=True, checks=checks),
        Flow.STATUS: _text(checks=[_in(STATUSES, N_("status"), "known_status")]),
    }


def _flow_link_columns(f: _FlowFacts) -> dict[str, pa.Column]:
    """part_of and formula: they point to flows that exist, of the same year and indicator."""
    df, status = f.df, f.status

    def part_of_known(index: pd.Index) -> pd.Series:
        parent = df.loc[index, Flow.PART_OF]
        has = parent.notna()
        return (~has | parent.isin(f.ids)) if has.any() else ~has  # a flat table: no lookup

    def part_of_not_self(index: pd.Index) -> pd.Series:
        return (df.loc[index, Flow.PART_OF] != df.loc[index, Flow.ID]).fillna(True)

    def part_of_same(index: pd.Index) -> pd.Series:
        linked = df.loc[index, Flow.PART_OF].dropna()
        ok = pd.Series(True, index=index)
        if not linked.empty:
            ok.loc[linked.index] = f.same_year_indicator(linked.index, linked)
        return ok

    def formula_ok(index: pd.Index) -> pd.Series:
        derived = (status.loc[index] == "derived").fillna(False).astype(bool)
        ok = df.loc[index, Flow.FORMULA].isna() & ~derived  # only derived flows have a formula
        for i in index[derived.to_numpy()]:  # few rows: the loop stays cheap on large tables
            value = formula_value(df.at[i, Flow.FORMULA], f.by_id)
            people = f.people.at[i]
            ok.at[i] = value is not None and pd.notna(people) and abs(value - people) < 0.5
        return ok.astype(bool)

    def formula_same(index: pd.Index) -> pd.Series:
        cells = df.loc[index, Flow.FORMULA].dropna()
        ok = pd.Series(True, index=index)
        if not cells.empty:
            terms = cells.map(lambda c: [name for _, name in _TERM.findall(str(c))])
            ok.loc[cells.index] = f.same_year_indicator(cells.index, terms)
        return ok

    same = N_("part_of and formula link only flows of the same year and indicator")
    return {
        Flow.PART_OF: _text(
            nullable=True,
            checks=[
                # a row check, not pa.Check.isin: pandera deep-copies isin's values, all the ids
                _row_check(
                    part_of_known,
                    N_("unknown flow id: part_of points to no flow"),
                    "part_of_known",
                ),
                _row_check(
                    part_of_not_self, N_("a flow cannot be part of itself"), "part_of_other"
                ),
                _row_check(part_of_same, same, "same_year_indicator"),
            ],
        ),
        Flow.FORMULA: _text(
            nullable=True,
            checks=[
                _row_check(
                    formula_ok,
                    N_(
                        "derived flows need a formula over flow ids (a - b) that equals "
                        "people; other flows none"
                    ),
                    "formula",
                ),
                _row_check(formula_same, same, "same_year_indicator"),
            ],
        ),
    }


def _flow_time_columns(f: _FlowFacts) -> dict[str, pa.Column]:
    """The year the figure is of, and what it counts (an indicator slug)."""
    low, high = YEAR_RANGE
    msgid = N_("year must be a whole number from {low} to {high}")
    year_ok = pa.Check(
        lambda s: f.years.loc[s.index].between(low, high).fillna(False).astype(bool),
        name="year_range",
        error=_rule("year_range", msgid, low=low, high=high),
        ignore_na=False,
    )
    slug = N_("indicators are slugs: lower-case letters, digits and _")
    return {
        Flow.YEAR: _text(checks=[year_ok]),
        Flow.INDICATOR: _text(checks=[_matches(r"^[a-z0-9_]+$", slug, "indicator_format")]),
    }


def _flows_schema(df: pd.DataFrame, place_codes: set[str]) -> pa.DataFrameSchema:
    facts = _flow_facts(df)
    return pa.DataFrameSchema(
        {
            **_flow_place_columns(place_codes),
            **_flow_people_column(facts),
            **_flow_link_columns(facts),
            Flow.AGREEMENT: _text(nullable=True),
            Flow.SOURCE: _text(),
            Flow.QUOTE: _text(),
            Flow.NOTE: _text(nullable=True),
            **_flow_time_columns(facts),
        },
        strict=False,
    )


def _places_schema(df: pd.DataFrame) -> pa.DataFrameSchema:
    codes = set(df[Place.CODE].dropna())
    rule = df[Place.POINT_RULE]

    def point_ok(index: pd.Index) -> pd.Series:
        has = df.loc[index, Place.LAT].notna() & df.loc[index, Place.LON].notna()
        return (rule.loc[index] == "none") != has

    return pa.DataFrameSchema(
        {
            Place.CODE: _text(
                unique=True,
                checks=[
                    _matches(
                        r"^[A-Z]{3}$",
                        N_(
                            "codes are three capital letters (ISO 3166-1 alpha-3, or X.. for "
                            "regions)"
                        ),
                        "code_format",
                    )
                ],
            ),
            Place.KIND: _text(checks=[_in(PLACE_KINDS, N_("kind"), "known_kind")]),
            Place.NAME: _text(),
            Place.REGION: _text(
                nullable=True, checks=[_in(codes, N_("region code"), "known_region")]
            ),
            Place.LAT: _coordinate(N_("latitude"), 90),
            Place.LON: _coordinate(N_("longitude"), 180),
            Place.POINT_RULE: _text(
                checks=[
                    _in(POINT_RULES, N_("point rule"), "known_point_rule"),
                    _row_check(
                        point_ok,
                        N_("lat and lon are given exactly when point_rule is not 'none'"),
                        "point_given",
                    ),
                ]
            ),
        },
        strict=False,
    )


_SCOPE_COUNTRIES = {
    "national": (1, 1),
    "binational": (2, 2),
    "multinational": (3, 99),
    "regional": (0, 99),
}


def _actions_schema(
    df: pd.DataFrame, country_codes: set[str], themes: set[str]
) -> pa.DataFrameSchema:
    def scope_ok(index: pd.Index) -> pd.Series:
        ok = []
        for i in index:
            low, high = _SCOPE_COUNTRIES.get(df.at[i, Action.SCOPE], (0, 99))
            ok.append(low <= len(split_list(df.at[i, Action.COUNTRIES])) <= high)
        return pd.Series(ok, index=index, dtype=bool)

    return pa.DataFrameSchema(
        {
            Action.ID: _id_column(),
            Action.COUNTRIES: _text(
                nullable=True,
                checks=[
                    _list_check(
                        df,
                        Action.COUNTRIES,
                        country_codes,
                        N_("country code (not a country in places.csv)"),
                        "known_countries",
                    )
                ],
            ),
            Action.SCOPE: _text(
                checks=[
                    _in(SCOPES, N_("scope"), "known_scope"),
                    _row_check(
                        scope_ok,
                        N_(
                            "scope does not match the number of countries "
                            "(national 1, binational 2, multinational 3 or more)"
                        ),
                        "scope_countries",
                    ),
                ]
            ),
            Action.TITLE: _text(),
            Action.OUTCOME: _text(),
            Action.ORGANISATIONS: _text(),
            Action.THEMES: _text(
                checks=[
                    _list_check(
                        df, Action.THEMES, themes, N_("theme (not in themes.csv)"), "known_themes"
                    )
                ]
            ),
            Action.CRISES: _text(
                nullable=True,
                checks=[_list_check(df, Action.CRISES, CRISES, N_("crisis"), "known_crises")],
            ),
            Action.SOURCE: _text(),
            Action.NOTE: _text(nullable=True),
        },
        strict=False,
    )


_SIMPLE_SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "themes": pa.DataFrameSchema(
        {
            Theme.THEME: _text(
                unique=True,
                checks=[
                    _matches(
                        r"^[a-z_]+$", N_("theme slugs use lower-case letters and _"), "slug_format"
                    )
                ],
            ),
            Theme.LABEL: _text(),
            Theme.DESCRIPTION: _text(),
        }
    ),
    "principles": pa.DataFrameSchema(
        {
            Principle.NUMBER: pa.Column(int, coerce=True, unique=True),
            Principle.NAME: _text(),
            Principle.TEXT: _text(),
            Principle.SOURCE: _text(),
            Principle.NOTE: _text(nullable=True),
        }
    ),
    "effects": pa.DataFrameSchema(
        {
            Effect.ROW_ID: _text(unique=True),
            Effect.BLOCK: pa.Column(int, coerce=True),
            Effect.COLUMN: _text(checks=[_in(EFFECT_COLUMNS, N_("column"), "known_column")]),
            Effect.ITEM: pa.Column(int, coerce=True),
            Effect.TEXT: _text(),
            Effect.SOURCE: _text(),
            Effect.NOTE: _text(nullable=True),
        }
    ),
    "cases": pa.DataFrameSchema(
        {
            Case.CRISIS: _text(unique=True, checks=[_in(CRISES, N_("crisis"), "known_crisis")]),
            Case.NAME: _text(),
            Case.SUMMARY: _text(),
            Case.SOURCE: _text(),
            Case.QUOTE: _text(),
        }
    ),
}


def _check_name(schema: pa.DataFrameSchema, column: object, check: str, number: object) -> str:
    """Return the name of the check a failure case comes from: pandera reports a named
    check by its error text and its position in the column's checks, and a built-in one
    (dtype, nullable, uniqueness, column presence) by its own name."""
    col = schema.columns.get(column) if isinstance(column, str) else None
    if col is not None and number is not None and pd.notna(number):
        return col.checks[int(number)].name
    return "coerce_dtype" if "dtype(" in check else check


NUMBER_COLUMNS = (Flow.PEOPLE, Place.LAT, Place.LON)


def _problems_from(
    err: pa.errors.SchemaErrors, schema: pa.DataFrameSchema, file: str
) -> list[Problem]:
    problems = []
    for rec in err.failure_cases.to_dict("records"):
        column = rec.get("column")
        index = rec.get("index")
        row = int(index) + FIRST_DATA_ROW if index is not None and pd.notna(index) else None
        error = str(rec.get("check") or "")
        name = _check_name(schema, column, error, rec.get("check_number"))
        value = rec.get("failure_case")
        given = value is not None and not (isinstance(value, float) and pd.isna(value))
        cell = repr(value) if given else ""
        msgid, params, terms = _RULES.get(name, (error, (), ()))
        match name:
            case "coerce_dtype" if column in NUMBER_COLUMNS:
                msgid, params, terms = N_("not a valid number"), (), ()
            case "coerce_dtype":
                msgid, params, terms = N_("not a valid value"), (), ()
            case "not_nullable":
                msgid, params, terms, cell = N_("a value is required"), (), (), ""
            case "field_uniqueness":
                msgid, params, terms, cell = DUPLICATE_ID, (("value", cell),), (), ""
            case "column_in_dataframe":
                msgid, params, terms, column, row, cell = MISSING_COLUMN, (), (), value, 1, ""
            case _ if name in ROW_CHECKS:
                cell = ""
        column = column if isinstance(column, str) else None
        problem = Problem.of(file, row, column, name, msgid, terms, cell, **dict(params))
        problems.append(problem)
    return problems


def _validate(
    df: pd.DataFrame, schema: pa.DataFrameSchema, file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    try:
        return schema.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as err:
        return df, _problems_from(err, schema, file)


def _duplicate_problems(df: pd.DataFrame, column: str, file: str) -> list[Problem]:
    """pandera names a duplicate once; a user needs every row that holds it."""
    dup = df[column].notna() & df[column].duplicated(keep=False)
    return [
        Problem.of(
            file,
            int(i) + FIRST_DATA_ROW,
            column,
            "field_uniqueness",
            DUPLICATE_ID,
            value=repr(df.at[i, column]),
        )
        for i in df.index[dup]
    ]


def validate_places(
    df: pd.DataFrame, file: str = "places.csv"
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the typed places table and its problems."""
    out, problems = _validate(df, _places_schema(df), file)
    return out, _merge_dups(problems, df, Place.CODE, file)


def validate_flows(
    df: pd.DataFrame, places: pd.DataFrame, file: str = "flows.csv"
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the typed flows table (people as float, NaN when unknown; year as Int64) and its
    problems."""
    out, problems = _validate(df, _flows_schema(df, set(places[Place.CODE].dropna())), file)
    out = out.assign(
        **{Flow.PEOPLE: parse_people(df[Flow.PEOPLE]), Flow.YEAR: parse_years(df[Flow.YEAR])}
    )
    return out, _merge_dups(problems, df, Flow.ID, file)


def validate_actions(
    df: pd.DataFrame, places: pd.DataFrame, themes: pd.DataFrame, file: str = "actions.csv"
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the typed actions table and its problems."""
    countries = set(places.loc[places[Place.KIND] == "country", Place.CODE].dropna())
    schema = _actions_schema(df, countries, set(themes[Theme.THEME].dropna()))
    out, problems = _validate(df, schema, file)
    return out, _merge_dups(problems, df, Action.ID, file)


def _merge_dups(problems: list[Problem], df: pd.DataFrame, column: str, file: str) -> list[Problem]:
    kept = [p for p in problems if not (p.column == column and p.check == "field_uniqueness")]
    return kept + _duplicate_problems(df, column, file)


def validate_simple(df: pd.DataFrame, table: str, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Return a typed themes/principles/effects/cases table and its problems."""
    return _validate(df, _SIMPLE_SCHEMAS[table], file)
