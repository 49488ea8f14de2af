//! Small browser services the pages need: the clock, randomness, file downloads.

use wasm_bindgen::JsCast;

/// Now, as an RFC 3339 UTC timestamp (`2026-11-27T08:30:00.000Z`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date, ISO (`2026-11-27`), in the browser's local time zone.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// This year, in the browser's local time zone.
pub fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// Random bytes from the browser's CSPRNG (falls back to Math.random if crypto is missing).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut out).is_ok())
        .unwrap_or(false);
    if !filled {
        for b in out.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    out
}

/// A new record id (UUID v4).
pub fn new_id() -> String {
    crate::domain::ids::uuid_v4(random_bytes())
}

/// A short random token (hex) for write stamps.
pub fn token() -> String {
    random_bytes::<8>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Offer `text` as a file download.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    save_blob(filename, &blob)
}

/// Let the browser paint before heavy work continues (a frame, then a task).
pub async fn yield_to_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    0,
                );
            }
        });
        let _ = w.request_animation_frame(then.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The text of a file the user picked or dropped. Read as bytes and checked as UTF-8 here:
/// going through a JS string would decode, re-encode and copy a 20 MB bundle twice over.
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    let bytes = file_bytes(file).await?;
    // Invalid bytes become U+FFFD, as `File.text()` does; the bundle checks then name the field.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A picked file's bytes.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// SHA-256 of `bytes` as 64 hex digits, by the browser's SubtleCrypto: native code, off the
/// page's thread, started at once (the browser copies `bytes`), so several run side by side.
/// None where the browser offers none (a page not from a secure origin: the caller hashes in
/// wasm instead).
pub fn sha256_hex(bytes: &[u8]) -> impl std::future::Future<Output = Option<String>> {
    // `subtle` is undefined outside a secure context: the call then throws, caught here.
    let started = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| {
            c.subtle()
                .digest_with_str_and_u8_array("SHA-256", bytes)
                .ok()
        })
        .map(wasm_bindgen_futures::JsFuture::from);
    async move {
        let buffer = started?.await.ok()?;
        let sum = js_sys::Uint8Array::new(&buffer).to_vec();
        (sum.len() == 32).then(|| sum.iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// Fetch a same-origin URL as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let w = web_sys::window().ok_or("no window")?;
    // Only files of this site: whatever the address looks like, it must resolve here.
    let here = w.location();
    let base = here.href().map_err(|e| format!("{e:?}"))?;
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(|_| format!("{url}?"))?;
    if Some(resolved.origin()) != here.origin().ok() {
        return Err(format!("{} — not on this site", resolved.origin()));
    }
    let resp = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "no response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// A performance mark, for `make bench` to read.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// An RFC 3339 timestamp as local `dd/mm/yyyy hh:mm` (officers read local time).
pub fn local_datetime(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Offer bytes as a file download.
pub fn download_bytes(filename: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(err)?;
    save_blob(filename, &blob)
}

fn save_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.style().set_property("display", "none").map_err(err)?;
    doc.body().ok_or("no body")?.append_child(&a).map_err(err)?;
    a.click();
    a.remove();
    // Revoke later: some browsers start the download only after the click handler returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}
