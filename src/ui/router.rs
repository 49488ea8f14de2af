//! Follows the location hash for the life of the app; the routes themselves (`Page`, `Route`)
//! are parsed by the core (`view::route`).

use leptos::prelude::*;

pub use crate::view::route::{Page, Route};

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal that follows `hashchange` for the life of the app.
pub fn route_signal() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let visits = std::cell::Cell::new(0u64);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        super::browser::mark("route-change");
        visits.set(visits.get() + 1);
        set_route.set(Route {
            visit: visits.get(),
            ..Route::parse(&current_hash())
        });
    });
    // The router lives as long as the page: keep listening.
    std::mem::forget(handle);
    route
}
