//! How a workspace is cut into chunks for storage: the directory, plans, models, reports and
//! tombstones each form one group, activities one group per unit. An edit then rewrites only
//! its group's chunk. Each group has a fingerprint over its records' (id, rev, updated_at),
//! order-independent, so a save can tell which groups changed without serialising them.

use std::collections::BTreeMap;

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

/// Fingerprint of every non-empty group.
pub fn fingerprints(ds: &Dataset) -> BTreeMap<String, u64> {
    let mut fps: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |group: &str, h: u64| {
        let e = fps.entry(group.to_string()).or_insert(0);
        *e = e.wrapping_add(h);
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
        *e = e.wrapping_add(record_hash(a));
    }
    for (unit, h) in by_unit {
        add(&activity_group(unit), h);
    }
    fps
}

/// The bundle text of the given groups, one per group, in one pass over the activities.
pub fn group_texts(ds: &Dataset, groups: &[&str], saved_at: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut activity_parts: BTreeMap<String, Parts> = BTreeMap::new();
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
                activity_parts.insert(other.to_string(), parts);
                continue;
            }
        }
        out.insert(g.to_string(), write_parts(&parts, saved_at, None));
    }
    if !activity_parts.is_empty() {
        for a in &ds.activities {
            if let Some(p) = activity_parts.get_mut(&activity_group(&a.unit_id)) {
                p.activities.push(a);
            }
        }
        for (g, mut p) in activity_parts {
            crate::domain::order::sort_by(&mut p.activities, |a, b| {
                crate::domain::dataset::canonical_order(a, b)
            });
            out.insert(g, write_parts(&p, saved_at, None));
        }
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
}
