use super::*;
use crate::domain::record::{Activity, Model};
use crate::domain::testkit::{activity, assignment, item, model, plan, small};
use crate::report::aggregate::aggregate;

const TODAY: &str = "2026-11-30";

fn text_of(ds: &Dataset, scope: &Scope, period: &str, area: &str) -> String {
    let idx = LocationIndex::new(&ds.locations);
    let f = aggregate(ds, &idx, scope);
    let phase = Period::parse(period)
        .map(|p| p.phase().code())
        .unwrap_or_default();
    let subject = Subject {
        period,
        area: area.into(),
        phase: &phase,
    };
    draft(ds, &idx, scope, &subject, &f)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn draft_of(ds: &Dataset, period: &str) -> String {
    text_of(
        ds,
        &Scope::for_period(period).drawn_on(TODAY),
        period,
        "tỉnh Hòa Bình",
    )
}

#[test]
fn drafts_the_summary_from_the_records() {
    let mut ds = small();
    for (id, qty, measure) in [
        ("a-1", 50.0, "gift"),
        ("a-2", 2.0, "house"),
        ("a-3", 20.0, "gift"),
    ] {
        let mut a: Activity = ds.get::<Activity>(id).cloned().expect("a");
        a.qty = qty;
        a.measure = measure.into();
        a.households = qty as i64;
        ds.put(a);
    }
    let mut sec: Model = model(
        "m-2",
        "u-police",
        "c-hangkia",
        "Tổ liên gia tự quản xã Hang Kia",
    );
    sec.kind = "security".into();
    ds.models.push(sec);
    let text = draft_of(&ds, "2021-2025");
    // The phase is over: its five years, though data exist for two.
    assert!(text.starts_with("Sau 5 năm thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn giai đoạn 2021-2025 (số liệu đến hết năm 2024) trên địa bàn tỉnh Hòa Bình, 2 cơ quan, đơn vị đã triển khai 4 hoạt động giúp đỡ 2 xã và 2 thôn, bản; tổng giá trị hỗ trợ 65 triệu đồng."), "{text}");
    assert!(text.contains("ban hành 1 kế hoạch giúp đỡ"), "{text}");
    assert!(
        text.contains("mô hình sinh kế: “Vịt Bầu Bến” (Kho bạc Nhà nước tỉnh), với 10 hộ"),
        "{text}"
    );
    assert!(
        text.contains("hỗ trợ 2 căn nhà"),
        "'Hoạt động a-2' shows neither building nor repair: {text}"
    );
    assert!(text.contains("tặng 70 suất quà"), "{text}");
    // The security model began on 01/04/2022 (testkit), inside the phase: built, in its
    // commune; the police's own activity counted beside it.
    assert!(
        text.contains("phối hợp xây dựng 1 mô hình “Tổ liên gia tự quản” tại xã Hang Kia. Các đơn vị còn thực hiện 1 hoạt động bảo đảm an ninh, trật tự tại xã Hang Kia."),
        "{text}"
    );
    assert!(
        text.contains("Các hoạt động đã hỗ trợ 72 lượt hộ, góp phần"),
        "{text}"
    );
    assert!(!text.contains(" 0 lượt") && !text.contains('"'), "{text}");
    assert!(
        !text.contains("con giống"),
        "no clause for a zero figure: {text}"
    );
}

/// The opening sentence of `period`'s draft over activities in `years`, with one phase plan
/// and one yearly plan of 2023 (both issued 10/01/2023).
fn opening_of(years: &[i32], period: &str, today: Option<&str>) -> String {
    let mut ds = small();
    ds.activities.clear();
    ds.plans = vec![
        plan(
            "p-phase",
            "u-kbnn",
            "c-paco",
            None,
            vec![item("i1", "gifts", 1.0, 0)],
        ),
        plan(
            "p-2023",
            "u-kbnn",
            "c-paco",
            Some(2023),
            vec![item("i2", "gifts", 1.0, 0)],
        ),
    ];
    for (i, y) in years.iter().enumerate() {
        ds.activities.push(activity(
            &format!("a{i}"),
            "u-kbnn",
            "c-paco",
            &format!("{y}-03-10"),
            "gifts",
            1_000_000,
        ));
    }
    let mut scope = Scope::for_period(period);
    if let Some(t) = today {
        scope = scope.drawn_on(t);
    }
    text_of(&ds, &scope, period, "tỉnh Hòa Bình")
}

#[test]
fn sau_n_nam_only_for_the_whole_span_the_sentence_names() {
    let work = "thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn";
    let t = opening_of(&[2021, 2022, 2023], "2021-2023", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Sau 3 năm (2021-2023) {work} giai đoạn 2021-2025 trên địa bàn"
        )),
        "{t}"
    );
    let t = opening_of(&[2021, 2022, 2023, 2025], "2021-2025", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Sau 5 năm {work} giai đoạn 2021-2025 trên địa bàn"
        )),
        "{t}"
    );
    // Data stop before the phase's end: said.
    let t = opening_of(&[2021, 2023], "2021-2025", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Sau 5 năm {work} giai đoạn 2021-2025 (số liệu đến hết năm 2023) trên"
        )),
        "{t}"
    );
    // A phase under way: no count of years, the last day with data.
    let t = opening_of(&[2026], "2026-2030", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Trong giai đoạn 2026-2030 (số liệu đến ngày 10/03/2026), {work} trên"
        )),
        "{t}"
    );
    // A span across the reform, not over: never "Sau 3 năm … từ năm 2021 đến năm 2026".
    let t = opening_of(&[2021, 2024, 2026], "2021-01-01..2026-12-31", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Từ năm 2021 đến năm 2026 (số liệu đến ngày 10/03/2026), {work} trên"
        )),
        "{t}"
    );
    let t = opening_of(
        &[2021, 2024, 2026],
        "2021-01-01..2026-12-31",
        Some("2027-01-05"),
    );
    assert!(
        t.starts_with(&format!("Sau 6 năm (2021-2026) {work} trên")),
        "{t}"
    );
    let t = opening_of(&[2023], "2023-Q1", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Trong quý I năm 2023, {work} giai đoạn 2021-2025 trên"
        )),
        "{t}"
    );
    let t = opening_of(&[2023], "2023-02-01..2023-04-30", Some(TODAY));
    assert!(
        t.starts_with(&format!(
            "Từ ngày 01/02/2023 đến ngày 30/04/2023, {work} giai đoạn 2021-2025"
        )),
        "{t}"
    );
    // Not knowing today, a span is never said to be over.
    let t = opening_of(&[2021, 2022], "2021-2023", None);
    assert!(
        t.starts_with("Từ năm 2021 đến năm 2023 (số liệu đến ngày 10/03/2022), thực hiện"),
        "{t}"
    );
}

