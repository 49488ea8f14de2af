//! Small hand-made records for native tests.

use super::dataset::Dataset;
use super::record::{Activity, Assignment, IdList, Location, Model, Plan, PlanItem, Report, Unit};

pub const T0: &str = "2026-01-01T00:00:00Z";

pub fn loc(id: &str, level: &str, parent: Option<&str>, name: &str) -> Location {
    Location {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        name: name.into(),
        level: level.into(),
        parent_id: parent.map(Into::into),
        label: match level {
            "province" => "tỉnh",
            "district" => "huyện",
            "commune" => "xã",
            _ => "bản",
        }
        .into(),
        difficult: level == "commune" || level == "village",
        ..Default::default()
    }
}

pub fn unit(id: &str, name: &str) -> Unit {
    Unit {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        name: name.into(),
        short_name: id.trim_start_matches("u-").to_uppercase(),
        level: "province".into(),
        bloc: "government".into(),
        ..Default::default()
    }
}

pub fn assignment(id: &str, unit: &str, location: &str) -> Assignment {
    Assignment {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        unit_id: unit.into(),
        location_id: location.into(),
        phase: "2021-2025".into(),
        role: "lead".into(),
        decision: "718-QĐ/TU ngày 14/12/2022".into(),
        ..Default::default()
    }
}

pub fn plan(id: &str, unit: &str, location: &str, year: Option<i32>, items: Vec<PlanItem>) -> Plan {
    Plan {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        unit_id: unit.into(),
        location_id: location.into(),
        phase: "2021-2025".into(),
        year,
        number: "12/KH-KBNN".into(),
        issued_on: Some("2023-01-10".into()),
        status: "issued".into(),
        items,
        ..Default::default()
    }
}

pub fn item(id: &str, category: &str, qty: f64, vnd: i64) -> PlanItem {
    PlanItem {
        id: id.into(),
        category: category.into(),
        title: format!("Chỉ tiêu {id}"),
        measure: "house".into(),
        target_qty: qty,
        target_vnd: vnd,
        ..Default::default()
    }
}

pub fn activity(
    id: &str,
    unit: &str,
    location: &str,
    date: &str,
    category: &str,
    cash: i64,
) -> Activity {
    Activity {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        unit_id: unit.into(),
        location_id: location.into(),
        date: date.into(),
        category: category.into(),
        title: format!("Hoạt động {id}"),
        cash_vnd: cash,
        funding: "unit".into(),
        ..Default::default()
    }
}

pub fn model(id: &str, unit: &str, location: &str, name: &str) -> Model {
    Model {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        unit_id: unit.into(),
        location_id: location.into(),
        name: name.into(),
        kind: "duck".into(),
        started_on: Some("2022-04-01".into()),
        households: 10,
        capital_vnd: 50_000_000,
        status: "running".into(),
        ..Default::default()
    }
}

pub fn report(id: &str, unit: &str, period: &str) -> Report {
    Report {
        id: id.into(),
        rev: 1,
        updated_at: T0.into(),
        unit_id: unit.into(),
        period: period.into(),
        status: "draft".into(),
        ..Default::default()
    }
}

