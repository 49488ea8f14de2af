use super::*;
use crate::domain::problem::Expected;
use crate::domain::testkit::small;

const T: &str = "2026-11-27T08:30:00Z";

#[test]
fn written_bundles_read_back_identically() {
    let mut ds = small();
    ds.activities[0]
        .extra
        .insert("future_field".into(), serde_json::json!({"a": [1, 2]}));
    ds.delete::<crate::domain::record::Activity>("a-4", T);
    let source = Source {
        unit_id: Some("u-kbnn".into()),
        label: Some("Kho bạc Nhà nước tỉnh".into()),
    };
    let text = write(&ds, T, Some(&source));
    let b = parse(&text).expect("reads");
    assert_eq!(b.data, ds);
    assert_eq!(b.rejected, vec![]);
    assert_eq!(b.notices, vec![]);
    assert_eq!(b.source, Some(source));
    assert_eq!(b.exported_at.as_deref(), Some(T));
    assert_eq!(b.app.as_deref(), Some(crate::APP_VERSION));
    // one record per line: diffable
    assert!(text
        .lines()
        .any(|l| l.trim_start().starts_with("{\"id\":\"a-1\"")));
    // and writing again gives the same text
    assert_eq!(write(&b.data, T, b.source.as_ref()), text);
}

#[test]
fn an_empty_dataset_is_a_valid_bundle() {
    let text = write(&Dataset::default(), T, None);
    let b = parse(&text).expect("reads");
    assert!(b.data.is_empty());
    assert!(b.source.is_none());
}

