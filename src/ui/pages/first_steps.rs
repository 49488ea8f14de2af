//! The first run's numbered steps (`view::first_steps`), on the screens where they are done,
//! until all four are: after the welcome was answered or once there is data, never in the demo.

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::view::first_steps;

#[component]
pub fn FirstSteps() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let html = Memo::new(move |_| {
        if ctx.in_demo() {
            return String::new();
        }
        let me = ctx.settings.with(|s| s.unit_id.clone());
        let welcomed = ctx.settings.with(|s| s.welcomed);
        ctx.data.with(|ds| {
            if !welcomed && ds.is_empty() {
                // The welcome asks first.
                return String::new();
            }
            first_steps::html(ds, &me, m)
        })
    });
    view! { <div inner_html=move || html.get()></div> }
}
