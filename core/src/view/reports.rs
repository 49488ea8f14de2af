//! The reports screen's documents: a unit's report and the provincial (or district) summary,
//! composed from the figures, tables and drafted narrative of `report`, in the layout
//! `report::html` prints. The page keeps only the fields being typed.

use crate::domain::format::integer;
use crate::domain::query::{place_name_inline, LocationIndex};
use crate::domain::record::Location;
use crate::domain::{Dataset, Lang};
use crate::report::aggregate::aggregate;
use crate::report::coverage::UnitStanding;
use crate::report::html::{Doc, Letterhead, Part};
use crate::report::narrative::{draft, Subject};
use crate::report::period::{phases, Period};
use crate::report::review::Section;
use crate::report::scope::{Boundaries, Scope};
use crate::report::tables::{
    activities, by_category, by_commune, by_funding, by_unit, plan_progress, plan_rollup, Table,
};

use super::options::{activity_years, Options};

/// Report periods: every phase (newest first), then each year with data (newest first) with its
/// halves and quarters. Any other span is typed as dates (`from..to`, the page's "khoảng khác").
pub fn period_options(ds: &Dataset, today_year: i32) -> Options {
    let mut out: Options = phases(ds, today_year)
        .into_iter()
        .map(|p| {
            let label = format!("Giai đoạn {p}");
            (p, label)
        })
        .collect();
    for y in activity_years(ds).into_iter().rev() {
        out.push((y.to_string(), format!("Năm {y}")));
        out.push((format!("{y}-H1"), format!("6 tháng đầu năm {y}")));
        out.push((format!("{y}-H2"), format!("6 tháng cuối năm {y}")));
        for (q, name) in ["I", "II", "III", "IV"].iter().enumerate() {
            out.push((format!("{y}-Q{}", q + 1), format!("Quý {name} năm {y}")));
        }
    }
    out
}

/// What a summary can be scoped to: districts as they were (marked when they no longer exist),
/// then communes — the level that exists since the 2025 reform — each in Vietnamese order.
pub fn scope_options(ds: &Dataset) -> Options {
    let mut districts: Options = Vec::new();
    let mut communes: Options = Vec::new();
    for l in &ds.locations {
        let name = crate::domain::query::place_name(l);
        let name = match &l.valid_to {
            Some(to) => format!("{name} (đến {})", crate::domain::format::date(to)),
            None => name,
        };
        match l.level.as_str() {
            "district" => districts.push((l.id.clone(), name)),
            "commune" => communes.push((l.id.clone(), name)),
            _ => {}
        }
    }
    crate::domain::collate::sort_by_text(&mut districts, |r| &r.1);
    crate::domain::collate::sort_by_text(&mut communes, |r| &r.1);
    districts.extend(communes);
    districts
}

/// Whether the directory holds merged places or renamed units, so a report can be drawn on
/// today's map or the period's.
pub fn has_history(ds: &Dataset, idx: &LocationIndex) -> bool {
    idx.has_history()
        || ds
            .units
            .iter()
            .any(|u| u.valid_to.is_some() && !u.successors.is_empty())
}

/// The boundaries a report is drawn by, from the page's choice ("period" or today's, the
/// default) and today's ISO date.
pub fn boundaries(choice: &str, today: &str) -> Boundaries {
    if choice == "period" {
        Boundaries::Period
    } else {
        Boundaries::Today(today.to_string())
    }
}

/// How a period reads in a sentence ("giai đoạn 2021-2025", "năm 2023", …).
fn period_phrase(p: &str) -> String {
    Period::parse(p).map_or_else(|| p.to_string(), |p| p.phrase())
}

/// The province's name from the directory, for the date line and the narrative: the one that
/// exists today (Phú Thọ, not Hòa Bình merged into it in 2025).
pub fn province_name(ds: &Dataset) -> String {
    province_on(ds, None)
}

/// The province that existed on `day` (today's when None): a 2023 report on the period's map
/// speaks of Hòa Bình, one on today's map of Phú Thọ.
pub fn province_on(ds: &Dataset, day: Option<&str>) -> String {
    province_record(ds, day).map_or_else(String::new, |l| l.name.clone())
}

/// The province's record on `day`: the one that existed then, else today's, else any.
fn province_record<'a>(ds: &'a Dataset, day: Option<&str>) -> Option<&'a Location> {
    let provinces = || ds.locations.iter().filter(|l| l.level == "province");
    provinces()
        .find(|l| super::options::existed(l.valid_from.as_deref(), l.valid_to.as_deref(), day))
        .or_else(|| provinces().find(|l| l.valid_to.is_none()))
        .or_else(|| provinces().next())
}

