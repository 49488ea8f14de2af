//! Form pieces shared by the entry screens: labelled inputs tied to their label, with an error
//! line under the field (announced, and linked by `aria-describedby`). Values are string
//! signals; each screen parses them on submit (field texts: `view::form`).

use std::collections::HashMap;

use leptos::prelude::*;

use crate::domain::dataset::Collection;
use crate::domain::record::Record;
use crate::domain::validate::Refs;
use crate::domain::{Dataset, Lang, Problem};
use crate::ui::app::use_ctx;
use crate::ui::data::Data;
use crate::view::form::{choose_message, date_message, field_errors, typed_date};

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

    /// Mark every field whose choice is still empty (field, value, its label), by name.
    pub fn require(self, choices: &[(&str, String, &str)], lang: Lang) {
        for (field, value, label) in choices {
            if value.is_empty() {
                self.set(field, choose_message(label, lang));
            }
        }
    }

    /// An optional date typed `dd/mm/yyyy` (or ISO) as ISO; a bad one is marked at its field.
    pub fn date(self, field: &str, text: &str, lang: Lang) -> Option<String> {
        typed_date(text).unwrap_or_else(|_| {
            self.set(field, date_message(text, lang));
            None
        })
    }

    /// An optional due typed as a day or a month (`02/2023`) as ISO; a bad one is marked.
    pub fn due(self, field: &str, text: &str, lang: Lang) -> Option<String> {
        if text.trim().is_empty() {
            return None;
        }
        let due = crate::domain::dates::parse_typed_due(text);
        if due.is_none() {
            self.set(field, crate::domain::Reason::BadDue.message(lang));
        }
        due
    }

    pub fn clear(self) {
        self.0.set(HashMap::new());
    }

    pub fn is_empty(self) -> bool {
        self.0.with_untracked(HashMap::is_empty)
    }

    /// Show validation problems at their fields (see `view::form::field_errors`).
    pub fn show(self, problems: &[Problem], lang: Lang, shown: &[&str], fallback: &str) {
        let placed = field_errors(problems, lang, shown, fallback);
        self.0.update(|m| {
            for (field, text) in placed {
                m.entry(field).or_insert(text);
            }
        });
    }
}

impl Default for Errors {
    fn default() -> Self {
        Errors::new()
    }
}

/// What every entry form keeps besides its fields: the record being edited, the field errors,
/// and whether the last save went through.
#[derive(Clone, Copy)]
pub struct Entry {
    pub editing: RwSignal<Option<String>>,
    pub errors: Errors,
    pub saved: RwSignal<bool>,
    /// The page's language, for the problems' messages.
    lang: Lang,
}

impl Entry {
    /// Made in the form's component (it reads the language from the app's context).
    pub fn new() -> Entry {
        Entry {
            editing: RwSignal::new(None),
            errors: Errors::new(),
            saved: RwSignal::new(false),
            lang: use_ctx().lang(),
        }
    }

    /// A submit starts: no errors and no "saved" from before.
    pub fn begin(self) {
        self.errors.clear();
        self.saved.set(false);
    }

    /// The form now edits record `id`.
    pub fn edit(self, id: &str) {
        self.editing.set(Some(id.to_string()));
        self.errors.clear();
    }

    /// The form starts a new record.
    pub fn clear(self) {
        self.editing.set(None);
        self.errors.clear();
    }

    /// Store `record` when it passes `check` against the workspace; else show its problems at
    /// the fields the form shows (`shown`), the others under `fallback`. True when stored.
    pub fn store<T: Record>(
        self,
        data: Data,
        record: T,
        check: fn(&T, &Refs, &mut Vec<Problem>),
        (shown, fallback): (&[&str], &str),
    ) -> bool
    where
        Dataset: Collection<T>,
    {
        match data.save_record(record, check) {
            Err(problems) => {
                self.errors.show(&problems, self.lang, shown, fallback);
                false
            }
            Ok(()) => {
                self.saved.set(true);
                true
            }
        }
    }
}

impl Default for Entry {
    fn default() -> Self {
        Entry::new()
    }
}

/// After a refused save, the first field in error takes the focus, once its message is drawn,
/// so the officer lands where the fix is (and a screen reader reads the message).
pub fn focus_first_error(form: &'static str) {
    focus_drawn(format!("[data-testid=\"{form}\"] [aria-invalid=\"true\"]"));
}

/// Focus the first element matching `selector` once the next frame has drawn it.
pub fn focus_drawn(selector: String) {
    request_animation_frame(move || {
        if let Ok(Some(el)) = document().query_selector(&selector) {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// The frame of an entry form: its heading (`titles`: new, editing), the note on required
/// fields, Enter to save and Esc to start again, and the actions row (save, cancel, "saved").
#[component]
pub fn EntryForm(
    testid: &'static str,
    entry: Entry,
    titles: (&'static str, &'static str),
    save_testid: &'static str,
    on_submit: Callback<()>,
    on_reset: Callback<()>,
    children: Children,
) -> impl IntoView {
    let m = use_ctx().m();
    view! {
        <form class="entry-form" data-testid=testid novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
                if !entry.errors.is_empty() {
                    focus_first_error(testid);
                }
            }
            on:keydown=move |ev| if ev.key() == "Escape" { on_reset.run(()) }
        >
            <h2>{move || if entry.editing.get().is_some() { titles.1 } else { titles.0 }}</h2>
            <p class="hint">{m.required_note}</p>
            {children()}
            <div class="actions">
                <button type="submit" class="primary" data-testid=save_testid>{m.save}</button>
                <button type="button" on:click=move |_| on_reset.run(())>{m.cancel}</button>
                <span class="status" role="status">{move || entry.saved.get().then_some(m.saved)}</span>
            </div>
        </form>
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
