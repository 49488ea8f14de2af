//! What was done, category by category, as clauses of the narrative ("xây mới 12 căn nhà",
//! "tặng 340 suất quà"). Every figure is one the data holds in the unit it names: a quantity in
//! its recorded measure, else the people or households recorded, else the number of activities
//! named as such ("23 đợt thăm hỏi, tặng quà") — never a count dressed as another unit.

use super::aggregate::{Figures, Sums};
use crate::domain::format::{integer, money_short};
use crate::domain::record::Activity;
use crate::domain::text::{fold, join_and};
use crate::domain::Lang;

/// A number as the narrative writes it: whole numbers grouped, fractions to a tenth.
pub fn n(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        integer(v as i64, Lang::Vi)
    } else {
        crate::domain::format::tenths_vi(v)
    }
}

fn count(v: usize) -> String {
    integer(v as i64, Lang::Vi)
}

/// Training topics the province's summaries name, found in activity titles and descriptions
/// (folded, without diacritics): (what to look for, how the sentence names it, whether it is a
/// "phòng chống" topic — those share the words once).
const TOPICS: &[(&[&str], &str, bool)] = &[
    (&["duoi nuoc"], "đuối nước", true),
    (&["xam hai"], "xâm hại trẻ em", true),
    (&["ma tuy"], "ma túy", true),
    (
        &["tao hon", "hon nhan can huyet"],
        "tảo hôn, hôn nhân cận huyết thống",
        true,
    ),
    (&["bao luc gia dinh"], "bạo lực gia đình", true),
    (&["mua ban nguoi"], "mua bán người", true),
    (
        &["ban sac", "van hoa truyen thong"],
        "giữ gìn bản sắc văn hóa dân tộc",
        false,
    ),
    (&["chuyen doi so"], "chuyển đổi số", false),
    (
        &["ky thuat chan nuoi", "ky thuat trong trot"],
        "kỹ thuật chăn nuôi, trồng trọt",
        false,
    ),
];

/// The topics found in the activities, in the order above: "phòng chống đuối nước, ma túy và
/// bạo lực gia đình", then the others, one "và" before the last.
fn topics(acts: &[&Activity]) -> String {
    let texts: Vec<String> = acts
        .iter()
        .map(|a| fold(&format!("{} {}", a.title, a.description)))
        .collect();
    let found = |prevention: bool| -> Vec<String> {
        TOPICS
            .iter()
            .filter(|(keys, _, p)| {
                *p == prevention && texts.iter().any(|t| keys.iter().any(|k| t.contains(k)))
            })
            .map(|(_, name, _)| (*name).to_string())
            .collect()
    };
    let (prevention, others) = (found(true), found(false));
    let mut parts = Vec::new();
    if !prevention.is_empty() {
        // Alone, the prevention topics take the list's "và"; before others, only commas.
        let listed = if others.is_empty() {
            join_and(&prevention)
        } else {
            prevention.join(", ")
        };
        parts.push(format!("phòng chống {listed}"));
    }
    parts.extend(others);
    join_and(&parts)
}

/// The training sentence's clause, on its own so its list of topics never meets another list:
/// "tổ chức 12 buổi tuyên truyền, tập huấn về phòng chống đuối nước, ma túy".
pub fn training(f: &Figures, acts: &[&Activity]) -> Option<String> {
    if f.category("culture_society").activities == 0 {
        return None;
    }
    let of: Vec<&Activity> = acts
        .iter()
        .copied()
        .filter(|a| a.category == "culture_society")
        .collect();
    let about = topics(&of);
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" về {about}")
    };
    Some(format!(
        "tổ chức {} tuyên truyền, tập huấn{about}",
        measured(f, "culture_society", "session", "buổi", "đợt")
    ))
}

/// Houses built and repaired, from the titles of housing activities with a number of houses:
/// (new, repaired, either), and the housing activities that record no number of houses.
fn houses(acts: &[&Activity]) -> (f64, f64, f64, usize) {
    let (mut new, mut repaired, mut either, mut unmeasured) = (0.0, 0.0, 0.0, 0);
    for a in acts.iter().filter(|a| a.category == "housing") {
        if a.measure != "house" || a.qty <= 0.0 {
            unmeasured += 1;
            continue;
        }
        let t = fold(&a.title);
        let mends = t.contains("sua");
        let builds = t.contains("xay") || t.contains("lam nha") || t.contains("lam moi");
        match (builds, mends) {
            (true, false) => new += a.qty,
            (false, true) => repaired += a.qty,
            _ => either += a.qty,
        }
    }
    (new, repaired, either, unmeasured)
}

