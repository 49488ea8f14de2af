//! Settings (`#/settings`): interface language, the unit this browser works for, storage (see
//! `settings_storage`) and the demo.

use leptos::prelude::*;

use crate::domain::Lang;
use crate::ui::app::use_ctx;
use crate::ui::demo;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let draft = RwSignal::new(ctx.settings.with_untracked(|s| s.unit_label.clone()));
    let unit_id = RwSignal::new(ctx.settings.with_untracked(|s| s.unit_id.clone()));
    let saved = RwSignal::new(false);
    let units = Memo::new(move |_| ctx.data.with(crate::view::options::unit_options));

    let save = move || {
        let label = draft.get_untracked().trim().to_string();
        let id = unit_id.get_untracked();
        ctx.update_settings(|s| {
            s.unit_label = label;
            s.unit_id = id;
        });
        saved.set(ctx.save_error.get_untracked().is_none());
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
                <Show
                    when=move || units.with(|u| !u.is_empty())
                    fallback=move || view! {
                        <div class="field">
                            <label for="settings-unit">{m.settings_unit}</label>
                            <input
                                id="settings-unit"
                                type="text"
                                data-testid="settings-unit"
                                maxlength="200"
                                autocomplete="organization"
                                aria-describedby="settings-unit-hint"
                                placeholder=m.settings_unit_placeholder
                                prop:value=move || draft.get()
                                on:input=move |ev| {
                                    draft.set(event_target_value(&ev));
                                    saved.set(false);
                                }
                            />
                            <p class="hint" id="settings-unit-hint">{m.settings_unit_hint}</p>
                        </div>
                    }
                >
                    <crate::ui::form::Select id="settings-unit-id" label=m.settings_unit value=unit_id options=units empty=m.none_option />
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="settings-save">
                        {m.settings_save}
                    </button>
                    <span class="status" role="status" data-testid="settings-status">
                        {move || saved.get().then_some(m.settings_saved)}
                    </span>
                </div>
            </form>
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
