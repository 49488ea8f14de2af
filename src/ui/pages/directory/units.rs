//! Units: the agencies that help, provincial or district level.

use leptos::prelude::*;

use super::location_options;
use crate::domain::catalog::{label, BLOCS, UNIT_LEVELS};
use crate::domain::record::{Record, Unit};
use crate::domain::validate::check_unit;
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;
use crate::ui::form::{code_options, Errors, Input, Select};
use crate::ui::html_list;

const SHOWN: &[&str] = &["name", "short_name", "level", "location_id", "bloc"];

#[component]
pub fn UnitsTab() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let errors = Errors::new();
    let editing = RwSignal::new(None::<String>);
    let s = || RwSignal::new(String::new());
    let (name, short, district, bloc) = (s(), s(), s(), s());
    let level = RwSignal::new(String::from("province"));
    let saved = RwSignal::new(false);

    let reset = move || {
        editing.set(None);
        errors.clear();
        for f in [name, short, district, bloc] {
            f.set(String::new());
        }
        level.set("province".into());
    };
    let submit = move || {
        errors.clear();
        saved.set(false);
        let mut u: Unit = data.editing_or_new(editing.get_untracked());
        u.name = name.get_untracked().trim().to_string();
        u.short_name = short.get_untracked().trim().to_string();
        u.level = level.get_untracked();
        u.location_id =
            Some(district.get_untracked()).filter(|d| !d.is_empty() && u.level == "district");
        u.bloc = bloc.get_untracked();
        u.touch(&now_iso());
        match data.save_record(u, check_unit) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "name"),
            Ok(()) => {
                saved.set(true);
                reset();
            }
        }
    };
    let districts = Memo::new(move |_| data.with(|ds| location_options(ds, &["district"])));
    let rows = Memo::new(move |_| {
        data.with(|ds| {
            let mut us: Vec<Unit> = ds.units.clone();
            crate::domain::order::sort_by(&mut us, |a, b| {
                (&a.level, &a.name).cmp(&(&b.level, &b.name))
            });
            us
        })
    });

    let on_row = move |ev: leptos::ev::MouseEvent| {
        let Some(u) = html_list::clicked::<Unit>(&ev, data) else {
            return;
        };
        editing.set(Some(u.id.clone()));
        name.set(u.name);
        short.set(u.short_name);
        level.set(u.level);
        district.set(u.location_id.unwrap_or_default());
        bloc.set(u.bloc);
    };

    view! {
        <div class="split">
            <form class="entry-form" data-testid="unit-form" novalidate
                on:submit=move |ev| { ev.prevent_default(); submit(); }
                on:keydown=move |ev| if ev.key() == "Escape" { reset() }
            >
                <h2>{move || if editing.get().is_some() { m.unit_editing } else { m.unit_new }}</h2>
                <p class="hint">{m.required_note}</p>
                <div class="grid">
                    <Input id="unit-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Input id="unit-short-name" label=m.f_short_name value=short error=errors.of("short_name") />
                    <Select id="unit-level" label=m.f_unit_level value=level options=Signal::derive(move || code_options(UNIT_LEVELS, lang)) required=true error=errors.of("level") />
                    <Show when=move || level.get() == "district">
                        <Select id="unit-district" label=m.f_district value=district options=districts empty=m.none_option error=errors.of("location_id") />
                    </Show>
                    <Select id="unit-bloc" label=m.f_bloc value=bloc options=Signal::derive(move || code_options(BLOCS, lang)) empty=m.none_option error=errors.of("bloc") />
                </div>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="unit-save">{m.save}</button>
                    <button type="button" on:click=move |_| reset()>{m.cancel}</button>
                    <span class="status" role="status">{move || saved.get().then_some(m.saved)}</span>
                </div>
            </form>
            <table class="data-table" data-testid="unit-table" on:click=on_row>
                <thead>
                    <tr><th scope="col">{m.f_name}</th><th scope="col">{m.f_short_name}</th><th scope="col">{m.f_unit_level}</th><th scope="col">{m.f_bloc}</th><th scope="col"><span class="visually-hidden">{m.actions}</span></th></tr>
                </thead>
                <tbody inner_html=move || rows.with(|us| {
                    let mut out = String::new();
                    for u in us {
                        let cells = [
                            esc(&u.name),
                            esc(&u.short_name),
                            esc(label(UNIT_LEVELS, &u.level, lang)),
                            esc(label(BLOCS, &u.bloc, lang)),
                        ];
                        html_list::edit_row(&mut out, "unit-row", &cells, ("unit-edit", &u.id, m.edit));
                    }
                    out
                })></tbody>
            </table>
        </div>
    }
}
