//! Directory (`#/directory?tab=places|units|assignments|coverage`): the location tree, units,
//! assignments, and the coverage of especially difficult communes and villages.

mod assignments;
mod coverage;
mod duplicates;
mod places;
mod units;

use leptos::prelude::*;

use crate::ui::app::use_ctx;

const TABS: [&str; 4] = ["places", "units", "assignments", "coverage"];

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let tab = Memo::new(move |_| {
        ctx.route.with(|r| {
            r.param("tab")
                .filter(|t| TABS.contains(t))
                .unwrap_or("places")
                .to_string()
        })
    });
    let label = move |t: &str| match t {
        "units" => m.dir_units,
        "assignments" => m.dir_assignments,
        "coverage" => m.dir_coverage,
        _ => m.dir_locations,
    };
    view! {
        <section class="page" data-testid="page-directory">
            <h1>{m.dir_title}</h1>
            <super::first_steps::FirstSteps />
            <duplicates::Duplicates />
            <nav class="tabs" aria-label=m.dir_title>
                {TABS
                    .into_iter()
                    .map(|t| {
                        view! {
                            <a
                                href=format!("#/directory?tab={t}")
                                data-testid=format!("tab-{t}")
                                aria-current=move || (tab.get() == t).then_some("page")
                            >
                                {label(t)}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            {move || match tab.get().as_str() {
                "units" => units::UnitsTab().into_any(),
                "assignments" => assignments::AssignmentsTab().into_any(),
                "coverage" => coverage::CoverageTab().into_any(),
                _ => places::PlacesTab().into_any(),
            }}
        </section>
    }
}
