//! Settings (`#/settings`): interface language, the unit this browser works for, storage (see
//! `settings_storage`) and the demo.

use leptos::prelude::*;

use crate::domain::record::{Record, Unit};
use crate::domain::validate::check_unit;
use crate::domain::Lang;
use crate::store::settings::WHOLE_PROVINCE;
use crate::ui::app::use_ctx;
use crate::ui::browser::{new_id, now_iso};
use crate::ui::demo;
use crate::ui::form::{focus_first_error, Errors, Input, Select};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let unit_id = RwSignal::new(ctx.settings.with_untracked(|s| s.unit_id.clone()));
    let saved = RwSignal::new(false);
    // The coordinator first, then the directory's units of today.
    let units = Memo::new(move |_| {
        let mut options = vec![(
            WHOLE_PROVINCE.to_string(),
            m.settings_whole_province.to_string(),
        )];
        options.extend(ctx.data.with(crate::view::options::unit_options));
        options
    });
    let has_units = Memo::new(move |_| ctx.data.with(|ds| !ds.units.is_empty()));

    let save = move || {
        let id = unit_id.get_untracked();
        ctx.update_settings(|s| s.unit_id = id);
        saved.set(ctx.save_error.get_untracked().is_none());
    };

    // A unit not yet in the directory is added there (a tracked record, so it travels in the
    // unit's bundles) and chosen, in one step.
    let new_name = RwSignal::new(ctx.settings.with_untracked(|s| s.unit_label.clone()));
    let new_short = RwSignal::new(String::new());
    let add_errors = Errors::new();
    let add = move || {
        add_errors.clear();
        saved.set(false);
        let mut unit = Unit {
            id: new_id(),
            name: new_name.get_untracked().trim().to_string(),
            short_name: new_short.get_untracked().trim().to_string(),
            level: "province".into(),
            ..Unit::default()
        };
        unit.touch(&now_iso());
        let id = unit.id.clone();
        match ctx.data.save_record(unit, check_unit) {
            Err(problems) => {
                add_errors.show(&problems, ctx.lang(), &["name", "short_name"], "name");
                focus_first_error("settings-unit-add-form");
            }
            Ok(()) => {
                unit_id.set(id);
                new_name.set(String::new());
                new_short.set(String::new());
                save();
            }
        }
    };

    view! {
        <section class="page" data-testid="page-settings">
            <h1>{m.settings_title}</h1>
            <form
                class="form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <div class="field">
                    <label for="settings-lang">{m.settings_language}</label>
                    <select
                        id="settings-lang"
                        data-testid="settings-lang"
                        aria-describedby="settings-lang-hint"
                        on:change=move |ev| {
                            if let Some(lang) = Lang::parse(&event_target_value(&ev)) {
                                ctx.update_settings(|s| s.lang = lang);
                            }
                        }
                    >
                        {Lang::ALL
                            .into_iter()
                            .map(|lang| {
                                view! {
                                    <option value=lang.tag() selected=move || ctx.lang() == lang>
                                        {lang.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="hint" id="settings-lang-hint">{m.settings_language_hint}</p>
                </div>
                <Select id="settings-unit-id" label=m.settings_unit value=unit_id options=units empty=m.none_option />
                <p class="hint">{m.settings_unit_hint}</p>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="settings-save">
                        {m.settings_save}
                    </button>
                    <span class="status" role="status" data-testid="settings-status">
                        {move || saved.get().then_some(m.settings_saved)}
                    </span>
                </div>
            </form>
            <details class="settings-unit-add" open=move || !has_units.get()>
                <summary>{m.settings_unit_add_title}</summary>
                <form class="form" data-testid="settings-unit-add-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }>
                    <div class="grid">
                        <Input id="settings-unit" label=m.settings_unit_placeholder value=new_name required=true error=add_errors.of("name") />
                        <Input id="settings-unit-short" label=m.settings_unit_short value=new_short error=add_errors.of("short_name") />
                    </div>
                    <div class="actions">
                        <button type="submit" data-testid="settings-unit-add">{m.settings_unit_add}</button>
                    </div>
                </form>
            </details>
            <super::settings_storage::StorageInfo />
            <section class="settings-demo">
                <h2>{m.settings_demo}</h2>
                <p class="hint">{m.settings_demo_hint}</p>
                {match ctx.sample() {
                    Some(open) => view! {
                        <button type="button" data-testid="settings-demo-exit" on:click=move |_| demo::leave(&ctx)>{m.demo_exit}</button>
                        " "<demo::SwitchSample open />
                    }.into_any(),
                    None => view! {
                        <button type="button" data-testid="settings-demo" on:click=move |_| demo::enter(&ctx, demo::Sample::Today)>{m.settings_demo}</button>
                        " "<button type="button" data-testid="settings-demo-2023" on:click=move |_| demo::enter(&ctx, demo::Sample::Of2023)>{m.welcome_demo_2023}</button>
                    }.into_any(),
                }}
            </section>
        </section>
    }
}
