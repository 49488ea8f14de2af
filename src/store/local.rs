//! `window.localStorage` as a [`Backend`], through gloo-storage. The only code in the app that
//! touches it. Chunks are raw strings, so values go through `LocalStorage::raw()` rather than
//! gloo's JSON `get`/`set`; what it throws is read as gloo's `JsError` and mapped to the core's
//! `WriteError`: a `JsError` named `QuotaExceededError` is a full quota.
//!
//! `raw()` throws when the page may not use storage at all (cookies blocked, some `file://`
//! settings, private modes): the app calls [`available`] first and shows a page message instead.

use gloo_storage::{LocalStorage as Gloo, Storage as _};
use gloo_utils::errors::JsError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::backend::{Backend, WriteError};

#[wasm_bindgen]
extern "C" {
    /// `Storage`, seen through a binding whose `getItem` returns the JS string itself, so its
    /// length or a slice can be read without copying a multi-megabyte value into wasm.
    #[wasm_bindgen(js_name = Storage)]
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<Option<js_sys::JsString>, JsValue>;
}

/// Whether this page may use localStorage. Asking the browser for it throws (or yields nothing)
/// where storage is blocked; this asks without panicking.
pub fn available() -> Result<(), String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(describe(e)),
    }
}

/// What a storage call threw: gloo's `JsError` for an `Error` (a `DOMException` is one), else
/// whatever was thrown, as text (gloo would throw again reading a value that is not a string).
fn js_error(e: JsValue) -> Result<JsError, String> {
    if e.is_instance_of::<js_sys::Error>() {
        JsError::try_from(e).map_err(|other| other.to_string())
    } else {
        Err(format!("{e:?}"))
    }
}

fn describe(e: JsValue) -> String {
    js_error(e).map_or_else(|why| why, |js| js.to_string())
}

fn write_error(e: JsValue) -> WriteError {
    match js_error(e) {
        Ok(js) if js.name == "QuotaExceededError" => WriteError::Full,
        Ok(js) => WriteError::Refused(js.to_string()),
        Err(why) => WriteError::Refused(why),
    }
}

pub fn get(key: &str) -> Result<Option<String>, String> {
    Gloo::raw()
        .get_item(key)
        .map_err(|e| format!("read {key}: {}", describe(e)))
}

pub fn remove(key: &str) {
    let _ = Gloo::raw().remove_item(key);
}

pub fn set(key: &str, value: &str) -> Result<(), WriteError> {
    Gloo::raw().set_item(key, value).map_err(write_error)
}

/// A stored value as a JS string, left in JS.
fn get_js(key: &str) -> Result<Option<js_sys::JsString>, String> {
    Gloo::raw()
        .unchecked_ref::<RawStorage>()
        .get_item_js(key)
        .map_err(|e| format!("read {key}: {}", describe(e)))
}

/// The browser's localStorage.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStorage;

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        get(key)
    }

    fn get_prefix(&self, key: &str, chars: usize) -> Result<Option<String>, String> {
        Ok(get_js(key)?.map(|v| String::from(v.slice(0, chars as u32))))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        set(key, value)
    }

    fn remove(&mut self, key: &str) {
        remove(key);
    }

    fn keys(&self) -> Vec<String> {
        let raw = Gloo::raw();
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).collect()
    }

    fn used(&self) -> usize {
        let raw = Gloo::raw().unchecked_into::<RawStorage>();
        self.keys()
            .iter()
            .map(|k| {
                let value = raw.get_item_js(k).ok().flatten();
                k.encode_utf16().count() + value.map_or(0, |v| v.length() as usize)
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

/// This tab's id, kept in sessionStorage so that it survives a reload of the tab (undo after a
/// reload) while another tab has its own. Without sessionStorage, a new id per load.
pub fn tab_id(fresh: impl FnOnce() -> String) -> String {
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let key = "donghanh.tab";
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(key).ok().flatten())
    {
        return id;
    }
    let id = fresh();
    if let Some(s) = session {
        let _ = s.set_item(key, &id);
    }
    id
}
