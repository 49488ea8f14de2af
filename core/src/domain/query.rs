//! Read-only questions the screens and reports ask of a dataset.

use std::collections::HashMap;

use super::dataset::Dataset;
use super::dates::year_of;
use super::record::{Activity, Assignment, Location};
use super::text::{fold, fold_into};

/// Locations by id and by parent. It owns a copy of the locations, so it can be built once per
/// data version and shared by every screen (`store::Workspace::places`) instead of once per list.
#[derive(Clone, Debug, Default)]
pub struct LocationIndex {
    locations: Vec<Location>,
    by_id: HashMap<String, usize>,
    /// Positions of each location's children, by name.
    children: HashMap<String, Vec<usize>>,
    /// Positions of the places whose history passed to each place (it is their first
    /// successor).
    heirs: HashMap<String, Vec<usize>>,
    /// Places known as another (an alias of a place kept): never listed as a child or a root.
    hidden: std::collections::HashSet<String>,
}

impl LocationIndex {
    pub fn new(locations: &[Location]) -> Self {
        let locations = locations.to_vec();
        let mut by_id = HashMap::with_capacity(locations.len());
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        let hidden: std::collections::HashSet<String> = locations
            .iter()
            .flat_map(|l| l.aliases.iter().filter(move |a| **a != l.id).cloned())
            .collect();
        for (i, l) in locations.iter().enumerate() {
            by_id.insert(l.id.clone(), i);
            if hidden.contains(&l.id) {
                continue;
            }
            if let Some(p) = &l.parent_id {
                children.entry(p.clone()).or_default().push(i);
            }
        }
        let mut heirs: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, l) in locations.iter().enumerate() {
            if let (Some(_), Some(next)) = (&l.valid_to, l.successors.first()) {
                heirs.entry(next.clone()).or_default().push(i);
            }
        }
        for list in children.values_mut().chain(heirs.values_mut()) {
            crate::domain::order::sort_by_cached_key(list, |i| {
                crate::domain::collate::key(&locations[*i].name)
            });
        }
        LocationIndex {
            locations,
            by_id,
            children,
            heirs,
            hidden,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Location> {
        self.by_id.get(id).map(|i| &self.locations[*i])
    }

    /// Direct children, by name.
    pub fn children(
        &self,
        id: &str,
    ) -> impl DoubleEndedIterator<Item = &Location> + ExactSizeIterator + '_ {
        self.children
            .get(id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|i| &self.locations[*i])
    }

    /// Whether the place is known as another (an alias of a place kept): left out of lists.
    pub fn hidden(&self, id: &str) -> bool {
        self.hidden.contains(id)
    }

    /// Top-level locations (no parent, or a parent that is not stored), by name.
    pub fn roots(&self) -> Vec<&Location> {
        let mut roots: Vec<_> = self
            .locations
            .iter()
            .filter(|l| {
                !self.hidden.contains(&l.id)
                    && l.parent_id
                        .as_deref()
                        .is_none_or(|p| !self.by_id.contains_key(p))
            })
            .collect();
        crate::domain::collate::sort_by_text(&mut roots, |l| &l.name);
        roots
    }

    /// The location itself when it is a commune, else its nearest commune ancestor.
    pub fn commune_of(&self, id: &str) -> Option<&Location> {
        self.ancestors_or_self(id).find(|l| l.level == "commune")
    }

    /// The district above a location, if the tree has one.
    pub fn district_of(&self, id: &str) -> Option<&Location> {
        self.ancestors_or_self(id).find(|l| l.level == "district")
    }

    /// True when `id` is `ancestor` or lies beneath it.
    pub fn within(&self, id: &str, ancestor: &str) -> bool {
        self.ancestors_or_self(id).any(|l| l.id == ancestor)
    }

