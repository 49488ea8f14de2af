//! The browser's storage manager: ask that this site's data be kept even when the disk runs
//! low (`navigator.storage.persist()`), whether that was granted, and how full the site's quota
//! is. Browsers without it (older ones, some `file://` pages) answer `None`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing outside secure contexts: check before calling.
    let has = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn answer(
    p: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(p.ok()?).await.ok()
}

/// Ask for persistent storage; answers whether it is granted.
pub async fn request() -> Option<bool> {
    answer(manager()?.persist()).await?.as_bool()
}

/// Whether storage is persistent, without asking.
pub async fn granted() -> Option<bool> {
    answer(manager()?.persisted()).await?.as_bool()
}

/// (bytes used, bytes allowed) for this site, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let e = answer(manager()?.estimate()).await?;
    let field = |name: &str| {
        js_sys::Reflect::get(&e, &name.into())
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Number>().ok())
            .map(|n| n.value_of())
    };
    Some((field("usage")?, field("quota")?))
}
