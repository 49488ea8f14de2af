use super::*;
use crate::bundle::format::{write, Source};
use crate::bundle::import::prepare;
use crate::bundle::merge::apply_decided;
use crate::domain::duplicates::{merge, Pair};
use crate::domain::testkit::{activity, loc, small};

const T: &str = "2026-12-01T08:00:00Z";

/// A province where the treasury's officer entered Pà Cò again ("c-paco-2") and recorded 5M
/// there, and the province merged it into c-paco.
fn merged_here() -> (Dataset, Dataset) {
    let mut unit_copy = small();
    unit_copy
        .locations
        .push(loc("c-paco-2", "commune", Some("d-mc"), "Pà Cò"));
    unit_copy.activities.push(activity(
        "a-dup",
        "u-kbnn",
        "c-paco-2",
        "2024-05-01",
        "gifts",
        5_000_000,
    ));
    let mut province = unit_copy.clone();
    let pair = Pair {
        kind: Kind::Location,
        keep: "c-paco".into(),
        dup: "c-paco-2".into(),
    };
    merge(&mut province, &pair, T).expect("merges");
    (province, unit_copy)
}

fn by_place(ds: &Dataset) -> (i64, i64) {
    let at = |id: &str| {
        ds.activities
            .iter()
            .filter(|a| a.location_id == id)
            .map(|a| a.cash_vnd)
            .sum::<i64>()
    };
    let live: i64 = ds
        .activities
        .iter()
        .filter(|a| ds.get::<Location>(&a.location_id).is_some())
        .map(|a| a.cash_vnd)
        .sum();
    let all: i64 = ds.activities.iter().map(|a| a.cash_vnd).sum();
    let _ = at;
    (live, all)
}

#[test]
fn a_units_older_file_follows_a_merge_made_here() {
    let (province, mut unit) = merged_here();
    // Before hearing of the merge, the unit records another 7M at its copy of the place.
    unit.activities.push(activity(
        "a-dup-2",
        "u-kbnn",
        "c-paco-2",
        "2024-06-01",
        "gifts",
        7_000_000,
    ));
    let source = Source {
        unit_id: Some("u-kbnn".into()),
        label: None,
    };
    let text = write(&unit, T, Some(&source));
    let p = prepare(&text, &province).expect("reads");
    assert!(
        p.notices
            .iter()
            .any(|n| matches!(n, Notice::FollowedMerge { records: 1, .. })),
        "{:?}",
        p.notices
    );
    let mut out = province.clone();
    apply_decided(&mut out, &p.data, &Default::default(), T);
    let (live, all) = by_place(&out);
    assert_eq!(live, all, "every đồng lies at a place that exists");
    let moved = out
        .get::<crate::domain::record::Activity>("a-dup-2")
        .expect("kept");
    assert_eq!(moved.location_id, "c-paco");
    assert!(
        out.get::<Location>("c-paco-2").is_none(),
        "the duplicate stays merged"
    );
}

/// A merge made before aliases, met again in the unit's file (issue 29.1, "migrate them"): the
/// save records it as an alias of the kept place — one revision up, said in a notice — so that
/// bundles written here carry it; once recorded, the next file learns nothing new.
#[test]
fn a_merge_made_before_aliases_is_recorded_as_an_alias_when_the_units_file_meets_it() {
    let (province, unit) = merged_here();
    let source = Source {
        unit_id: Some("u-kbnn".into()),
        label: None,
    };
    let text = write(&unit, T, Some(&source));
    let p = prepare(&text, &province).expect("reads");
    assert_eq!(
        p.learned,
        [(Kind::Location, "c-paco".to_string(), "c-paco-2".to_string())]
    );
    assert!(
        p.notices
            .iter()
            .any(|n| matches!(n, Notice::LearnedAlias { .. })),
        "{:?}",
        p.notices
    );
    let text_vi = p
        .notices
        .iter()
        .map(|n| n.message(crate::domain::Lang::Vi))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text_vi.contains("ghi nhớ “xã Pà Cò” là tên khác"),
        "{text_vi}"
    );
    let before = province.get::<Location>("c-paco").map(|l| l.rev);
    let (data, choices) = p.to_save(&Default::default(), &province, "2026-12-02T00:00:00Z");
    let mut out = province.clone();
    apply_decided(&mut out, &data, &choices, T);
    let kept = out.get::<Location>("c-paco").expect("kept");
    assert!(kept.aliases.iter().any(|a| a == "c-paco-2"), "{kept:?}");
    assert_eq!(Some(kept.rev), before.map(|r| r + 1));
    let (live, all) = by_place(&out);
    assert_eq!(live, all);
    // The same file again: the alias is known, nothing more to learn.
    let again = prepare(&text, &out).expect("reads");
    assert!(again.learned.is_empty(), "{:?}", again.learned);
    assert!(!again
        .notices
        .iter()
        .any(|n| matches!(n, Notice::LearnedAlias { .. })));
}

#[test]
fn a_reference_to_a_merged_place_with_nothing_like_it_here_is_flagged() {
    let (mut province, mut unit) = merged_here();
    // The kept place was renamed since: the rule no longer pairs the two.
    for l in &mut province.locations {
        if l.id == "c-paco" {
            l.name = "Pà Cò mới".into();
        }
    }
    unit.activities.push(activity(
        "a-dup-2",
        "u-kbnn",
        "c-paco-2",
        "2024-06-01",
        "gifts",
        7_000_000,
    ));
    let text = write(&unit, T, None);
    let p = prepare(&text, &province).expect("reads");
    assert!(
        p.problems
            .iter()
            .any(|q| q.id.as_deref() == Some("a-dup-2")),
        "{:?}",
        p.problems
    );
    let mut out = province.clone();
    apply_decided(&mut out, &p.data, &Default::default(), T);
    let (live, all) = by_place(&out);
    assert_eq!(live, all);
}

#[test]
fn deleting_a_place_records_still_point_at_is_refused_and_named() {
    let stored = small();
    let mut file = Dataset::default();
    file.tombstones.push(crate::domain::record::Tombstone {
        kind: "location".into(),
        id: "c-paco".into(),
        rev: 9,
        updated_at: T.into(),
    });
    // A trusted (whole-province) file: no scope check would hold it back.
    let p = prepare(&write(&file, T, None), &stored).expect("reads");
    assert!(p.data.tombstones.is_empty());
    let problem = p
        .problems
        .iter()
        .find(|q| q.id.as_deref() == Some("c-paco"))
        .expect("named");
    assert!(matches!(problem.reason, Reason::StillReferenced { count } if count > 0));
    assert!(problem
        .message(crate::domain::Lang::Vi)
        .contains("không xóa"));
    // A place nothing points at is deleted as asked.
    let mut lonely = small();
    lonely
        .locations
        .push(loc("c-lonely", "commune", Some("d-mc"), "Xã trống"));
    file.tombstones[0].id = "c-lonely".into();
    let p = prepare(&write(&file, T, None), &lonely).expect("reads");
    assert_eq!(p.data.tombstones.len(), 1);
}