/// What a unit's letterhead starts from, read from the directory (Nghị định 30/2020; Party
/// bodies by Hướng dẫn 36-HD/VPTW): the body above it, its name, the number with its short
/// name, and whether it writes as a Party body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeadDefaults {
    pub parent: String,
    pub issuer: String,
    pub number: String,
    pub party: bool,
    /// Who signs for the body ("Giám đốc", "Trưởng ban"), when its name says; else empty.
    pub signer_title: String,
}

/// Names of the province's own departments and offices under its People's Committee: only
/// these answer to "UBND tỉnh …" by default. A government-bloc unit of another kind (the
/// treasury, a bank branch, a centre under a department) has a superior of its own.
const UNDER_THE_PEOPLES_COMMITTEE: &[&str] = &[
    "sở ",
    "thanh tra tỉnh",
    "văn phòng ủy ban nhân dân",
    "văn phòng ubnd",
    "ban dân tộc",
    "ban quản lý",
];

/// Who signs for a body, from the first words of its name.
const SIGNERS: &[(&str, &str)] = &[
    ("sở ", "Giám đốc"),
    ("công an", "Giám đốc"),
    ("kho bạc", "Giám đốc"),
    ("chi nhánh", "Giám đốc"),
    ("trung tâm", "Giám đốc"),
    ("thanh tra", "Chánh Thanh tra"),
    ("văn phòng", "Chánh Văn phòng"),
    ("bộ chỉ huy", "Chỉ huy trưởng"),
    ("ban ", "Trưởng ban"),
    ("hội ", "Chủ tịch"),
    ("ủy ban mặt trận", "Chủ tịch"),
    ("liên minh", "Chủ tịch"),
    ("trường", "Hiệu trưởng"),
    ("cục ", "Cục trưởng"),
    ("phòng ", "Trưởng phòng"),
];

/// The letterhead's defaults for a unit, as of `day` (ISO; today's when None): the body above
/// it as the directory holds it (a provincial People's Committee named as the province was on
/// that day), its name with the province where the name stops at "tỉnh" ("Công an tỉnh Phú
/// Thọ"), the number with its short name, and who signs.
pub fn head_defaults(ds: &Dataset, unit_id: &str, day: Option<&str>) -> HeadDefaults {
    let Some(u) = ds.units.iter().find(|u| u.id == unit_id) else {
        return HeadDefaults::default();
    };
    let party = u.bloc == "party";
    let province = province_on(ds, day);
    let lower = crate::domain::text::lower(u.name.trim());
    let parent = if !u.superior.trim().is_empty() {
        superior_on(ds, u.superior.trim(), day)
    } else if party {
        format!("Đảng bộ tỉnh {province}")
    } else if u.bloc == "government" && u.level == "district" {
        // A district unit answers to its district's People's Committee.
        u.location_id
            .as_deref()
            .and_then(|d| ds.locations.iter().find(|l| l.id == d))
            .map_or_else(String::new, |d| format!("UBND {}", place_name_inline(d)))
    } else if u.bloc == "government"
        && UNDER_THE_PEOPLES_COMMITTEE
            .iter()
            .any(|p| lower.starts_with(p))
    {
        format!("UBND tỉnh {province}")
    } else {
        // The treasury, the bank, the police, the army, the Front and mass organisations each
        // have their own superior: nothing is guessed, the person types it (or the directory
        // holds it).
        String::new()
    };
    let issuer = if lower.ends_with(" tỉnh") && !province.is_empty() {
        format!("{} {province}", u.name.trim())
    } else {
        u.name.trim().to_string()
    };
    let short = u.short_name.trim();
    let number = if party {
        format!("…-BC/{short}")
    } else {
        format!("…/BC-{short}")
    };
    let signer_title = SIGNERS
        .iter()
        .find(|(start, _)| lower.starts_with(start))
        .map_or_else(String::new, |(_, who)| (*who).to_string());
    HeadDefaults {
        parent,
        issuer,
        number,
        party,
        signer_title,
    }
}