#[test]
fn missing_lists_are_empty() {
    let b = parse(r#"{"format":"donghanh-bundle","schema":1}"#).expect("reads");
    assert!(b.data.is_empty());
    let b = parse(
        r#"{"format":"donghanh-bundle","schema":1,"records":{"units":[]},"tombstones":null}"#,
    )
    .expect("reads");
    assert!(b.data.is_empty());
}

#[test]
fn whole_file_refusals() {
    let cases: &[(&str, FileError)] = &[
        ("", FileError::Empty),
        ("  \n", FileError::Empty),
        ("hello", FileError::NotJson { line: 1, column: 1 }),
        (
            r#"{"format":"donghanh-bundle","schema":1,"records":{"#,
            FileError::Truncated,
        ),
        ("[1,2]", FileError::NotAnObject),
        (
            r#"{"format":"other","schema":1}"#,
            FileError::WrongFormat {
                found: Some("other".into()),
            },
        ),
        (r#"{"schema":1}"#, FileError::WrongFormat { found: None }),
        (r#"{"format":"donghanh-bundle"}"#, FileError::MissingSchema),
        (
            r#"{"format":"donghanh-bundle","schema":"1"}"#,
            FileError::BadSchema,
        ),
        (
            r#"{"format":"donghanh-bundle","schema":1.5}"#,
            FileError::BadSchema,
        ),
        (
            r#"{"format":"donghanh-bundle","schema":99}"#,
            FileError::FutureSchema { found: 99 },
        ),
        (
            r#"{"format":"donghanh-bundle","schema":0}"#,
            FileError::OldSchema { found: 0 },
        ),
        (
            r#"{"format":"donghanh-bundle","schema":1,"records":[]}"#,
            FileError::RecordsNotAnObject,
        ),
        (
            r#"{"format":"donghanh-bundle","schema":1,"records":{"units":{"id":"x"}}}"#,
            FileError::NotAList {
                field: "records.units".into(),
            },
        ),
        (
            r#"{"format":"donghanh-bundle","schema":1,"tombstones":{}}"#,
            FileError::NotAList {
                field: "tombstones".into(),
            },
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text).as_ref().err(), Some(want), "{text}");
    }
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = format!(
        r#"{{"format":"donghanh-bundle","schema":1,"records":{{"units":[{{"id":"u","x":{}1{}}}]}}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_eq!(parse(&deep).err(), Some(FileError::TooDeep));
}

#[test]
fn a_byte_order_mark_is_noted_and_ignored() {
    let text = format!("\u{feff}{}", write(&small(), T, None));
    let b = parse(&text).expect("reads");
    assert_eq!(b.notices, vec![Notice::ByteOrderMark]);
    assert_eq!(b.data, small());
}

#[test]
fn bad_records_are_rejected_one_by_one() {
    let text = r#"{"format":"donghanh-bundle","schema":1,"records":{
        "units":[
          {"id":"u-1","rev":1,"updated_at":"2026-01-01T00:00:00Z","name":"A","level":"province"},
          {"rev":1,"updated_at":"2026-01-01T00:00:00Z","name":"B","level":"province"},
          {"id":"u-3","rev":1.5,"updated_at":"2026-01-01T00:00:00Z","name":"C","level":"province"},
          42
        ],
        "photos":[1]},
      "tombstones":[{"kind":"unit","id":"u-9","rev":2,"updated_at":"2026-01-01T00:00:00Z"},
                    {"kind":"ghost","id":"g"},
                    {"kind":"unit","id":"u-8","rev":0,"updated_at":"2026-01-01T00:00:00Z"}]}"#;
    let b = parse(text).expect("reads");
    assert_eq!(b.data.units.len(), 1);
    assert_eq!(b.data.tombstones.len(), 1);
    let found: Vec<_> = b
        .rejected
        .iter()
        .map(|p| (p.id.clone(), p.field.to_string(), p.reason.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (None, "id".to_string(), Reason::Missing),
            (Some("u-3".into()), "rev".to_string(), Reason::NotInteger),
            (
                None,
                "".to_string(),
                Reason::WrongType {
                    expected: Expected::Object
                }
            ),
            (
                Some("u-8".into()),
                "tombstones[2].rev".to_string(),
                Reason::BadRev
            ),
        ]
    );
    assert!(b.notices.contains(&Notice::UnknownList {
        name: "photos".into()
    }));
    assert!(b.notices.contains(&Notice::UnknownTombstone { index: 1 }));
}

#[test]
fn oversized_text_is_refused_before_parsing() {
    let big = " ".repeat(MAX_BYTES + 1);
    assert_eq!(
        parse(&big).err(),
        Some(FileError::TooLarge {
            bytes: MAX_BYTES + 1
        })
    );
}

#[test]
fn file_names() {
    assert_eq!(
        file_name(None, None, "2026-11-27"),
        "donghanh-toan-tinh-2026-11-27.json"
    );
    assert_eq!(
        file_name(Some("KBNN"), Some("2024"), "2026-11-27"),
        "donghanh-KBNN-2024-2026-11-27.json"
    );
    assert_eq!(
        file_name(Some("Sở Y tế"), Some("2021-2025"), "2026-11-27"),
        "donghanh-So-Y-te-2021-2025-2026-11-27.json"
    );
    assert_eq!(
        file_name(Some("ĐTN Ưu"), None, "2026-11-27"),
        "donghanh-DTN-Uu-2026-11-27.json"
    );
    assert_eq!(
        file_name(Some("!!"), None, "2026-11-27"),
        "donghanh-toan-tinh-2026-11-27.json"
    );
}

#[test]
fn field_order_does_not_change_what_is_read() {
    // Records before format and schema take the slower path (kept raw, read after the check):
    // the result is the same as for our own order.
    let mut doc: serde_json::Value = serde_json::from_str(&write(&small(), T, None)).expect("json");
    doc["records"]["activities"][1]["cash_vnd"] = "năm triệu".into();
    let ours = format!(
        "{{\"format\": {}, \"schema\": {}, \"records\": {}, \"tombstones\": {}}}",
        doc["format"], doc["schema"], doc["records"], doc["tombstones"]
    );
    let ours = parse(&ours).expect("reads");
    let reordered = format!(
        "{{\"records\": {}, \"tombstones\": {}, \"schema\": {}, \"format\": {}}}",
        doc["records"], doc["tombstones"], doc["schema"], doc["format"]
    );
    let theirs = parse(&reordered).expect("reads");
    assert_eq!(theirs.data, ours.data);
    assert_eq!(theirs.rejected, ours.rejected);
    assert_eq!(theirs.rejected_count, ours.rejected_count);
    assert_eq!(ours.rejected_count.get(&Kind::Activity), Some(&1));
}

#[test]
fn a_list_named_twice_counts_once_the_last_time() {
    let text = format!(
        "{{\"format\":\"{FORMAT}\",\"schema\":{SCHEMA},\"records\":{{\
         \"units\":[{{\"id\":\"u-1\",\"rev\":1,\"updated_at\":\"{T}\",\"name\":\"A\",\"level\":\"province\"}}],\
         \"extra_list\":[],\
         \"units\":[{{\"id\":\"u-2\",\"rev\":1,\"updated_at\":\"{T}\",\"name\":\"B\",\"level\":\"province\"}}]}}}}"
    );
    let b = parse(&text).expect("reads");
    let ids: Vec<&str> = b.data.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u-2"]);
    assert_eq!(
        b.notices,
        vec![Notice::UnknownList {
            name: "extra_list".into()
        }]
    );
    let twice = text.replacen("\"schema\"", "\"records\":{},\"schema\"", 1);
    assert!(
        parse(&twice).is_err(),
        "a repeated records field is refused"
    );
}

#[test]
fn an_export_carries_a_digest_that_any_change_to_its_data_breaks() {
    let mut ds = small();
    ds.delete::<crate::domain::record::Activity>("a-4", T);
    let text = write(&ds, T, None);
    assert!(text.trim_end().ends_with('}'));
    assert_eq!(parse(&text).expect("reads").integrity, Integrity::Matches);
    // Indented again (an editor): the same data, the same digest. (No string holds a raw
    // line break, so these patterns are white space between tokens.)
    let pretty = text
        .replace("\n      {", "\r\n\t\t{")
        .replace(",\n", " ,\n ");
    assert_eq!(parse(&pretty).expect("reads").integrity, Integrity::Matches);
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    // One character of one record changed, a record gone, a tombstone gone: it differs.
    let changed = text.replacen("\"a-1\"", "\"a-9\"", 1);
    assert_eq!(
        parse(&changed).expect("reads").integrity,
        Integrity::Differs
    );
    let tomb = text.replace(
        "\"kind\":\"activity\",\"id\":\"a-4\"",
        "\"kind\":\"activity\",\"id\":\"a-5\"",
    );
    assert_ne!(tomb, text);
    assert_eq!(parse(&tomb).expect("reads").integrity, Integrity::Differs);
    // Not 64 hex digits, or not a string: it cannot vouch for the file.
    let sum = value["digest"].as_str().expect("digest").to_string();
    for bad in [
        "\"abc\"".to_string(),
        "42".into(),
        format!("\"{}\"", &sum[..63]),
    ] {
        let t = text.replace(&format!("\"{sum}\""), &bad);
        assert_eq!(
            parse(&t).expect("reads").integrity,
            Integrity::Differs,
            "{bad}"
        );
    }
    // Without one (an older export, another tool): accepted, and said so.
    let none = text.replace(&format!(",\n  \"digest\": \"{sum}\""), "");
    assert_ne!(none, text);
    let b = parse(&none).expect("reads");
    assert_eq!(b.integrity, Integrity::Absent);
    assert_eq!(b.data, ds);
    // The app's stored chunks carry none.
    assert!(!write_parts(&Parts::of(&ds), T, None).contains("digest"));
}

/// A file signed with a sum computed elsewhere (the browser's SHA-256; here our own over the
/// claimed bytes, a second path) is byte for byte the file signed here, with a sender or none;
/// a sum that is not 64 hex digits is never written (hashed here instead).
#[test]
fn a_bundle_signed_with_a_sum_from_elsewhere_is_the_bundle_signed_here() {
    use super::{write_unsigned, Source};
    let mut ds = small();
    ds.delete::<crate::domain::record::Activity>("a-4", T);
    let police = Source {
        unit_id: Some("u-police".into()),
        label: Some("Công an tỉnh".into()),
    };
    for source in [None, Some(&police)] {
        let here = write(&ds, T, source);
        let unsigned = write_unsigned(&ds, T, source);
        let mut h = crate::checksum::Sha256::default();
        h.update(&unsigned.claim());
        let sum = h.hex();
        assert_eq!(unsigned.sign(Some(&sum)), here);
        for bad in ["", "xyz", &"g".repeat(64)] {
            assert_eq!(
                write_unsigned(&ds, T, source).sign(Some(bad)),
                here,
                "{bad:?}"
            );
        }
        assert_eq!(parse(&here).expect("reads").integrity, Integrity::Matches);
    }
}
