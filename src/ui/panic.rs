//! On a panic: a readable message in the console, and an in-page banner telling the user that
//! the data is safe and to reload. The banner is built with plain DOM calls because the reactive
//! runtime cannot be trusted once a panic has happened.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::Lang;
use crate::view::i18n::messages;

static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Remember the interface language so the banner speaks it.
pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner();
    }));
}

fn show_banner() {
    let lang = if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    };
    let m = messages(lang);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let build = || -> Result<(), wasm_bindgen::JsValue> {
        let banner = doc.create_element("div")?;
        banner.set_id("panic-banner");
        banner.set_attribute("role", "alert")?;
        banner.set_attribute("data-testid", "panic-banner")?;
        let title = doc.create_element("strong")?;
        title.set_text_content(Some(m.panic_title));
        let text = doc.create_element("p")?;
        text.set_text_content(Some(m.panic_body));
        let button = doc.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_text_content(Some(m.panic_reload));
        let reload = Closure::once_into_js(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        button.add_event_listener_with_callback("click", reload.unchecked_ref())?;
        banner.append_child(&title)?;
        banner.append_child(&text)?;
        banner.append_child(&button)?;
        body.prepend_with_node_1(&banner)?;
        Ok(())
    };
    let _ = build();
}