#[test]
fn the_phase_is_named_only_when_every_unit_works_in_it() {
    let mut ds = small();
    ds.plans.clear();
    ds.assignments.clear();
    ds.activities = vec![
        activity("a", "u-kbnn", "c-paco", "2026-03-01", "gifts", 1_000_000),
        activity(
            "b",
            "u-police",
            "c-hangkia",
            "2026-04-01",
            "gifts",
            1_000_000,
        ),
    ];
    let mut a = assignment("as-new", "u-kbnn", "c-paco");
    a.phase = "2026-2030".into();
    ds.assignments.push(a);
    let t = draft_of(&ds, "2026");
    assert!(t.starts_with("Năm 2026 (số liệu đến ngày 01/04/2026), thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn trên địa bàn"), "{t}");
    let mut b = assignment("as-new-2", "u-police", "c-hangkia");
    b.phase = "2026-2030".into();
    ds.assignments.push(b);
    let t = draft_of(&ds, "2026");
    assert!(
        t.contains("khó khăn giai đoạn 2026-2030 trên địa bàn"),
        "{t}"
    );
}

#[test]
fn plans_count_by_their_issue_date_or_whole_year() {
    let half = opening_of(&[2023], "2023-H1", Some(TODAY));
    assert!(
        half.contains(
            "ban hành 2 kế hoạch giúp đỡ (trong đó 1 kế hoạch cả giai đoạn và 1 kế hoạch hằng năm)"
        ),
        "{half}"
    );
    let other = opening_of(&[2024], "2024", Some(TODAY));
    assert!(!other.contains("kế hoạch giúp đỡ"), "{other}");
    // A yearly plan with no issue date: in a report of its whole year only.
    let mut ds = small();
    ds.plans[0].issued_on = None;
    assert!(draft_of(&ds, "2023").contains("ban hành 1 kế hoạch"));
    assert!(!draft_of(&ds, "2023-H1").contains("kế hoạch"));
}

