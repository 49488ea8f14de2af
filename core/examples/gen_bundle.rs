//! Writes a generated province as a bundle file, for benchmarks and manual testing:
//!
//! `cargo run -p donghanh-core --release --example gen_bundle -- 30000 > province-30000.json`
//!
//! With `--stats`, prints to stderr what the store would use for it (native timings).
//! With `--demo`, writes the demo province instead (`public/demo.json`):
//! `cargo run -p donghanh-core --example gen_bundle -- --demo > public/demo.json`
//! and with `--demo-2023` the sample of 2023, before the reform (`public/demo-2023.json`).

use donghanh_core::bundle::format;
use donghanh_core::sample::{generate, Scale};
use donghanh_core::store::backend::{Backend, Memory};
use donghanh_core::store::workspace::Workspace;
use donghanh_core::store::QUOTA_UNITS;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(30_000);
    if args.iter().any(|a| a == "--demo-2023") {
        print!("{}", donghanh_core::sample::demo::seed_bundle_text());
        return;
    }
    if args.iter().any(|a| a == "--demo") {
        print!("{}", donghanh_core::sample::demo::bundle_text());
        return;
    }
    let ds = generate(&Scale::province().with_activities(n));
    let text = format::write(&ds, "2026-01-01T00:00:00Z", None);
    if args.iter().any(|a| a == "--stats") {
        let (mut ws, _) = Workspace::open(Memory::default(), "data", "2026-01-01T00:00:00Z");
        let records = ds.record_count();
        ws.edit(|d| *d = ds);
        let started = std::time::Instant::now();
        let saved = ws.save("0123456789abcdef", "2026-01-01T00:00:00Z").is_ok();
        let save_ms = started.elapsed().as_secs_f64() * 1000.0;
        let units = ws.backend.used();
        let started = std::time::Instant::now();
        let (back, _) = Workspace::open(ws.backend.clone(), "data", "2026-01-01T00:00:00Z");
        let open_ms = started.elapsed().as_secs_f64() * 1000.0;
        eprintln!(
            "activities {n}: records {records}, bundle {} bytes, stored {units} UTF-16 units ({:.1}% of quota) \
             in {} keys, saved {saved} in {save_ms:.0} ms, reopened {} records in {open_ms:.0} ms (native)",
            text.len(),
            units as f64 * 100.0 / QUOTA_UNITS as f64,
            ws.backend.keys().len(),
            back.data().record_count()
        );
    }
    print!("{text}");
}
