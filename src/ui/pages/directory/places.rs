//! The location tree (province → district → commune → village, or a commune with no district),
//! with add, edit and retire (a date in `valid_to`: the record stays, references keep working).

use std::collections::HashSet;
use std::fmt::Write;

use leptos::prelude::*;

use super::location_options;
use crate::domain::catalog::{label, LOCATION_LABELS, LOCATION_LEVELS};
use crate::domain::query::{place_name, LocationIndex};
use crate::domain::record::{Location, Record};
use crate::domain::validate::check_location;
use crate::domain::Lang;
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;
use crate::ui::form::{code_options, date_text, Check, Errors, Input, Select, DATE_PLACEHOLDER};
use crate::ui::html_list;
use crate::ui::i18n::Messages;

const SHOWN: &[&str] = &[
    "name",
    "level",
    "parent_id",
    "label",
    "code",
    "valid_from",
    "valid_to",
];

/// The level one step below.
fn below(level: &str) -> &'static str {
    match level {
        "province" => "district",
        "district" => "commune",
        _ => "village",
    }
}

fn parent_levels(level: &str) -> &'static [&'static str] {
    match level {
        "village" => &["commune"],
        "commune" => &["district", "province"],
        "district" => &["province"],
        _ => &[],
    }
}

#[component]
pub fn PlacesTab() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let errors = Errors::new();
    let editing = RwSignal::new(None::<String>);
    let (name, level, parent, lbl, code, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::from("commune")),
        RwSignal::new(String::new()),
        RwSignal::new(String::from("xã")),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let difficult = RwSignal::new(true);
    let expanded = RwSignal::new(HashSet::<String>::new());
    let saved = RwSignal::new(false);

    let reset = move |lvl: &str, par: &str| {
        editing.set(None);
        errors.clear();
        name.set(String::new());
        level.set(lvl.to_string());
        parent.set(par.to_string());
        lbl.set(below_label(lvl).to_string());
        code.set(String::new());
        from.set(String::new());
        to.set(String::new());
        difficult.set(matches!(lvl, "commune" | "village"));
    };
    let load = move |l: &Location| {
        editing.set(Some(l.id.clone()));
        errors.clear();
        name.set(l.name.clone());
        level.set(l.level.clone());
        parent.set(l.parent_id.clone().unwrap_or_default());
        lbl.set(l.label.clone());
        code.set(l.code.clone().unwrap_or_default());
        from.set(date_text(l.valid_from.as_deref()));
        to.set(date_text(l.valid_to.as_deref()));
        difficult.set(l.difficult);
        focus_name();
    };
    let submit = move || {
        errors.clear();
        saved.set(false);
        let mut l: Location = data.editing_or_new(editing.get_untracked());
        let opt = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        l.name = name.get_untracked().trim().to_string();
        l.level = level.get_untracked();
        l.parent_id = opt(parent.get_untracked());
        l.label = lbl.get_untracked().trim().to_string();
        l.code = opt(code.get_untracked());
        l.valid_from = errors.date("valid_from", &from.get_untracked(), lang);
        l.valid_to = errors.date("valid_to", &to.get_untracked(), lang);
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
        match data.save_record(l, check_location) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "name"),
            Ok(()) => {
                saved.set(true);
                reset(&lvl, &par);
                focus_name();
            }
        }
    };

    let parents = Memo::new(move |_| {
        let lvl = level.get();
        data.with(|ds| location_options(ds, parent_levels(&lvl)))
    });
    let tree = Memo::new(move |_| data.with(|ds| flatten(ds, &expanded.get())));
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

    view! {
        <div class="split">
            <form
                class="entry-form"
                data-testid="place-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        reset("commune", "");
                    }
                }
            >
                <h2>{move || if editing.get().is_some() { m.loc_editing } else { m.loc_new }}</h2>
                <p class="hint">{m.required_note}</p>
                <div class="grid">
                    <Select id="loc-level" label=m.f_level value=level options=Signal::derive(move || code_options(LOCATION_LEVELS, lang)) required=true error=errors.of("level") />
                    <Select id="loc-parent" label=m.f_parent value=parent options=parents empty=m.none_option error=errors.of("parent_id") />
                    <Input id="loc-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Input id="loc-label" label=m.f_label value=lbl list="loc-labels" error=errors.of("label") />
                    <Input id="loc-code" label=m.f_code value=code error=errors.of("code") />
                    <Input id="loc-valid-from" label=m.f_valid_from value=from placeholder=DATE_PLACEHOLDER error=errors.of("valid_from") />
                    <Input id="loc-valid-to" label=m.f_valid_to value=to placeholder=DATE_PLACEHOLDER error=errors.of("valid_to") />
                    <Check id="loc-difficult" label=m.f_difficult value=difficult />
                </div>
                <datalist id="loc-labels">
                    {LOCATION_LABELS.iter().map(|c| view! { <option value=c.code></option> }).collect_view()}
                </datalist>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="loc-save">{m.save}</button>
                    <button type="button" on:click=move |_| reset("commune", "")>{m.cancel}</button>
                    <span class="status" role="status">{move || saved.get().then_some(m.saved)}</span>
                </div>
            </form>
            <div class="tree" data-testid="place-tree" role="tree" aria-label=m.dir_locations
                inner_html=move || tree.with(|nodes| tree_html(nodes, m, lang))
                on:click=on_tree></div>
        </div>
    }
}

