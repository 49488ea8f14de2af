//! The sections of a review report after its results (báo cáo sơ kết, tổng kết): limitations and
//! their causes, the units' own assessments, tasks ahead and proposals. Each line is drawn from
//! the data of the period and scope — plan money against what was done, assigned communes with
//! no activity, units behind, plans already issued for what comes next — or quotes what the
//! units wrote in their own reports for the period, naming the unit.

use super::aggregate::Figures;
use super::coverage::UnitStanding;
use super::period::Period;
use super::scope::Scope;
use crate::domain::dataset::Dataset;
use crate::domain::format::{integer, money_short};
use crate::domain::query::{place_name_inline, LocationIndex};
use crate::domain::text::join_and;
use crate::domain::Lang;

/// One section: its heading and its paragraphs (a paragraph starting "- " is a list item).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The sections as text for the page to edit: each heading and paragraph a block of its own,
/// blocks separated by a blank line.
pub fn to_text(sections: &[Section]) -> String {
    sections
        .iter()
        .flat_map(|s| std::iter::once(&s.heading).chain(s.paragraphs.iter()))
        .filter(|b| !b.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The sections back from the edited text: a block like "III. ĐỀ XUẤT" (a Roman numeral, a
/// full stop, capitals) opens a section; other blocks are its paragraphs.
pub fn from_text(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for block in text.split("\n\n") {
        let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if block.is_empty() {
            continue;
        }
        if is_heading(&block) {
            out.push(Section {
                heading: block,
                paragraphs: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.paragraphs.push(block);
        } else {
            out.push(Section {
                heading: String::new(),
                paragraphs: vec![block],
            });
        }
    }
    out
}

fn is_heading(block: &str) -> bool {
    let Some((numeral, rest)) = block.split_once(". ") else {
        return false;
    };
    !numeral.is_empty()
        && numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        && !rest.chars().any(char::is_lowercase)
}

/// What the units wrote for `period` in their reports, by unit name: (unit, text) for the field
/// `pick` takes, only units in scope and non-empty texts.
fn written(
    ds: &Dataset,
    scope: &Scope,
    period: &str,
    pick: impl Fn(&crate::domain::record::Report) -> &str,
) -> Vec<String> {
    let mut rows: Vec<(String, String)> = ds
        .reports
        .iter()
        .filter(|r| r.period == period && scope.covers_unit(&r.unit_id))
        // A draft is the unit's own work in progress: only what it sent is quoted.
        .filter(|r| r.status == "submitted")
        .filter(|r| !pick(r).trim().is_empty())
        .map(|r| {
            let unit = ds.unit_name(&r.unit_id).unwrap_or(&r.unit_id).to_string();
            let text = pick(r).split_whitespace().collect::<Vec<_>>().join(" ");
            (unit, text)
        })
        .collect();
    crate::domain::collate::sort_by_text(&mut rows, |r| &r.0);
    rows.into_iter()
        .map(|(unit, text)| format!("- {unit}: {text}"))
        .collect()
}

/// Communes assigned for the period's phase, in scope, with no activity in the period.
fn idle_communes(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    phase: &str,
    f: &Figures,
) -> Vec<String> {
    let acted: std::collections::HashSet<&str> = ds
        .activities
        .iter()
        .filter(|a| scope.matches(a, idx))
        .filter_map(|a| idx.commune_of(&a.location_id).map(|c| c.id.as_str()))
        .collect();
    let mut names: Vec<String> = ds
        .assignments
        .iter()
        .filter(|a| a.phase == phase && scope.covers_unit(&a.unit_id))
        .filter(|a| scope.covers_place(&a.location_id, idx))
        .filter_map(|a| idx.commune_of(&a.location_id))
        .filter(|c| !acted.contains(c.id.as_str()) && !f.by_commune.contains_key(&c.id))
        // A commune that ended before the period began was not there to help.
        .filter(|c| {
            c.valid_to
                .as_deref()
                .is_none_or(|to| scope.from.as_deref().is_none_or(|from| to >= from))
        })
        .map(place_name_inline)
        .collect();
    crate::domain::collate::sort_by_text(&mut names, String::as_str);
    names.dedup();
    names
}

/// How many units were assigned for the period's phase (and existed in the period), how many
/// sent their report for it, and which did not, by name.
fn who_reported(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    phase: &str,
) -> Option<String> {
    let existed = |u: &crate::domain::record::Unit| {
        u.valid_to
            .as_deref()
            .is_none_or(|to| scope.from.as_deref().is_none_or(|from| to >= from))
            && u.valid_from
                .as_deref()
                .is_none_or(|since| scope.to.as_deref().is_none_or(|to| since <= to))
    };
    let mut assigned: Vec<&crate::domain::record::Unit> = Vec::new();
    for a in ds
        .assignments
        .iter()
        .filter(|a| a.phase == phase && scope.covers_unit(&a.unit_id))
        .filter(|a| scope.covers_place(&a.location_id, idx))
    {
        if let Some(u) = ds
            .units
            .iter()
            .find(|u| u.id == a.unit_id)
            .filter(|u| existed(u))
        {
            if !assigned.iter().any(|x| x.id == u.id) {
                assigned.push(u);
            }
        }
    }
    if assigned.is_empty() {
        return None;
    }
    let sent = |u: &str| {
        ds.reports
            .iter()
            .any(|r| r.unit_id == u && r.period == period && r.status == "submitted")
    };
    let mut missing: Vec<String> = assigned
        .iter()
        .filter(|u| !sent(&u.id))
        .map(|u| u.name.clone())
        .collect();
    crate::domain::collate::sort_by_text(&mut missing, String::as_str);
    let n = assigned.len();
    let mut text = format!(
        "Có {} cơ quan, đơn vị được phân công giúp đỡ; {} đơn vị đã gửi báo cáo {}",
        integer(n as i64, Lang::Vi),
        integer((n - missing.len()) as i64, Lang::Vi),
        Period::parse(period).map_or_else(|| format!("kỳ {period}"), |p| p.phrase()),
    );
    if missing.is_empty() {
        text.push('.');
    } else {
        text.push_str(&format!(
            "; {} đơn vị chưa gửi: {}.",
            integer(missing.len() as i64, Lang::Vi),
            join_and(&missing)
        ));
    }
    Some(text)
}

/// Plan money of the period in scope: (target, done by linked activities).
fn plan_money(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> (i64, i64) {
    let r = super::progress::rollup(ds, idx, |p| {
        scope.covers_unit(&p.unit_id)
            && scope.covers_place(&p.location_id, idx)
            && super::progress::plan_in_period(p, scope.from.as_deref(), scope.to.as_deref())
    });
    r.by_unit.values().fold((0i64, 0i64), |(t, d), (a, b)| {
        (t.saturating_add(*a), d.saturating_add(*b))
    })
}

/// The sections II–V of a summary for `period` (a code `report::period` reads).
pub fn sections(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: &str,
    f: &Figures,
    behind: Option<&[UnitStanding]>,
) -> Vec<Section> {
    let parsed = Period::parse(period);
    let phase = parsed
        .as_ref()
        .map_or_else(String::new, |p| p.phase().code());
    let mut out = Vec::new();

    // II. Limitations, from the figures; causes, from the units' difficulties.
    let mut limits = Vec::new();
    let (target, done) = plan_money(ds, idx, scope);
    if target > 0 && done < target {
        let pct = (done as f64 * 1000.0 / target as f64).round() / 10.0;
        limits.push(format!(
            "Kinh phí thực hiện các chỉ tiêu kế hoạch mới đạt {} trên {} ({}%).",
            money_short(done, Lang::Vi),
            money_short(target, Lang::Vi),
            crate::domain::format::tenths_vi(pct)
        ));
    }
    if let Some(who) = who_reported(ds, idx, scope, period, &phase) {
        limits.push(who);
    }
    let idle = idle_communes(ds, idx, scope, &phase, f);
    if !idle.is_empty() {
        limits.push(format!(
            "Có {} xã được phân công giúp đỡ nhưng chưa có hoạt động trong kỳ: {}.",
            integer(idle.len() as i64, Lang::Vi),
            join_and(&idle)
        ));
    }
    if let Some(list) = behind.filter(|l| !l.is_empty()) {
        let count = |p: fn(&UnitStanding) -> bool| list.iter().filter(|s| p(s)).count();
        let mut what = Vec::new();
        for (n, words) in [
            (count(|s| !s.has_plan), "chưa có kế hoạch"),
            (count(|s| s.activities == 0), "chưa có hoạt động"),
            (count(|s| !s.reported), "chưa gửi báo cáo"),
        ] {
            if n > 0 {
                what.push(format!("{} đơn vị {words}", integer(n as i64, Lang::Vi)));
            }
        }
        limits.push(format!("Còn {} (danh sách tại Phụ lục).", join_and(&what)));
    }
    let causes = written(ds, scope, period, |r| &r.difficulties);
    if limits.is_empty() && causes.is_empty() {
        limits.push(
            "Số liệu tổng hợp của kỳ không ghi nhận chỉ tiêu kế hoạch chậm, xã được phân công chưa có hoạt động hay đơn vị chưa báo cáo."
                .into(),
        );
    }
    if !causes.is_empty() {
        limits.push("Nguyên nhân, khó khăn do các đơn vị nêu:".into());
        limits.extend(causes);
    }
    out.push(Section {
        heading: "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN".into(),
        paragraphs: limits,
    });

    // III. The units' own assessments: what worked, in their words.
    let assessed = written(ds, scope, period, |r| &r.assessment);
    if !assessed.is_empty() {
        let mut ps = vec!["Các đơn vị tự đánh giá, rút kinh nghiệm:".to_string()];
        ps.extend(assessed);
        out.push(Section {
            heading: "III. ĐÁNH GIÁ CHUNG VÀ BÀI HỌC KINH NGHIỆM".into(),
            paragraphs: ps,
        });
    }

    // IV. Tasks ahead: plans already issued after the period, communes still to help.
    let mut tasks = Vec::new();
    if let Some(to) = scope.to.as_deref() {
        let next_year: i32 = to
            .get(..4)
            .and_then(|y| y.parse().ok())
            .map_or(0, |y: i32| y + 1);
        let ahead: Vec<_> = ds
            .plans
            .iter()
            .filter(|p| p.year == Some(next_year) && p.status == "issued")
            .filter(|p| scope.covers_unit(&p.unit_id) && scope.covers_place(&p.location_id, idx))
            .collect();
        if !ahead.is_empty() {
            let items: usize = ahead.iter().map(|p| p.items.len()).sum();
            tasks.push(format!(
                "Triển khai {} kế hoạch giúp đỡ năm {next_year} đã ban hành, với {} chỉ tiêu.",
                integer(ahead.len() as i64, Lang::Vi),
                integer(items as i64, Lang::Vi)
            ));
        }
    }
    if target > done && target > 0 {
        tasks.push(format!(
            "Hoàn thành các chỉ tiêu kế hoạch còn lại, với kinh phí còn {}.",
            money_short(target - done, Lang::Vi)
        ));
    }
    if !idle.is_empty() {
        tasks.push(format!(
            "Triển khai hoạt động giúp đỡ tại {}.",
            join_and(&idle)
        ));
    }
    if !tasks.is_empty() {
        out.push(Section {
            heading: "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI".into(),
            paragraphs: tasks,
        });
    }

    // V. Proposals: for a finished phase, what the data say the next one needs; then the
    // units' own, as they wrote them.
    let mut ps = next_phase(ds, idx, scope, parsed.as_ref());
    let proposals = written(ds, scope, period, |r| &r.proposals);
    if !proposals.is_empty() {
        ps.push("Các đơn vị đề xuất, kiến nghị:".to_string());
        ps.extend(proposals);
    }
    if !ps.is_empty() {
        out.push(Section {
            heading: "V. ĐỀ XUẤT, KIẾN NGHỊ".into(),
            paragraphs: ps,
        });
    }
    out
}

/// After a finished phase: especially difficult communes of today's map that no unit is
/// assigned for the next phase, and units whose commune was merged away and that have no
/// assignment for it yet — each by name, from the directory.
fn next_phase(
    ds: &Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    period: Option<&Period>,
) -> Vec<String> {
    let (Some(p), Some(today), Some(end)) = (period, scope.today.as_deref(), scope.to.as_deref())
    else {
        return Vec::new();
    };
    if !p.is_phase() || today <= end {
        return Vec::new();
    }
    let (_, last) = p.years();
    let next = format!("{}-{}", last + 1, last + 5);
    let now = |l: &crate::domain::record::Location| {
        crate::domain::query::valid_on(l.valid_to.as_deref(), today)
            && l.valid_from.as_deref().is_none_or(|f| f <= today)
    };
    let assigned_next: std::collections::HashSet<&str> = ds
        .assignments
        .iter()
        .filter(|a| a.phase == next)
        .filter_map(|a| idx.commune_of(&a.location_id).map(|c| c.id.as_str()))
        .collect();
    let mut uncovered: Vec<String> = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune" && l.difficult && now(l))
        .filter(|l| scope.covers_place(&l.id, idx))
        .filter(|l| !assigned_next.contains(l.id.as_str()))
        .map(place_name_inline)
        .collect();
    crate::domain::collate::sort_by_text(&mut uncovered, String::as_str);
    let mut moved: Vec<String> = Vec::new();
    for a in ds
        .assignments
        .iter()
        .filter(|a| Some(a.phase.as_str()) == Some(p.code().as_str()))
        .filter(|a| scope.covers_unit(&a.unit_id) && scope.covers_place(&a.location_id, idx))
    {
        let Some(u) = ds.units.iter().find(|u| u.id == a.unit_id) else {
            continue;
        };
        let Some(c) = idx.commune_of(&a.location_id) else {
            continue;
        };
        let gone = !crate::domain::query::valid_on(c.valid_to.as_deref(), today);
        let unit_now = crate::domain::query::valid_on(u.valid_to.as_deref(), today);
        let has_next = ds
            .assignments
            .iter()
            .any(|b| b.unit_id == u.id && b.phase == next);
        if gone && unit_now && !has_next {
            let then = place_name_inline(c);
            let line = match idx.get(idx.as_of(&c.id, today)) {
                Some(n) if n.id != c.id => {
                    format!("{} ({then}, nay là {})", u.name, place_name_inline(n))
                }
                _ => format!("{} ({then})", u.name),
            };
            if !moved.contains(&line) {
                moved.push(line);
            }
        }
    }
    crate::domain::collate::sort_by_text(&mut moved, String::as_str);
    let mut out = Vec::new();
    if !uncovered.is_empty() {
        out.push(format!(
            "Phân công cơ quan, đơn vị giúp đỡ {} xã đặc biệt khó khăn chưa có đơn vị phụ trách giai đoạn {next}: {}.",
            integer(uncovered.len() as i64, Lang::Vi),
            join_and(&uncovered)
        ));
    }
    if !moved.is_empty() {
        out.push(format!(
            "Phân công lại {} cơ quan, đơn vị có xã được giúp đỡ đã sắp xếp, chưa được giao địa bàn giai đoạn {next}: {}.",
            integer(moved.len() as i64, Lang::Vi),
            join_and(&moved)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{assignment, report, small};
    use crate::report::aggregate::aggregate;

    #[test]
    fn a_finished_phase_proposes_what_the_next_one_needs() {
        let mut ds = crate::domain::testkit::reformed();
        for l in ds.locations.iter_mut().filter(|l| l.level == "commune") {
            l.difficult = true;
        }
        ds.assignments = vec![assignment("as-1", "u-sdttg", "c-hangkia")];
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2021-2025").drawn_on("2026-11-30");
        let f = aggregate(&ds, &idx, &scope);
        let text = format!("{:?}", sections(&ds, &idx, &scope, "2021-2025", &f, None));
        assert!(
            text.contains("Phân công cơ quan, đơn vị giúp đỡ 1 xã đặc biệt khó khăn chưa có đơn vị phụ trách giai đoạn 2026-2030: xã Pà Cò."),
            "{text}"
        );
        assert!(
            text.contains("Phân công lại 1 cơ quan, đơn vị có xã được giúp đỡ đã sắp xếp, chưa được giao địa bàn giai đoạn 2026-2030: Sở Dân tộc và Tôn giáo (xã Hang Kia, nay là xã Pà Cò)."),
            "{text}"
        );
        // The phase under way proposes nothing of the kind.
        let running = Scope::for_period("2021-2025").drawn_on("2025-11-30");
        let text = format!("{:?}", sections(&ds, &idx, &running, "2021-2025", &f, None));
        assert!(!text.contains("Phân công"), "{text}");
    }

    #[test]
    fn sections_go_to_text_and_back_as_edited() {
        let s = vec![
            Section {
                heading: "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN".into(),
                paragraphs: vec!["Một.".into(), "- Kho bạc: khó.".into()],
            },
            Section {
                heading: "V. ĐỀ XUẤT, KIẾN NGHỊ".into(),
                paragraphs: vec!["Hai.".into()],
            },
        ];
        let text = to_text(&s);
        assert_eq!(from_text(&text), s);
        // An officer's edit: a line broken in two, a new paragraph, a sentence that starts
        // with a numeral but is not a heading.
        let edited = text.replace("Một.", "Một\ndòng.") + "\n\nV. Ví dụ không phải tiêu đề.";
        let back = from_text(&edited);
        assert_eq!(back[0].paragraphs[0], "Một dòng.");
        assert_eq!(back.len(), 2);
        assert_eq!(
            back[1].paragraphs.last().map(String::as_str),
            Some("V. Ví dụ không phải tiêu đề.")
        );
    }

    #[test]
    fn every_line_comes_from_the_data_or_a_units_own_words() {
        let mut ds = small();
        // Hang Kia is assigned but had nothing in 2024; the Kho bạc wrote its 2024 report.
        ds.assignments
            .push(assignment("as-hk", "u-kbnn", "c-hangkia"));
        let mut r = report("r-1", "u-kbnn", "2024");
        r.difficulties = "Địa bàn rộng,\n giao thông khó khăn.".into();
        r.proposals = "Bổ sung kinh phí.".into();
        r.status = "submitted".into();
        ds.reports.push(r);
        // The police's report is still a draft: never quoted as if sent.
        let mut draft = report("r-2", "u-police", "2024");
        draft.difficulties = "Bản nháp chưa gửi.".into();
        ds.reports.push(draft);
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::for_period("2024");
        let f = aggregate(&ds, &idx, &scope);
        let s = sections(&ds, &idx, &scope, "2024", &f, None);
        let text = format!("{s:?}");
        assert!(
            text.contains("chưa có hoạt động trong kỳ: xã Hang Kia."),
            "{text}"
        );
        assert!(!text.contains("Bản nháp"), "{text}");
        assert!(
            text.contains("Có 2 cơ quan, đơn vị được phân công giúp đỡ; 1 đơn vị đã gửi báo cáo năm 2024; 1 đơn vị chưa gửi: Công an tỉnh."),
            "{text}"
        );
        assert!(
            text.contains("- Kho bạc Nhà nước tỉnh: Địa bàn rộng, giao thông khó khăn."),
            "{text}"
        );
        assert!(text.contains("V. ĐỀ XUẤT, KIẾN NGHỊ") && text.contains("Bổ sung kinh phí."));
        assert!(
            text.contains("Triển khai hoạt động giúp đỡ tại xã Hang Kia."),
            "{text}"
        );
        // Another period's report says nothing here.
        let s2023 = sections(
            &ds,
            &idx,
            &Scope::for_period("2023"),
            "2023",
            &aggregate(&ds, &idx, &Scope::for_period("2023")),
            None,
        );
        assert!(!format!("{s2023:?}").contains("Bổ sung kinh phí"));
    }
}
