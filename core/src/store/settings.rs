//! Per-browser preferences: interface language and the unit this browser works for.

use serde::{Deserialize, Serialize};

use super::backend::{Backend, WriteError};
use super::KEY_PREFIX;
use crate::domain::Lang;

const KEY: &str = "settings";

/// Preferences of this browser. Unknown or missing fields fall back to defaults so that an
/// older or newer app version never loses the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(deserialize_with = "lenient_lang")]
    pub lang: Lang,
    /// "This browser works for unit …" as free text, while the directory has no units.
    pub unit_label: String,
    /// The unit this browser works for, from the directory (empty: none; `WHOLE_PROVINCE`: the
    /// province's coordinating office, which works for every unit). Entry screens, reports and
    /// export start with it.
    pub unit_id: String,
    /// What the last activity was entered for, to start the next entry there.
    pub last_unit: String,
    pub last_location: String,
    pub last_date: String,
    /// Which workspace is open: "" the real data, "demo" the demo province.
    pub workspace: String,
    /// The first-run welcome was answered.
    pub welcomed: bool,
}

/// `unit_id` of a browser that works for the whole province (the coordinator).
pub const WHOLE_PROVINCE: &str = "*";

impl Settings {
    /// The settings `text` holds: each field that reads, the default for one that does not
    /// (one damaged value never costs the others).
    pub fn from_json(text: &str) -> Settings {
        if let Ok(s) = serde_json::from_str(text) {
            return s;
        }
        // Field by field, through raw JSON (every field has a default): a `serde_json::Value`
        // reader would add to the first load.
        let Ok(stored) = serde_json::from_str::<
            std::collections::BTreeMap<String, &serde_json::value::RawValue>,
        >(text) else {
            return Settings::default();
        };
        let field =
            |k: &str, v: &str| format!("{}:{v}", serde_json::to_string(k).unwrap_or_default());
        let good: Vec<String> = stored
            .iter()
            .map(|(k, v)| field(k, v.get()))
            .filter(|f| serde_json::from_str::<Settings>(&format!("{{{f}}}")).is_ok())
            .collect();
        serde_json::from_str(&format!("{{{}}}", good.join(","))).unwrap_or_default()
    }

    /// Whether `text` reads whole (else saving over it first copies it aside).
    fn reads_whole(text: &str) -> bool {
        serde_json::from_str::<Settings>(text).is_ok()
    }

    pub fn to_json(&self) -> String {
        // Serialising a struct of a string and an enum cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// An unknown language code falls back to Vietnamese instead of discarding every setting.
fn lenient_lang<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(value.as_str().and_then(Lang::parse).unwrap_or_default())
}

fn key() -> String {
    format!("{KEY_PREFIX}{KEY}")
}

/// The stored settings, or defaults when none are stored or storage is unavailable.
pub fn load(store: &impl Backend) -> Settings {
    match store.get(&key()) {
        Ok(Some(text)) => Settings::from_json(&text),
        _ => Settings::default(),
    }
}

/// Write the settings. Stored settings that did not read whole are first copied to an
/// unreadable key (listed in Settings, to download or discard), never overwritten unseen.
pub fn save(store: &mut impl Backend, settings: &Settings) -> Result<(), WriteError> {
    set_aside_unreadable(store, &key())?;
    store.set(&key(), &settings.to_json())
}

fn set_aside_unreadable(store: &mut impl Backend, key: &str) -> Result<(), WriteError> {
    super::aside::set_aside_unreadable(store, key, "settings", Settings::reads_whole)
}

/// The real workspace's settings while the demo is open, so that choices made in the demo
/// (the unit this browser works for, the last entry's unit and place) never reach real work.
fn stash_key() -> String {
    format!("{KEY_PREFIX}{KEY}.real")
}

pub fn stash(store: &mut impl Backend, settings: &Settings) -> Result<(), WriteError> {
    set_aside_unreadable(store, &stash_key())?;
    store.set(&stash_key(), &settings.to_json())
}

/// The stashed settings (removed from storage), if any.
pub fn unstash(store: &mut impl Backend) -> Option<Settings> {
    let text = store.get(&stash_key()).ok().flatten()?;
    // Damaged, it is copied aside first (if that fails, it stays where it is).
    set_aside_unreadable(store, &stash_key()).ok()?;
    store.remove(&stash_key());
    Some(Settings::from_json(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let s = Settings {
            lang: Lang::En,
            unit_label: "Kho bạc Nhà nước tỉnh".into(),
            unit_id: "u-kbnn".into(),
            last_unit: "u-kbnn".into(),
            last_location: "c-paco".into(),
            last_date: "2023-05-01".into(),
            workspace: "demo".into(),
            welcomed: true,
        };
        assert_eq!(Settings::from_json(&s.to_json()), s);
    }

    #[test]
    fn tolerates_missing_unknown_and_garbage() {
        assert_eq!(Settings::from_json("{}"), Settings::default());
        let s = Settings::from_json(r#"{"lang":"en","future":1}"#);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(Settings::from_json("not json"), Settings::default());
        let s = Settings::from_json(r#"{"lang":"fr","unit_label":"Công an tỉnh"}"#);
        assert_eq!(s.lang, Lang::Vi);
        assert_eq!(s.unit_label, "Công an tỉnh");
        assert_eq!(Settings::from_json(r#"{"lang":5}"#).lang, Lang::Vi);
    }

    #[test]
    fn stored_stashed_and_given_back_through_any_backend() {
        use crate::store::backend::Memory;
        let mut store = Memory::default();
        assert_eq!(load(&store), Settings::default());
        let real = Settings {
            unit_id: "u-kbnn".into(),
            ..Default::default()
        };
        save(&mut store, &real).expect("saved");
        assert_eq!(load(&store), real);
        stash(&mut store, &real).expect("stashed");
        save(&mut store, &Settings::default()).expect("saved");
        assert_eq!(unstash(&mut store), Some(real));
        assert_eq!(unstash(&mut store), None, "given back once");
        // A full quota is reported, and what was stored stays.
        let mut full = Memory::with_quota(10);
        assert_eq!(save(&mut full, &Settings::default()), Err(WriteError::Full));
        assert!(full.items.is_empty());
    }
}
