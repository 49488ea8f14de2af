//! A bundle's `digest`: SHA-256 of its records and tombstones, so a file changed after export
//! is noticed. The canonical form (docs/bundle-format.md, "Mã kiểm tra"): the text
//! `[<records>,<tombstones>]` where each part is the value exactly as written in the file with
//! the white space between JSON tokens removed (white space inside strings stays); a missing
//! `records` counts as `null`, missing `tombstones` as `[]`. Indenting the file again keeps the
//! digest; changing, adding, removing or reordering anything in the data does not.

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

/// The digest of a bundle whose `records` and `tombstones` values are this raw JSON text.
pub fn of_parts(records: Option<&str>, tombstones: Option<&str>) -> String {
    let mut h = Sha256::default();
    h.update(b"[");
    feed_minified(&mut h, records.unwrap_or("null"));
    h.update(b",");
    feed_minified(&mut h, tombstones.unwrap_or("[]"));
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
    let actual = of_parts(
        spans.records.map(RawValue::get),
        spans.tombstones.map(RawValue::get),
    );
    if claimed.len() == 64 && claimed.eq_ignore_ascii_case(&actual) {
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
}
