//! The auto-drafted Vietnamese narrative of a summary, in the style of the province's published
//! summaries: period and scope, plans and working sessions, livelihood models by name,
//! houses, seedlings and livestock, works, health, training, security models in named communes,
//! beneficiaries — each clause only when its figure is not zero.

use super::aggregate::Figures;
use super::period::Period;
use super::scope::Scope;
use crate::domain::dataset::Dataset;
use crate::domain::format::{integer, money_short};
use crate::domain::query::{place_name_inline, LocationIndex};
use crate::domain::Lang;

/// What the narrative is about.
pub struct Subject<'a> {
    /// "2021-2025", "2023", "2023-H1".
    pub period: &'a str,
    /// "tỉnh Hòa Bình" or "huyện Mai Châu".
    pub area: String,
    pub phase: &'a str,
}

use super::deeds::{deeds, n, training};
use crate::domain::text::{capitalise, join_and as list};

/// Quantity of a category: its measure's total when entered, else the number of activities.
fn amount(f: &Figures, category: &str, measure: &str) -> f64 {
    let q = f.qty(category, measure);
    if q > 0.0 {
        q
    } else {
        f.category(category).activities as f64
    }
}

/// The narrative paragraphs for the activities, plans and models in `scope`.
pub fn draft(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    subject: &Subject,
    f: &Figures,
) -> Vec<String> {
    let mut out = Vec::new();
    let period = Period::parse(subject.period);
    let work = "thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn";
    // "giai đoạn" only for a phase; a span across two phases says its years.
    let phase = Period::parse(subject.phase)
        .map_or_else(|| format!("giai đoạn {}", subject.phase), |p| p.phrase());
    // "Sau N năm" counts the years of the period that have activities here, not its length.
    let years_with_data = {
        let mut ys: Vec<i32> = ds
            .activities
            .iter()
            .filter(|a| scope.matches(a, idx))
            .filter_map(|a| crate::domain::dates::year_of(&a.date))
            .collect();
        crate::domain::order::sort(&mut ys);
        ys.dedup();
        ys.len()
    };
    let opening = match &period {
        Some(Period::Years(..)) if years_with_data > 1 => {
            format!("Sau {years_with_data} năm {work} {phase}")
        }
        Some(p @ Period::Years(..)) if p.is_phase() => format!("Trong {}, {work}", p.phrase()),
        Some(Period::Year(y)) => format!("Năm {y}, {work} {phase}"),
        // "Từ năm … đến năm …", "Từ ngày … đến ngày …" open the sentence themselves.
        // A span across phases has said its years already: no second "từ năm … đến năm …".
        Some(p @ (Period::Years(..) | Period::Days(..))) => {
            let within = Period::parse(subject.phase).filter(Period::is_phase);
            match within {
                Some(_) => format!("{}, {work} {phase}", capitalise(&p.phrase())),
                None => format!("{}, {work}", capitalise(&p.phrase())),
            }
        }
        Some(p) => format!(
            "{}, {work} {phase}",
            capitalise(&format!("trong {}", p.phrase()))
        ),
        None => format!("Trong kỳ {}, {work}", subject.period),
    };
    // One unit speaks as itself ("Kho bạc … đã", "đơn vị đã"), several as "các cơ quan, đơn vị".
    let one_unit = scope.unit_id.as_deref().or(match f.by_unit.len() {
        1 => f.by_unit.keys().next().map(String::as_str),
        _ => None,
    });
    let (who, they, doers) = match one_unit {
        Some(u) => (
            ds.unit_name(u).unwrap_or("Đơn vị").to_string(),
            "Đơn vị",
            "đơn vị",
        ),
        None => (
            format!(
                "{} cơ quan, đơn vị",
                integer(f.by_unit.len() as i64, Lang::Vi)
            ),
            "Các cơ quan, đơn vị",
            "các đơn vị",
        ),
    };
    // Communes and villages are counted apart: "8 xã và 13 thôn, bản".
    let mut helped = vec![format!(
        "{} xã",
        integer(f.by_commune.len() as i64, Lang::Vi)
    )];
    if !f.by_village.is_empty() {
        helped.push(format!(
            "{} thôn, bản",
            integer(f.by_village.len() as i64, Lang::Vi)
        ));
    }
    let area = if subject.area.trim().is_empty() {
        String::new()
    } else {
        format!(" trên địa bàn {}", subject.area.trim())
    };
    let mut money = format!(
        "tổng giá trị hỗ trợ {}",
        money_short(f.total.total_vnd(), Lang::Vi)
    );
    if f.total.cash_vnd > 0 && f.total.in_kind_vnd > 0 {
        money.push_str(&format!(
            ", trong đó hỗ trợ bằng tiền {} và hiện vật quy ra tiền {}",
            money_short(f.total.cash_vnd, Lang::Vi),
            money_short(f.total.in_kind_vnd, Lang::Vi),
        ));
    }
    out.push(format!(
        "{opening}{area}, {who} đã triển khai {} hoạt động giúp đỡ {}; {money}.",
        integer(f.total.activities as i64, Lang::Vi),
        list(&helped),
    ));

    // Plans issued in the period, working sessions, propaganda.
    let whole_phase = period.as_ref().is_some_and(Period::is_phase);
    let plans: Vec<_> = ds
        .plans
        .iter()
        .filter(|p| p.status == "issued")
        .filter(|p| scope.covers_unit(&p.unit_id) && scope.covers_place(&p.location_id, idx))
        .filter(|p| match (p.year, &p.issued_on) {
            (Some(y), _) => scope.covers_date(&format!("{y}-07-01")),
            // A phase plan counts in its phase's report, or in the period it was issued in.
            (None, Some(d)) => scope.covers_date(d) || (whole_phase && p.phase == subject.phase),
            (None, None) => whole_phase && p.phase == subject.phase,
        })
        .collect();
    let mut work = Vec::new();
    if !plans.is_empty() {
        let phase_plans = plans.iter().filter(|p| p.year.is_none()).count();
        let detail = if phase_plans > 0 && phase_plans < plans.len() {
            format!(
                " (trong đó {} kế hoạch cả giai đoạn và {} kế hoạch hằng năm)",
                integer(phase_plans as i64, Lang::Vi),
                integer((plans.len() - phase_plans) as i64, Lang::Vi)
            )
        } else {
            String::new()
        };
        work.push(format!(
            "ban hành {} kế hoạch giúp đỡ{detail}",
            integer(plans.len() as i64, Lang::Vi)
        ));
    }
    let sessions = amount(f, "survey", "session");
    if sessions > 0.0 {
        work.push(format!("tổ chức {} buổi làm việc, khảo sát, hướng dẫn xây dựng kế hoạch với cấp ủy, chính quyền, Nhân dân", n(sessions)));
    }
    let propaganda = amount(f, "propaganda", "session");
    if propaganda > 0.0 {
        work.push(format!(
            "{} buổi tuyên truyền chủ trương, chính sách của Đảng, pháp luật của Nhà nước",
            n(propaganda)
        ));
    }
    if !work.is_empty() {
        out.push(format!("{they} đã {}.", list(&work)));
    }

    // Livelihood models of the period: started in it, or helped by its activities. Their
    // money is what those activities gave them, so it never exceeds the period's total.
    let in_period = |m: &&crate::domain::record::Model| {
        m.started_on
            .as_deref()
            .is_some_and(|d| scope.covers_date(d))
            || f.by_model.contains_key(&m.id)
    };
    let in_scope = |m: &&crate::domain::record::Model| {
        scope.covers_unit(&m.unit_id) && scope.covers_place(&m.location_id, idx)
    };
    let models: Vec<_> = ds
        .models
        .iter()
        .filter(|m| m.kind != "security")
        .filter(in_scope)
        .filter(in_period)
        .collect();
    if !models.is_empty() {
        let households = models
            .iter()
            .fold(0i64, |s, m| s.saturating_add(m.households));
        let given = models.iter().fold(0i64, |s, m| {
            s.saturating_add(f.by_model.get(&m.id).map_or(0, |x| x.total_vnd()))
        });
        let mut named: Vec<String> = models
            .iter()
            .take(6)
            .map(|m| {
                let owner = ds.unit_name(&m.unit_id);
                match owner {
                    Some(o) if one_unit.is_none() => format!("“{}” ({o})", m.name),
                    _ => format!("“{}”", m.name),
                }
            })
            .collect();
        // "như" only before a sample of a longer list.
        let intro = if models.len() > named.len() {
            named.push("các mô hình khác".into());
            " như"
        } else {
            ":"
        };
        let escaped = models.iter().fold(0i64, |s, m| {
            s.saturating_add(m.escaped_poverty.unwrap_or(0))
        });
        let mut clauses = Vec::new();
        if households > 0 {
            clauses.push(format!("{} hộ tham gia", integer(households, Lang::Vi)));
        }
        if escaped > 0 {
            // The count is the model's, not dated: said as cumulative.
            clauses.push(format!(
                "{} hộ đã thoát nghèo (lũy kế theo mô hình)",
                integer(escaped, Lang::Vi)
            ));
        }
        if given > 0 {
            clauses.push(format!(
                "giá trị hỗ trợ trong kỳ {}",
                money_short(given, Lang::Vi)
            ));
        }
        let with = if clauses.is_empty() {
            String::new()
        } else {
            format!(", với {}", list(&clauses))
        };
        out.push(format!(
            "Về phát triển sản xuất, {doers} đã hỗ trợ xây dựng, duy trì {} mô hình sinh kế{intro} {}{with}.",
            integer(models.len() as i64, Lang::Vi),
            list(&named),
        ));
    }

    // What was done, category by category.
    let acts: Vec<&crate::domain::record::Activity> = ds
        .activities
        .iter()
        .filter(|a| scope.matches(a, idx))
        .collect();
    let help = deeds(f, &acts);
    if !help.is_empty() {
        out.push(format!("{they} đã {}.", list(&help)));
    }
    if let Some(t) = training(f, &acts) {
        out.push(format!("{they} đã {t}."));
    }

    // Security: models of the security kind in the communes that have them; without such a
    // model, the security activities and their communes.
    let security: Vec<_> = ds
        .models
        .iter()
        .filter(|m| m.kind == "security")
        .filter(in_scope)
        .filter(|m| {
            m.started_on
                .as_deref()
                .is_none_or(|d| scope.to.as_deref().is_none_or(|t| d <= t))
        })
        .collect();
    let communes = |places: &mut dyn Iterator<Item = &str>| {
        // Named as on the report's map: a merged commune by the commune it joined.
        let mut names: Vec<String> = places
            .filter_map(|p| idx.commune_of(p))
            .map(|c| match &scope.boundaries {
                super::scope::Boundaries::Today(day) => idx.as_of(&c.id, day),
                super::scope::Boundaries::Period => c.id.as_str(),
            })
            .filter_map(|c| idx.get(c).map(place_name_inline))
            .collect();
        crate::domain::collate::sort_by_text(&mut names, String::as_str);
        names.dedup();
        // One "và" per list: before the last name, or before "các xã khác".
        if names.len() > 8 {
            format!("{} và các xã khác", names[..8].join(", "))
        } else {
            list(&names)
        }
    };
    if !security.is_empty() {
        let mut kinds: Vec<String> = security
            .iter()
            .map(|m| format!("“{}”", base_name(&m.name)))
            .collect();
        crate::domain::collate::sort_by_text(&mut kinds, String::as_str);
        kinds.dedup();
        let at = communes(&mut security.iter().map(|m| m.location_id.as_str()));
        out.push(format!(
            "Về quốc phòng, an ninh, {doers} đã phối hợp xây dựng, duy trì {} mô hình {} tại {at}.",
            integer(security.len() as i64, Lang::Vi),
            list(&kinds)
        ));
    } else if f.category("security").activities > 0 {
        let at = communes(
            &mut acts
                .iter()
                .filter(|a| a.category == "security")
                .map(|a| a.location_id.as_str()),
        );
        out.push(format!(
            "Về quốc phòng, an ninh, {doers} đã thực hiện {} hoạt động phối hợp giữ vững an ninh, trật tự tại {at}.",
            integer(f.category("security").activities as i64, Lang::Vi)
        ));
    }

    if f.total.households > 0 || f.total.people > 0 {
        let mut reached = Vec::new();
        if f.total.households > 0 {
            let poor = if f.total.poor_households > 0 {
                format!(
                    " (trong đó {} lượt hộ nghèo)",
                    integer(f.total.poor_households, Lang::Vi)
                )
            } else {
                String::new()
            };
            reached.push(format!(
                "{} lượt hộ{poor}",
                integer(f.total.households, Lang::Vi)
            ));
        }
        if f.total.people > 0 {
            reached.push(format!("{} lượt người", integer(f.total.people, Lang::Vi)));
        }
        out.push(format!(
            "Các hoạt động đã hỗ trợ {}, góp phần nâng cao đời sống Nhân dân vùng khó khăn.",
            list(&reached)
        ));
    }
    out
}

