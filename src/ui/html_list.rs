//! The one click listener of a list drawn as HTML text (`crate::markup`, `crate::view`): which
//! button a click landed on, by its `data-action` and `data-id`, and the record it names.

use wasm_bindgen::JsCast;

/// The `(action, id)` of the button a click inside a list landed on.
pub fn action(ev: &leptos::ev::MouseEvent) -> Option<(String, String)> {
    let button = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())?
        .closest("button[data-action]")
        .ok()??;
    Some((
        button.get_attribute("data-action")?,
        button.get_attribute("data-id").unwrap_or_default(),
    ))
}

/// The record of kind `T` whose edit button a click inside a list landed on.
pub fn clicked<T: crate::domain::record::Record + Clone>(
    ev: &leptos::ev::MouseEvent,
    data: crate::ui::data::Data,
) -> Option<T>
where
    crate::domain::Dataset: crate::domain::dataset::Collection<T>,
{
    let (_, id) = action(ev)?;
    data.with_untracked(|ds| ds.get::<T>(&id).cloned())
}