/// A superior as it was named on `day`: "UBND tỉnh Phú Thọ" on a day before that province
/// existed is the People's Committee of the province there was then ("UBND tỉnh Hòa Bình").
pub fn superior_on(ds: &Dataset, superior: &str, day: Option<&str>) -> String {
    let Some(day) = day else {
        return superior.to_string();
    };
    let then = province_on(ds, Some(day));
    for p in ds.locations.iter().filter(|l| l.level == "province") {
        let named = format!("tỉnh {}", p.name);
        let not_yet = p.valid_from.as_deref().is_some_and(|from| day < from);
        if not_yet && !then.is_empty() && then != p.name && superior.ends_with(&named) {
            let cut = superior.len() - named.len();
            return format!("{}tỉnh {then}", &superior[..cut]);
        }
    }
    superior.to_string()
}

/// The area a summary speaks of: the chosen place (`huyện Mai Châu`), else the province.
pub fn area_name(ds: &Dataset, idx: &LocationIndex, area_id: &str, scope: &Scope) -> String {
    if !scope.group.is_empty() {
        // "xã Hang Kia và xã Pà Cò": the group by name, in Vietnamese order.
        let mut names: Vec<String> = scope
            .group
            .iter()
            .filter_map(|g| idx.get(g).map(place_name_inline))
            .collect();
        crate::domain::collate::sort_by_text(&mut names, String::as_str);
        return crate::domain::text::join_and(&names);
    }
    idx.get(area_id)
        .map(place_name_inline)
        .unwrap_or_else(|| province_phrase(ds, scope))
}

/// The province a report speaks of, on its map: "tỉnh Phú Thọ"; "tỉnh Hòa Bình (nay là tỉnh
/// Phú Thọ)" when the period began while a province since merged into it still existed;
/// nothing when the directory holds no province (never "tỉnh ,").
fn province_phrase(ds: &Dataset, scope: &Scope) -> String {
    let provinces = || ds.locations.iter().filter(|l| l.level == "province");
    let Some(now) = province_record(ds, scope.map_day()) else {
        return String::new();
    };
    if now.name.trim().is_empty() {
        return String::new();
    }
    // The provinces merged into it that still existed when the period began.
    let mut before: Vec<String> = provinces()
        .filter(|l| l.successors.contains(&now.id))
        .filter(|l| match (&l.valid_to, &scope.from) {
            (Some(to), Some(from)) => to >= from,
            _ => true,
        })
        .map(|l| format!("tỉnh {}", l.name))
        .collect();
    crate::domain::collate::sort_by_text(&mut before, String::as_str);
    if before.is_empty() {
        format!("tỉnh {}", now.name)
    } else {
        format!("{} (nay là tỉnh {})", before.join(", "), now.name)
    }
}

/// The table at `i`, as HTML (empty if there is none).
fn table_at(t: &[Table], i: usize, testid: &'static str) -> Part {
    t.get(i).map_or_else(
        || Part::Paragraphs(Vec::new()),
        |x| Part::Table(x.clone(), testid),
    )
}

/// A unit report's tables: its activities, by category, by commune, its plans' progress.
pub fn unit_tables(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Vec<Table> {
    let f = aggregate(ds, idx, scope);
    vec![
        activities(ds, idx, scope),
        by_category(&f),
        by_commune(idx, &f),
        plan_progress(ds, idx, scope),
    ]
}

/// A summary's tables: activities, by category, by unit, by commune, plan progress, plans'
/// money against what was done.
pub fn summary_tables(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Vec<Table> {
    let f = aggregate(ds, idx, scope);
    vec![
        activities(ds, idx, scope),
        by_category(&f),
        by_unit(ds, &f),
        by_commune(idx, &f),
        plan_progress(ds, idx, scope),
        plan_rollup(ds, idx, scope),
        by_funding(&f),
    ]
}

/// The opening paragraph of a report: what it answers to — the decisions that assigned its
/// units for the period's phase, as the directory records them — and who reports: "Thực hiện
/// Quyết định …, Kho bạc Nhà nước tỉnh báo cáo kết quả … như sau:".
pub fn basis_paragraph(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    issuer: &str,
) -> String {
    let phase = Period::parse(period).map_or_else(String::new, |p| p.phase().code());
    let mut decisions: Vec<String> = Vec::new();
    for a in ds
        .assignments
        .iter()
        .filter(|a| a.phase == phase && scope.covers_unit(&a.unit_id))
        .filter(|a| scope.covers_place(&a.location_id, idx))
    {
        let d = a.decision.split_whitespace().collect::<Vec<_>>().join(" ");
        if !d.is_empty() && !decisions.contains(&d) {
            decisions.push(d);
        }
    }
    crate::domain::collate::sort_by_text(&mut decisions, String::as_str);
    let who = if issuer.trim().is_empty() {
        "Cơ quan".to_string()
    } else {
        issuer.trim().to_string()
    };
    let report = format!(
        "báo cáo kết quả công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn {} như sau:",
        period_phrase(period)
    );
    if decisions.is_empty() {
        format!("{} {report}", crate::domain::text::capitalise(&who))
    } else {
        format!("Thực hiện {}, {who} {report}", decisions.join("; "))
    }
}

/// The drafted narrative of `scope` over `period`, in paragraphs.
pub fn narrative(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    area: String,
) -> Vec<String> {
    narrative_claims(ds, idx, scope, period, area)
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// The drafted narrative with the claims each paragraph makes and the records behind them.
pub fn narrative_claims<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    area: String,
) -> Vec<crate::report::claims::Paragraph<'a>> {
    let f = aggregate(ds, idx, scope);
    let phase = Period::parse(period).map_or_else(String::new, |p| p.phase().code());
    let subject = Subject {
        period,
        area,
        phase: &phase,
    };
    draft(ds, idx, scope, &subject, &f)
}

/// What a unit writes in its report besides the figures.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnitText<'a> {
    pub assessment: &'a str,
    pub difficulties: &'a str,
    pub proposals: &'a str,
}

