//! Hooks for end-to-end tests and benchmarks, reachable from the page as
//! `window.wasmBindings.debug_*` (Trunk exposes the module's exports there). They go through the
//! same workspace code as the screens do; they are not linked from the interface.

use std::cell::Cell;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::browser::now_iso;
use super::data::Data;
use crate::bundle::format;
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    Activity, Assignment, Checked, Location, Model, Plan, Record, Report, Unit,
};
use crate::domain::{Kind, Lang};

thread_local! {
    static DATA: Cell<Option<Data>> = const { Cell::new(None) };
}

pub fn register(data: Data) {
    DATA.with(|d| d.set(Some(data)));
}

fn data() -> Result<Data, JsValue> {
    DATA.with(|d| d.get())
        .ok_or_else(|| JsValue::from_str("app not started"))
}

fn kind(code: &str) -> Result<Kind, JsValue> {
    Kind::from_code(code).ok_or_else(|| JsValue::from_str(&format!("unknown kind {code}")))
}

/// Replace the workspace with the records of a bundle (no preview): for tests and benchmarks.
/// Returns the number of records now stored.
#[wasm_bindgen]
pub fn debug_load_bundle(text: &str) -> Result<u32, JsValue> {
    let bundle =
        format::parse_any_size(text).map_err(|e| JsValue::from_str(&e.message(Lang::En)))?;
    let data = data()?;
    data.edit(|ds| *ds = bundle.data);
    Ok(data.with_untracked(|ds| ds.record_count()) as u32)
}

/// A record as JSON, or `undefined`.
#[wasm_bindgen]
pub fn debug_get(kind_code: &str, id: &str) -> Result<Option<String>, JsValue> {
    let k = kind(kind_code)?;
    Ok(data()?.with_untracked(|ds| match k {
        Kind::Location => to_json::<Location>(ds, id),
        Kind::Unit => to_json::<Unit>(ds, id),
        Kind::Assignment => to_json::<Assignment>(ds, id),
        Kind::Plan => to_json::<Plan>(ds, id),
        Kind::Activity => to_json::<Activity>(ds, id),
        Kind::Model => to_json::<Model>(ds, id),
        Kind::Report => to_json::<Report>(ds, id),
    }))
}

fn to_json<T: Record>(ds: &Dataset, id: &str) -> Option<String>
where
    Dataset: Collection<T>,
{
    ds.get::<T>(id).and_then(|r| serde_json::to_string(r).ok())
}

/// A local edit, as a screen makes it: set `field` to the JSON `value`, one revision up.
/// Returns the new revision.
#[wasm_bindgen]
pub fn debug_edit(kind_code: &str, id: &str, field: &str, value: &str) -> Result<f64, JsValue> {
    let k = kind(kind_code)?;
    let value: Value =
        serde_json::from_str(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let data = data()?;
    let rev = data.edit(|ds| match k {
        Kind::Location => edit::<Location>(ds, id, field, value),
        Kind::Unit => edit::<Unit>(ds, id, field, value),
        Kind::Assignment => edit::<Assignment>(ds, id, field, value),
        Kind::Plan => edit::<Plan>(ds, id, field, value),
        Kind::Activity => edit::<Activity>(ds, id, field, value),
        Kind::Model => edit::<Model>(ds, id, field, value),
        Kind::Report => edit::<Report>(ds, id, field, value),
    });
    rev.map(|r| r as f64).map_err(|e| JsValue::from_str(&e))
}

fn edit<T: Record>(ds: &mut Dataset, id: &str, field: &str, value: Value) -> Result<i64, String>
where
    Dataset: Collection<T>,
    Checked<T>: serde::de::DeserializeOwned,
{
    let current = ds.get::<T>(id).ok_or_else(|| format!("no {id}"))?;
    // Through JSON text, as bundles are read: no second copy of the records' serde code.
    let mut json = crate::domain::record::json_value(current);
    json[field] = value;
    let Checked(parsed) =
        serde_json::from_str::<Checked<T>>(&json.to_string()).map_err(|e| e.to_string())?;
    let mut record = parsed.map_err(|r| {
        let reasons: Vec<String> = r
            .problems
            .iter()
            .map(|(f, why)| format!("{f}: {}", why.message(Lang::En)))
            .collect();
        reasons.join("; ")
    })?;
    record.touch(&now_iso());
    let rev = record.rev();
    ds.put(record);
    Ok(rev)
}

/// Whether the workspace holds changes that could not be saved (storage full).
#[wasm_bindgen]
pub fn debug_unsaved() -> Result<bool, JsValue> {
    Ok(data()?.unsaved())
}

/// Whether a form on screen holds edits that are not saved (leaving the page would ask).
#[wasm_bindgen]
pub fn debug_unsaved_edits() -> bool {
    crate::ui::draft::anything_unsaved()
}

/// Save now (what the "try again" button does); returns whether everything is saved.
#[wasm_bindgen]
pub fn debug_save() -> Result<bool, JsValue> {
    let data = data()?;
    data.save();
    Ok(!data.unsaved())
}
