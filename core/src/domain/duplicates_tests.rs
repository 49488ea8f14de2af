use super::*;
use crate::domain::testkit::{activity, assignment, loc, small, unit};
use crate::domain::validate::check_dataset;

const NOW: &str = "2026-12-01T09:00:00Z";

/// The province's directory and data, plus what an officer's bundle brought: her own
/// "Kho Bạc nhà nước Tỉnh" and "Xã Pà Cò" without its district, with an activity on them.
fn with_duplicates() -> Dataset {
    let mut ds = small();
    ds.units.push(unit("u-kbnn-2", "Kho Bạc nhà nước Tỉnh"));
    ds.locations
        .push(loc("c-paco-2", "commune", Some("p"), "Xã Pà Cò"));
    ds.assignments
        .push(assignment("as-9", "u-kbnn-2", "c-paco-2"));
    ds.activities.push(activity(
        "a-9",
        "u-kbnn-2",
        "c-paco-2",
        "2024-03-01",
        "gifts",
        7,
    ));
    ds
}

#[test]
fn a_unit_and_a_commune_entered_twice_are_found() {
    let ds = with_duplicates();
    let found = pairs(&ds);
    assert_eq!(
        found,
        [
            Pair {
                kind: Kind::Unit,
                keep: "u-kbnn".into(),
                dup: "u-kbnn-2".into()
            },
            Pair {
                kind: Kind::Location,
                keep: "c-paco".into(),
                dup: "c-paco-2".into()
            },
        ],
        "the one more records point at is kept"
    );
    assert!(
        pairs(&small()).is_empty(),
        "Pà Cò the commune and Pà Cò 1 the village differ"
    );
}

#[test]
fn same_names_under_different_parents_are_not_duplicates() {
    let mut ds = small();
    ds.locations
        .push(loc("v-other", "village", Some("c-hangkia"), "Bản Sáng"));
    assert!(
        pairs(&ds).is_empty(),
        "Bản Sáng of Pà Cò and of Hang Kia are two villages"
    );
    assert!(existing_place(&ds, &loc("x", "village", Some("c-paco"), "ban sang"), None).is_some());
    assert!(existing_unit(&ds, "công an tỉnh", "province", None).is_some());
    assert!(existing_unit(&ds, "công an tỉnh", "province", Some("u-police")).is_none());
}

#[test]
fn merging_moves_every_reference_and_deletes_the_duplicate_as_edits() {
    let mut ds = with_duplicates();
    let before = ds.clone();
    for p in pairs(&before) {
        assert!(merge(&mut ds, &p, NOW).is_some());
    }
    assert!(ds.get::<Unit>("u-kbnn-2").is_none());
    assert!(ds.get::<Location>("c-paco-2").is_none());
    assert!(ds.tombstone(Kind::Unit, "u-kbnn-2").is_some());
    assert!(ds.tombstone(Kind::Location, "c-paco-2").is_some());
    let a = ds
        .get::<crate::domain::record::Activity>("a-9")
        .expect("kept");
    assert_eq!(
        (a.unit_id.as_str(), a.location_id.as_str()),
        ("u-kbnn", "c-paco")
    );
    assert_eq!(a.rev, 3, "one tracked edit per merge");
    assert!(
        ds.get::<crate::domain::record::Assignment>("as-9")
            .is_none(),
        "as-1 already says it"
    );
    assert!(
        check_dataset(&ds, None).is_empty(),
        "{:?}",
        check_dataset(&ds, None)
    );
    assert!(pairs(&ds).is_empty());
    // The merge travels: another browser holding the duplicates takes the merged state.
    let mut other = before;
    crate::bundle::merge::apply(&mut other, &ds, &Default::default());
    assert!(other.get::<Unit>("u-kbnn-2").is_none());
    let a = other
        .get::<crate::domain::record::Activity>("a-9")
        .expect("kept");
    assert_eq!(a.unit_id, "u-kbnn");
    assert!(pairs(&other).is_empty());
}

#[test]
fn an_incoming_file_is_checked_against_the_directory_here() {
    let stored = small();
    let file = Dataset {
        units: vec![unit("u-kbnn-2", "KHO BẠC NHÀ NƯỚC TỈNH")],
        locations: vec![loc("c-paco-2", "commune", None, "xa Pa Co")],
        ..Dataset::default()
    };
    let found = incoming(&stored, &file);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].2, "Kho bạc Nhà nước tỉnh");
    assert_eq!(found[1].2, "Pà Cò");
}

#[test]
fn the_samples_have_no_duplicates() {
    let province = crate::sample::generate(&crate::sample::Scale::province().with_activities(300));
    for ds in [crate::sample::demo::seed(), province] {
        assert_eq!(pairs(&ds), [], "{} places", ds.locations.len());
    }
}
