//! Names as people write them in sheets: "Xã Pà Cò", "xa pa co" and "Pà Cò" are one commune;
//! "KBNN" is the treasury's short name. One key for each name, used by spreadsheet rows and by
//! the check for duplicate places and units.

use std::collections::HashMap;

use crate::domain::dataset::Dataset;
use crate::domain::query::{valid_on, LocationIndex};
use crate::domain::record::{Location, Unit};
pub use crate::domain::text::name_key;

/// The units whose name or short name has `text`'s key; those valid on `date` first.
pub fn find_units<'a>(ds: &'a Dataset, text: &str, date: Option<&str>) -> Vec<&'a Unit> {
    let key = name_key(text);
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&Unit> = ds
        .units
        .iter()
        .filter(|u| {
            name_key(&u.name) == key || (!u.short_name.is_empty() && name_key(&u.short_name) == key)
        })
        .collect();
    prefer_valid(&mut found, date, |u| u.valid_to.as_deref());
    found
}

/// The places of `levels` (under `within`, when given) whose name has `text`'s key; those
/// valid on `date` first.
pub fn find_places<'a>(
    idx: &'a LocationIndex,
    ds: &'a Dataset,
    text: &str,
    levels: &[&str],
    within: Option<&str>,
    date: Option<&str>,
) -> Vec<&'a Location> {
    let key = name_key(text);
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&Location> = ds
        .locations
        .iter()
        .filter(|l| levels.contains(&l.level.as_str()))
        .filter(|l| within.is_none_or(|w| idx.within(&l.id, w)))
        .filter(|l| name_key(&l.name) == key)
        .collect();
    prefer_valid(&mut found, date, |l| l.valid_to.as_deref());
    found
}

/// The directory's names by key, built once for a whole sheet: 20,000 rows each looking up a
/// unit, a commune and a village would otherwise key every name of the province each time.
pub struct Names<'a> {
    idx: &'a LocationIndex,
    places: HashMap<String, Vec<&'a Location>>,
    units: HashMap<String, Vec<&'a Unit>>,
    /// Names the person said are these records (`Mapping::chosen`), by key: found only when
    /// the directory has nothing under the name itself.
    chosen_places: HashMap<String, &'a Location>,
    chosen_units: HashMap<String, &'a Unit>,
}

impl<'a> Names<'a> {
    pub fn new(ds: &'a Dataset, idx: &'a LocationIndex) -> Names<'a> {
        // A unit or place known as another (an alias) is found as the one kept, never twice.
        let aliases = crate::domain::aliases::Aliases::of(&[ds]);
        let mut places: HashMap<String, Vec<&Location>> = HashMap::new();
        for l in ds.locations.iter().filter(|l| !idx.hidden(&l.id)) {
            places.entry(name_key(&l.name)).or_default().push(l);
        }
        let mut units: HashMap<String, Vec<&Unit>> = HashMap::new();
        for u in ds
            .units
            .iter()
            .filter(|u| !aliases.hides(crate::domain::Kind::Unit, &u.id))
        {
            units.entry(name_key(&u.name)).or_default().push(u);
            if !u.short_name.is_empty() && name_key(&u.short_name) != name_key(&u.name) {
                units.entry(name_key(&u.short_name)).or_default().push(u);
            }
        }
        Names {
            idx,
            places,
            units,
            chosen_places: HashMap::new(),
            chosen_units: HashMap::new(),
        }
    }

    /// These names, with the sheet's texts the person matched to records of `ds` (a choice
    /// naming a record not here is ignored).
    pub fn choosing(
        mut self,
        ds: &'a Dataset,
        chosen: &[(super::columns::Column, String, String)],
    ) -> Names<'a> {
        use super::columns::Column;
        for (column, text, id) in chosen {
            if *column == Column::Unit {
                if let Some(u) = ds.get::<Unit>(id) {
                    self.chosen_units.insert(name_key(text), u);
                }
            } else if let Some(l) = self.idx.get(id) {
                self.chosen_places.insert(name_key(text), l);
            }
        }
        self
    }

    /// As [`find_units`].
    pub fn units(&self, text: &str, date: Option<&str>) -> Vec<&'a Unit> {
        let key = name_key(text);
        let mut found = self.units.get(&key).cloned().unwrap_or_default();
        if found.is_empty() {
            found.extend(self.chosen_units.get(&key).copied());
        }
        prefer_valid(&mut found, date, |u| u.valid_to.as_deref());
        found
    }

    /// As [`find_places`].
    pub fn places(
        &self,
        text: &str,
        levels: &[&str],
        within: Option<&str>,
        date: Option<&str>,
    ) -> Vec<&'a Location> {
        let key = name_key(text);
        let fits = |l: &&Location| {
            levels.contains(&l.level.as_str()) && within.is_none_or(|w| self.idx.within(&l.id, w))
        };
        let mut found: Vec<&Location> = self
            .places
            .get(&key)
            .map(|v| v.iter().copied().filter(fits).collect())
            .unwrap_or_default();
        if found.is_empty() {
            found.extend(self.chosen_places.get(&key).copied().filter(fits));
        }
        prefer_valid(&mut found, date, |l| l.valid_to.as_deref());
        found
    }
}

