//! Drafts: what a person types in a long form (a report's narrative, a letterhead, an activity),
//! kept while it is typed so that a tab switch, a new period or a reload never loses it.
//!
//! One key per form and subject (`donghanh.<workspace>:draft.<form>`), beside the workspace and
//! removed with it (the demo's drafts go when the demo does). A draft remembers what it was
//! typed over (`basis`: the saved record's revision, or a checksum of the drafted text), so the
//! page can say when that changed underneath it instead of quietly keeping the older text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::backend::{Backend, WriteError};
use super::KEY_PREFIX;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Field name → text as typed.
    pub fields: BTreeMap<String, String>,
    /// When it was last written (ISO).
    pub saved_at: String,
    /// What the text was typed over; compared by the page, opaque here.
    pub basis: String,
}

impl Draft {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// The storage key of a form's draft. `form` names the form and its subject
/// (`report.<unit>.<period>`); any text is allowed, it only has to be stable.
pub fn key(workspace: &str, form: &str) -> String {
    format!("{KEY_PREFIX}{workspace}:draft.{form}")
}

/// The draft kept for `form`, if any. A draft that cannot be read (written by a newer version,
/// or damaged) is treated as none; the next save copies it aside first (`aside`).
pub fn load(store: &impl Backend, workspace: &str, form: &str) -> Option<Draft> {
    let text = store.get(&key(workspace, form)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn save(
    store: &mut impl Backend,
    workspace: &str,
    form: &str,
    draft: &Draft,
) -> Result<(), WriteError> {
    // A map of strings always serialises.
    let text = serde_json::to_string(draft).unwrap_or_default();
    // A draft this version cannot read (damaged, or from a newer one) is not typed over unseen.
    let key = key(workspace, form);
    let reads = |t: &str| serde_json::from_str::<Draft>(t).is_ok();
    super::aside::set_aside_unreadable(store, &key, &format!("draft.{form}"), reads)?;
    store.set(&key, &text)
}

/// The form was saved (or its draft thrown away on purpose).
pub fn discard(store: &mut impl Backend, workspace: &str, form: &str) {
    store.remove(&key(workspace, form));
}

/// The forms starting with `prefix` that have a draft (`activity.edit.` → the records being
/// edited when the page was left).
pub fn forms(store: &impl Backend, workspace: &str, prefix: &str) -> Vec<String> {
    let start = key(workspace, prefix);
    let base = key(workspace, "").len();
    let mut found: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(&start))
        .map(|k| k[base..].to_string())
        .collect();
    crate::domain::order::sort(&mut found);
    found
}

/// A short fingerprint of a text, for `basis`.
pub fn fingerprint(text: &str) -> String {
    format!("{:08x}", crate::checksum::crc32(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backend::Memory;
    use crate::store::workspace::discard_workspace;

    fn typed(pairs: &[(&str, &str)]) -> Draft {
        Draft {
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            saved_at: "2026-11-30T10:00:00Z".into(),
            basis: "3".into(),
        }
    }

    #[test]
    fn an_unreadable_draft_is_copied_aside_before_the_next_keystroke_writes() {
        let mut store = Memory::default();
        let k = key("data", "report.u1.2025");
        store.set(&k, "{\"fields\": {\"assessment\": 12").unwrap();
        assert_eq!(load(&store, "data", "report.u1.2025"), None);
        let d = typed(&[("assessment", "mới")]);
        save(&mut store, "data", "report.u1.2025", &d).unwrap();
        assert_eq!(load(&store, "data", "report.u1.2025"), Some(d.clone()));
        let aside = "donghanh.unreadable.draft.report.u1.2025";
        assert_eq!(
            store.get(aside).unwrap().as_deref(),
            Some("{\"fields\": {\"assessment\": 12")
        );
        // A readable draft is simply replaced; a full quota writes nothing over it.
        save(&mut store, "data", "report.u1.2025", &d).unwrap();
        assert_eq!(
            store
                .keys()
                .iter()
                .filter(|k| k.contains("unreadable"))
                .count(),
            1
        );
        store.set(&k, "garbage").unwrap();
        store.fail_after = Some(0);
        assert!(save(&mut store, "data", "report.u1.2025", &d).is_err());
        assert_eq!(store.get(&k).unwrap().as_deref(), Some("garbage"));
    }

    #[test]
    fn a_draft_comes_back_as_typed_and_goes_when_discarded() {
        let mut store = Memory::default();
        let d = typed(&[("assessment", "Đơn vị đã “hoàn thành” 100%\nDòng hai")]);
        save(&mut store, "data", "report.u1.2025", &d).unwrap();
        assert_eq!(load(&store, "data", "report.u1.2025"), Some(d));
        assert_eq!(load(&store, "data", "report.u1.2024"), None);
        assert_eq!(load(&store, "demo", "report.u1.2025"), None);
        discard(&mut store, "data", "report.u1.2025");
        assert_eq!(load(&store, "data", "report.u1.2025"), None);
    }

    #[test]
    fn drafts_live_and_die_with_their_workspace_and_are_not_data_chunks() {
        let mut store = Memory::default();
        save(&mut store, "demo", "summary", &typed(&[("text", "x")])).unwrap();
        save(&mut store, "data", "summary", &typed(&[("text", "y")])).unwrap();
        // The workspace's orphan scan looks under `donghanh.<name>.`; drafts are beside it.
        assert!(!key("data", "summary").starts_with("donghanh.data."));
        discard_workspace(&mut store, "demo");
        assert_eq!(load(&store, "demo", "summary"), None);
        assert!(load(&store, "data", "summary").is_some());
    }

    #[test]
    fn forms_with_a_prefix_are_listed() {
        let mut store = Memory::default();
        for form in ["activity.edit.a1", "activity.new", "activity.edit.b2"] {
            save(&mut store, "data", form, &typed(&[])).unwrap();
        }
        save(&mut store, "demo", "activity.edit.c3", &typed(&[])).unwrap();
        assert_eq!(
            forms(&store, "data", "activity.edit."),
            ["activity.edit.a1", "activity.edit.b2"]
        );
    }

    #[test]
    fn an_unreadable_draft_is_none_and_left_alone() {
        let mut store = Memory::default();
        store.set(&key("data", "summary"), "{not json").unwrap();
        assert_eq!(load(&store, "data", "summary"), None);
        assert_eq!(
            store.get(&key("data", "summary")).unwrap().as_deref(),
            Some("{not json")
        );
    }

    #[test]
    fn a_full_quota_is_reported_not_swallowed() {
        let mut store = Memory::with_quota(10);
        let r = save(
            &mut store,
            "data",
            "summary",
            &typed(&[("text", "long text")]),
        );
        assert_eq!(r, Err(WriteError::Full));
    }

    #[test]
    fn fingerprints_differ_for_different_text() {
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("Đồng"), fingerprint("Đống"));
    }
}
