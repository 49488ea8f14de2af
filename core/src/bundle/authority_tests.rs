use super::*;
use crate::bundle::format::{write, Source};
use crate::bundle::import::prepare;
use crate::domain::testkit::small;

const T: &str = "2026-11-30T08:00:00Z";

fn from(unit: Option<&str>, ds: &Dataset) -> String {
    let source = unit.map(|u| Source {
        unit_id: Some(u.into()),
        label: None,
    });
    write(ds, T, source.as_ref())
}

/// A file from the police that also edits the treasury's activity, deletes the treasury's plan
/// and renames a commune, beside an edit of its own.
fn hostile() -> (Dataset, Dataset) {
    let stored = small();
    let mut file = stored.clone();
    file.activities[3].title = "police's own".into();
    file.activities[3].touch(T);
    file.activities[0].cash_vnd = 1;
    file.activities[0].touch(T);
    file.delete::<Plan>("p-1", T);
    file.locations[2].name = "Pà Cò (sửa)".into();
    file.locations[2].touch(T);
    (stored, file)
}

#[test]
fn a_unit_file_changing_other_units_or_the_directory_is_held_apart() {
    let (stored, file) = hostile();
    let p = prepare(&from(Some("u-police"), &file), &stored).expect("bundle");
    let a = &p.authority;
    let mut foreign: Vec<(Kind, &str, Outcome)> = a
        .foreign
        .iter()
        .map(|f| (f.kind, f.id.as_str(), f.outcome))
        .collect();
    foreign.sort_by_key(|f| f.1.to_string());
    assert_eq!(
        foreign,
        vec![
            (Kind::Activity, "a-1", Outcome::Updated),
            (Kind::Location, "c-paco", Outcome::Updated),
            (Kind::Plan, "p-1", Outcome::Deleted),
        ]
    );
    let kbnn = a.by_owner[&Owner::Unit("u-kbnn".into())];
    assert_eq!((kbnn.updated, kbnn.deleted), (1, 1));
    assert_eq!(a.by_owner[&Owner::Unit("u-police".into())].updated, 1);
    assert_eq!(a.by_owner[&Owner::Directory].updated, 1);
    assert_eq!(a.names["u-kbnn"], "Kho bạc Nhà nước tỉnh");
    // The deletion is a deletion, not an update.
    assert_eq!(p.preview.counts[&Kind::Plan].deleted, 1);
    assert_eq!(p.preview.counts[&Kind::Plan].updated, 0);

    // Refused: only the police's own change is applied.
    let mut here = stored.clone();
    let choices = crate::bundle::merge::Choices {
        refused: a.foreign_keys(),
        ..Default::default()
    };
    crate::bundle::merge::apply(&mut here, &p.data, &choices);
    assert_eq!(here.activities[3].title, "police's own");
    assert_eq!(here.activities[0], stored.activities[0]);
    assert_eq!(here.plans, stored.plans);
    assert_eq!(here.locations, stored.locations);
    assert!(here.tombstones.is_empty());
    // Accepted: everything.
    let mut all = stored.clone();
    crate::bundle::merge::apply(&mut all, &p.data, &Default::default());
    assert!(all.plans.is_empty());
    assert_eq!(all.activities[0].cash_vnd, 1);
}

#[test]
fn a_province_file_is_trusted_whole_and_still_broken_down() {
    let (stored, file) = hostile();
    let p = prepare(&from(None, &file), &stored).expect("bundle");
    assert!(p.authority.foreign.is_empty());
    assert_eq!(
        p.authority.by_owner[&Owner::Unit("u-kbnn".into())].deleted,
        1
    );
}

#[test]
fn a_unit_may_add_places_its_records_stand_on_but_not_change_the_directory() {
    let stored = small();
    let mut file = stored.clone();
    file.locations.push(crate::domain::testkit::loc(
        "v-hk-1",
        "village",
        Some("c-hangkia"),
        "Hang Kia 1",
    ));
    file.activities.push(crate::domain::testkit::activity(
        "a-9",
        "u-police",
        "v-hk-1",
        "2023-08-01",
        "gifts",
        1_000,
    ));
    // The police adding a village and its own activity there: all in scope.
    let p = prepare(&from(Some("u-police"), &file), &stored).expect("bundle");
    assert!(p.authority.foreign.is_empty(), "{:?}", p.authority.foreign);
    assert_eq!(p.authority.by_owner[&Owner::Directory].new, 1);
    // Renaming the commune as well: that change is outside, the new village is not.
    let mut renamed = file.clone();
    renamed.locations[5].name = "Hang Kia (đổi tên)".into();
    renamed.locations[5].touch(T);
    let p = prepare(&from(Some("u-police"), &renamed), &stored).expect("bundle");
    let ids: Vec<&str> = p.authority.foreign.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["c-hangkia"]);
    // The treasury's file adding the police's activity: outside; refused, the village it
    // brings stays and nothing points nowhere.
    let p = prepare(&from(Some("u-kbnn"), &file), &stored).expect("bundle");
    let ids: Vec<&str> = p.authority.foreign.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["a-9"]);
    let mut here = stored.clone();
    let choices = crate::bundle::merge::Choices {
        refused: p.authority.foreign_keys(),
        ..Default::default()
    };
    crate::bundle::merge::apply(&mut here, &p.data, &choices);
    assert!(here.get::<Activity>("a-9").is_none());
    assert!(here.get::<Location>("v-hk-1").is_some());
    assert!(crate::domain::validate::check_dataset(&here, None).is_empty());
}

#[test]
fn a_deletion_of_a_record_not_here_is_outside_a_units_scope() {
    let stored = small();
    let mut file = Dataset::default();
    file.tombstones.push(crate::domain::record::Tombstone {
        kind: "activity".into(),
        id: "a-unknown".into(),
        rev: 5,
        updated_at: T.into(),
    });
    let p = prepare(&from(Some("u-police"), &file), &stored).expect("bundle");
    assert_eq!(p.authority.foreign.len(), 1);
    assert_eq!(p.authority.foreign[0].owner, Owner::Unknown);
}
