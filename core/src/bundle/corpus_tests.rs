//! The malformed-bundle corpus (`tests/fixtures/bundles/bad/`): every file gets its specific
//! message, and none panics. `EXPECTED.tsv` names, for each file, the outcome and the message.

use std::path::PathBuf;

use super::import::{prepare, Prepared};
use crate::domain::{Dataset, Lang};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/bundles/bad")
}

/// What the import page would say about a file: the outcome and its messages.
fn outcome(text: &str) -> (&'static str, String) {
    match prepare(text, &Dataset::default()) {
        Err(e) => ("refused", e.message(Lang::En)),
        Ok(p) if p.invalid_total() > 0 => ("invalid", messages(&p)),
        Ok(p) => {
            let t = p.preview.total();
            let mut text = format!("{} new, {} updated", t.new, t.updated);
            for n in &p.notices {
                text.push_str("; ");
                text.push_str(&n.message(Lang::En));
            }
            let foreign = &p.authority.foreign;
            if !foreign.is_empty() {
                let what: Vec<String> = foreign
                    .iter()
                    .map(|f| format!("{} {}", f.kind.code(), f.id))
                    .collect();
                let n = foreign.len();
                text.push_str(&format!(
                    "; {n} outside the sender's scope: {}",
                    what.join(", ")
                ));
            }
            if p.integrity == crate::bundle::digest::Integrity::Differs {
                text.push_str("; ");
                text.push_str(crate::view::i18n::messages(Lang::En).digest_warning);
            }
            ("accepted", text)
        }
    }
}

fn messages(p: &Prepared) -> String {
    p.problems
        .iter()
        .map(|p| p.message(Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_corpus_file_gets_its_specific_message() {
    let expected = std::fs::read_to_string(dir().join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut listed = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (file, kind, message) = (
            cols.next().unwrap_or(""),
            cols.next().unwrap_or(""),
            cols.next().unwrap_or(""),
        );
        let bytes = std::fs::read(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{file}: not UTF-8 {e}"));
        let (got_kind, got) = outcome(&text);
        assert_eq!(got_kind, kind, "{file}: {got}");
        assert!(
            got.contains(message),
            "{file}: expected «{message}» in «{got}»"
        );
        listed.push(file.to_string());
    }
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .expect("corpus")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    listed.sort();
    assert_eq!(files, listed, "every corpus file is listed in EXPECTED.tsv");
    assert!(files.len() >= 25);
}

#[test]
fn a_30_mb_string_is_a_record_problem_not_a_crash() {
    let small = std::fs::read_to_string(dir().join("../small.json")).expect("small.json");
    let huge = "ư".repeat(15 * 1024 * 1024); // 30 MB of UTF-8
    let text = small.replacen(
        "\"title\":\"Tặng quà Tết\"",
        &format!("\"title\":\"Tặng quà Tết\",\"description\":\"{huge}\""),
        1,
    );
    assert!(text.len() > 30 * 1024 * 1024);
    let (kind, got) = outcome(&text);
    assert_eq!(kind, "invalid");
    assert!(
        got.contains("activity \"a-1\", field description: longer than 20000 characters"),
        "{got}"
    );
    assert!(got.len() < 10_000, "the message does not carry the string");
}

#[test]
fn a_file_over_64_mb_is_refused_before_reading() {
    let text = format!(
        "{{\"format\":\"donghanh-bundle\",\"schema\":1,\"pad\":\"{}\"}}",
        "x".repeat(65 * 1024 * 1024)
    );
    let (kind, got) = outcome(&text);
    assert_eq!(kind, "refused");
    assert!(
        got.contains("too large (65.0 MB; at most 64.0 MB)"),
        "{got}"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // cheap deterministic fuzzing: every prefix of every corpus file
    for entry in std::fs::read_dir(dir()).expect("corpus").flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if text.len() > 100_000 {
            continue;
        }
        let mut cut = 0;
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                let _ = outcome(&text[..cut]);
            }
            cut += 1 + text.len() / 200;
        }
    }
}
