use super::*;
use crate::domain::testkit::activity;

fn training_of(acts: Vec<Activity>) -> Option<String> {
    let refs: Vec<&Activity> = acts.iter().collect();
    training(&mut Ledger::default(), &refs)
}

fn run(acts: Vec<Activity>) -> Vec<String> {
    let refs: Vec<&Activity> = acts.iter().collect();
    deeds(&mut Ledger::default(), &refs, &[])
}

fn with(mut a: Activity, title: &str, qty: f64, measure: &str) -> Activity {
    a.title = title.into();
    a.qty = qty;
    a.measure = measure.into();
    a
}

#[test]
fn training_names_only_the_topics_and_kinds_of_its_activities() {
    let t = |title: &str| {
        with(
            activity("t", "u-kbnn", "c-paco", "2023-01-02", "culture_society", 0),
            title,
            2.0,
            "session",
        )
    };
    assert_eq!(
        training_of(vec![t("Tập huấn phòng chống đuối nước và ma túy"), t("Tuyên truyền giữ gìn bản sắc văn hóa")]).as_deref(),
        Some("tổ chức 4 buổi tập huấn, tuyên truyền về phòng chống đuối nước, ma túy và giữ gìn bản sắc văn hóa dân tộc")
    );
    // Neither training nor propaganda in the titles: the category's neutral noun.
    assert_eq!(
        training_of(vec![t("Phòng chống đuối nước"), t("Phòng chống ma túy")]).as_deref(),
        Some("tổ chức 4 buổi hoạt động văn hóa – xã hội về phòng chống đuối nước và ma túy")
    );
    assert_eq!(
        training_of(vec![t("Sinh hoạt cộng đồng")]).as_deref(),
        Some("tổ chức 2 buổi hoạt động văn hóa – xã hội")
    );
    assert_eq!(training_of(vec![]), None);
}

#[test]
fn labour_days_are_counted_whatever_the_category() {
    let d = run(vec![
        with(
            activity("a", "u-kbnn", "c-paco", "2023-01-02", "infrastructure", 0),
            "Làm đường",
            40.0,
            "workday",
        ),
        with(
            activity("b", "u-kbnn", "c-paco", "2023-01-03", "housing", 0),
            "Giúp dựng nhà",
            12.0,
            "workday",
        ),
    ]);
    assert_eq!(
        d,
        [
            "thực hiện 1 lượt hỗ trợ nhà ở",
            "hỗ trợ công trình giao thông qua 1 đợt",
            "huy động 52 ngày công"
        ]
    );
}

#[test]
fn houses_are_new_or_repaired_as_their_titles_say() {
    let d = run(vec![
        with(
            activity("a", "u-kbnn", "c-paco", "2023-01-02", "housing", 60_000_000),
            "Xây nhà đại đoàn kết",
            2.0,
            "house",
        ),
        with(
            activity("b", "u-kbnn", "c-paco", "2023-01-03", "housing", 20_000_000),
            "Sửa chữa nhà ở",
            3.0,
            "house",
        ),
        with(
            activity("c", "u-kbnn", "c-paco", "2023-01-04", "housing", 1_000_000),
            "Hỗ trợ nhà",
            0.0,
            "",
        ),
    ]);
    assert_eq!(
        d,
        ["xây mới 2 căn nhà, sửa chữa 3 căn nhà và thực hiện 1 lượt hỗ trợ nhà ở (trị giá 81 triệu đồng)"]
    );
}

#[test]
fn a_count_is_never_dressed_as_another_unit() {
    // 2 gift activities without a number of packages: 2 rounds, not "2 suất quà".
    let d = run(vec![
        activity("a", "u-kbnn", "c-paco", "2023-01-02", "gifts", 1_000_000),
        activity("b", "u-kbnn", "c-paco", "2023-01-03", "gifts", 1_000_000),
        activity("c", "u-kbnn", "c-paco", "2023-01-03", "health", 0),
    ]);
    assert_eq!(
        d,
        [
            "tổ chức 1 đợt chăm sóc sức khỏe",
            "thăm hỏi, tặng quà 2 đợt"
        ]
    );
    let d = run(vec![
        with(
            activity("a", "u-kbnn", "c-paco", "2023-01-02", "gifts", 1_000_000),
            "Tặng quà",
            50.0,
            "gift",
        ),
        activity("b", "u-kbnn", "c-paco", "2023-01-03", "gifts", 0),
    ]);
    assert_eq!(d, ["tặng 50 suất quà và 1 đợt khác"]);
}

