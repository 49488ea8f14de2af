use super::*;
use crate::bundle::format::write;
use crate::domain::testkit::{activity, small};

const T: &str = "2026-11-30T08:00:00Z";

fn file_from(unit: Option<&str>, label: Option<&str>, ds: &Dataset) -> String {
    let source = Source {
        unit_id: unit.map(str::to_string),
        label: label.map(str::to_string),
    };
    write(ds, T, Some(&source))
}

/// The directory and one unit's activities, as two files.
fn two_units() -> (Dataset, Vec<(String, String)>) {
    let stored = Dataset {
        locations: small().locations,
        units: small().units,
        ..Dataset::default()
    };
    let kbnn = Dataset {
        activities: vec![
            activity("k-1", "u-kbnn", "c-paco", "2024-02-01", "gifts", 10_000_000),
            activity("k-2", "u-kbnn", "c-paco", "2024-03-01", "gifts", 5_000_000),
        ],
        ..Dataset::default()
    };
    let police = Dataset {
        activities: vec![activity(
            "c-1",
            "u-police",
            "c-hangkia",
            "2024-04-01",
            "security",
            2_000_000,
        )],
        ..Dataset::default()
    };
    let files = vec![
        (
            "kbnn.json".to_string(),
            file_from(Some("u-kbnn"), Some("Kho bạc"), &kbnn),
        ),
        (
            "ca.json".to_string(),
            file_from(Some("u-police"), Some("Công an"), &police),
        ),
    ];
    (stored, files)
}

#[test]
fn several_files_are_previewed_as_one_with_each_file_listed() {
    let (stored, files) = two_units();
    let p = prepare_files(&files, &stored).expect("batch");
    assert_eq!(p.preview.total().new, 3);
    assert_eq!(p.parts.len(), 2);
    assert_eq!(p.parts[0].name, "kbnn.json");
    assert_eq!(p.parts[0].records, 2);
    assert_eq!(p.parts[1].records, 1);
    assert_eq!(p.parts[1].integrity, Integrity::Matches);
    let source = p.source.expect("combined sender");
    assert_eq!(
        source.unit_id, None,
        "two senders: no one unit speaks for all"
    );
    assert_eq!(source.label.as_deref(), Some("Kho bạc; Công an"));
    assert!(
        p.authority.foreign.is_empty(),
        "each file keeps to its unit"
    );
}

#[test]
fn a_file_of_the_batch_changing_another_units_records_is_held_apart() {
    let (mut stored, mut files) = two_units();
    stored.activities.push(activity(
        "k-9",
        "u-kbnn",
        "c-paco",
        "2023-01-01",
        "gifts",
        1,
    ));
    let mut stolen = stored.activities[0].clone();
    stolen.cash_vnd = 999;
    stolen.touch(T);
    let police = Dataset {
        activities: vec![stolen],
        ..Dataset::default()
    };
    files[1].1 = file_from(Some("u-police"), None, &police);
    let p = prepare_files(&files, &stored).expect("batch");
    let foreign: Vec<&str> = p.authority.foreign.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(foreign, ["k-9"]);
}

#[test]
fn the_later_revision_wins_between_files() {
    let (stored, _) = two_units();
    let old = activity("k-1", "u-kbnn", "c-paco", "2024-02-01", "gifts", 10);
    let mut new = old.clone();
    new.cash_vnd = 20;
    new.touch(T);
    let a = Dataset {
        activities: vec![new],
        ..Dataset::default()
    };
    let b = Dataset {
        activities: vec![old],
        ..Dataset::default()
    };
    let files = vec![
        ("new.json".to_string(), file_from(None, None, &a)),
        ("old.json".to_string(), file_from(None, None, &b)),
    ];
    let p = prepare_files(&files, &stored).expect("batch");
    assert_eq!(p.data.activities.len(), 1);
    assert_eq!(p.data.activities[0].cash_vnd, 20);
}

#[test]
fn two_files_disagreeing_at_one_revision_are_refused_naming_both() {
    let (stored, _) = two_units();
    let a = activity("k-1", "u-kbnn", "c-paco", "2024-02-01", "gifts", 10);
    let mut b = a.clone();
    b.cash_vnd = 11;
    let files = vec![
        (
            "a.json".to_string(),
            file_from(
                None,
                None,
                &Dataset {
                    activities: vec![a],
                    ..Dataset::default()
                },
            ),
        ),
        (
            "b.json".to_string(),
            file_from(
                None,
                None,
                &Dataset {
                    activities: vec![b],
                    ..Dataset::default()
                },
            ),
        ),
    ];
    let err = prepare_files(&files, &stored).expect_err("clash");
    let text = err.message(Lang::Vi);
    assert!(text.contains("a.json") && text.contains("b.json"), "{text}");
    assert!(text.contains("Hoạt động k-1"), "{text}");
    assert_eq!(err.file(), "a.json, b.json");
}

#[test]
fn a_bad_file_is_named_and_nothing_is_taken() {
    let (stored, mut files) = two_units();
    files.push(("hỏng.json".to_string(), "{\"format\": ".to_string()));
    let err = prepare_files(&files, &stored).expect_err("bad file");
    assert_eq!(err.file(), "hỏng.json");
    assert!(err.message(Lang::En).contains("cut short"), "{err:?}");
}

#[test]
fn a_changed_file_marks_the_whole_batch_and_its_own_part() {
    let (stored, mut files) = two_units();
    files[1].1 = files[1].1.replace("2000000", "2000001");
    let p = prepare_files(&files, &stored).expect("batch");
    assert_eq!(p.integrity, Integrity::Differs);
    assert_eq!(p.parts[0].integrity, Integrity::Matches);
    assert_eq!(p.parts[1].integrity, Integrity::Differs);
}
