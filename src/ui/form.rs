//! Form pieces shared by the entry screens: labelled inputs tied to their label, with an error
//! line under the field (announced, and linked by `aria-describedby`). Values are string
//! signals; each screen parses them on submit.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::domain::{Lang, Problem};

/// Field errors of one form, keyed by the record's field names (as validation names them).
#[derive(Clone, Copy)]
pub struct Errors(RwSignal<HashMap<String, String>>);

impl Errors {
    pub fn new() -> Errors {
        Errors(RwSignal::new(HashMap::new()))
    }

    pub fn of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.0.with(|m| m.get(field).cloned()))
    }

    /// The error of a field with a computed name (`items[2].title`).
    pub fn of_path(self, field: String) -> Signal<Option<String>> {
        Signal::derive(move || self.0.with(|m| m.get(&field).cloned()))
    }

    pub fn set(self, field: &str, message: impl Into<String>) {
        let message = message.into();
        self.0.update(|m| {
            m.insert(field.to_string(), message);
        });
    }

    /// Mark every field whose choice is still empty.
    pub fn require(self, choices: &[(&str, String)], message: &str) {
        for (field, value) in choices {
            if value.is_empty() {
                self.set(field, message);
            }
        }
    }

    /// An optional date typed `dd/mm/yyyy` (or ISO) as ISO; a bad one is marked at its field.
    pub fn date(self, field: &str, text: &str, lang: Lang) -> Option<String> {
        typed_date(text).unwrap_or_else(|()| {
            self.set(field, crate::domain::Reason::BadDate.message(lang));
            None
        })
    }

    pub fn clear(self) {
        self.0.set(HashMap::new());
    }

    pub fn is_empty(self) -> bool {
        self.0.with_untracked(HashMap::is_empty)
    }

    /// Show validation problems at their fields (`items[1].title` stays as it is). Problems
    /// about a field the form does not show land under `fallback`.
    pub fn show(self, problems: &[Problem], lang: Lang, shown: &[&str], fallback: &str) {
        for p in problems {
            let shows = shown.contains(&p.field.as_ref())
                || (p.field.starts_with("items[") && shown.contains(&"items"));
            let field = if shows { p.field.as_ref() } else { fallback };
            let text = if field == fallback && field != p.field.as_ref() {
                p.message(lang)
            } else {
                p.reason.message(lang)
            };
            self.0.update(|m| {
                m.entry(field.to_string()).or_insert(text);
            });
        }
    }
}

impl Default for Errors {
    fn default() -> Self {
        Errors::new()
    }
}

fn error_line(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! { <p class="field-error" id=format!("{id}-error") role="alert" data-testid=format!("{id}-error")>{e}</p> }
        })
    }
}

/// A text-like input (`kind`: text, date, number…).
#[component]
pub fn Input(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <input
                id=id.clone()
                name=id.clone()
                data-testid=id.clone()
                type=kind.unwrap_or("text")
                inputmode=inputmode
                list=list
                placeholder=placeholder
                required=required
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error_line(id, error)}
        </div>
    }
}

/// A multi-line text input.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <div class="field field-wide" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                name=id.clone()
                data-testid=id.clone()
                rows=rows.unwrap_or(3)
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            {error_line(id, error)}
        </div>
    }
}

/// A select over (value, label) options; `empty` adds a first option with the empty value.
#[component]
pub fn Select(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] empty: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <select
                id=id.clone()
                name=id.clone()
                data-testid=id.clone()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=format!("{id}-error")
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {empty.map(|e| view! { <option value="">{e}</option> })}
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {error_line(id, error)}
        </div>
    }
}

/// A checkbox with its label.
#[component]
pub fn Check(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<bool>,
) -> impl IntoView {
    let (for_id, name, testid) = (id.clone(), id.clone(), id.clone());
    view! {
        <div class="field field-check">
            <label for=for_id>
                <input
                    type="checkbox"
                    id=id
                    name=name
                    data-testid=testid
                    prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev))
                />
                {label}
            </label>
        </div>
    }
}

/// Options from a code list, labelled in `lang`.
pub fn code_options(
    list: &'static [crate::domain::catalog::Code],
    lang: Lang,
) -> Vec<(String, String)> {
    list.iter()
        .map(|c| (c.code.to_string(), c.label(lang).to_string()))
        .collect()
}

/// `"1250000"` for an amount in a form field (empty for zero when `blank_zero`).
pub fn money_text(v: i64, lang: Lang) -> String {
    if v == 0 {
        String::new()
    } else {
        crate::domain::format::integer(v, lang)
    }
}

/// A number for a form field, without a trailing `.0`, empty for zero.
pub fn number_text(v: f64) -> String {
    if v == 0.0 {
        String::new()
    } else {
        crate::domain::format::shortest(v)
    }
}

/// A date field's text as ISO: `Ok(None)` when empty, `Err` when not a date.
pub fn typed_date(text: &str) -> Result<Option<String>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::dates::parse_typed_date(text)
        .map(Some)
        .ok_or(())
}

/// An ISO date as the form shows it (`15/03/2023`), empty when absent.
pub fn date_text(iso: Option<&str>) -> String {
    iso.map(crate::domain::format::date).unwrap_or_default()
}

/// Placeholder of date fields.
pub const DATE_PLACEHOLDER: &str = "dd/mm/yyyy";
