//! How a workspace is cut into chunks for storage: the directory, plans, models, reports and
//! tombstones each form one group, activities one group per unit. An edit then rewrites only
//! its group's chunk. Each group has a fingerprint over its records' (id, rev, updated_at),
//! order-independent, so a save can tell which groups changed without serialising them.

use std::collections::{BTreeMap, HashMap};

use crate::bundle::format::{write_parts, Parts};
use crate::domain::record::Record;
use crate::domain::{Dataset, Kind};

pub const DIRECTORY: &str = "dir";
pub const PLANS: &str = "plans";
pub const MODELS: &str = "models";
pub const REPORTS: &str = "reports";
pub const TOMBSTONES: &str = "tomb";

/// FNV-1a, 64 bits: small and stable across builds (the std hasher is neither).
pub(super) fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The group of a unit's activities: `a` and 8 hex digits of the unit id's hash.
/// What a group holds, in the person's words (`m.group_*`), for notices about stored data:
/// a unit's activities name the unit when the directory knows it.
pub fn group_label(group: &str, ds: &Dataset, m: &crate::view::i18n::Messages) -> String {
    let fixed = match group {
        DIRECTORY => m.group_directory,
        PLANS => m.group_plans,
        MODELS => m.group_models,
        REPORTS => m.group_reports,
        TOMBSTONES => m.group_deleted,
        _ => {
            let unit = ds.units.iter().find(|u| activity_group(&u.id) == group);
            return match unit {
                Some(u) => format!("{}: {}", m.group_activities_of, u.name),
                None => m.group_activities.to_string(),
            };
        }
    };
    fixed.to_string()
}

pub fn activity_group(unit_id: &str) -> String {
    format!("a{:08x}", fnv(&[unit_id.as_bytes()]) as u32)
}

pub(super) fn record_hash<T: Record>(r: &T) -> u64 {
    fnv(&[
        T::KIND.code().as_bytes(),
        r.id().as_bytes(),
        &r.rev().to_le_bytes(),
        r.updated_at().as_bytes(),
    ])
}

pub(super) fn tombstone_hash(t: &crate::domain::record::Tombstone) -> u64 {
    fnv(&[t.kind.as_bytes(), t.id.as_bytes(), &t.rev.to_le_bytes()])
}

/// The group that stores the record `kind`/`id` here (None: no such record here).
pub fn group_of(ds: &Dataset, kind: Kind, id: &str) -> Option<String> {
    let group = match kind {
        Kind::Location | Kind::Unit | Kind::Assignment => DIRECTORY,
        Kind::Plan => PLANS,
        Kind::Model => MODELS,
        Kind::Report => REPORTS,
        Kind::Activity => {
            return ds
                .get::<crate::domain::record::Activity>(id)
                .map(|a| activity_group(&a.unit_id))
        }
    };
    Some(group.to_string())
}

