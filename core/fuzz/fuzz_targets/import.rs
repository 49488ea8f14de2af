//! parse → migrate → validate → preview → merge, on arbitrary bytes, against a small stored
//! workspace: nothing may panic, and merging the same bundle twice must change nothing.
#![no_main]

use std::sync::OnceLock;

use donghanh_core::bundle::import::prepare;
use donghanh_core::bundle::merge::{apply, preview, Choices};
use donghanh_core::domain::Dataset;
use libfuzzer_sys::fuzz_target;

fn stored() -> &'static Dataset {
    static STORED: OnceLock<Dataset> = OnceLock::new();
    STORED.get_or_init(|| {
        let text = include_str!("../../../tests/fixtures/bundles/small.json");
        prepare(text, &Dataset::default()).map(|p| p.data).unwrap_or_default()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(prepared) = prepare(text, stored()) else { return };
    let mut merged = stored().clone();
    apply(&mut merged, &prepared.data, &Choices::all_incoming(&prepared.preview));
    let once = merged.clone();
    apply(&mut merged, &prepared.data, &Choices::all_incoming(&prepared.preview));
    assert_eq!(merged, once, "merging twice changed something");
    let again = preview(&merged, &prepared.data);
    assert_eq!(again.total().new, 0, "records still new after merging");
});
