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

/// The bytes `of_file` hashes: for the browser's SHA-256.
pub fn file_bytes(
    source: Option<&str>,
    records: Option<&str>,
    tombstones: Option<&str>,
) -> Vec<u8> {
    let values = [
        source.unwrap_or("null"),
        records.unwrap_or("null"),
        tombstones.unwrap_or("[]"),
    ];
    let mut bytes = Vec::with_capacity(values.iter().map(|v| v.len() + 1).sum::<usize>() + 1);
    canonical(&mut bytes, &values);
    bytes
}

/// SHA-256 of `[v1,v2,…]`, each value minified.
fn of_list(values: &[&str]) -> String {
    let mut h = Sha256::default();
    canonical(&mut h, values);
    h.hex()
}

/// Where the canonical form goes: the hash here, or bytes for the browser's own SHA-256.
trait Sink {
    fn update(&mut self, bytes: &[u8]);
}

impl Sink for Sha256 {
    fn update(&mut self, bytes: &[u8]) {
        Sha256::update(self, bytes);
    }
}

impl Sink for Vec<u8> {
    fn update(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// `[v1,v2,…]`, each value minified.
fn canonical(h: &mut impl Sink, values: &[&str]) {
    h.update(b"[");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            h.update(b",");
        }
        feed_minified(h, v);
    }
    h.update(b"]");
}

/// Feed `json` without the white space outside its strings, in runs (our own files have white
/// space only between records, so the runs are whole records).
fn feed_minified(h: &mut impl Sink, json: &str) {
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

/// The bytes a bundle's `digest` must be the SHA-256 of (its current canonical form), for the
/// browser's SubtleCrypto to hash natively, beside the wasm — over a whole file the hash was
/// the largest part of the preview. None when the file claims no digest or cannot be read for
/// one (its reading then says why, or checks the digest here).
pub fn claim(text: &str) -> Option<Vec<u8>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let spans = serde_json::from_str::<Spans>(text).ok()?;
    spans.digest?;
    Some(file_bytes(
        spans.source.map(RawValue::get),
        spans.records.map(RawValue::get),
        spans.tombstones.map(RawValue::get),
    ))
}

#[derive(Deserialize)]
struct Spans<'a> {
    #[serde(borrow, default)]
    digest: Option<&'a RawValue>,
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
    check_with(text, claimed, None)
}

/// `check`, given the SHA-256 (hex) of the file's `claim` when it was computed elsewhere.
pub fn check_with(text: &str, claimed: &RawValue, sum: Option<&str>) -> Integrity {
    let Ok(claimed) = serde_json::from_str::<&str>(claimed.get()) else {
        return Integrity::Differs;
    };
    let matches = |sum: &str| claimed.len() == 64 && claimed.eq_ignore_ascii_case(sum);
    if sum.is_some_and(matches) {
        return Integrity::Matches;
    }
    let Ok(spans) = serde_json::from_str::<Spans>(text) else {
        return Integrity::Differs;
    };
    let (records, tombstones) = (
        spans.records.map(RawValue::get),
        spans.tombstones.map(RawValue::get),
    );
    // The earlier form is hashed only for a file that does not match the current one.
    let current = || of_file(spans.source.map(RawValue::get), records, tombstones);
    if (sum.is_none() && matches(&current())) || matches(&of_parts(records, tombstones)) {
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

    /// The police's export of the small dataset, and the same file with the digest an export
    /// made before the sender was covered would carry.
    fn police_file() -> (String, String) {
        use crate::bundle::format::{write, Source};
        let ds = crate::domain::testkit::small();
        let source = Source {
            unit_id: Some("u-police".into()),
            label: Some("Công an tỉnh".into()),
        };
        let text = write(&ds, "2026-12-01T00:00:00Z", Some(&source));
        let spans: Spans = serde_json::from_str(&text).expect("json");
        let old = of_parts(
            spans.records.map(RawValue::get),
            spans.tombstones.map(RawValue::get),
        );
        let at = text.find("\"digest\": \"").expect("digest") + 11;
        let older = format!("{}{old}{}", &text[..at], &text[at + 64..]);
        (text, older)
    }

    #[test]
    fn the_sender_is_covered_and_older_digests_still_read() {
        use crate::bundle::format::parse;
        let (text, older) = police_file();
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
        assert_eq!(read(&older), Integrity::Matches);
    }

    /// The bytes handed to the browser's SHA-256 are the canonical form hashed here: for the
    /// app's files, the same files altered, an older digest, a byte order mark and other tools'
    /// layouts, a sum of the claim (made by a second path: our SHA-256 over the bytes) reads
    /// exactly as hashing here does; a wrong sum never makes a file match.
    #[test]
    fn a_claim_summed_elsewhere_reads_as_the_digest_checked_here() {
        use crate::bundle::format::{parse, parse_summed};
        let (text, older) = police_file();
        let mut files = vec![
            text.clone(),
            text.replace("\"Công an tỉnh\"", "\"Kho bạc\""),
            text.replace("\"unit_id\":\"u-police\"", "\"unit_id\":\"u-kbnn\""),
            older,
            format!("\u{feff}{text}"),
            text.replace(",\n", ",\n\t \r\n"),
            text.replace("Hoạt", "Ho\\u1ea1t"),
        ];
        files.extend(["small.json", "reform.json"].iter().filter_map(|f| {
            std::fs::read_to_string(format!("../tests/fixtures/bundles/{f}")).ok()
        }));
        let mut matched = 0;
        for (n, file) in files.iter().enumerate() {
            let here = parse(file).expect("reads").integrity;
            let Some(bytes) = claim(file) else {
                assert_eq!(here, Integrity::Absent, "file {n}");
                continue;
            };
            let mut h = Sha256::default();
            h.update(&bytes);
            let sum = h.hex();
            let summed = parse_summed(file, Some(&sum)).expect("reads").integrity;
            assert_eq!(summed, here, "file {n}");
            matched += usize::from(here == Integrity::Matches);
            let wrong = parse_summed(file, Some(&"0".repeat(64)))
                .expect("reads")
                .integrity;
            let older_form = n == 3;
            assert_eq!(
                wrong == Integrity::Matches,
                older_form,
                "file {n}: a wrong sum matches only through the earlier form"
            );
        }
        assert!(matched >= 4, "{matched} files matched");
    }
}
