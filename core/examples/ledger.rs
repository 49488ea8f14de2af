//! Prints the claim ledger of a drafted narrative of the demo: each paragraph, then each claim
//! it makes — what it counts, the words it writes and how many records are behind it, with the
//! first few ids — so a reviewer can check a sentence against the records:
//!
//! `cargo run -p donghanh-core --example ledger -- 2023 [today|period] [unit-id]`

use donghanh_core::domain::query::LocationIndex;
use donghanh_core::report::scope::{Boundaries, Scope};
use donghanh_core::view::reports::{area_name, narrative_claims};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let period = args.first().map_or("2021-2025", String::as_str);
    let today = "2026-11-30";
    let map = match args.get(1).map(String::as_str) {
        Some("period") => Boundaries::Period,
        _ => Boundaries::Today(today.into()),
    };
    let ds = donghanh_core::sample::demo::demo();
    let idx = LocationIndex::new(&ds.locations);
    let scope = Scope::for_period(period)
        .unit(args.get(2).map(String::as_str))
        .drawn_on(today)
        .on_map(map, &ds, &idx);
    let area = area_name(&ds, &idx, "", &scope);
    for p in narrative_claims(&ds, &idx, &scope, period, area) {
        println!("\n{}", p.text);
        for c in &p.claims {
            let shown: Vec<&str> = c.records.iter().take(3).copied().collect();
            println!(
                "  - {:?} “{}” ← {} record(s) {}{}",
                c.basis,
                c.text,
                c.records.len(),
                shown.join(", "),
                if c.records.len() > 3 { ", …" } else { "" }
            );
        }
    }
}
