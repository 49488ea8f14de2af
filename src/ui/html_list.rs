//! Lists drawn as HTML text (tables, trees, cards): a view tree per row costs about three times
//! the wasm. Their buttons carry `data-action` and `data-id`, and the list answers clicks with
//! one listener (`action`). Every text goes through `esc` before it gets here.

use std::fmt::Write;

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

/// A button for the list's listener.
pub fn button(out: &mut String, testid: &str, action: &str, id: &str, label: &str) {
    let _ = write!(
        out,
        "<button type=\"button\" data-testid=\"{testid}\" data-action=\"{action}\" data-id=\"{}\">{}</button>",
        crate::report::html::esc(id),
        crate::report::html::esc(label)
    );
}

/// A table row of cells already in HTML, ending with an edit button for record `id`.
pub fn edit_row(out: &mut String, row_testid: &str, cells: &[String], edit: (&str, &str, &str)) {
    let _ = write!(out, "<tr data-testid=\"{row_testid}\">");
    for c in cells {
        let _ = write!(out, "<td>{c}</td>");
    }
    out.push_str("<td class=\"row-actions\">");
    let (testid, id, label) = edit;
    button(out, testid, "edit", id, label);
    out.push_str("</td></tr>");
}

/// `<option>`s: a first one with the empty value when `empty` is given, then the (value,
/// label) pairs; the one whose value is `current` is selected.
pub fn options(empty: Option<&str>, items: &[(String, String)], current: &str) -> String {
    let mut out = String::new();
    let empty = empty.map(|e| (String::new(), e.to_string()));
    for (value, label) in empty.iter().chain(items) {
        let selected = if *value == current { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            crate::report::html::esc(value),
            crate::report::html::esc(label)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_select_the_current_value() {
        let items = [
            ("2023".to_string(), "2023".to_string()),
            ("u\"1".to_string(), "<A>".to_string()),
        ];
        assert_eq!(
            options(Some("Tất cả"), &items, "2023"),
            "<option value=\"\">Tất cả</option><option value=\"2023\" selected>2023</option>\
             <option value=\"u&quot;1\">&lt;A&gt;</option>"
        );
        assert!(options(None, &items, "").starts_with("<option value=\"2023\">"));
    }

    #[test]
    fn rows_escape_ids_and_labels() {
        let mut out = String::new();
        edit_row(
            &mut out,
            "unit-row",
            &["a".into(), "<b>".into()],
            ("unit-edit", "u-\"1", "Sửa <x>"),
        );
        assert_eq!(
            out,
            "<tr data-testid=\"unit-row\"><td>a</td><td><b></td><td class=\"row-actions\">\
             <button type=\"button\" data-testid=\"unit-edit\" data-action=\"edit\" data-id=\"u-&quot;1\">Sửa &lt;x&gt;</button></td></tr>"
        );
    }
}