/// A unit's report for `period`: drafted results, its tables, and its own assessment,
/// difficulties and proposals.
pub fn unit_document(
    mut head: Letterhead,
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    (unit_id, period): (&str, &str),
    tables: &[Table],
    text: UnitText,
) -> Doc {
    let area = area_name(ds, idx, "", scope);
    let results = narrative(ds, idx, scope, period, area);
    let unit_name = ds.unit_name(unit_id).unwrap_or_default();
    head.parent_body = superior_on(ds, &head.parent_body, Some(&head.date));
    let basis = basis_paragraph(ds, idx, scope, period, &head.issuer);
    head.title = "BÁO CÁO".into();
    head.subtitle = format!(
        "Kết quả công tác giúp đỡ xã, thôn, bản đặc biệt khó khăn {} của {unit_name}",
        period_phrase(period)
    );
    let paras = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    Doc {
        head,
        annex: Vec::new(),
        parts: vec![
            Part::Paragraphs(vec![basis]),
            Part::Heading("I. KẾT QUẢ THỰC HIỆN".into()),
            Part::Paragraphs(results),
            Part::Heading("1. Kết quả theo lĩnh vực".into()),
            (table_at(tables, 1, "table-category")),
            Part::Heading("2. Kết quả theo địa bàn".into()),
            (table_at(tables, 2, "table-commune")),
            Part::Heading("3. Tiến độ thực hiện kế hoạch".into()),
            // A unit's own report prints its plans without the unit and category columns, so
            // the table fits an A4 page.
            tables.get(3).map_or_else(
                || Part::Paragraphs(Vec::new()),
                |t| Part::Table(t.without(&["Đơn vị", "Lĩnh vực"]), "table-plan"),
            ),
            Part::Heading("II. ĐÁNH GIÁ CHUNG".into()),
            Part::Paragraphs(paras(text.assessment)),
            Part::Heading("III. KHÓ KHĂN, VƯỚNG MẮC".into()),
            Part::Paragraphs(paras(text.difficulties)),
            Part::Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ".into()),
            Part::Paragraphs(paras(text.proposals)),
        ],
    }
}

/// The units behind, as the summary lists them.
fn behind_part(list: &[UnitStanding]) -> Part {
    if list.is_empty() {
        return Part::Paragraphs(vec![
            "Tất cả các cơ quan, đơn vị được phân công đã có kế hoạch, hoạt động và gửi báo cáo."
                .to_string(),
        ]);
    }
    let items: Vec<String> = list
        .iter()
        .map(|s| {
            let mut why = Vec::new();
            if !s.has_plan {
                why.push("chưa có kế hoạch");
            }
            if s.activities == 0 {
                why.push("chưa có hoạt động");
            }
            if !s.reported {
                why.push("chưa gửi báo cáo");
            }
            format!("{}: {}", s.name, why.join(", "))
        })
        .collect();
    Part::List {
        intro: format!(
            "Có {} cơ quan, đơn vị chưa hoàn thành:",
            integer(list.len() as i64, Lang::Vi)
        ),
        items,
        testid: "doc-behind",
    }
}