    /// Walks up the tree; bounded so a corrupt loop cannot hang the page.
    pub fn ancestors_or_self(&self, id: &str) -> impl Iterator<Item = &Location> + '_ {
        let mut next = self.get(id);
        std::iter::from_fn(move || {
            let current = next?;
            next = current.parent_id.as_deref().and_then(|p| self.get(p));
            Some(current)
        })
        .take(16)
    }

    /// True when some place was merged or split into another: only then do reports need to
    /// choose between today's map and the period's.
    pub fn has_history(&self) -> bool {
        !self.heirs.is_empty()
    }

    /// The place that stood for `id` on `date`: itself while it existed, else its first
    /// successor, followed on (a commune merged in 2025 stands as the commune it joined).
    pub fn as_of<'a>(&'a self, id: &'a str, date: &str) -> &'a str {
        let mut at = id;
        for _ in 0..16 {
            match self.get(at) {
                Some(l) if !valid_on(l.valid_to.as_deref(), date) => match l.successors.first() {
                    Some(next) => at = next,
                    None => break,
                },
                _ => break,
            }
        }
        at
    }

    /// True when `id` lies within `ancestor` on the map of `date`: each step up the tree is
    /// taken as it stood that day (a village of a commune merged in 2025 lies, in 2026, within
    /// the commune it joined; a commune that continued when its district was dissolved lies,
    /// from then on, directly under the province). Without history it is `within`.
    pub fn within_on(&self, id: &str, ancestor: &str, date: &str) -> bool {
        if !self.has_history() {
            return self.within(id, ancestor);
        }
        let mut at = self.as_of(id, date);
        for _ in 0..16 {
            if at == ancestor {
                return true;
            }
            match self.get(at).and_then(|l| l.parent_id.as_deref()) {
                Some(parent) => at = self.standing_parent(parent, date),
                None => return false,
            }
        }
        false
    }

    /// The parent a place had on `date`: `parent` as it stood that day, passing over one that
    /// had ended with no successor (a district dissolved) to the level above it.
    fn standing_parent<'a>(&'a self, parent: &'a str, date: &str) -> &'a str {
        let mut up = self.as_of(parent, date);
        for _ in 0..16 {
            match self.get(up) {
                Some(l) if !valid_on(l.valid_to.as_deref(), date) && l.successors.is_empty() => {
                    match l.parent_id.as_deref() {
                        Some(p) => up = self.as_of(p, date),
                        None => break,
                    }
                }
                _ => break,
            }
        }
        up
    }

    /// The places whose history passed into `id`, directly or through others, by name.
    pub fn predecessors(&self, id: &str) -> Vec<&Location> {
        let mut out: Vec<&Location> = Vec::new();
        let mut todo = vec![id.to_string()];
        while let Some(next) = todo.pop() {
            for i in self.heirs.get(&next).map_or(&[][..], Vec::as_slice) {
                let l = &self.locations[*i];
                if out.len() < 256 && l.id != id && !out.iter().any(|o| o.id == l.id) {
                    out.push(l);
                    todo.push(l.id.clone());
                }
            }
        }
        out
    }

    /// The on-screen name of a stored place (empty when unknown).
    pub fn name(&self, id: &str) -> String {
        self.get(id).map(place_name).unwrap_or_default()
    }
}

/// Whether something that ended on `valid_to` still existed on `date` (ISO dates compare as text).
pub fn valid_on(valid_to: Option<&str>, date: &str) -> bool {
    valid_to.is_none_or(|to| date <= to)
}

/// How a place is named on its own on screen: `Xã Pà Cò`, `Bản Sáng` (no doubled label when
/// the name already starts with it: `Bản Pà Cò`).
pub fn place_name(l: &Location) -> String {
    let inline = place_name_inline(l);
    let mut chars = inline.chars();
    match chars.next() {
        Some(first) => std::iter::once(super::text::upper_char(first))
            .chain(chars)
            .collect(),
        None => inline,
    }
}

/// The same name inside a phrase: `xã Pà Cò`.
pub fn place_name_inline(l: &Location) -> String {
    let label = l.label.trim();
    if label.is_empty() || fold(&l.name).starts_with(&fold(label)) {
        l.name.clone()
    } else {
        format!("{label} {}", l.name)
    }
}