/// Keep the records valid on `date` when any is; a sheet of 2023 names the communes of 2023.
fn prefer_valid<T>(found: &mut Vec<&T>, date: Option<&str>, valid_to: impl Fn(&T) -> Option<&str>) {
    let Some(date) = date else {
        return;
    };
    if found.iter().any(|r| valid_on(valid_to(r), date)) {
        found.retain(|r| valid_on(valid_to(r), date));
    }
}

/// Up to three names of `candidates` closest to `text`: those sharing a word of its key.
pub fn closest<'a>(text: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let key = name_key(text);
    let words: Vec<&str> = key.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    for c in candidates {
        let k = name_key(c);
        if words
            .iter()
            .any(|w| w.len() > 1 && k.split_whitespace().any(|x| x == *w))
            && !out.contains(&c)
        {
            out.push(c);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn level_words_case_and_marks_do_not_matter() {
        assert_eq!(name_key("Xã Pà Cò"), "pa co");
        assert_eq!(name_key("xa pa co"), "pa co");
        assert_eq!(name_key("  PÀ CÒ "), "pa co");
        assert_eq!(name_key("Thôn Bản Sáng"), "ban sang");
        assert_eq!(name_key("Xã"), "xa", "a bare level word stays a name");
        assert_eq!(name_key("Kho bạc Nhà nước tỉnh"), "kho bac nha nuoc tinh");
    }

    #[test]
    fn places_and_units_are_found_by_their_keys() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let found = find_places(&idx, &ds, "xa pa co", &["commune"], None, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "c-paco");
        let village = find_places(&idx, &ds, "Pà Cò 1", &["village"], Some("c-paco"), None);
        assert_eq!(village[0].id, "v-paco-1");
        assert!(
            find_places(&idx, &ds, "Pà Cò 1", &["village"], Some("c-hangkia"), None).is_empty()
        );
        assert_eq!(
            find_units(&ds, "kho bac nha nuoc tinh", None)[0].id,
            "u-kbnn"
        );
        let names = Names::new(&ds, &idx);
        assert_eq!(
            names.places("xa pa co", &["commune"], None, None)[0].id,
            "c-paco"
        );
        assert_eq!(
            names.places("Pà Cò 1", &["village"], Some("c-paco"), None)[0].id,
            "v-paco-1"
        );
        assert!(names
            .places("Pà Cò 1", &["village"], Some("c-hangkia"), None)
            .is_empty());
        assert_eq!(names.units("kho bac nha nuoc tinh", None)[0].id, "u-kbnn");
        assert!(names.places("", &["commune"], None, None).is_empty());
        assert_eq!(
            closest("Pà Cò 9", ds.locations.iter().map(|l| l.name.as_str())),
            ["Pà Cò", "Pà Cò 1"]
        );
    }
}
