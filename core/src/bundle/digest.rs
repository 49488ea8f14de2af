//! A bundle's `digest`: SHA-256 of its sender, records and tombstones, so a file changed after
//! export — its data, or who it says sent it — is noticed. The canonical form
//! (docs/bundle-format.md, "Mã kiểm tra"): the text `[<source>,<records>,<tombstones>]` where
//! each part is the value exactly as written in the file with the white space between JSON
//! tokens removed (white space inside strings stays); a missing `source` or `records` counts as
//! `null`, missing `tombstones` as `[]`. Indenting the file again keeps the digest; changing,
//! adding, removing or reordering anything in the data or the sender does not.
//!
//! Files exported before the sender was covered carry the digest of `[<records>,<tombstones>]`:
//! it still reads as it did (their sender was never vouched for).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::checksum::Sha256;

/// What a bundle's digest says about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Integrity {
    /// No `digest` (older exports, other tools): accepted, said as "không có mã kiểm tra".
    #[default]
    Absent,
    Matches,
    /// The data is not what was exported, or the digest is not 64 hex digits.
    Differs,
}

/// The digest of `records` and `tombstones` alone, as files exported before the sender was
/// covered carry it.
pub fn of_parts(records: Option<&str>, tombstones: Option<&str>) -> String {
    of_list(&[records.unwrap_or("null"), tombstones.unwrap_or("[]")])
}

/// The digest of a bundle whose `source`, `records` and `tombstones` values are this raw JSON
/// text: what the app writes.
pub fn of_file(source: Option<&str>, records: Option<&str>, tombstones: Option<&str>) -> String {
    of_list(&[
        source.unwrap_or("null"),
        records.unwrap_or("null"),
        tombstones.unwrap_or("[]"),
    ])
}

/// SHA-256 of `[v1,v2,…]`, each value minified.
fn of_list(values: &[&str]) -> String {
    let mut h = Sha256::default();
    h.update(b"[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            h.update(b",");
        }
        feed_minified(&mut h, v);
    }
    h.update(b"]");
    h.hex()
}

/// Feed `json` without the white space outside its strings, in runs (our own files have white
/// space only between records, so the runs are whole records).
fn feed_minified(h: &mut Sha256, json: &str) {
    let bytes = json.as_bytes();
    let (mut in_string, mut escaped, mut start) = (false, false, 0);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            h.update(&bytes[start..i]);
            start = i + 1;
        }
    }
    h.update(&bytes[start..]);
}

#[derive(Deserialize)]
struct Spans<'a> {
    #[serde(borrow, default)]
    source: Option<&'a RawValue>,
    #[serde(borrow, default)]
    records: Option<&'a RawValue>,
    #[serde(borrow, default)]
    tombstones: Option<&'a RawValue>,
}

/// Check the digest `claimed` (raw JSON text of the `digest` field) against the bundle `text`
/// (read once more, skipping everything but the two values).
pub fn check(text: &str, claimed: &RawValue) -> Integrity {
    let Ok(claimed) = serde_json::from_str::<&str>(claimed.get()) else {
        return Integrity::Differs;
    };
    let Ok(spans) = serde_json::from_str::<Spans>(text) else {
        return Integrity::Differs;
    };
    let (records, tombstones) = (
        spans.records.map(RawValue::get),
        spans.tombstones.map(RawValue::get),
    );
    let matches = |sum: &str| claimed.len() == 64 && claimed.eq_ignore_ascii_case(sum);
    // The earlier form is hashed only for a file that does not match the current one.
    if matches(&of_file(
        spans.source.map(RawValue::get),
        records,
        tombstones,
    )) || matches(&of_parts(records, tombstones))
    {
        Integrity::Matches
    } else {
        Integrity::Differs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_between_tokens_does_not_count_inside_strings_it_does() {
        let a = of_parts(Some(r#"{"a": [1, 2], "b": "x y"}"#), None);
        let b = of_parts(Some("{\n  \"a\":[1,2],\r\n\t\"b\":\"x y\"}"), Some("[ ]"));
        assert_eq!(a, b);
        assert_ne!(a, of_parts(Some(r#"{"a":[1,2],"b":"xy"}"#), None));
        assert_ne!(a, of_parts(Some(r#"{"a":[2,1],"b":"x y"}"#), None));
        // An escaped quote does not end the string: the space after it is still inside.
        let q = of_parts(Some(r#"{"b":"x\" y"}"#), None);
        assert_ne!(q, of_parts(Some(r#"{"b":"x\"y"}"#), None));
        // The canonical text for empty data, as the format doc states it.
        assert_eq!(
            of_parts(Some("null"), None),
            Sha256::hex({
                let mut h = Sha256::default();
                h.update(b"[null,[]]");
                h
            })
        );
    }

    #[test]
    fn the_sender_is_covered_and_older_digests_still_read() {
        use crate::bundle::format::{parse, write, Source};
        let ds = crate::domain::testkit::small();
        let source = Source {
            unit_id: Some("u-police".into()),
            label: Some("Công an tỉnh".into()),
        };
        let text = write(&ds, "2026-12-01T00:00:00Z", Some(&source));
        let read = |t: &str| parse(t).expect("reads").integrity;
        assert_eq!(read(&text), Integrity::Matches);
        // Relabelled, sent as another unit, or the sender removed: the file was changed.
        let relabelled = text.replace("\"Công an tỉnh\"", "\"Kho bạc\"");
        assert_ne!(relabelled, text);
        assert_eq!(read(&relabelled), Integrity::Differs);
        let other = text.replace("\"unit_id\":\"u-police\"", "\"unit_id\":\"u-kbnn\"");
        assert_ne!(other, text);
        assert_eq!(read(&other), Integrity::Differs);
        let start = text.find("  \"source\"").expect("source line");
        let end = start + text[start..].find('\n').expect("line end") + 1;
        let anonymous = format!("{}{}", &text[..start], &text[end..]);
        assert_eq!(read(&anonymous), Integrity::Differs);
        // A file exported before: the digest of records and tombstones alone still matches.
        let spans: Spans = serde_json::from_str(&text).expect("json");
        let old = of_parts(
            spans.records.map(RawValue::get),
            spans.tombstones.map(RawValue::get),
        );
        let at = text.find("\"digest\": \"").expect("digest") + 11;
        let older = format!("{}{old}{}", &text[..at], &text[at + 64..]);
        assert_eq!(read(&older), Integrity::Matches);
    }
}
