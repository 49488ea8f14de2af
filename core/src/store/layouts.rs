//! Spreadsheet layouts remembered in this browser: for each header (`sheet::columns::layout_key`)
//! the fields its columns were mapped to, so a file laid out the same way is read the same way
//! next time. Kept under their own key, read by the Import page only (not with the settings
//! every page loads at start).

use serde::{Deserialize, Serialize};

use super::backend::{Backend, WriteError};
use super::KEY_PREFIX;

const KEY: &str = "sheet-layouts";

/// Layouts remembered at most.
const LAYOUTS: usize = 20;

/// One remembered layout: its key and each column's field code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SheetLayout {
    pub key: String,
    pub columns: Vec<String>,
}

/// The layouts, the most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Layouts(pub Vec<SheetLayout>);

impl Layouts {
    /// The columns remembered for a layout.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.0
            .iter()
            .find(|l| l.key == key)
            .map(|l| l.columns.as_slice())
    }

    /// Remember a layout's columns, first in the list.
    pub fn remember(&mut self, key: String, columns: Vec<String>) {
        self.0.retain(|l| l.key != key);
        self.0.insert(0, SheetLayout { key, columns });
        self.0.truncate(LAYOUTS);
    }
}

fn key() -> String {
    format!("{KEY_PREFIX}{KEY}")
}

/// The remembered layouts; none when nothing (or something unreadable) is stored.
pub fn load(store: &impl Backend) -> Layouts {
    match store.get(&key()) {
        Ok(Some(text)) => serde_json::from_str(&text).unwrap_or_default(),
        _ => Layouts::default(),
    }
}

pub fn save(store: &mut impl Backend, layouts: &Layouts) -> Result<(), WriteError> {
    // A list of strings always serialises.
    store.set(&key(), &serde_json::to_string(layouts).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backend::Memory;

    #[test]
    fn remembered_most_recent_first_bounded_and_stored() {
        let mut l = Layouts::default();
        for i in 0..25 {
            l.remember(format!("k{i}"), vec!["date".into()]);
        }
        l.remember("k10".into(), vec!["cash".into()]);
        assert_eq!(l.0.len(), 20);
        assert_eq!(l.get("k10"), Some(&["cash".to_string()][..]));
        assert_eq!(l.0[0].key, "k10");
        assert_eq!(l.get("k0"), None, "the oldest are forgotten");
        let mut store = Memory::default();
        assert_eq!(load(&store), Layouts::default());
        save(&mut store, &l).expect("save");
        assert_eq!(load(&store), l);
        store.set(&key(), "{garbage").expect("set");
        assert_eq!(load(&store), Layouts::default());
    }
}