/// A record's hash mixed (MurmurHash3's finaliser) before it is added to its group's sum. FNV
/// of two records whose revisions both went up by one at the same time changes by amounts
/// that can cancel in a plain sum: found by the fault model, an import that raised two
/// activities of one unit left the group's fingerprint as it was, and the save wrote nothing.
fn spread(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Fingerprint of every non-empty group (stored manifests written before `spread` hold other
/// values: each group is then written again once, at the next save).
pub fn fingerprints(ds: &Dataset) -> BTreeMap<String, u64> {
    let mut fps: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |group: &str, h: u64| {
        let e = fps.entry(group.to_string()).or_insert(0);
        *e = e.wrapping_add(spread(h));
    };
    ds.locations
        .iter()
        .for_each(|r| add(DIRECTORY, record_hash(r)));
    ds.units.iter().for_each(|r| add(DIRECTORY, record_hash(r)));
    ds.assignments
        .iter()
        .for_each(|r| add(DIRECTORY, record_hash(r)));
    ds.plans.iter().for_each(|r| add(PLANS, record_hash(r)));
    ds.models.iter().for_each(|r| add(MODELS, record_hash(r)));
    ds.reports.iter().for_each(|r| add(REPORTS, record_hash(r)));
    // A deletion is its kind, id and revision: two tabs deleting one record at one revision
    // (their clocks apart) hold the same deletion, and neither saves in answer to the other.
    for t in &ds.tombstones {
        add(TOMBSTONES, tombstone_hash(t));
    }
    let mut by_unit: BTreeMap<&str, u64> = BTreeMap::new();
    for a in &ds.activities {
        let e = by_unit.entry(a.unit_id.as_str()).or_insert(0);
        *e = e.wrapping_add(spread(record_hash(a)));
    }
    for (unit, h) in by_unit {
        add(&activity_group(unit), h);
    }
    fps
}

/// The bundle text of the given groups, one per group, in one pass over the activities.
pub fn group_texts(ds: &Dataset, groups: &[&str], saved_at: &str) -> BTreeMap<String, String> {
    group_texts_of(ds, groups, &written_activities(ds, groups), saved_at)
}

/// The activities (positions in `ds.activities`) of the activity groups among `groups`, by
/// group, in one pass over the activities (a unit's group is worked out once per unit, not
/// once per activity).
pub fn written_activities(ds: &Dataset, groups: &[&str]) -> BTreeMap<String, Vec<usize>> {
    let wanted: Vec<&str> = groups
        .iter()
        .copied()
        .filter(|g| ![DIRECTORY, PLANS, MODELS, REPORTS, TOMBSTONES].contains(g))
        .collect();
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); wanted.len()];
    if !wanted.is_empty() {
        let mut unit_group: HashMap<&str, Option<usize>> = HashMap::new();
        for (n, a) in ds.activities.iter().enumerate() {
            let at = *unit_group.entry(a.unit_id.as_str()).or_insert_with(|| {
                let g = activity_group(&a.unit_id);
                wanted.iter().position(|w| *w == g)
            });
            if let Some(i) = at {
                found[i].push(n);
            }
        }
    }
    wanted
        .into_iter()
        .map(str::to_string)
        .zip(found)
        .filter(|(_, acts)| !acts.is_empty())
        .collect()
}

