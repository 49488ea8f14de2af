use super::*;
use crate::domain::record::{Activity, Record};
use crate::domain::testkit::{activity, small};

/// The officer's own treasury and commune beside the province's, one activity on them.
fn with_officer() -> Dataset {
    let mut ds = small();
    let mut u = ds.get::<Unit>("u-kbnn").cloned().expect("u-kbnn");
    u.id = "u-lan".into();
    u.name = "KBNN".into();
    ds.put(u);
    let mut c = ds.get::<Location>("c-paco").cloned().expect("c-paco");
    c.id = "c-lan".into();
    ds.put(c);
    ds.put(activity(
        "a-lan",
        "u-lan",
        "c-lan",
        "2024-02-01",
        "gifts",
        3_000_000,
    ));
    ds
}

#[test]
fn records_naming_an_alias_read_as_the_kept_record_without_a_new_revision() {
    let mut ds = with_officer();
    assert_eq!(
        add(
            &mut ds,
            Kind::Unit,
            "u-kbnn",
            "u-lan",
            "2026-12-01T00:00:00Z"
        ),
        Some(true)
    );
    assert_eq!(
        add(
            &mut ds,
            Kind::Location,
            "c-paco",
            "c-lan",
            "2026-12-01T00:00:00Z"
        ),
        Some(true)
    );
    // saying it again changes nothing
    assert_eq!(
        add(
            &mut ds,
            Kind::Unit,
            "u-kbnn",
            "u-lan",
            "2026-12-02T00:00:00Z"
        ),
        Some(false)
    );
    assert_eq!(ds.get::<Unit>("u-kbnn").map(|u| u.rev), Some(2));
    let before = ds.get::<Activity>("a-lan").cloned().expect("a-lan");
    assert_eq!(settle(&mut ds, None), 1);
    let after = ds.get::<Activity>("a-lan").expect("a-lan");
    assert_eq!(
        (after.unit_id.as_str(), after.location_id.as_str()),
        ("u-kbnn", "c-paco")
    );
    assert_eq!(
        (after.rev, after.updated_at.as_str()),
        (before.rev, before.updated_at.as_str())
    );
    // the officer's own records stay (hidden from lists), not deleted
    assert!(ds.get::<Unit>("u-lan").is_some());
    let a = Aliases::of(&[&ds]);
    assert!(a.hides(Kind::Unit, "u-lan") && !a.hides(Kind::Unit, "u-kbnn"));
    assert_eq!(settle(&mut ds, None), 0, "settled once");
}

#[test]
fn a_file_is_read_through_the_aliases_here_and_its_own() {
    let mut here = with_officer();
    add(
        &mut here,
        Kind::Unit,
        "u-kbnn",
        "u-lan",
        "2026-12-01T00:00:00Z",
    );
    settle(&mut here, None);
    // the officer's next file: her record, corrected, still naming her own unit
    let mut file = Dataset::default();
    let mut mine = activity("a-lan", "u-lan", "c-lan", "2024-02-01", "gifts", 3_500_000);
    mine.touch("2026-12-03T00:00:00Z");
    file.put(mine);
    let here_aliases = Aliases::of(&[&here]);
    assert_eq!(here_aliases.apply(&mut file), 1);
    assert_eq!(file.activities[0].unit_id, "u-kbnn");
    // a file that brings an alias: what it says beyond ours is what changes here
    let mut province = Dataset::default();
    let mut c = here.get::<Location>("c-paco").cloned().expect("c-paco");
    c.aliases.0.push("c-lan".into());
    province.put(c);
    let theirs = Aliases::of(&[&here, &province]);
    let beyond = theirs.beyond(&here_aliases);
    assert!(beyond.hides(Kind::Location, "c-lan") && !beyond.hides(Kind::Unit, "u-lan"));
    assert_eq!(settle(&mut here, Some(&province)), 1);
    assert_eq!(
        here.get::<Activity>("a-lan")
            .map(|a| a.location_id.as_str()),
        Some("c-paco")
    );
}

#[test]
fn two_claims_settle_alike_and_chains_and_cycles_are_bounded() {
    let mut a = Dataset::default();
    let mut b = Dataset::default();
    let unit = |id: &str, aliases: &[&str]| {
        let mut u = Unit::with_id(id.to_string());
        u.aliases.0 = aliases.iter().map(|s| s.to_string()).collect();
        u
    };
    a.put(unit("u-b", &["u-x"]));
    b.put(unit("u-a", &["u-x"]));
    // whichever is read first, the smaller id keeps the alias
    assert_eq!(Aliases::of(&[&a, &b]).unit("u-x"), "u-a");
    assert_eq!(Aliases::of(&[&b, &a]).unit("u-x"), "u-a");
    // a chain is followed; a cycle reads as no alias
    let mut c = Dataset::default();
    c.put(unit("u-1", &["u-2"]));
    c.put(unit("u-2", &["u-3"]));
    assert_eq!(Aliases::of(&[&c]).unit("u-3"), "u-1");
    c.put(unit("u-3", &["u-1"]));
    let cyc = Aliases::of(&[&c]);
    for id in ["u-1", "u-2", "u-3"] {
        assert!(["u-1", "u-2", "u-3"].contains(&cyc.unit(id)));
    }
    let mut d = Dataset::default();
    d.put(unit("u-p", &["u-q"]));
    d.put(unit("u-q", &["u-p"]));
    assert_eq!(Aliases::of(&[&d]).unit("u-p"), "u-p");
}