/// The summary of `area` for `period`, as a review report: I. results — the narrative as the
/// officer edited it (paragraphs separated by a blank line) — then the sections drafted from
/// the data and the units' reports (`report::review`), and the tables and the units behind (when
/// the period is a year) in the annex.
pub fn summary_document(
    mut head: Letterhead,
    (area, period, basis): (&str, &str, &str),
    (narrative, sections): (&str, &[Section]),
    tables: &[Table],
    behind: Option<&[UnitStanding]>,
) -> Doc {
    let paragraphs: Vec<String> = narrative
        .split("\n\n")
        .map(|s| s.replace('\n', " "))
        .collect();
    let mut parts = vec![
        Part::Paragraphs(vec![basis.to_string()]),
        Part::Heading("I. KẾT QUẢ THỰC HIỆN".into()),
        Part::Paragraphs(paragraphs),
    ];
    for s in sections {
        if !s.heading.is_empty() {
            parts.push(Part::Heading(s.heading.clone()));
        }
        parts.push(Part::Paragraphs(s.paragraphs.clone()));
    }
    let mut annex = vec![
        Part::Heading("Biểu 1. Kết quả theo lĩnh vực".into()),
        (table_at(tables, 1, "table-category")),
        Part::Heading("Biểu 2. Kết quả theo cơ quan, đơn vị".into()),
        (table_at(tables, 2, "table-unit")),
        Part::Heading("Biểu 3. Kết quả theo xã".into()),
        (table_at(tables, 3, "table-commune")),
        Part::Heading("Biểu 4. Kinh phí kế hoạch và kết quả thực hiện".into()),
        (table_at(tables, 5, "table-plan-rollup")),
        Part::Heading("Biểu 5. Kết quả theo nguồn kinh phí".into()),
        (table_at(tables, 6, "table-funding")),
    ];
    if let Some(list) = behind.filter(|l| !l.is_empty()) {
        annex.push(Part::Heading(
            "Biểu 6. Các cơ quan, đơn vị chưa hoàn thành".into(),
        ));
        annex.push(behind_part(list));
    }
    head.title = "BÁO CÁO".into();
    head.subtitle = format!(
        "Kết quả công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn {} trên địa bàn {area}",
        period_phrase(period)
    );
    Doc { head, parts, annex }
}

/// The sections II–V of a summary (`report::review`), drawn from the same scope.
pub fn summary_sections(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    behind: Option<&[UnitStanding]>,
) -> Vec<Section> {
    let f = aggregate(ds, idx, scope);
    crate::report::review::sections(ds, idx, scope, period, &f, behind)
}

