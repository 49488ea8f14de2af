//! `window.localStorage` as a [`Backend`]. The only code in the app that touches it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Storage;

use super::backend::{Backend, WriteError};

#[wasm_bindgen]
extern "C" {
    /// `Storage`, seen through a binding whose `getItem` returns the JS string itself, so its
    /// length or a slice can be read without copying a multi-megabyte value into wasm.
    #[wasm_bindgen(js_name = Storage)]
    type RawStorage;
    #[wasm_bindgen(method, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Option<js_sys::JsString>;
}

fn raw(s: &Storage) -> &RawStorage {
    s.unchecked_ref()
}

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

pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

pub fn set(key: &str, value: &str) -> Result<(), WriteError> {
    let s = storage().map_err(WriteError::Refused)?;
    s.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.name()))
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            WriteError::Full
        } else {
            WriteError::Refused(format!("{e:?}"))
        }
    })
}

/// The browser's localStorage.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        get(key)
    }

    fn get_prefix(&self, key: &str, chars: usize) -> Result<Option<String>, String> {
        Ok(raw(&storage()?)
            .get_item_js(key)
            .map(|v| String::from(v.slice(0, chars as u32))))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        set(key, value)
    }

    fn remove(&mut self, key: &str) {
        remove(key);
    }

    fn keys(&self) -> Vec<String> {
        let Ok(s) = storage() else { return vec![] };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }

    fn used(&self) -> usize {
        let Ok(s) = storage() else { return 0 };
        self.keys()
            .iter()
            .map(|k| {
                k.encode_utf16().count() + raw(&s).get_item_js(k).map_or(0, |v| v.length() as usize)
            })
            .sum()
    }
}

/// Call `f(key, new_value)` whenever another tab of this site changes localStorage (the
/// `storage` event). Lives as long as the page.
pub fn on_external_change(f: impl Fn(Option<String>, Option<String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let cb = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
        f(e.key(), e.new_value())
    });
    let _ = window.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
    cb.forget();
}
