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
fn two_files_disagreeing_at_one_revision_import_the_rest_and_ask_about_that_record() {
    let (stored, _) = two_units();
    let a = activity("k-1", "u-kbnn", "c-paco", "2024-02-01", "gifts", 10);
    let mut b = a.clone();
    b.cash_vnd = 11;
    b.updated_at = "2026-11-30T09:00:00Z".into();
    let clean_a = activity("k-2", "u-kbnn", "c-paco", "2024-03-01", "gifts", 5);
    let clean_b = activity("c-1", "u-police", "c-hangkia", "2024-04-01", "security", 7);
    let file = |records: Vec<crate::domain::record::Activity>| {
        file_from(
            None,
            None,
            &Dataset {
                activities: records,
                ..Dataset::default()
            },
        )
    };
    let files = vec![
        ("a.json".to_string(), file(vec![a, clean_a])),
        ("b.json".to_string(), file(vec![b, clean_b])),
    ];
    let cash = |p: &Prepared, id: &str| {
        (p.data.activities.iter())
            .find(|x| x.id == id)
            .map(|x| x.cash_vnd)
    };
    let p = prepare_files(&files, &stored).expect("batch");
    // The clean records of both files come; the one they disagree on is asked about, the later
    // edit (b.json's) proposed and taken until the person picks another.
    assert_eq!((cash(&p, "k-2"), cash(&p, "c-1")), (Some(5), Some(7)));
    assert_eq!(p.clashes.len(), 1, "{:?}", p.clashes);
    let c = &p.clashes[0];
    assert_eq!((c.kind, c.id.as_str(), c.rev), (Kind::Activity, "k-1", 1));
    assert_eq!(c.copies.len(), 2);
    assert_eq!((c.proposed, c.pick), (1, Some(1)));
    assert!(c.proposed_later);
    assert!(c.local.is_none());
    assert!(
        c.differing_fields().contains(&"cash_vnd".to_string()),
        "{:?}",
        c.differing_fields()
    );
    assert_eq!(cash(&p, "k-1"), Some(11));
    assert_eq!(p.preview.total().new, 3);
    // The other file's copy, picked.
    let key = (Kind::Activity, "k-1".to_string());
    let first =
        prepare_picked(&files, &stored, &Picks::from([(key.clone(), Some(0))])).expect("batch");
    assert_eq!(first.clashes[0].pick, Some(0));
    assert_eq!(cash(&first, "k-1"), Some(10));
    assert_eq!(cash(&first, "k-2"), Some(5));
    // Neither: the record stays as it is here (absent), the rest still comes.
    let none = prepare_picked(&files, &stored, &Picks::from([(key, None)])).expect("batch");
    assert_eq!(none.clashes[0].pick, None);
    assert_eq!(cash(&none, "k-1"), None);
    assert_eq!(none.preview.total().new, 2);
}