/// The figure of a category: its quantity in `measure` when recorded; else `fallback`, the
/// number of activities with the words that name them ("đợt thăm hỏi, tặng quà").
fn measured(f: &Figures, category: &str, measure: &str, unit: &str, fallback: &str) -> String {
    let q = f.qty(category, measure);
    if q > 0.0 {
        format!("{} {unit}", n(q))
    } else {
        format!("{} {fallback}", count(f.category(category).activities))
    }
}

fn value(s: &Sums) -> String {
    money_short(s.total_vnd(), Lang::Vi)
}

/// Clauses for every category present in `f` but livelihood models, security and training
/// (each its own sentence): what was done, each figure from the data of the scope.
pub fn deeds(f: &Figures, acts: &[&Activity]) -> Vec<String> {
    let has = |c: &str| f.category(c).activities > 0;
    let mut out = Vec::new();
    if has("housing") {
        let (new, repaired, either, unmeasured) = houses(acts);
        let mut parts = Vec::new();
        if new > 0.0 {
            parts.push(format!("xây mới {} căn nhà", n(new)));
        }
        if repaired > 0.0 {
            parts.push(format!("sửa chữa {} căn nhà", n(repaired)));
        }
        if either > 0.0 {
            parts.push(format!("xây, sửa {} căn nhà", n(either)));
        }
        if unmeasured > 0 {
            parts.push(format!(
                "thực hiện {} lượt hỗ trợ xây, sửa nhà",
                count(unmeasured)
            ));
        }
        out.push(format!(
            "{} (trị giá {})",
            join_and(&parts),
            value(&f.category("housing"))
        ));
    }
    if has("seeds_livestock") {
        let heads = f.qty("seeds_livestock", "head");
        let plants = f.qty("seeds_livestock", "plant");
        let mut parts = Vec::new();
        if heads > 0.0 {
            parts.push(format!("{} con giống", n(heads)));
        }
        if plants > 0.0 {
            parts.push(format!("{} cây giống", n(plants)));
        }
        if parts.is_empty() {
            parts.push(format!(
                "cây, con giống qua {} đợt",
                count(f.category("seeds_livestock").activities)
            ));
        }
        out.push(format!("hỗ trợ {}", join_and(&parts)));
    }
    if has("cash_goods") {
        out.push(format!(
            "hỗ trợ tiền, vật chất, trang thiết bị trị giá {}",
            value(&f.category("cash_goods"))
        ));
    }
    if has("credit") {
        let s = f.category("credit");
        let who = if s.households > 0 {
            format!(" cho {} lượt hộ", integer(s.households, Lang::Vi))
        } else {
            String::new()
        };
        out.push(if s.loan_vnd > 0 {
            format!(
                "phối hợp giải ngân {} vốn vay ưu đãi{who}",
                money_short(s.loan_vnd, Lang::Vi)
            )
        } else {
            format!(
                "hướng dẫn, hỗ trợ tiếp cận vốn vay ưu đãi{who} ({} đợt)",
                count(s.activities)
            )
        });
    }
    if has("ocop") {
        let products = f.qty("ocop", "product");
        out.push(if products > 0.0 {
            format!(
                "hỗ trợ quảng bá, phát triển {} sản phẩm OCOP, sản phẩm đặc trưng",
                n(products)
            )
        } else {
            format!(
                "{} hoạt động quảng bá sản phẩm, OCOP",
                count(f.category("ocop").activities)
            )
        });
    }
    if has("infrastructure") {
        let mut parts = Vec::new();
        let works = f.qty("infrastructure", "work");
        let km = f.qty("infrastructure", "km");
        if works > 0.0 {
            parts.push(format!("{} công trình", n(works)));
        }
        if km > 0.0 {
            parts.push(format!("{} km đường", n(km)));
        }
        if parts.is_empty() {
            parts.push(format!(
                "{} lượt công trình",
                count(f.category("infrastructure").activities)
            ));
        }
        out.push(format!(
            "xây dựng, sửa chữa {} giao thông, thủy lợi, chiếu sáng, nước sạch (trị giá {})",
            join_and(&parts),
            value(&f.category("infrastructure"))
        ));
    }
    if has("health") {
        let s = f.category("health");
        let visits = f.qty("health", "visit");
        out.push(if visits > 0.0 {
            format!("khám bệnh, cấp thuốc miễn phí cho {} lượt người", n(visits))
        } else if s.people > 0 {
            format!(
                "khám bệnh, cấp thuốc miễn phí cho {} người",
                integer(s.people, Lang::Vi)
            )
        } else {
            format!(
                "tổ chức {} đợt khám bệnh, cấp thuốc miễn phí",
                count(s.activities)
            )
        });
    }
    if has("education") {
        let s = f.category("education");
        let pupils = if s.people > 0 {
            format!(" cho {} lượt người", integer(s.people, Lang::Vi))
        } else {
            String::new()
        };
        out.push(format!(
            "hỗ trợ giáo dục, học sinh{pupils} (trị giá {})",
            value(&s)
        ));
    }
    if has("gifts") {
        out.push(format!(
            "tặng {}",
            measured(f, "gifts", "gift", "suất quà", "đợt quà")
        ));
    }
    // Labour given by the units' people, whatever the category.
    let workdays: f64 = f
        .qty_by_category
        .values()
        .filter_map(|m| m.get("workday"))
        .sum();
    if workdays > 0.0 {
        out.push(format!("huy động {} ngày công", n(workdays)));
    }
    let other = f.category("other").activities;
    if other > 0 {
        out.push(format!("thực hiện {} hoạt động khác", count(other)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::activity;
    use crate::report::aggregate::aggregate;
    use crate::report::scope::Scope;

    fn training_of(acts: Vec<Activity>) -> Option<String> {
        let mut ds = crate::domain::testkit::small();
        ds.activities = acts;
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        let f = aggregate(&ds, &idx, &Scope::default());
        let refs: Vec<&Activity> = ds.activities.iter().collect();
        training(&f, &refs)
    }

    #[test]
    fn training_names_only_the_topics_of_its_activities_with_one_and() {
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
            Some("tổ chức 4 buổi tuyên truyền, tập huấn về phòng chống đuối nước, ma túy và giữ gìn bản sắc văn hóa dân tộc")
        );
        assert_eq!(
            training_of(vec![t("Phòng chống đuối nước"), t("Phòng chống ma túy")]).as_deref(),
            Some("tổ chức 4 buổi tuyên truyền, tập huấn về phòng chống đuối nước và ma túy")
        );
        assert_eq!(
            training_of(vec![t("Sinh hoạt cộng đồng")]).as_deref(),
            Some("tổ chức 2 buổi tuyên truyền, tập huấn")
        );
        assert_eq!(training_of(vec![]), None);
    }

    fn run(acts: Vec<Activity>) -> Vec<String> {
        let mut ds = crate::domain::testkit::small();
        ds.activities = acts;
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        let f = aggregate(&ds, &idx, &Scope::default());
        let refs: Vec<&Activity> = ds.activities.iter().collect();
        deeds(&f, &refs)
    }

    fn with(mut a: Activity, title: &str, qty: f64, measure: &str) -> Activity {
        a.title = title.into();
        a.qty = qty;
        a.measure = measure.into();
        a
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
        assert_eq!(d.last().map(String::as_str), Some("huy động 52 ngày công"));
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
            ["xây mới 2 căn nhà, sửa chữa 3 căn nhà và thực hiện 1 lượt hỗ trợ xây, sửa nhà (trị giá 81 triệu đồng)"]
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
                "tổ chức 1 đợt khám bệnh, cấp thuốc miễn phí",
                "tặng 2 đợt quà"
            ]
        );
        let d = run(vec![with(
            activity("a", "u-kbnn", "c-paco", "2023-01-02", "gifts", 1_000_000),
            "Tặng quà",
            50.0,
            "gift",
        )]);
        assert_eq!(d, ["tặng 50 suất quà"]);
    }

    #[test]
    fn every_category_present_has_its_clause_and_training_names_only_its_topics() {
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
                activity("t", "u-kbnn", "c-paco", "2023-01-02", "culture_society", 0),
                "Tập huấn phòng chống đuối nước và ma túy",
                2.0,
                "session",
            ),
        ]);
        assert_eq!(
            d,
            [
                "hỗ trợ tiền, vật chất, trang thiết bị trị giá 4 triệu đồng",
                "phối hợp giải ngân 1,5 tỷ đồng vốn vay ưu đãi cho 30 lượt hộ",
                "hỗ trợ quảng bá, phát triển 2 sản phẩm OCOP, sản phẩm đặc trưng",
                "hỗ trợ giáo dục, học sinh (trị giá 8 triệu đồng)",
            ]
        );
    }
}