fn below_label(level: &str) -> &'static str {
    match level {
        "province" => "tỉnh",
        "district" => "huyện",
        "commune" => "xã",
        _ => "bản",
    }
}

fn focus_name() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id("loc-name") {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The visible rows as HTML text: a treeitem per place, its tags, and buttons carrying
/// `data-action` and `data-id` for the tree's one click listener.
fn tree_html(nodes: &[Node], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for n in nodes {
        let id = esc(&n.id);
        let _ = write!(
            out,
            "<div role=\"treeitem\" aria-level=\"{}\"{} class=\"tree-row depth-{}{}\" data-testid=\"place-node\" data-id=\"{id}\">",
            n.depth + 1,
            if n.has_children { format!(" aria-expanded=\"{}\"", n.open) } else { String::new() },
            n.depth.min(8),
            if n.retired { " retired" } else { "" },
        );
        if n.has_children {
            let _ = write!(
                out,
                "<button type=\"button\" class=\"twisty\" data-action=\"toggle\" data-id=\"{id}\" aria-label=\"{}\">{}</button>",
                esc(&n.name),
                if n.open { "▾" } else { "▸" }
            );
        }
        let _ = write!(
            out,
            "<span class=\"tree-name\">{}</span><span class=\"tag\">{}</span>",
            esc(&n.name),
            esc(label(LOCATION_LEVELS, &n.level, lang))
        );
        if n.difficult {
            let _ = write!(out, "<span class=\"tag tag-dbkk\">{}</span>", esc(m.dbkk));
        }
        if n.retired {
            let _ = write!(
                out,
                "<span class=\"tag tag-retired\">{}</span>",
                esc(m.retired)
            );
        }
        out.push_str("<span class=\"tree-actions\">");
        html_list::button(&mut out, "loc-edit", "edit", &n.id, m.edit);
        if n.level != "village" {
            html_list::button(&mut out, "loc-add-child", "add-child", &n.id, m.add_child);
        }
        out.push_str("</span></div>");
    }
    out
}

/// A visible row of the tree.
#[derive(Clone, Debug, PartialEq)]
struct Node {
    id: String,
    rev: i64,
    name: String,
    level: String,
    depth: usize,
    difficult: bool,
    retired: bool,
    has_children: bool,
    open: bool,
}

/// The tree in display order: roots, then children of open nodes. Communes are open by
/// default only when expanded; districts and provinces always show their children.
fn flatten(ds: &crate::domain::Dataset, expanded: &HashSet<String>) -> Vec<Node> {
    let idx = LocationIndex::new(&ds.locations);
    let mut out = Vec::new();
    let mut stack: Vec<(&Location, usize)> =
        idx.roots().into_iter().rev().map(|l| (l, 0)).collect();
    while let Some((l, depth)) = stack.pop() {
        let children = idx.children(&l.id);
        let open = l.level != "commune" || expanded.contains(&l.id);
        out.push(Node {
            id: l.id.clone(),
            rev: l.rev,
            name: place_name(l),
            level: l.level.clone(),
            depth,
            difficult: l.difficult,
            retired: l.valid_to.is_some(),
            has_children: !children.is_empty(),
            open,
        });
        if open && depth < 8 {
            stack.extend(children.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::messages;

    fn node(id: &str, name: &str, level: &str, depth: usize) -> Node {
        Node {
            id: id.into(),
            rev: 1,
            name: name.into(),
            level: level.into(),
            depth,
            difficult: false,
            retired: false,
            has_children: false,
            open: false,
        }
    }

    #[test]
    fn rows_carry_their_actions_and_escape_names() {
        let mut commune = node("c-1", "Xã <b>Pà Cò</b>", "commune", 0);
        commune.has_children = true;
        commune.difficult = true;
        let mut village = node("v-\"1", "Bản Sáng", "village", 1);
        village.retired = true;
        let html = tree_html(&[commune, village], messages(Lang::Vi), Lang::Vi);
        assert!(html.contains("Xã &lt;b&gt;Pà Cò&lt;/b&gt;"), "{html}");
        assert!(html.contains("aria-expanded=\"false\""));
        assert!(html.contains("data-action=\"toggle\" data-id=\"c-1\""));
        assert!(html.contains("tree-row depth-1 retired"));
        assert!(html.contains("data-id=\"v-&quot;1\""));
        assert_eq!(
            html.matches("data-action=\"add-child\"").count(),
            1,
            "no children under a village"
        );
        assert_eq!(html.matches("data-action=\"edit\"").count(), 2);
        assert!(html.contains("tag-dbkk"));
    }
}
