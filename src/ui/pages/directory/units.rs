//! Units: the agencies that help, provincial or district level.

use leptos::prelude::*;

use crate::domain::catalog::{BLOCS, UNIT_LEVELS};
use crate::domain::record::{IdList, Record, Unit};
use crate::domain::validate::check_unit;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::form::{Entry, EntryForm, Input, Select};
use crate::ui::html_list;
use crate::view::directory::units_html;
use crate::view::form::{date_text, DATE_PLACEHOLDER};
use crate::view::options::{code_options, location_options, units_on};

const SHOWN: &[&str] = &[
    "name",
    "short_name",
    "superior",
    "level",
    "location_id",
    "bloc",
    "valid_from",
    "valid_to",
    "successors",
];

#[component]
pub fn UnitsTab() -> impl IntoView {
    let (_, m, lang, data) = use_page();
    let entry = Entry::new();
    let errors = entry.errors;
    let s = || RwSignal::new(String::new());
    let (name, short, superior, district, bloc) = (s(), s(), s(), s(), s());
    let (from, to, next) = (s(), s(), s());
    let level = RwSignal::new(String::from("province"));

    let reset = move || {
        entry.clear();
        for f in [name, short, superior, district, bloc, from, to, next] {
            f.set(String::new());
        }
        level.set("province".into());
    };
    let submit = move || {
        entry.begin();
        let mut u: Unit = data.editing_or_new(entry.editing.get_untracked());
        u.name = name.get_untracked().trim().to_string();
        u.short_name = short.get_untracked().trim().to_string();
        u.superior = superior.get_untracked().trim().to_string();
        u.level = level.get_untracked();
        u.location_id =
            Some(district.get_untracked()).filter(|d| !d.is_empty() && u.level == "district");
        u.bloc = bloc.get_untracked();
        u.valid_from = errors.date("valid_from", &from.get_untracked(), lang);
        u.valid_to = errors.date("valid_to", &to.get_untracked(), lang);
        // The form sets the first successor; any others that came by bundle are kept.
        let rest = u.successors.iter().skip(1).cloned();
        u.successors = IdList(
            Some(next.get_untracked())
                .filter(|n| !n.is_empty())
                .into_iter()
                .chain(rest)
                .collect(),
        );
        if !errors.is_empty() {
            return;
        }
        u.touch(&now_iso());
        if entry.store(data, u, check_unit, (SHOWN, "name")) {
            reset();
        }
    };
    let districts =
        Memo::new(move |_| data.with_places(|ds, idx| location_options(ds, idx, &["district"])));
    let rows = Memo::new(move |_| data.with(|ds| units_html(ds, m, lang)));

    let on_row = move |ev: leptos::ev::MouseEvent| {
        let Some(u) = html_list::clicked::<Unit>(&ev, data) else {
            return;
        };
        entry.edit(&u.id);
        name.set(u.name);
        short.set(u.short_name);
        superior.set(u.superior);
        level.set(u.level);
        district.set(u.location_id.unwrap_or_default());
        bloc.set(u.bloc);
        from.set(date_text(u.valid_from.as_deref()));
        to.set(date_text(u.valid_to.as_deref()));
        next.set(u.successors.first().cloned().unwrap_or_default());
    };
    // A unit passes its work to another unit (renamed or merged), not to itself.
    let heirs = Memo::new(move |_| {
        let me = entry.editing.get().unwrap_or_default();
        let mut list = data.with(|ds| units_on(ds, None));
        list.retain(|(id, _)| *id != me);
        list
    });

    // A unit of the same name and level is already here: say so while typing.
    let twin = move || {
        let (n, lv, me) = (name.get(), level.get(), entry.editing.get());
        data.with(|ds| {
            crate::domain::duplicates::existing_unit(ds, &n, &lv, me.as_deref())
                .map(|u| u.name.clone())
        })
    };

    view! {
        <div class="split">
            <EntryForm testid="unit-form" entry=entry titles=(m.unit_new, m.unit_editing) save_testid="unit-save"
                on_submit=Callback::new(move |_| submit()) on_reset=Callback::new(move |_| reset())>
                <div class="grid">
                    <Input id="unit-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Input id="unit-short-name" label=m.f_short_name value=short error=errors.of("short_name") />
                    <Input id="unit-superior" label=m.f_superior value=superior hint=m.f_superior_hint error=errors.of("superior") />
                    <Select id="unit-level" label=m.f_unit_level value=level options=Signal::derive(move || code_options(UNIT_LEVELS, lang)) required=true error=errors.of("level") />
                    <Show when=move || level.get() == "district">
                        <Select id="unit-district" label=m.f_district value=district options=districts empty=m.none_option error=errors.of("location_id") />
                    </Show>
                    <Select id="unit-bloc" label=m.f_bloc value=bloc options=Signal::derive(move || code_options(BLOCS, lang)) empty=m.none_option error=errors.of("bloc") />
                    <Input id="unit-valid-from" label=m.f_valid_from value=from placeholder=DATE_PLACEHOLDER error=errors.of("valid_from") />
                    <Input id="unit-valid-to" label=m.f_unit_valid_to value=to placeholder=DATE_PLACEHOLDER error=errors.of("valid_to") />
                    <Select id="unit-successor" label=m.f_unit_successor value=next options=heirs empty=m.none_option error=errors.of("successors") />
                </div>
                {move || twin().map(|n| view! {
                    <p class="note" role="status" data-testid="dup-warning">{format!("{} “{n}” — {}", m.dup_warning, m.dup_warning_hint)}</p>
                })}
            </EntryForm>
            <Show when=move || data.with(|ds| ds.units.is_empty())>
                <div class="empty-panel" data-testid="unit-table-empty">
                    <p>{m.dir_units_empty}</p>
                    <p><a href="#/import">{m.welcome_import}</a></p>
                </div>
            </Show>
            <table class="data-table card-rows" data-testid="unit-table" on:click=on_row hidden=move || data.with(|ds| ds.units.is_empty())>
                <thead>
                    <tr><th scope="col">{m.f_name}</th><th scope="col">{m.f_short_name}</th><th scope="col">{m.f_unit_level}</th><th scope="col">{m.f_bloc}</th><th scope="col"><span class="visually-hidden">{m.actions}</span></th></tr>
                </thead>
                <tbody inner_html=move || rows.get()></tbody>
            </table>
        </div>
    }
}
