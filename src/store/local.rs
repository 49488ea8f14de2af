//! Thin access to `window.localStorage`. Errors are strings for the page to show: storage can be
//! missing (privacy modes), full, or refused.

use web_sys::Storage;

fn storage() -> Result<Storage, String> {
    web_sys::window()
        .ok_or_else(|| "no window".to_string())?
        .local_storage()
        .map_err(|e| format!("localStorage refused: {e:?}"))?
        .ok_or_else(|| "localStorage unavailable".to_string())
}

pub fn get(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|e| format!("read {key}: {e:?}"))
}

pub fn set(key: &str, value: &str) -> Result<(), String> {
    storage()?
        .set_item(key, value)
        .map_err(|e| format!("write {key}: {e:?}"))
}
