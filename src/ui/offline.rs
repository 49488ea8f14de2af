//! Offline: register the service worker (public/sw.js) so that after one visit the app opens
//! with no network, and tell the user when a new version has been deployed.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// Register the worker; `update_ready` becomes true when a new version waits to take over.
pub fn register(update_ready: RwSignal<bool>) {
    // The dev server rebuilds constantly: no caching there. A file opened from disk cannot
    // have a worker.
    if cfg!(debug_assertions) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    if w.location().protocol().as_deref() != Ok("https:")
        && w.location().protocol().as_deref() != Ok("http:")
    {
        return;
    }
    let navigator = w.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let promise = container.register("sw.js");
    leptos::task::spawn_local(async move {
        // Not a registration when something (a privacy setting, a test harness) stands in
        // for the browser's `register`: the app then simply runs without the worker.
        let Some(reg) = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            return;
        };
        let controlled = move || {
            web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
        };
        if reg.waiting().is_some() && controlled() {
            update_ready.set(true);
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = reg2.installing() else {
                return;
            };
            let w2 = worker.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if w2.state() == ServiceWorkerState::Installed && controlled() {
                    update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Switch to the waiting version and reload once it has taken over.
pub fn apply_update() {
    let Some(w) = web_sys::window() else { return };
    let container = w.navigator().service_worker();
    let on_change = Closure::once_into_js(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await
        else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Some(waiting) = reg.waiting() {
            let _ = ServiceWorker::post_message(&waiting, &"skip-waiting".into());
        }
    });
}
