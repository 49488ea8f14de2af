//! The floor for `make bench`: a minimal Leptos counter, built exactly like the app (same crate
//! versions, release profile, wasm-opt), whose transfer size and load time the app is measured
//! against. Not part of the app.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        Effect::new(|_| {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("app-interactive");
            }
        });
        view! {
            <main>
                <button data-testid="page-counter" on:click=move |_| *count.write() += 1>
                    {move || count.get()}
                </button>
            </main>
        }
    });
}
