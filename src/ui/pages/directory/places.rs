//! The location tree (province → district → commune → village, or a commune with no district),
//! with add, edit and retire (a date in `valid_to`: the record stays, references keep working).
//! The rows are drawn by `view::places`.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::catalog::{LOCATION_LABELS, LOCATION_LEVELS};
use crate::domain::record::{IdList, Location, Record};
use crate::domain::validate::check_location;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::form::{Check, Entry, EntryForm, Input, Select};
use crate::ui::html_list;
use crate::view::form::{date_text, DATE_PLACEHOLDER};
use crate::view::options::{code_options, location_options};
use crate::view::places::{below, below_label, flatten, parent_levels, tree_html};

const SHOWN: &[&str] = &[
    "name",
    "level",
    "parent_id",
    "label",
    "code",
    "valid_from",
    "valid_to",
    "successors",
];

#[component]
pub fn PlacesTab() -> impl IntoView {
    let (_, m, lang, data) = use_page();
    let entry = Entry::new();
    let errors = entry.errors;
    let (name, level, parent, lbl, code, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::from("commune")),
        RwSignal::new(String::new()),
        RwSignal::new(String::from("xã")),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (next, next_2) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let difficult = RwSignal::new(true);
    let expanded = RwSignal::new(HashSet::<String>::new());

    let reset = move |lvl: &str, par: &str| {
        entry.clear();
        name.set(String::new());
        level.set(lvl.to_string());
        parent.set(par.to_string());
        lbl.set(below_label(lvl).to_string());
        code.set(String::new());
        from.set(String::new());
        to.set(String::new());
        next.set(String::new());
        next_2.set(String::new());
        difficult.set(matches!(lvl, "commune" | "village"));
    };
    let load = move |l: &Location| {
        entry.edit(&l.id);
        name.set(l.name.clone());
        level.set(l.level.clone());
        parent.set(l.parent_id.clone().unwrap_or_default());
        lbl.set(l.label.clone());
        code.set(l.code.clone().unwrap_or_default());
        from.set(date_text(l.valid_from.as_deref()));
        to.set(date_text(l.valid_to.as_deref()));
        next.set(l.successors.first().cloned().unwrap_or_default());
        next_2.set(l.successors.get(1).cloned().unwrap_or_default());
        difficult.set(l.difficult);
        focus_name();
    };
    let submit = move || {
        entry.begin();
        let mut l: Location = data.editing_or_new(entry.editing.get_untracked());
        let opt = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        l.name = name.get_untracked().trim().to_string();
        l.level = level.get_untracked();
        l.parent_id = opt(parent.get_untracked());
        l.label = lbl.get_untracked().trim().to_string();
        l.code = opt(code.get_untracked());
        l.valid_from = errors.date("valid_from", &from.get_untracked(), lang);
        l.valid_to = errors.date("valid_to", &to.get_untracked(), lang);
        // Two successors cover a split in two; more arrive by bundle and are kept.
        let mut successors: Vec<String> = [next.get_untracked(), next_2.get_untracked()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        successors.dedup();
        successors.extend(l.successors.iter().skip(2).cloned());
        l.successors = IdList(successors);
        if !errors.is_empty() {
            return;
        }
        l.difficult = difficult.get_untracked();
        l.touch(&now_iso());
        if let Some(p) = l.parent_id.clone() {
            expanded.update(|e| {
                e.insert(p);
            });
        }
        let (lvl, par) = (l.level.clone(), l.parent_id.clone().unwrap_or_default());
        if entry.store(data, l, check_location, (SHOWN, "name")) {
            reset(&lvl, &par);
            focus_name();
        }
    };

    let parents = Memo::new(move |_| {
        let lvl = level.get();
        data.with_places(|ds, idx| location_options(ds, idx, parent_levels(&lvl)))
    });
    // A place passes into places of its own level that exist (not into itself).
    let heirs = Memo::new(move |_| {
        let (lvl, me) = (level.get(), entry.editing.get().unwrap_or_default());
        data.with_places(|ds, idx| {
            let mut list = location_options(ds, idx, &[lvl.as_str()]);
            list.retain(|(id, _)| *id != me);
            list
        })
    });
    let tree = Memo::new(move |_| data.with_places(|_, idx| flatten(idx, &expanded.get())));
    // One listener for the tree's buttons (the rows are HTML text): `data-action` on `data-id`.
    let on_tree = move |ev: leptos::ev::MouseEvent| {
        let Some((action, id)) = html_list::action(&ev) else {
            return;
        };
        match action.as_str() {
            "toggle" => expanded.update(|e| {
                if !e.remove(&id) {
                    e.insert(id);
                }
            }),
            "edit" => {
                if let Some(l) = data.with_untracked(|ds| ds.get::<Location>(&id).cloned()) {
                    load(&l);
                }
            }
            "add-child" => {
                let level =
                    data.with_untracked(|ds| ds.get::<Location>(&id).map(|l| l.level.clone()));
                if let Some(level) = level {
                    reset(below(&level), &id);
                    focus_name();
                }
            }
            _ => {}
        }
    };

    // A place of the same name, level and parent is already here: say so while typing.
    let twin = move || {
        let probe = Location {
            name: name.get(),
            level: level.get(),
            parent_id: Some(parent.get()).filter(|p| !p.is_empty()),
            ..Location::default()
        };
        let me = entry.editing.get();
        data.with_places(|ds, _| {
            crate::domain::duplicates::existing_place(ds, &probe, me.as_deref())
                .map(crate::domain::query::place_name_inline)
        })
    };

    view! {
        <div class="split">
            <EntryForm testid="place-form" entry=entry titles=(m.loc_new, m.loc_editing) save_testid="loc-save"
                on_submit=Callback::new(move |_| submit()) on_reset=Callback::new(move |_| reset("commune", ""))>
                <div class="grid">
                    <Select id="loc-level" label=m.f_level value=level options=Signal::derive(move || code_options(LOCATION_LEVELS, lang)) required=true error=errors.of("level") />
                    <Select id="loc-parent" label=m.f_parent value=parent options=parents empty=m.none_option error=errors.of("parent_id") />
                    <Input id="loc-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Input id="loc-label" label=m.f_label value=lbl list="loc-labels" error=errors.of("label") />
                    <Input id="loc-code" label=m.f_code value=code error=errors.of("code") />
                    <Input id="loc-valid-from" label=m.f_valid_from value=from placeholder=DATE_PLACEHOLDER error=errors.of("valid_from") />
                    <Input id="loc-valid-to" label=m.f_valid_to value=to placeholder=DATE_PLACEHOLDER error=errors.of("valid_to") />
                    <Select id="loc-successor" label=m.f_successor value=next options=heirs empty=m.none_option error=errors.of("successors") />
                    <Select id="loc-successor-2" label=m.f_successor_2 value=next_2 options=heirs empty=m.none_option />
                    <Check id="loc-difficult" label=m.f_difficult value=difficult />
                </div>
                {move || twin().map(|n| view! {
                    <p class="note" role="status" data-testid="dup-warning">{format!("{} “{n}” — {}", m.dup_warning, m.dup_warning_hint)}</p>
                })}
                <datalist id="loc-labels">
                    {LOCATION_LABELS.iter().map(|c| view! { <option value=c.code></option> }).collect_view()}
                </datalist>
            </EntryForm>
            <Show
                when=move || tree.with(|nodes| !nodes.is_empty())
                fallback=move || view! {
                    <div class="empty-panel" data-testid="place-tree-empty">
                        <p>{m.dir_places_empty}</p>
                        <p><a href="#/import">{m.welcome_import}</a></p>
                    </div>
                }
            >
                <div class="tree" data-testid="place-tree" role="tree" aria-label=m.dir_locations
                    inner_html=move || tree.with(|nodes| tree_html(nodes, m, lang))
                    on:click=on_tree></div>
            </Show>
        </div>
    }
}

fn focus_name() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id("loc-name") {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