/// `group_texts`, given the activities of its groups (`written_activities`).
pub fn group_texts_of(
    ds: &Dataset,
    groups: &[&str],
    activities: &BTreeMap<String, Vec<usize>>,
    saved_at: &str,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for g in groups {
        let mut parts = Parts::default();
        match *g {
            DIRECTORY => {
                parts.locations = ds.locations.iter().collect();
                parts.units = ds.units.iter().collect();
                parts.assignments = ds.assignments.iter().collect();
            }
            PLANS => parts.plans = ds.plans.iter().collect(),
            MODELS => parts.models = ds.models.iter().collect(),
            REPORTS => parts.reports = ds.reports.iter().collect(),
            TOMBSTONES => parts.tombstones = ds.tombstones.iter().collect(),
            other => {
                parts.activities = activities
                    .get(other)
                    .into_iter()
                    .flatten()
                    .filter_map(|n| ds.activities.get(*n))
                    .collect();
                crate::domain::order::sort_by(&mut parts.activities, |a, b| {
                    crate::domain::dataset::canonical_order(a, b)
                });
            }
        }
        out.insert(g.to_string(), write_parts(&parts, saved_at, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::format::parse;
    use crate::domain::record::Activity;
    use crate::domain::testkit::small;

    #[test]
    fn groups_partition_the_data_and_read_back() {
        let ds = small();
        let fps = fingerprints(&ds);
        let groups: Vec<&str> = fps.keys().map(String::as_str).collect();
        assert_eq!(groups.len(), 6, "{groups:?}"); // dir, plans, models, reports, 2 units
        let texts = group_texts(&ds, &groups, "t");
        let mut back = Dataset::default();
        for text in texts.values() {
            let b = parse(text).expect("reads");
            crate::bundle::merge::apply(&mut back, &b.data, &Default::default());
        }
        back.sort_activities();
        let mut want = ds.clone();
        want.sort_activities();
        assert_eq!(back, want);
    }

    #[test]
    fn fingerprints_move_only_with_their_group() {
        let ds = small();
        let before = fingerprints(&ds);
        let mut edited = ds.clone();
        let mut a = edited.get::<Activity>("a-4").cloned().expect("a-4");
        a.touch("2026-12-01T00:00:00Z");
        edited.put(a);
        let after = fingerprints(&edited);
        let changed: Vec<_> = after
            .iter()
            .filter(|(g, fp)| before.get(*g) != Some(fp))
            .map(|(g, _)| g.clone())
            .collect();
        assert_eq!(changed, vec![activity_group("u-police")]);
        // order does not matter
        let mut shuffled = ds.clone();
        shuffled.activities.reverse();
        shuffled.locations.reverse();
        assert_eq!(fingerprints(&shuffled), before);
        // a deletion changes the unit's group and the tombstones
        let mut deleted = ds.clone();
        deleted.delete::<Activity>("a-1", "2026-12-01T00:00:00Z");
        let after = fingerprints(&deleted);
        assert_ne!(
            after.get(&activity_group("u-kbnn")),
            before.get(&activity_group("u-kbnn"))
        );
        assert!(after.contains_key(TOMBSTONES));
    }

    #[test]
    fn groups_are_named_in_words_and_a_units_activities_by_the_unit() {
        let ds = small();
        let m = crate::view::i18n::messages(crate::domain::Lang::Vi);
        assert_eq!(group_label(DIRECTORY, &ds, m), m.group_directory);
        let kbnn = activity_group("u-kbnn");
        let name = &ds
            .units
            .iter()
            .find(|u| u.id == "u-kbnn")
            .expect("unit")
            .name;
        assert_eq!(
            group_label(&kbnn, &ds, m),
            format!("Hoạt động của đơn vị: {name}")
        );
        assert_eq!(group_label("a00000000", &ds, m), m.group_activities);
    }

    /// One pass with each unit's group worked out once finds exactly the activities whose own
    /// group is asked for (checked activity by activity), a unit missing from the directory
    /// included; other groups bring none.
    #[test]
    fn written_activities_are_those_of_the_groups_asked_for() {
        let mut ds = crate::sample::generate(&crate::sample::Scale::tiny());
        ds.activities[0].unit_id = "u-not-in-the-directory".into();
        let units: Vec<String> = ds.activities.iter().map(|a| a.unit_id.clone()).collect();
        let asked = [
            activity_group(&units[0]),
            activity_group(&units[units.len() / 2]),
            DIRECTORY.to_string(),
        ];
        let groups: Vec<&str> = asked.iter().map(String::as_str).collect();
        let found = written_activities(&ds, &groups);
        assert_eq!(found.len(), 2, "two activity groups");
        for (g, positions) in &found {
            let want: Vec<usize> = (0..ds.activities.len())
                .filter(|n| activity_group(&ds.activities[*n].unit_id) == *g)
                .collect();
            assert!(!want.is_empty());
            assert_eq!(*positions, want, "{g}");
        }
    }

    /// Two activities of one unit raised one revision each at the same time (an import) change
    /// the group's fingerprint: with a plain sum of FNV hashes these two cancelled out.
    #[test]
    fn two_records_raised_together_change_their_groups_fingerprint() {
        use crate::domain::record::Activity;
        let at = "2026-12-01T00:04:00Z";
        let with = |revs: [i64; 2], ids: [&str; 2]| {
            let mut ds = Dataset::default();
            for (id, rev) in ids.iter().zip(revs) {
                let mut a = Activity::with_id(id.to_string());
                a.unit_id = "u-police".into();
                a.stamp(rev, at);
                ds.put(a);
            }
            fingerprints(&ds)
        };
        assert_ne!(
            with([2, 2], ["a-4", "f-4-1"]),
            with([3, 3], ["a-4", "f-4-1"])
        );
        for n in 0..2000 {
            let (a, b) = (format!("a-{n}"), format!("f-{n}-1"));
            let ids = [a.as_str(), b.as_str()];
            assert_ne!(with([2, 2], ids), with([3, 3], ids), "{ids:?}");
        }
    }
}
