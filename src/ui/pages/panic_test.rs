//! `#/__panic`: a test hook that panics on purpose, so the end-to-end tests can check that a
//! panic shows the "your data is safe, reload" banner. Nothing links here.

use leptos::prelude::*;

#[component]
pub fn PanicPage() -> impl IntoView {
    Effect::new(|_| panic!("deliberate panic from #/__panic (test hook)"));
    view! { <section class="page" data-testid="page-panic"></section> }
}
