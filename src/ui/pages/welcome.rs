//! The first-run welcome, shown on the overview while this browser has no data and the question
//! was never answered: first, import the directory the province sent (units never type their
//! own); else open the demo province, or start empty (then the numbered first steps lead).

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::demo;
use crate::ui::router::Page;

#[component]
pub fn Welcome() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let show = Memo::new(move |_| {
        !ctx.in_demo() && !ctx.settings.with(|s| s.welcomed) && ctx.data.with(|ds| ds.is_empty())
    });
    let answered = move || ctx.update_settings(|s| s.welcomed = true);
    let go_to = move |hash: &str| {
        answered();
        let _ = window().location().set_hash(hash);
    };
    let go = move |page: Page| go_to(&page.href());

    view! {
        <Show when=move || show.get()>
            <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
                <h2 id="welcome-title">{m.welcome_title}</h2>
                <p>{m.welcome_body}</p>
                <div class="welcome-choices">
                    <button type="button" class="primary" data-testid="welcome-import" on:click=move |_| go(Page::Import)>
                        <strong>{m.welcome_import}</strong>
                        <span>{m.welcome_import_hint}</span>
                    </button>
                    <button type="button" data-testid="welcome-demo" on:click=move |_| demo::enter(&ctx, demo::Sample::Today)>
                        <strong>{m.welcome_demo}</strong>
                        <span>{m.welcome_demo_hint}</span>
                    </button>
                    <button type="button" data-testid="welcome-demo-2023" on:click=move |_| demo::enter(&ctx, demo::Sample::Of2023)>
                        <strong>{m.welcome_demo_2023}</strong>
                        <span>{m.welcome_demo_2023_hint}</span>
                    </button>
                    <button type="button" data-testid="welcome-empty" on:click=move |_| go_to("#/directory?tab=units")>
                        <strong>{m.welcome_empty}</strong>
                        <span>{m.welcome_empty_hint}</span>
                    </button>
                </div>
            </section>
        </Show>
    }
}