/// Assignments of a unit (for a phase, when given).
pub fn assignments_of_unit<'a>(
    ds: &'a Dataset,
    unit_id: &str,
    phase: Option<&str>,
) -> Vec<&'a Assignment> {
    ds.assignments
        .iter()
        .filter(|a| a.unit_id == unit_id && phase.is_none_or(|p| a.phase == p))
        .collect()
}

/// The one commune or village a unit is assigned (in any phase), when it has exactly one: where
/// its next activity most likely happened.
pub fn only_place_of<'a>(ds: &'a Dataset, unit_id: &str) -> Option<&'a str> {
    let mut places = ds
        .assignments
        .iter()
        .filter(|a| a.unit_id == unit_id && !unit_id.is_empty())
        .map(|a| a.location_id.as_str());
    let first = places.next()?;
    places.all(|p| p == first).then_some(first)
}

/// Assignments for a location (for a phase, when given).
pub fn assignments_of_location<'a>(
    ds: &'a Dataset,
    location_id: &str,
    phase: Option<&str>,
) -> Vec<&'a Assignment> {
    ds.assignments
        .iter()
        .filter(|a| a.location_id == location_id && phase.is_none_or(|p| a.phase == p))
        .collect()
}

/// Which activities to show or count. `location_id` includes everything beneath it
/// (a commune's villages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub year: Option<i32>,
    pub unit_id: Option<String>,
    pub location_id: Option<String>,
    pub category: Option<String>,
}

impl ActivityFilter {
    pub fn matches(&self, a: &Activity, index: &LocationIndex) -> bool {
        self.year.is_none_or(|y| year_of(&a.date) == Some(y))
            && self.unit_id.as_deref().is_none_or(|u| a.unit_id == u)
            && self.category.as_deref().is_none_or(|c| a.category == c)
            && self
                .location_id
                .as_deref()
                .is_none_or(|l| index.within(&a.location_id, l))
    }
}

pub fn filter_activities<'a>(
    ds: &'a Dataset,
    index: &LocationIndex,
    filter: &ActivityFilter,
) -> Vec<&'a Activity> {
    ds.activities
        .iter()
        .filter(|a| filter.matches(a, index))
        .collect()
}

/// Folded search text of each activity (title, description, unit, place and its commune), in
/// the order of `ds.activities`: built once per data version, so a keystroke only scans it.
pub fn search_texts(ds: &Dataset, index: &LocationIndex) -> Vec<String> {
    let units: HashMap<&str, String> = ds
        .units
        .iter()
        .map(|u| (u.id.as_str(), fold(&u.name)))
        .collect();
    // A place's folded names (its own, its commune's) once, not once per activity there.
    let mut places: HashMap<&str, String> = HashMap::new();
    ds.activities
        .iter()
        .map(|a| {
            let place = places.entry(a.location_id.as_str()).or_insert_with(|| {
                let place = index.get(&a.location_id).map_or("", |l| l.name.as_str());
                let commune = index
                    .commune_of(&a.location_id)
                    .map_or("", |l| l.name.as_str());
                fold(&format!("{place} {commune}"))
            });
            let unit = units.get(a.unit_id.as_str()).map_or("", String::as_str);
            let mut out = String::with_capacity(
                a.title.len() + a.description.len() + unit.len() + place.len() + 3,
            );
            fold_into(&mut out, &a.title);
            out.push(' ');
            fold_into(&mut out, &a.description);
            out.push(' ');
            out.push_str(unit);
            out.push(' ');
            out.push_str(place);
            out
        })
        .collect()
}

/// How the activity list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Newest,
    Oldest,
    MostMoney,
    Title,
    /// By place name, then newest (Vietnamese order).
    Place,
    /// By the unit's short name, then newest.
    Unit,
}

impl SortKey {
    /// The key a list names (`newest`, `oldest`, `money`, `title`, `place`, `unit`).
    pub fn parse(code: &str) -> SortKey {
        match code {
            "oldest" => SortKey::Oldest,
            "money" => SortKey::MostMoney,
            "title" => SortKey::Title,
            "place" => SortKey::Place,
            "unit" => SortKey::Unit,
            _ => SortKey::Newest,
        }
    }
}