#[test]
fn one_unit_speaks_as_itself_and_a_blank_province_leaves_no_gap() {
    let ds = small();
    let scope = Scope::for_period("2023")
        .unit(Some("u-kbnn"))
        .drawn_on(TODAY);
    let text = text_of(&ds, &scope, "2023", "");
    let name = ds.unit_name("u-kbnn").unwrap_or_default();
    assert!(
        text.contains(&format!("giai đoạn 2021-2025, {name} đã triển khai")),
        "{text}"
    );
    assert!(
        !text.contains("cơ quan, đơn vị") && !text.contains("các đơn vị"),
        "{text}"
    );
    assert!(
        !text.contains("trên địa bàn ,") && !text.contains(" ,"),
        "{text}"
    );
}

#[test]
fn a_single_year_and_an_empty_scope() {
    let ds = small();
    let text = draft_of(&ds, "2024");
    assert!(
        text.starts_with("Năm 2024, thực hiện công tác giúp đỡ"),
        "{text}"
    );
    let empty = Dataset::default();
    let text = draft_of(&empty, "2024");
    assert_eq!(
        text,
        "Năm 2024, thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn trên địa bàn tỉnh Hòa Bình, chưa có hoạt động giúp đỡ nào được ghi nhận."
    );
}

#[test]
fn security_models_only_where_the_period_has_them_and_other_work_in_its_own_words() {
    let mut ds = small();
    ds.activities.clear();
    let mut sec = model(
        "m-sec",
        "u-police",
        "c-hangkia",
        "Dòng họ tự quản xã Hang Kia",
    );
    sec.kind = "security".into();
    sec.started_on = Some("2022-05-15".into());
    ds.models = vec![sec];
    let mut cam = activity(
        "cam",
        "u-kbnn",
        "c-paco",
        "2023-03-01",
        "security",
        20_000_000,
    );
    cam.title = "Lắp đặt camera an ninh".into();
    ds.activities.push(cam);
    let t = draft_of(&ds, "2023-H1");
    assert!(
        !t.contains("Dòng họ"),
        "no model activity nor start in the half-year: {t}"
    );
    assert!(
        t.contains("thực hiện 1 hoạt động bảo đảm an ninh, trật tự (camera an ninh) tại xã Pà Cò"),
        "{t}"
    );
    // With an activity of the model in the period, it is named as kept up, not built.
    let mut m = activity(
        "m-act",
        "u-police",
        "c-hangkia",
        "2023-04-01",
        "security",
        0,
    );
    m.model_id = Some("m-sec".into());
    ds.activities.push(m);
    let t = draft_of(&ds, "2023-H1");
    assert!(
        t.contains(
            "phối hợp duy trì 1 mô hình “Dòng họ tự quản” tại xã Hang Kia với 1 hoạt động trong kỳ"
        ),
        "{t}"
    );
}

#[test]
fn beneficiaries_come_only_from_help_that_reaches_people() {
    let mut ds = small();
    let mut s = activity("s", "u-kbnn", "c-paco", "2023-03-01", "survey", 0);
    s.households = 500;
    s.people = 2000;
    ds.activities = vec![s];
    let t = draft_of(&ds, "2023");
    assert!(!t.contains("lượt hộ") && !t.contains("lượt người"), "{t}");
}

#[test]
fn households_out_of_poverty_only_over_years() {
    let mut ds = small();
    ds.models[0].escaped_poverty = Some(4);
    let mut a = activity(
        "l",
        "u-kbnn",
        "v-paco-1",
        "2023-03-01",
        "livelihood",
        3_000_000,
    );
    a.model_id = Some("m-1".into());
    ds.activities.push(a);
    assert!(!draft_of(&ds, "2023").contains("thoát nghèo"));
    assert!(draft_of(&ds, "2021-2025").contains("4 hộ đã thoát nghèo (lũy kế theo mô hình)"));
}

#[test]
fn livelihood_work_outside_the_models_is_counted() {
    let mut ds = small();
    ds.models.clear();
    let mut a = activity(
        "l",
        "u-kbnn",
        "c-paco",
        "2023-03-01",
        "livelihood",
        3_000_000,
    );
    a.title = "Hỗ trợ vật tư sản xuất".into();
    ds.activities = vec![a];
    let t = draft_of(&ds, "2023");
    assert!(
        t.contains("hỗ trợ phát triển sản xuất qua 1 hoạt động (trị giá 3 triệu đồng)"),
        "{t}"
    );
}