#[test]
fn a_clash_with_a_copy_here_shows_it_and_a_pick_of_no_file_leaves_it() {
    let stored = stored_with_k1();
    let files = vec![
        (
            "a.json".to_string(),
            file_from(
                Some("u-kbnn"),
                None,
                &one(revised(20, 2, "2026-11-01T00:00:00Z")),
            ),
        ),
        (
            "b.json".to_string(),
            file_from(
                Some("u-kbnn"),
                None,
                &one(revised(21, 2, "2026-11-01T00:00:00Z")),
            ),
        ),
    ];
    let p = prepare_files(&files, &stored).expect("batch");
    let c = &p.clashes[0];
    // Same time: the first file is proposed, not called the later edit; the copy here is shown
    // beside them.
    assert_eq!(c.pick, Some(0));
    assert!(!c.proposed_later);
    assert_eq!(
        c.local
            .as_ref()
            .and_then(|v| v.get("cash_vnd"))
            .and_then(|v| v.as_i64()),
        Some(10_000_000)
    );
    assert_eq!(k1_cash(&p.data), 20);
    assert_eq!(p.preview.total().updated, 1);
    let key = (Kind::Activity, "k-1".to_string());
    let none = prepare_picked(&files, &stored, &Picks::from([(key, None)])).expect("batch");
    assert!(none.data.activities.is_empty());
    assert!(none.preview.is_noop());
    // A pick naming a file that holds no copy is the proposal.
    let key = (Kind::Activity, "k-1".to_string());
    let odd = prepare_picked(&files, &stored, &Picks::from([(key, Some(7))])).expect("batch");
    assert_eq!(odd.clashes[0].pick, Some(0));
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

/// The directory, and the treasury's activity k-1 as stored (rev 1).
fn stored_with_k1() -> Dataset {
    Dataset {
        locations: small().locations,
        units: small().units,
        activities: vec![activity(
            "k-1",
            "u-kbnn",
            "c-paco",
            "2024-02-01",
            "gifts",
            10_000_000,
        )],
        ..Dataset::default()
    }
}

fn revised(cash: i64, rev: i64, at: &str) -> crate::domain::record::Activity {
    let mut a = activity("k-1", "u-kbnn", "c-paco", "2024-02-01", "gifts", cash);
    a.rev = rev;
    a.updated_at = at.into();
    a
}

fn one(a: crate::domain::record::Activity) -> Dataset {
    Dataset {
        activities: vec![a],
        ..Dataset::default()
    }
}

/// What a batch stores when imported with the boxes as the person left them (the out-of-scope
/// box unticked unless `accept`).
fn imported(files: &[(String, String)], stored: &Dataset, accept: bool) -> Dataset {
    let p = prepare_files(files, stored).expect("batch");
    let mut choices = Choices::default();
    if !accept {
        choices.refused = p.authority.refused_unless_accepted();
    }
    let (incoming, choices) = p.to_merge(&choices);
    let mut out = stored.clone();
    crate::bundle::merge::apply_decided(&mut out, &incoming, &choices, T);
    out
}

fn k1_cash(ds: &Dataset) -> i64 {
    ds.activities
        .iter()
        .find(|a| a.id == "k-1")
        .map_or(-1, |a| a.cash_vnd)
}

#[test]
fn a_units_own_edit_survives_a_later_copy_from_another_unit_that_is_refused() {
    let stored = stored_with_k1();
    let own = file_from(
        Some("u-kbnn"),
        Some("Kho bạc"),
        &one(revised(11_000_000, 2, "2026-11-01T00:00:00Z")),
    );
    let other = file_from(
        Some("u-police"),
        Some("Công an"),
        &one(revised(99_000_000, 3, "2026-11-02T00:00:00Z")),
    );
    for files in [
        vec![
            ("kbnn.json".to_string(), own.clone()),
            ("ca.json".to_string(), other.clone()),
        ],
        vec![
            ("ca.json".to_string(), other.clone()),
            ("kbnn.json".to_string(), own.clone()),
        ],
    ] {
        let p = prepare_files(&files, &stored).expect("batch");
        assert_eq!(
            p.authority.foreign.len(),
            1,
            "the police's change is asked about"
        );
        assert_eq!(
            k1_cash(&imported(&files, &stored, false)),
            11_000_000,
            "refused: the unit's own edit"
        );
        assert_eq!(
            k1_cash(&imported(&files, &stored, true)),
            99_000_000,
            "accepted: the later copy"
        );
    }
    // The unit's own file alone gives the same.
    let alone = vec![("kbnn.json".to_string(), own)];
    assert_eq!(k1_cash(&imported(&alone, &stored, false)), 11_000_000);
}

#[test]
fn a_units_own_edit_survives_a_later_copy_that_is_invalid() {
    let stored = stored_with_k1();
    let own = file_from(
        Some("u-kbnn"),
        Some("Kho bạc"),
        &one(revised(11_000_000, 2, "2026-11-01T00:00:00Z")),
    );
    // A later copy from the same unit's other file, pointing at a place that does not exist.
    let mut bad = revised(12_000_000, 3, "2026-11-02T00:00:00Z");
    bad.location_id = "c-nowhere".into();
    let broken = file_from(Some("u-kbnn"), Some("Kho bạc"), &one(bad));
    let files = vec![("a.json".to_string(), own), ("b.json".to_string(), broken)];
    let p = prepare_files(&files, &stored).expect("batch");
    assert!(p.invalid_total() >= 1, "the bad copy is named");
    assert_eq!(k1_cash(&imported(&files, &stored, false)), 11_000_000);
}

#[test]
fn an_older_copy_from_another_unit_is_not_applied_by_taking_older_copies() {
    let mut stored = stored_with_k1();
    stored.activities[0] = revised(11_000_000, 3, "2026-11-03T00:00:00Z");
    // The police file holds an older copy of the treasury's record and deletes nothing.
    let police = file_from(
        Some("u-police"),
        Some("Công an"),
        &one(revised(5, 2, "2026-11-01T00:00:00Z")),
    );
    let p = crate::bundle::import::prepare(&police, &stored).expect("reads");
    assert_eq!(p.authority.foreign.len(), 0);
    assert_eq!(p.authority.foreign_older.len(), 1);
    let mut choices = Choices::default().taking_older(&p.preview);
    choices.refused = p.authority.refused_unless_accepted();
    let mut out = stored.clone();
    crate::bundle::merge::apply_decided(&mut out, &p.data, &choices, T);
    assert_eq!(
        k1_cash(&out),
        11_000_000,
        "another unit's older copy stays out"
    );
}

#[test]
fn three_files_give_the_same_result_in_any_order() {
    let stored = stored_with_k1();
    let a = file_from(
        Some("u-kbnn"),
        None,
        &one(revised(20, 2, "2026-11-01T00:00:00Z")),
    );
    let b = file_from(
        Some("u-kbnn"),
        None,
        &one(revised(30, 3, "2026-11-02T00:00:00Z")),
    );
    let c = file_from(
        Some("u-kbnn"),
        None,
        &one(revised(21, 2, "2026-11-01T00:05:00Z")),
    );
    let files = [("a.json", a), ("b.json", b), ("c.json", c)];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for order in orders {
        let picked: Vec<(String, String)> = order
            .iter()
            .map(|&i| (files[i].0.to_string(), files[i].1.clone()))
            .collect();
        let p = prepare_files(&picked, &stored).unwrap_or_else(|e| panic!("{order:?}: {e:?}"));
        assert_eq!(k1_cash(&p.data), 30, "{order:?}");
    }
    // Without the later revision, the two rev-2 copies clash whatever the order, and the later
    // edit (c.json's) is proposed.
    for order in [[0, 2], [2, 0]] {
        let picked: Vec<(String, String)> = order
            .iter()
            .map(|&i| (files[i].0.to_string(), files[i].1.clone()))
            .collect();
        let p = prepare_files(&picked, &stored).expect("batch");
        assert_eq!(p.clashes.len(), 1, "{order:?}");
        let c = &p.clashes[0];
        let proposed = c.pick.map(|f| picked[f].0.as_str());
        assert_eq!(proposed, Some("c.json"), "{order:?}");
        assert_eq!(k1_cash(&p.data), 21, "{order:?}");
    }
}