/// The year of a period that is one year or half of one (`2023`, `2023-H1`); none for a phase.
pub fn single_year(period: &str) -> Option<i32> {
    Period::parse(period).and_then(|p| p.single_year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn periods_and_their_phrases() {
        let ds = small();
        let periods = period_options(&ds, 2026);
        // Today's phase (no data yet) and the data's phase, then each year with data.
        assert_eq!(periods[0].0, "2026-2030");
        assert_eq!(
            periods[1],
            ("2021-2025".into(), "Giai đoạn 2021-2025".into())
        );
        assert_eq!(periods[2], ("2024".into(), "Năm 2024".into()));
        assert_eq!(periods[9], ("2023".into(), "Năm 2023".into()));
        assert!(periods.contains(&("2023-Q3".into(), "Quý III năm 2023".into())));
        assert_eq!(period_phrase("2023-H1"), "6 tháng đầu năm 2023");
        assert_eq!(period_phrase("2023"), "năm 2023");
        assert_eq!(period_phrase("2021-2025"), "giai đoạn 2021-2025");
        assert_eq!(period_phrase("2021-2023"), "từ năm 2021 đến năm 2023");
        assert_eq!(single_year("2023-H2"), Some(2023));
        assert_eq!(single_year("2023-Q4"), Some(2023));
        assert_eq!(single_year("2021-2025"), None);
    }

    #[test]
    fn letterheads_come_from_the_directory_and_guess_nothing_for_other_blocs() {
        use crate::domain::testkit::unit;
        let mut ds = small();
        let with = |id: &str, name: &str, short: &str, bloc: &str, superior: &str| {
            let mut u = unit(id, name);
            u.short_name = short.into();
            u.bloc = bloc.into();
            u.superior = superior.into();
            u
        };
        ds.units = vec![
            with("gov", "Sở Dân tộc và Tôn giáo", "SDTTG", "government", ""),
            with("kbnn", "Kho bạc Nhà nước tỉnh", "KBNN", "government", ""),
            with(
                "ttkn",
                "Trung tâm Khuyến nông tỉnh",
                "TTKN",
                "government",
                "",
            ),
            with(
                "bank",
                "Chi nhánh Ngân hàng Chính sách xã hội tỉnh",
                "NHCSXH",
                "other",
                "Ngân hàng Chính sách xã hội",
            ),
            with("police", "Công an tỉnh", "CAT", "armed", ""),
            with(
                "party",
                "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "BTGDVTU",
                "party",
                "",
            ),
        ];
        let province = province_name(&ds);
        let gov = head_defaults(&ds, "gov", None);
        assert_eq!(gov.parent, format!("UBND tỉnh {province}"));
        assert_eq!(gov.number, "…/BC-SDTTG");
        assert_eq!(gov.signer_title, "Giám đốc");
        assert!(!gov.party);
        // Government-bloc units that are not the province's departments: nothing guessed.
        assert_eq!(head_defaults(&ds, "kbnn", None).parent, "");
        assert_eq!(head_defaults(&ds, "ttkn", None).parent, "");
        assert_eq!(
            head_defaults(&ds, "bank", None).parent,
            "Ngân hàng Chính sách xã hội"
        );
        let police = head_defaults(&ds, "police", None);
        assert_eq!(police.parent, "", "no UBND above the police");
        // A name that stops at "tỉnh" is completed with the province: never a bare "CÔNG AN TỈNH".
        assert_eq!(police.issuer, format!("Công an tỉnh {province}"));
        let party = head_defaults(&ds, "party", None);
        assert!(party.party);
        assert_eq!(party.parent, format!("Đảng bộ tỉnh {province}"));
        assert_eq!(party.number, "…-BC/BTGDVTU");
        assert_eq!(party.signer_title, "Trưởng ban");
        assert_eq!(head_defaults(&ds, "nobody", None), HeadDefaults::default());
    }

    #[test]
    fn a_letterhead_dated_before_the_merger_names_the_superior_of_that_day() {
        let ds = crate::sample::demo::demo();
        let before = head_defaults(&ds, "demo-u-sdttg", Some("2025-04-01"));
        assert_eq!(before.parent, "UBND tỉnh Hòa Bình");
        assert_eq!(
            head_defaults(&ds, "demo-u-sdttg", Some("2025-08-01")).parent,
            "UBND tỉnh Phú Thọ"
        );
        assert_eq!(
            head_defaults(&ds, "demo-u-ca", Some("2024-05-01")).issuer,
            "Công an tỉnh Hòa Bình"
        );
        assert_eq!(
            superior_on(&ds, "UBND tỉnh Phú Thọ", Some("2023-12-31")),
            "UBND tỉnh Hòa Bình"
        );
        assert_eq!(
            superior_on(&ds, "Bộ Công an", Some("2023-12-31")),
            "Bộ Công an"
        );
    }

    #[test]
    fn documents_carry_their_parts_and_escape_names() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2023").unit(Some("u-kbnn"));
        let tables = unit_tables(&ds, &idx, &scope);
        let doc = unit_document(
            Letterhead::default(),
            &ds,
            &idx,
            &scope,
            ("u-kbnn", "2023"),
            &tables,
            UnitText {
                assessment: "<b>Tốt</b>",
                ..Default::default()
            },
        );
        let html = doc.html();
        assert!(html.contains("IV. ĐỀ XUẤT, KIẾN NGHỊ"));
        assert!(html.contains("&lt;b&gt;Tốt&lt;/b&gt;"), "{html}");
        assert!(html.contains("data-testid=\"table-category\""));

        let behind = [UnitStanding {
            unit_id: "u-1".into(),
            name: "Sở <Y tế>".into(),
            has_plan: false,
            activities: 0,
            reported: true,
        }];
        let summary = summary_document(
            Letterhead::default(),
            ("tỉnh Hòa Bình", "2023", "Thực hiện …"),
            ("Một.\n\nHai", &[]),
            &summary_tables(&ds, &idx, &Scope::for_period("2023")),
            Some(&behind),
        )
        .html();
        assert!(summary.contains("Sở &lt;Y tế&gt;: chưa có kế hoạch, chưa có hoạt động"));
        assert!(summary.contains("trên địa bàn tỉnh Hòa Bình"));
        assert_eq!(
            area_name(&ds, &idx, "", &Scope::default()),
            format!("tỉnh {}", province_name(&ds))
        );
    }
}