/// A province with one district (Mai Châu), two communes (Pà Cò with two villages, and Hang
/// Kia), one commune without a district (after the 2025 reform), two units and some activities.
pub fn small() -> Dataset {
    Dataset {
        locations: vec![
            loc("p", "province", None, "Hòa Bình"),
            loc("d-mc", "district", Some("p"), "Mai Châu"),
            loc("c-paco", "commune", Some("d-mc"), "Pà Cò"),
            loc("v-paco-1", "village", Some("c-paco"), "Pà Cò 1"),
            loc("v-paco-2", "village", Some("c-paco"), "Bản Sáng"),
            loc("c-hangkia", "commune", Some("d-mc"), "Hang Kia"),
            loc("c-new", "commune", Some("p"), "Xã Mới"),
        ],
        units: vec![
            unit("u-kbnn", "Kho bạc Nhà nước tỉnh"),
            unit("u-police", "Công an tỉnh"),
        ],
        assignments: vec![
            assignment("as-1", "u-kbnn", "c-paco"),
            assignment("as-2", "u-police", "c-hangkia"),
        ],
        plans: vec![plan(
            "p-1",
            "u-kbnn",
            "c-paco",
            Some(2023),
            vec![
                item("i-1", "housing", 2.0, 100_000_000),
                item("i-2", "gifts", 100.0, 0),
            ],
        )],
        activities: vec![
            activity("a-1", "u-kbnn", "c-paco", "2023-02-01", "gifts", 10_000_000),
            activity(
                "a-2",
                "u-kbnn",
                "v-paco-1",
                "2023-05-20",
                "housing",
                50_000_000,
            ),
            activity(
                "a-3",
                "u-kbnn",
                "v-paco-2",
                "2024-01-15",
                "gifts",
                5_000_000,
            ),
            activity("a-4", "u-police", "c-hangkia", "2023-07-07", "security", 0),
        ],
        models: vec![model("m-1", "u-kbnn", "v-paco-1", "Vịt Bầu Bến")],
        reports: vec![report("r-1", "u-kbnn", "2023")],
        tombstones: vec![],
    }
}

fn ended(mut l: Location, to: &str, next: &[&str]) -> Location {
    l.valid_to = Some(to.into());
    l.successors = IdList(next.iter().map(|s| s.to_string()).collect());
    l
}

fn unit_ended(mut u: Unit, to: &str, next: &[&str]) -> Unit {
    u.valid_to = Some(to.into());
    u.successors = IdList(next.iter().map(|s| s.to_string()).collect());
    u
}

/// Hòa Bình → Phú Thọ; huyện Mai Châu dissolved; xã Hang Kia and xã Pà Cò merged into a new
/// xã Pà Cò on 1 July 2025 (Nghị quyết 1676/NQ-UBTVQH15, khoản 122, which also takes in Cun
/// Pheo and part of Đồng Tân); Ban Dân tộc became Sở Dân tộc và Tôn giáo on 1 March 2025.
pub fn reformed() -> Dataset {
    let mut ds = Dataset::default();
    let end = "2025-06-30";
    ds.locations = vec![
        ended(loc("p-hb", "province", None, "Hòa Bình"), end, &["p-pt"]),
        loc("p-pt", "province", None, "Phú Thọ"),
        ended(loc("d-mc", "district", Some("p-hb"), "Mai Châu"), end, &[]),
        ended(
            loc("c-paco", "commune", Some("d-mc"), "Pà Cò"),
            end,
            &["c-paco-2025"],
        ),
        ended(
            loc("c-hangkia", "commune", Some("d-mc"), "Hang Kia"),
            end,
            &["c-paco-2025"],
        ),
        Location {
            valid_from: Some("2025-07-01".into()),
            ..loc("c-paco-2025", "commune", Some("p-pt"), "Pà Cò")
        },
        loc("v-sang", "village", Some("c-paco"), "Sáng"),
    ];
    let mut new_unit = unit("u-sdttg", "Sở Dân tộc và Tôn giáo");
    new_unit.valid_from = Some("2025-03-01".into());
    ds.units = vec![
        unit_ended(unit("u-bdt", "Ban Dân tộc"), "2025-02-28", &["u-sdttg"]),
        new_unit,
    ];
    ds.activities = vec![
        activity("a-1", "u-bdt", "c-paco", "2023-05-10", "gifts", 10_000_000),
        activity(
            "a-2",
            "u-bdt",
            "c-hangkia",
            "2024-03-02",
            "housing",
            40_000_000,
        ),
        activity("a-3", "u-bdt", "v-sang", "2024-09-09", "gifts", 5_000_000),
        activity(
            "a-4",
            "u-sdttg",
            "c-paco-2025",
            "2026-02-01",
            "gifts",
            7_000_000,
        ),
        // Entered in the village, whose commune no longer exists on that day.
        activity(
            "a-5",
            "u-sdttg",
            "v-sang",
            "2026-04-01",
            "housing",
            30_000_000,
        ),
    ];
    ds
}
