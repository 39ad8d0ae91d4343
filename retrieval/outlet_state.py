"""What furniture learning keeps between refreshes, so a refresh that reads a few files still
learns from the whole corpus: per corpus file, its articles per outlet and how many hold each
learned marker and had furniture cut by it; the learned profiles; one example cut per marker.

A key that is not a marker is not kept: it can become one only from the articles read now,
which errs towards cutting less. When an outlet's markers change, its other files are read
again (`files_to_reread`), so their articles are cleaned, and counted, by the same markers.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from retrieval.outlets import Cut, OutletCounts, OutletProfile, learn_profiles

META_KEY = "outlet_furniture"


@dataclass
class FileOutlets:
    """One corpus file's share of the counts: outlet -> counts (markers only) and cuts."""

    counts: dict[str, OutletCounts] = field(default_factory=dict)
    cuts: dict[str, Counter] = field(default_factory=dict)  # outlet -> "kind marker" -> articles


@dataclass
class FurnitureState:
    """The kept counts of every indexed file, the profiles learned from them, example cuts."""

    files: dict[str, FileOutlets] = field(default_factory=dict)
    profiles: dict[str, OutletProfile] = field(default_factory=dict)
    examples: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "files": {
                    name: {
                        outlet: [c.articles, dict(c.head), dict(c.tail), dict(f.cuts.get(outlet, {}))]
                        for outlet, c in f.counts.items()
                    }
                    for name, f in sorted(self.files.items())
                },
                "profiles": {o: [p.articles, p.head, p.tail] for o, p in sorted(self.profiles.items())},
                "examples": self.examples,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | None) -> FurnitureState:
        if not text:
            return cls()
        data = json.loads(text)
        files = {
            name: FileOutlets(
                {o: OutletCounts(v[0], Counter(v[1]), Counter(v[2])) for o, v in outlets.items()},
                {o: Counter(v[3]) for o, v in outlets.items()},
            )
            for name, outlets in data["files"].items()
        }
        profiles = {o: OutletProfile(*v) for o, v in data["profiles"].items()}
        return cls(files, profiles, data["examples"])


def cut_key(cut: Cut) -> str:
    return f"{cut.kind} {cut.marker}"


def learn(
    state: FurnitureState, fresh: dict[str, dict[str, OutletCounts]], present: set[str]
) -> dict[str, OutletProfile]:
    """Profiles from the full counts of the files read now (`fresh`) and the kept counts of the
    other files still in the corpus."""
    totals: dict[str, OutletCounts] = {}
    for outlets in fresh.values():
        for outlet, counts in outlets.items():
            totals.setdefault(outlet, OutletCounts()).add(counts)
    for name, kept in state.files.items():
        if name in present and name not in fresh:
            for outlet, counts in kept.counts.items():
                totals.setdefault(outlet, OutletCounts()).add(counts)
    return learn_profiles(totals)


def changed_outlets(old: dict[str, OutletProfile], new: dict[str, OutletProfile]) -> set[str]:
    """Outlets whose markers are not what their stored articles were cleaned with."""
    outlets = old.keys() | new.keys()
    empty = OutletProfile(0, {}, {})
    return {
        o
        for o in outlets
        if old.get(o, empty).head.keys() != new.get(o, empty).head.keys()
        or old.get(o, empty).tail.keys() != new.get(o, empty).tail.keys()
    }


def files_to_reread(state: FurnitureState, outlets: set[str], read: set[str], present: set[str]) -> list[str]:
    """Files not read now that hold articles of `outlets` (to be cleaned again)."""
    return sorted(
        name
        for name, kept in state.files.items()
        if name in present and name not in read and outlets & kept.counts.keys()
    )


def updated(
    state: FurnitureState,
    profiles: dict[str, OutletProfile],
    fresh: dict[str, dict[str, OutletCounts]],
    cuts: dict[str, dict[str, list[Cut]]],
    present: set[str],
) -> FurnitureState:
    """The state after a refresh: files read now replace their entries, removed files go."""
    files = {name: kept for name, kept in state.files.items() if name in present and name not in fresh}
    examples = {o: dict(e) for o, e in state.examples.items() if o in profiles}
    for name, outlets in fresh.items():
        file_cuts = cuts.get(name, {})
        files[name] = FileOutlets(
            {o: c.only(profiles.get(o)) for o, c in outlets.items()},
            {o: Counter(cut_key(cut) for cut in file_cuts.get(o, [])) for o in outlets},
        )
        for outlet, outlet_cuts in file_cuts.items():
            for cut in outlet_cuts:
                examples.setdefault(outlet, {}).setdefault(cut_key(cut), cut.text)
    return FurnitureState(files, profiles, examples)


@dataclass(frozen=True)
class Evidence:
    """One line of `index --explain-cleaning`: a marker and what it cut in one outlet."""

    outlet: str
    articles: int
    kind: str
    marker: str
    cut: int
    example: str

    @property
    def share(self) -> float:
        return self.cut / self.articles if self.articles else 0.0


def evidence(state: FurnitureState) -> list[Evidence]:
    """Per outlet, each marker that cut furniture, most used first."""
    articles: Counter = Counter()
    cut: dict[str, Counter] = {}
    for kept in state.files.values():
        for outlet, counts in kept.counts.items():
            articles[outlet] += counts.articles
        for outlet, counter in kept.cuts.items():
            cut.setdefault(outlet, Counter()).update(counter)
    rows = []
    for outlet in sorted(cut):
        for key, n in sorted(cut[outlet].items(), key=lambda item: (-item[1], item[0])):
            kind, _, marker = key.partition(" ")
            example = state.examples.get(outlet, {}).get(key, "")
            rows.append(Evidence(outlet, articles[outlet], kind, marker, n, example))
    return rows
