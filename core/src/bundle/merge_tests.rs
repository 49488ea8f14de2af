use super::*;
use crate::domain::testkit::{activity, small, unit};

fn sorted_ids<T: Record>(list: &[T]) -> Vec<(String, i64)> {
    let mut v: Vec<_> = list.iter().map(|r| (r.id().to_string(), r.rev())).collect();
    v.sort();
    v
}

fn counts(p: &Preview, k: Kind) -> Counts {
    p.counts.get(&k).copied().unwrap_or_default()
}

#[test]
fn new_updated_unchanged() {
    let local = small();
    let mut incoming = Dataset::default();
    incoming.activities.push(activity(
        "a-new",
        "u-kbnn",
        "c-paco",
        "2024-02-02",
        "health",
        1,
    ));
    let mut newer = local.activities[0].clone();
    newer.rev = 2;
    newer.cash_vnd = 99;
    incoming.activities.push(newer);
    let mut older = local.activities[1].clone();
    older.rev = 0;
    older.title = "old".into();
    incoming.activities.push(older);
    incoming.activities.push(local.activities[2].clone());
    let p = preview(&local, &incoming);
    assert_eq!(
        counts(&p, Kind::Activity),
        Counts {
            new: 1,
            updated: 1,
            unchanged: 1,
            older: 1,
            ..Counts::default()
        }
    );
    let mut merged = local.clone();
    apply(&mut merged, &incoming, &Choices::default());
    assert_eq!(merged.activities.len(), 5);
    assert_eq!(merged.get::<Activity>("a-1").map(|a| a.cash_vnd), Some(99));
    assert_eq!(
        merged.get::<Activity>("a-2").map(|a| a.title.as_str()),
        Some("Hoạt động a-2")
    );
}

#[test]
fn equal_rev_different_content_is_a_conflict_decided_by_the_user() {
    let local = small();
    let mut theirs = local.activities[0].clone();
    theirs.cash_vnd = 12_345;
    theirs.updated_at = "2026-05-01T00:00:00Z".into();
    let incoming = Dataset {
        activities: vec![theirs],
        ..Default::default()
    };
    let p = preview(&local, &incoming);
    assert_eq!(counts(&p, Kind::Activity).conflicts, 1);
    let c = &p.conflicts[0];
    assert_eq!(
        (c.kind, c.id.as_str(), c.incoming_proposed),
        (Kind::Activity, "a-1", true)
    );
    assert_eq!(c.differing_fields(), ["cash_vnd", "updated_at"]);

    let mut keep_local = local.clone();
    apply(&mut keep_local, &incoming, &Choices::default());
    assert_eq!(keep_local, local);

    let mut take = local.clone();
    apply(&mut take, &incoming, &Choices::all_incoming(&p));
    assert_eq!(
        take.get::<Activity>("a-1").map(|a| a.cash_vnd),
        Some(12_345)
    );
    // after taking it, the same bundle is a no-op
    assert!(preview(&take, &incoming).is_noop());
}

#[test]
fn tombstones_beat_lower_or_equal_revs_only() {
    let local = small();
    let t = |id: &str, rev| Tombstone {
        kind: "activity".into(),
        id: id.into(),
        rev,
        updated_at: "2026-06-01T00:00:00Z".into(),
    };
    let incoming = Dataset {
        tombstones: vec![t("a-1", 1), t("a-2", 0), t("a-ghost", 3)],
        ..Default::default()
    };
    let p = preview(&local, &incoming);
    assert_eq!(
        counts(&p, Kind::Activity),
        Counts {
            new: 1,
            deleted: 1,
            older: 1,
            ..Counts::default()
        }
    );
    let mut merged = local.clone();
    apply(&mut merged, &incoming, &Choices::default());
    assert!(merged.get::<Activity>("a-1").is_none());
    assert!(merged.get::<Activity>("a-2").is_some());
    assert_eq!(
        merged.tombstone(Kind::Activity, "a-1").map(|t| t.rev),
        Some(1)
    );
    assert!(merged.tombstone(Kind::Activity, "a-ghost").is_some());
    // a deleted record does not come back from an old copy…
    let old_copy = Dataset {
        activities: vec![local.activities[0].clone()],
        ..Default::default()
    };
    assert!(preview(&merged, &old_copy).is_noop());
    let mut again = merged.clone();
    apply(&mut again, &old_copy, &Choices::default());
    assert!(again.get::<Activity>("a-1").is_none());
    // …but an edit made after the deletion (higher rev) does
    let mut edited = local.activities[0].clone();
    edited.rev = 2;
    apply(
        &mut again,
        &Dataset {
            activities: vec![edited],
            ..Default::default()
        },
        &Choices::default(),
    );
    assert_eq!(again.get::<Activity>("a-1").map(|a| a.rev), Some(2));
    assert!(again.tombstone(Kind::Activity, "a-1").is_none());
}