#[test]
fn seedlings_and_young_animals_are_never_one_noun() {
    let d = run(vec![
        with(
            activity("a", "u-kbnn", "c-paco", "2023-01-02", "seeds_livestock", 0),
            "Hỗ trợ cây giống",
            400.0,
            "plant",
        ),
        with(
            activity("b", "u-kbnn", "c-paco", "2023-01-02", "seeds_livestock", 0),
            "Cấp con giống",
            7.0,
            "head",
        ),
    ]);
    assert_eq!(d, ["hỗ trợ 400 cây giống và 7 con giống"]);
}

#[test]
fn a_kind_is_named_only_where_the_titles_show_it() {
    let d = run(vec![
        with(
            activity(
                "w",
                "u-kbnn",
                "c-paco",
                "2023-01-02",
                "infrastructure",
                50_000_000,
            ),
            "Xây bể nước sạch",
            1.0,
            "work",
        ),
        with(
            activity("h", "u-kbnn", "c-paco", "2023-01-02", "health", 0),
            "Khám sàng lọc cho người cao tuổi",
            120.0,
            "visit",
        ),
        with(
            activity("o", "u-kbnn", "c-paco", "2023-01-02", "ocop", 0),
            "Hỗ trợ hồ sơ sản phẩm OCOP",
            2.0,
            "product",
        ),
        with(
            activity(
                "e",
                "u-kbnn",
                "c-paco",
                "2023-01-02",
                "education",
                5_000_000,
            ),
            "Tặng học bổng cho học sinh",
            0.0,
            "",
        ),
    ]);
    let mut e = d.clone();
    e.retain(|c| c.contains("nước") || c.contains("khám") || c.contains("sản phẩm"));
    assert_eq!(
        e,
        [
            "hỗ trợ hoàn thiện hồ sơ OCOP cho 2 sản phẩm của địa phương",
            "hỗ trợ 1 công trình nước sạch (trị giá 50 triệu đồng)",
            "khám sàng lọc cho 120 lượt người",
        ]
    );
    let text = d.join("; ");
    for never in [
        "giao thông",
        "thủy lợi",
        "chiếu sáng",
        "cấp thuốc",
        "phát triển",
    ] {
        assert!(!text.contains(never), "{never}: {text}");
    }
}

#[test]
fn pupils_only_when_every_title_says_so() {
    let mut a = with(
        activity(
            "a",
            "u-kbnn",
            "c-paco",
            "2023-01-02",
            "education",
            1_000_000,
        ),
        "Tặng sách vở cho học sinh",
        0.0,
        "",
    );
    a.people = 30;
    let mut b = with(
        activity(
            "b",
            "u-kbnn",
            "c-paco",
            "2023-01-02",
            "education",
            1_000_000,
        ),
        "Hỗ trợ bếp ăn bán trú",
        0.0,
        "",
    );
    b.people = 20;
    assert_eq!(
        run(vec![a.clone()]),
        ["hỗ trợ học bổng, sách vở cho 30 lượt học sinh (trị giá 1 triệu đồng)"]
    );
    assert_eq!(
        run(vec![a, b]),
        ["hỗ trợ học bổng, sách vở, bếp ăn bán trú cho 50 lượt người (trị giá 2 triệu đồng)"]
    );
}

#[test]
fn every_category_present_has_its_clause() {
    let mut loan = activity("l", "u-kbnn", "c-paco", "2023-01-02", "credit", 0);
    loan.loan_vnd = Some(1_500_000_000);
    loan.households = 30;
    let d = run(vec![
        loan,
        with(
            activity("o", "u-kbnn", "c-paco", "2023-01-02", "ocop", 0),
            "Quảng bá chè",
            2.0,
            "product",
        ),
        activity(
            "e",
            "u-kbnn",
            "c-paco",
            "2023-01-02",
            "education",
            8_000_000,
        ),
        activity(
            "g",
            "u-kbnn",
            "c-paco",
            "2023-01-02",
            "cash_goods",
            4_000_000,
        ),
        with(
            activity("x", "u-kbnn", "c-paco", "2023-01-02", "other", 0),
            "Trao cờ Tổ quốc",
            0.0,
            "",
        ),
    ]);
    assert_eq!(
        d,
        [
            "hỗ trợ bằng tiền 4 triệu đồng",
            "phối hợp giải ngân 1,5 tỷ đồng vốn vay ưu đãi cho 30 lượt hộ",
            "hỗ trợ quảng bá, giới thiệu cho 2 sản phẩm của địa phương",
            "hỗ trợ giáo dục qua 1 đợt (trị giá 8 triệu đồng)",
            "thực hiện 1 hoạt động khác: “Trao cờ Tổ quốc”",
        ]
    );
}
