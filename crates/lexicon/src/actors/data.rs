//! The built-in data files, embedded at compile time.

/// `(file name, contents)` of every built-in actor file; the name decides the format.
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../data/actors/countries.tsv"),
    ),
    ("places.tsv", include_str!("../../data/actors/places.tsv")),
    (
        "organizations.tsv",
        include_str!("../../data/actors/organizations.tsv"),
    ),
    ("groups.tsv", include_str!("../../data/actors/groups.tsv")),
    (
        "institutions.tsv",
        include_str!("../../data/actors/institutions.tsv"),
    ),
    ("people.tsv", include_str!("../../data/actors/people.tsv")),
    (
        "people_history.tsv",
        include_str!("../../data/actors/people_history.tsv"),
    ),
    ("titles.tsv", include_str!("../../data/actors/titles.tsv")),
];