#[test]
fn importing_twice_changes_nothing() {
    let mut local = small();
    let mut incoming = Dataset::default();
    incoming.units.push(unit("u-new", "Sở Y tế"));
    let mut edited = local.units[0].clone();
    edited.rev = 5;
    incoming.units.push(edited);
    apply(&mut local, &incoming, &Choices::default());
    let once = local.clone();
    assert!(preview(&local, &incoming).is_noop());
    apply(&mut local, &incoming, &Choices::default());
    assert_eq!(local, once);
}

#[test]
fn two_tabs_converge_whichever_merges_first() {
    let base = small();
    let mut a = base.clone();
    let mut b = base.clone();
    // different records edited in each tab
    a.activities[0].touch("2026-07-01T00:00:00Z");
    a.activities[0].cash_vnd = 1;
    b.activities[1].touch("2026-07-02T00:00:00Z");
    b.activities[1].cash_vnd = 2;
    // the same record edited in both: the later edit wins in both tabs
    a.units[0].touch("2026-07-01T10:00:00Z");
    a.units[0].name = "from a".into();
    b.units[0].touch("2026-07-01T11:00:00Z");
    b.units[0].name = "from b".into();
    b.delete::<Activity>("a-4", "2026-07-03T00:00:00Z");

    let mut a2 = a.clone();
    let conflicts = converge(&mut a2, &b);
    assert_eq!(conflicts.len(), 1);
    let mut b2 = b.clone();
    converge(&mut b2, &a);
    for ds in [&a2, &b2] {
        assert_eq!(ds.get::<Activity>("a-1").map(|x| x.cash_vnd), Some(1));
        assert_eq!(ds.get::<Activity>("a-2").map(|x| x.cash_vnd), Some(2));
        assert_eq!(
            ds.get::<Unit>("u-kbnn").map(|u| u.name.as_str()),
            Some("from b")
        );
        assert!(ds.get::<Activity>("a-4").is_none());
    }
    assert_eq!(sorted_ids(&a2.activities), sorted_ids(&b2.activities));
}

#[test]
fn two_tabs_editing_in_the_same_second_keep_the_same_copy() {
    let base = small();
    let (mut a, mut b) = (base.clone(), base.clone());
    for (ds, cash) in [(&mut a, 1), (&mut b, 7)] {
        let mut x = ds.get::<Activity>("a-1").cloned().expect("a-1");
        x.cash_vnd = cash;
        x.touch("2026-07-01T00:00:00Z");
        ds.put(x);
    }
    let (mut a2, mut b2) = (a.clone(), b.clone());
    assert_eq!(converge(&mut a2, &b).len(), 1);
    assert_eq!(converge(&mut b2, &a).len(), 1);
    assert_eq!(a2.get::<Activity>("a-1"), b2.get::<Activity>("a-1"));
}

#[test]
fn a_deletion_beating_an_edit_at_one_revision_is_a_conflict_both_ways() {
    let base = small();
    let (mut edited, mut deleted) = (base.clone(), base.clone());
    let mut x = edited.get::<Activity>("a-1").cloned().expect("a-1");
    x.cash_vnd = 1;
    x.touch("2026-07-02T00:00:00Z");
    edited.put(x);
    deleted.delete::<Activity>("a-1", "2026-07-01T00:00:00Z");
    let (mut e2, mut d2) = (edited.clone(), deleted.clone());
    let here_edit = converge(&mut e2, &deleted);
    let here_delete = converge(&mut d2, &edited);
    for (conflicts, ds) in [(here_edit, &e2), (here_delete, &d2)] {
        assert_eq!(
            conflicts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            vec!["a-1"]
        );
        assert!(ds.get::<Activity>("a-1").is_none(), "the deletion wins");
    }
    // An older copy beside a later deletion is no conflict.
    let mut later = base.clone();
    later.delete::<Activity>("a-2", "2026-07-01T00:00:00Z");
    assert!(converge(&mut later.clone(), &base).is_empty());
}