/// "Tổ liên gia tự quản xã Pà Cò" → "Tổ liên gia tự quản".
fn base_name(name: &str) -> &str {
    for marker in [" xã ", " bản ", " thôn ", " – ", " - "] {
        if let Some(i) = name.find(marker) {
            return &name[..i];
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::{Activity, Model};
    use crate::domain::testkit::{model, small};
    use crate::report::aggregate::aggregate;

    #[test]
    fn drafts_the_summary_from_the_figures() {
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
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2021-2025");
        let f = aggregate(&ds, &idx, &scope);
        let subject = Subject {
            period: "2021-2025",
            area: "tỉnh Hòa Bình".into(),
            phase: "2021-2025",
        };
        let text = draft(&ds, &idx, &scope, &subject, &f).join("\n");
        // Two years of the phase have activities: "Sau 2 năm", not the phase's five.
        assert!(text.starts_with("Sau 2 năm thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn giai đoạn 2021-2025 trên địa bàn tỉnh Hòa Bình, 2 cơ quan, đơn vị đã triển khai 4 hoạt động giúp đỡ 2 xã và 2 thôn, bản; tổng giá trị hỗ trợ 65 triệu đồng."), "{text}");
        assert!(text.contains("tổng giá trị hỗ trợ 65 triệu đồng"), "{text}");
        assert!(text.contains("ban hành 1 kế hoạch giúp đỡ"), "{text}");
        assert!(
            text.contains("mô hình sinh kế: “Vịt Bầu Bến” (Kho bạc Nhà nước tỉnh), với 10 hộ"),
            "{text}"
        );
        // One "và" per list: the items themselves use commas.
        assert!(
            text.contains("xây, sửa 2 căn nhà (trị giá 50 triệu đồng) và tặng 70 suất quà"),
            "{text}"
        );
        // Security models by their kind, in the communes that have one.
        assert!(
            !text.contains("Tổ liên gia tự quản xã Hang Kia (Công an tỉnh)"),
            "{text}"
        );
        assert!(text.contains("tặng 70 suất quà"), "{text}");
        assert!(
            text.contains("duy trì 1 mô hình “Tổ liên gia tự quản” tại xã Hang Kia."),
            "{text}"
        );
        // No "trong đó 0 lượt hộ nghèo", no "0 lượt người".
        assert!(
            text.contains("Các hoạt động đã hỗ trợ 72 lượt hộ, góp phần"),
            "{text}"
        );
        assert!(!text.contains(" 0 lượt") && !text.contains("\""), "{text}");
        assert!(
            !text.contains("con giống"),
            "no clause for a zero figure: {text}"
        );
    }

    #[test]
    fn a_span_across_phases_names_its_years_once() {
        use crate::domain::testkit::activity;
        let mut ds = small();
        ds.activities = vec![activity(
            "a",
            "u-kbnn",
            "c-paco",
            "2026-03-01",
            "gifts",
            1_000_000,
        )];
        let idx = LocationIndex::new(&ds.locations);
        let period = "2021-01-01..2026-12-31";
        let scope = Scope::for_period(period);
        let f = aggregate(&ds, &idx, &scope);
        let phase = Period::parse(period).map_or_else(String::new, |p| p.phase().code());
        let subject = Subject {
            period,
            area: "tỉnh Hòa Bình".into(),
            phase: &phase,
        };
        let text = draft(&ds, &idx, &scope, &subject, &f).join("\n");
        assert_eq!(
            text.matches("từ năm 2021 đến năm 2026").count()
                + text.matches("Từ năm 2021 đến năm 2026").count(),
            1,
            "{text}"
        );
    }

    /// The opening sentence of `period`'s draft over activities in `years`, with one phase plan
    /// (no issue date) and one yearly plan of 2023.
    fn opening(years: &[i32], period: &str) -> Vec<String> {
        use crate::domain::testkit::{activity, item, plan};
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
            let a = activity(
                &format!("a{i}"),
                "u-kbnn",
                "c-paco",
                &format!("{y}-03-10"),
                "gifts",
                1_000_000,
            );
            ds.activities.push(a);
        }
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period(period);
        let f = aggregate(&ds, &idx, &scope);
        let phase = Period::parse(period)
            .map(|p| p.phase().code())
            .unwrap_or_default();
        let subject = Subject {
            period,
            area: "tỉnh Hòa Bình".into(),
            phase: &phase,
        };
        draft(&ds, &idx, &scope, &subject, &f)
    }

    #[test]
    fn the_opening_counts_years_with_data_and_names_the_phase_only_as_a_phase() {
        // The seed's review: three years of a phase.
        let t = opening(&[2021, 2022, 2023, 2025], "2021-2023");
        assert!(t[0].starts_with("Sau 3 năm thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn giai đoạn 2021-2025 trên địa bàn"), "{}", t[0]);
        let t = opening(&[2021, 2022, 2023, 2025], "2021-2025");
        assert!(t[0].starts_with("Sau 4 năm"), "{}", t[0]);
        // One year of data in the phase: no "Sau 1 năm".
        let t = opening(&[2026], "2026-2030");
        assert!(
            t[0].starts_with("Trong giai đoạn 2026-2030, thực hiện"),
            "{}",
            t[0]
        );
        // Across two phases: the years, not a made-up phase.
        let t = opening(&[2024, 2026], "2024-2027");
        assert!(t[0].starts_with("Sau 2 năm thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn từ năm 2024 đến năm 2027"), "{}", t[0]);
        let t = opening(&[2023], "2023-Q1");
        assert!(t[0].starts_with("Trong quý I năm 2023, thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn giai đoạn 2021-2025"), "{}", t[0]);
        let t = opening(&[2023], "2023-02-01..2023-04-30");
        assert!(
            t[0].starts_with("Từ ngày 01/02/2023 đến ngày 30/04/2023, thực hiện"),
            "{}",
            t[0]
        );
        let t = opening(&[2022], "2021-2023");
        assert!(
            t[0].starts_with("Từ năm 2021 đến năm 2023, thực hiện"),
            "{}",
            t[0]
        );
    }

    #[test]
    fn a_phase_plan_counts_in_its_phase_not_in_a_half_year() {
        let phase = opening(&[2023], "2021-2025").join("\n");
        assert!(phase.contains("ban hành 2 kế hoạch"), "{phase}");
        let half = opening(&[2023], "2023-H1").join("\n");
        assert!(half.contains("ban hành 1 kế hoạch"), "{half}");
        let other = opening(&[2024], "2024").join("\n");
        assert!(!other.contains("kế hoạch giúp đỡ"), "{other}");
    }

    #[test]
    fn one_unit_speaks_as_itself_and_a_blank_province_leaves_no_gap() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2023").unit(Some("u-kbnn"));
        let f = aggregate(&ds, &idx, &scope);
        let subject = Subject {
            period: "2023",
            area: String::new(),
            phase: "2021-2025",
        };
        let text = draft(&ds, &idx, &scope, &subject, &f).join("\n");
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
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2024");
        let f = aggregate(&ds, &idx, &scope);
        let subject = Subject {
            period: "2024",
            area: "huyện Mai Châu".into(),
            phase: "2021-2025",
        };
        let text = draft(&ds, &idx, &scope, &subject, &f);
        assert!(
            text[0].starts_with("Năm 2024, thực hiện công tác giúp đỡ"),
            "{}",
            text[0]
        );
        let empty = Dataset::default();
        let idx = LocationIndex::new(&empty.locations);
        let f = aggregate(&empty, &idx, &scope);
        let text = draft(&empty, &idx, &scope, &subject, &f);
        assert_eq!(text.len(), 1);
        assert!(text[0].contains("0 hoạt động"));
    }
}

#[cfg(test)]
#[path = "narrative_golden_tests.rs"]
mod golden_tests;