/// Indices into `ds.activities` that pass the filter and contain every word of `text`
/// (accents and case ignored), in the order of `order` (from `sorted_positions`).
pub fn list_activities(
    ds: &Dataset,
    index: &LocationIndex,
    search: &[String],
    filter: &ActivityFilter,
    text: &str,
    order: &[usize],
) -> Vec<usize> {
    let words: Vec<String> = fold(text).split_whitespace().map(str::to_string).collect();
    // Which rows pass, read in storage order (the order's random reads cost more than the test).
    let passes: Vec<bool> = ds
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| {
            filter.matches(a, index)
                && (words.is_empty()
                    || search
                        .get(i)
                        .is_some_and(|s| words.iter().all(|w| s.contains(w.as_str()))))
        })
        .collect();
    order
        .iter()
        .copied()
        .filter(|&i| passes.get(i).copied().unwrap_or(false))
        .collect()
}

/// Every activity's position in `ds.activities`, in the order `sort` asks for: sorted once per
/// data version and sort key, so a keystroke only filters it (sorting 100,000 rows on every
/// keystroke cost more than the search itself).
pub fn sorted_positions(ds: &Dataset, index: &LocationIndex, sort: SortKey) -> Vec<usize> {
    let mut out: Vec<usize> = (0..ds.activities.len()).collect();
    let acts = &ds.activities;
    match sort {
        SortKey::Newest => crate::domain::order::sort_by(&mut out, |a, b| {
            acts[*b]
                .date
                .cmp(&acts[*a].date)
                .then(acts[*a].id.cmp(&acts[*b].id))
        }),
        SortKey::Oldest => crate::domain::order::sort_by(&mut out, |a, b| {
            acts[*a]
                .date
                .cmp(&acts[*b].date)
                .then(acts[*a].id.cmp(&acts[*b].id))
        }),
        SortKey::MostMoney => crate::domain::order::sort_by_key(&mut out, |i| {
            std::cmp::Reverse(acts[*i].cash_vnd.saturating_add(acts[*i].in_kind_vnd))
        }),
        SortKey::Title => crate::domain::order::sort_by_cached_key(&mut out, |i| {
            crate::domain::collate::key(&acts[*i].title)
        }),
        SortKey::Place => crate::domain::order::sort_by_cached_key(&mut out, |i| {
            let a = &acts[*i];
            (
                crate::domain::collate::key(&index.name(&a.location_id)),
                std::cmp::Reverse(a.date.clone()),
            )
        }),
        SortKey::Unit => {
            let units: HashMap<&str, &str> = ds
                .units
                .iter()
                .map(|u| (u.id.as_str(), u.short_label()))
                .collect();
            crate::domain::order::sort_by_cached_key(&mut out, |i| {
                let a = &acts[*i];
                let unit = units.get(a.unit_id.as_str()).copied().unwrap_or("");
                (
                    crate::domain::collate::key(unit),
                    std::cmp::Reverse(a.date.clone()),
                )
            })
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{assignment, small};

    fn ids<'a>(list: impl IntoIterator<Item = &'a Activity>) -> Vec<&'a str> {
        list.into_iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_unit_with_one_commune_has_it_as_its_only_place() {
        let mut ds = small();
        assert_eq!(only_place_of(&ds, "u-kbnn"), Some("c-paco"));
        assert_eq!(only_place_of(&ds, ""), None);
        assert_eq!(only_place_of(&ds, "u-none"), None);
        // The same commune in two phases is still one; a second commune is a choice.
        ds.assignments.push(assignment("as-3", "u-kbnn", "c-paco"));
        assert_eq!(only_place_of(&ds, "u-kbnn"), Some("c-paco"));
        ds.assignments
            .push(assignment("as-4", "u-kbnn", "c-hangkia"));
        assert_eq!(only_place_of(&ds, "u-kbnn"), None);
    }

    #[test]
    fn place_names() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        assert_eq!(
            idx.get("c-paco").map(place_name).as_deref(),
            Some("Xã Pà Cò")
        );
        assert_eq!(
            idx.get("c-paco").map(place_name_inline).as_deref(),
            Some("xã Pà Cò")
        );
        assert_eq!(
            idx.get("v-paco-2").map(place_name).as_deref(),
            Some("Bản Sáng")
        );
    }

    #[test]
    fn tree_navigation() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let names: Vec<_> = idx.children("c-paco").map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Bản Sáng", "Pà Cò 1"]);
        assert_eq!(idx.children("v-paco-1").len(), 0);
        assert_eq!(idx.children("unknown").len(), 0);
        assert_eq!(
            idx.roots()
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>(),
            ["p"]
        );
        assert_eq!(
            idx.commune_of("v-paco-2").map(|l| l.id.as_str()),
            Some("c-paco")
        );
        assert_eq!(
            idx.commune_of("c-hangkia").map(|l| l.id.as_str()),
            Some("c-hangkia")
        );
        assert_eq!(idx.commune_of("d-mc"), None);
        assert_eq!(
            idx.district_of("v-paco-2").map(|l| l.id.as_str()),
            Some("d-mc")
        );
        assert_eq!(idx.district_of("c-new"), None);
        assert!(idx.within("v-paco-1", "p"));
        assert!(!idx.within("c-hangkia", "c-paco"));
    }

    #[test]
    fn a_parent_loop_does_not_hang() {
        let mut ds = small();
        ds.locations[0].parent_id = Some("v-paco-1".into());
        let idx = LocationIndex::new(&ds.locations);
        assert_eq!(idx.ancestors_or_self("v-paco-1").count(), 16);
        assert!(!idx.within("v-paco-1", "nowhere"));
    }

    #[test]
    fn assignments_by_unit_location_and_phase() {
        let mut ds = small();
        let mut old = assignment("as-old", "u-kbnn", "c-hangkia");
        old.phase = "2016-2020".into();
        ds.assignments.push(old);
        assert_eq!(assignments_of_unit(&ds, "u-kbnn", None).len(), 2);
        assert_eq!(
            assignments_of_unit(&ds, "u-kbnn", Some("2021-2025")).len(),
            1
        );
        assert_eq!(assignments_of_location(&ds, "c-hangkia", None).len(), 2);
        assert_eq!(
            assignments_of_location(&ds, "c-hangkia", Some("2016-2020"))[0].id,
            "as-old"
        );
        assert!(assignments_of_location(&ds, "v-paco-1", None).is_empty());
    }

    #[test]
    fn search_texts_fold_title_description_unit_place_and_commune() {
        let mut ds = small();
        ds.activities[0].description = "Tặng QUÀ Tết\u{301}".into();
        let idx = LocationIndex::new(&ds.locations);
        let texts = search_texts(&ds, &idx);
        for (a, text) in ds.activities.iter().zip(&texts) {
            let unit = ds
                .units
                .iter()
                .find(|u| u.id == a.unit_id)
                .map_or("", |u| &u.name);
            let place = idx.get(&a.location_id).map_or("", |l| &l.name);
            let commune = idx.commune_of(&a.location_id).map_or("", |l| &l.name);
            let whole = format!("{} {} {unit} {place} {commune}", a.title, a.description);
            assert_eq!(*text, fold(&whole), "{}", a.id);
        }
        assert!(texts[0].contains("tang qua tet"));
    }

    #[test]
    fn the_order_sorted_once_filters_to_the_rows_a_filter_finds_in_sort_order() {
        let ds = crate::sample::generate(&crate::sample::Scale::tiny());
        let idx = LocationIndex::new(&ds.locations);
        let search = search_texts(&ds, &idx);
        let unit = ds.activities[0].unit_id.clone();
        let f = ActivityFilter {
            unit_id: Some(unit.clone()),
            ..Default::default()
        };
        let found: Vec<&str> = filter_activities(&ds, &idx, &f)
            .into_iter()
            .map(|a| a.id.as_str())
            .collect();
        assert!(found.len() > 1);
        for key in [SortKey::Newest, SortKey::Oldest, SortKey::MostMoney] {
            let rows = list_activities(
                &ds,
                &idx,
                &search,
                &f,
                "",
                &sorted_positions(&ds, &idx, key),
            );
            let acts: Vec<&Activity> = rows.iter().map(|i| &ds.activities[*i]).collect();
            let mut ids: Vec<&str> = acts.iter().map(|a| a.id.as_str()).collect();
            crate::domain::order::sort(&mut ids);
            let mut want = found.clone();
            crate::domain::order::sort(&mut want);
            assert_eq!(ids, want, "{key:?}: the same rows");
            for w in acts.windows(2) {
                let in_order = match key {
                    SortKey::Newest => (&w[1].date, &w[0].id) <= (&w[0].date, &w[1].id),
                    SortKey::Oldest => (&w[0].date, &w[0].id) <= (&w[1].date, &w[1].id),
                    _ => w[0].cash_vnd + w[0].in_kind_vnd >= w[1].cash_vnd + w[1].in_kind_vnd,
                };
                assert!(in_order, "{key:?}: {} before {}", w[0].id, w[1].id);
            }
        }
    }

    #[test]
    fn text_search_ignores_accents_and_sorts() {
        let mut ds = small();
        ds.activities[3].title = "Ra mắt Tổ liên gia tự quản".into();
        let idx = LocationIndex::new(&ds.locations);
        let search = search_texts(&ds, &idx);
        let f = ActivityFilter::default();
        let find = |t: &str, s| {
            list_activities(&ds, &idx, &search, &f, t, &sorted_positions(&ds, &idx, s))
                .into_iter()
                .map(|i| ds.activities[i].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(find("pa co", SortKey::Newest), ["a-3", "a-2", "a-1"]);
        assert_eq!(SortKey::parse("place"), SortKey::Place);
        assert_eq!(SortKey::parse("?"), SortKey::Newest);
        let by_place = find("", SortKey::Place);
        let names: Vec<String> = by_place
            .iter()
            .map(|id| {
                let a = ds.activities.iter().find(|a| a.id == *id).expect("row");
                idx.name(&a.location_id)
            })
            .collect();
        let mut sorted = names.clone();
        crate::domain::collate::sort_by_text(&mut sorted, |n| n);
        assert_eq!(names, sorted, "Vietnamese order of places");
        assert_eq!(find("", SortKey::Unit).len(), ds.activities.len());
        assert_eq!(find("PÀ CÒ", SortKey::Oldest), ["a-1", "a-2", "a-3"]);
        assert_eq!(find("to lien gia", SortKey::Newest), ["a-4"]);
        assert_eq!(find("hang kia", SortKey::Newest), ["a-4"]);
        assert_eq!(find("cong an", SortKey::Newest), ["a-4"]);
        assert!(find("khong co gi", SortKey::Newest).is_empty());
        assert_eq!(find("", SortKey::MostMoney), ["a-2", "a-1", "a-3", "a-4"]);
    }

    #[test]
    fn activity_filters() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let run = |f: ActivityFilter| ids(filter_activities(&ds, &idx, &f));
        assert_eq!(run(ActivityFilter::default()), ["a-1", "a-2", "a-3", "a-4"]);
        assert_eq!(
            run(ActivityFilter {
                year: Some(2023),
                ..Default::default()
            }),
            ["a-1", "a-2", "a-4"]
        );
        assert_eq!(
            run(ActivityFilter {
                unit_id: Some("u-police".into()),
                ..Default::default()
            }),
            ["a-4"]
        );
        // a commune includes its villages
        assert_eq!(
            run(ActivityFilter {
                location_id: Some("c-paco".into()),
                ..Default::default()
            }),
            ["a-1", "a-2", "a-3"]
        );
        assert_eq!(
            run(ActivityFilter {
                location_id: Some("v-paco-2".into()),
                ..Default::default()
            }),
            ["a-3"]
        );
        assert_eq!(
            run(ActivityFilter {
                year: Some(2023),
                location_id: Some("d-mc".into()),
                category: Some("gifts".into()),
                ..Default::default()
            }),
            ["a-1"]
        );
        assert!(run(ActivityFilter {
            year: Some(2019),
            ..Default::default()
        })
        .is_empty());
    }
}
