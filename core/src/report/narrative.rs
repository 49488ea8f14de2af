//! The auto-drafted Vietnamese narrative of a summary, in the style of the province's published
//! summaries: period and scope, plans and working sessions, livelihood models by name, what was
//! done category by category, training, security, beneficiaries — each clause only when the
//! records hold it, and every figure, noun and name written through the claim ledger
//! (`claims`), so each paragraph carries the ids of the records behind it.

use std::collections::BTreeSet;

use super::aggregate::Figures;
use super::claims::{Basis, Ledger, Paragraph};
use super::deeds::{deeds, ids, kinds, sessions, support, total, training};
use super::period::Period;
use super::scope::{unit_predecessors, Boundaries, Scope};
use super::wording;
use crate::domain::dataset::Dataset;
use crate::domain::query::{place_name_inline, LocationIndex};
use crate::domain::record::{Activity, Model};
use crate::domain::text::{capitalise, join_and as list};

/// What the narrative is about.
pub struct Subject<'a> {
    /// "2021-2025", "2023", "2023-H1".
    pub period: &'a str,
    /// "tỉnh Hòa Bình (nay là tỉnh Phú Thọ)" or "huyện Mai Châu".
    pub area: String,
    /// The phase the period lies in ("2021-2025").
    pub phase: &'a str,
}

const WORK: &str = "thực hiện công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn";

/// Categories whose activities reach households and people; working sessions, propaganda and
/// security work count none.
fn reaches_people(category: &str) -> bool {
    !matches!(category, "survey" | "propaganda" | "security")
}

/// The commune a place stood in on `date` (a village of a merged commune: the one it joined).
pub fn commune_on<'i>(idx: &'i LocationIndex, place: &'i str, date: &str) -> Option<&'i str> {
    let at = idx.as_of(place, date);
    idx.commune_of(at).map(|c| idx.as_of(&c.id, date))
}

/// Never count a predecessor and its successor as two: a commune goes when one it came from is
/// there too (two communes merged into a third count as two, as they were), a unit when one
/// that succeeded it is there (a renamed unit is one, named as it is called now).
fn one_per_line(
    mut set: BTreeSet<String>,
    predecessors: impl Fn(&str) -> Vec<String>,
    keep_latest: bool,
) -> BTreeSet<String> {
    let before: Vec<(String, Vec<String>)> = set
        .iter()
        .map(|id| (id.clone(), predecessors(id)))
        .collect();
    let drop: Vec<String> = if keep_latest {
        set.iter()
            .filter(|id| before.iter().any(|(_, p)| p.contains(id)))
            .cloned()
            .collect()
    } else {
        before
            .iter()
            .filter(|(_, p)| p.iter().any(|x| set.contains(x)))
            .map(|(id, _)| id.clone())
            .collect()
    };
    for d in drop {
        set.remove(&d);
    }
    set
}

/// Communes of the activities as recorded (where each stood on its own day), one per line.
pub fn communes_recorded(idx: &LocationIndex, acts: &[&Activity]) -> BTreeSet<String> {
    let set = acts
        .iter()
        .filter_map(|a| commune_on(idx, &a.location_id, &a.date))
        .map(str::to_string)
        .collect();
    one_per_line(
        set,
        |id| idx.predecessors(id).iter().map(|l| l.id.clone()).collect(),
        false,
    )
}

/// Places named as on the report's map: by the period's, as recorded; by today's, the recorded
/// names and the commune they are in now ("xã Hang Kia, xã Pà Cò (nay là xã Pà Cò)").
fn places_named(idx: &LocationIndex, scope: &Scope, items: &[(&str, &str)]) -> String {
    // A few communes: lists, not maps.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (place, day) in items {
        let Some(recorded) = commune_on(idx, place, day) else {
            continue;
        };
        let now = match &scope.boundaries {
            Boundaries::Today(t) => idx.as_of(recorded, t),
            Boundaries::Period => recorded,
        };
        match groups.iter_mut().find(|(n, _)| *n == now) {
            Some((_, was)) if !was.contains(&recorded) => was.push(recorded),
            Some(_) => {}
            None => groups.push((now, vec![recorded])),
        }
    }
    let name = |id: &str| {
        idx.get(id)
            .map_or_else(|| id.to_string(), place_name_inline)
    };
    let mut names: Vec<String> = groups
        .iter()
        .map(|(now, was)| {
            let now = name(now);
            let mut old: Vec<String> = was.iter().map(|w| name(w)).collect();
            crate::domain::collate::sort_by_text(&mut old, String::as_str);
            old.dedup();
            // A commune continued by a namesake alone reads as its name.
            if old.iter().all(|o| *o == now) {
                now
            } else {
                format!("{} (nay là {now})", old.join(", "))
            }
        })
        .collect();
    crate::domain::collate::sort_by_text(&mut names, String::as_str);
    // Communes merged into one are a group of their own: groups are set apart by semicolons
    // so that "xã Hang Kia, xã Pà Cò (nay là xã Pà Cò)" reads as one.
    if groups.iter().any(|(_, was)| was.len() > 1) {
        return names.join("; ");
    }
    // One "và" per list: before the last name, or before "các xã khác".
    if names.len() > 8 {
        format!("{} và các xã khác", names[..8].join(", "))
    } else {
        list(&names)
    }
}

/// The assignments and plans that show every unit of `units` working in `phase`; None when one
/// of them has neither.
fn phase_backed<'a>(ds: &'a Dataset, units: &BTreeSet<&str>, phase: &str) -> Option<Vec<&'a str>> {
    let mut records = Vec::new();
    for u in units {
        let before = records.len();
        records.extend(
            ds.assignments
                .iter()
                .filter(|a| a.unit_id == *u && a.phase == phase)
                .map(|a| a.id.as_str()),
        );
        records.extend(
            ds.plans
                .iter()
                .filter(|p| p.unit_id == *u && p.phase == phase)
                .map(|p| p.id.as_str()),
        );
        if records.len() == before {
            return None;
        }
    }
    (!records.is_empty()).then_some(records)
}

/// The opening clause up to the area: the period, how long, the phase where the records show
/// it, and how far the data go when that differs from the period's end.
fn opening<'a>(
    l: &mut Ledger<'a>,
    ds: &'a Dataset,
    scope: &Scope,
    subject: &Subject,
    acts: &[&'a Activity],
) -> String {
    let period = Period::parse(subject.period);
    let units: BTreeSet<&str> = acts.iter().map(|a| a.unit_id.as_str()).collect();
    // The phase is named when the period is one, or when every unit has work in it.
    let phase = Period::parse(subject.phase).filter(Period::is_phase);
    let named_phase = match (&period, &phase) {
        (Some(p), _) if p.is_phase() => None,
        (_, Some(ph)) => phase_backed(ds, &units, subject.phase)
            .map(|records| format!(" {}", l.words(Basis::Phase, ph.phrase(), records))),
        _ => None,
    };
    let named_phase = named_phase.unwrap_or_default();
    let ended = match (&scope.today, &scope.to) {
        (Some(today), Some(to)) => today.as_str() > to.as_str(),
        _ => false,
    };
    let last = acts.iter().map(|a| a.date.as_str()).max();
    let note = |l: &mut Ledger<'a>, whole_years: Option<i32>| -> String {
        let Some(day) = last else {
            return String::new();
        };
        let records = acts
            .iter()
            .filter(|a| a.date == day)
            .map(|a| a.id.as_str())
            .collect();
        match whole_years {
            // A finished span whose data stop in an earlier year.
            Some(end) if ended => match day.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                Some(y) if y < end => format!(" (số liệu đến {})", l.last_day(day, true, records)),
                _ => String::new(),
            },
            _ if !ended => format!(" (số liệu đến {})", l.last_day(day, false, records)),
            _ => String::new(),
        }
    };
    match &period {
        Some(p @ Period::Years(a, b)) => {
            let (a, b) = (*a, *b);
            let note = note(l, Some(b));
            if ended {
                let n = b.saturating_sub(a).saturating_add(1);
                let years = l.count(Basis::Years, i64::from(n), "năm", Vec::new());
                if p.is_phase() {
                    let ph = l.words(Basis::Period, p.phrase(), Vec::new());
                    format!("Sau {years} {WORK} {ph}{note}")
                } else {
                    let span = l.words(Basis::Period, format!("{a}-{b}"), Vec::new());
                    format!("Sau {years} ({span}) {WORK}{named_phase}{note}")
                }
            } else {
                let lead = if p.is_phase() {
                    format!("Trong {}", p.phrase())
                } else {
                    capitalise(&p.phrase())
                };
                let lead = l.words(Basis::Period, lead, Vec::new());
                format!("{lead}{note}, {WORK}{named_phase}")
            }
        }
        Some(p) => {
            let note = note(l, None);
            let lead = match p {
                Period::Year(_) | Period::Days(..) => capitalise(&p.phrase()),
                _ => format!("Trong {}", p.phrase()),
            };
            let lead = l.words(Basis::Period, lead, Vec::new());
            format!("{lead}{note}, {WORK}{named_phase}")
        }
        None => {
            let ph = l.words(Basis::Period, subject.period.to_string(), Vec::new());
            format!("Trong kỳ {ph}, {WORK}")
        }
    }
}

/// Who did the work: one unit by name, else "N cơ quan, đơn vị" (a renamed unit and its
/// successor counted once); and how the following sentences call them.
fn who<'a>(
    l: &mut Ledger<'a>,
    ds: &Dataset,
    scope: &Scope,
    f: &Figures,
    acts: &[&'a Activity],
) -> (String, &'static str, &'static str) {
    let on_map: BTreeSet<String> = f.by_unit.keys().cloned().collect();
    let lines = one_per_line(on_map, |u| unit_predecessors(ds, u), true);
    let single = scope.unit_id.clone().or_else(|| match lines.len() {
        1 => lines.iter().next().cloned(),
        _ => None,
    });
    match single {
        Some(u) => {
            // The latest name of the line: the unit that succeeded the others.
            let name = ds.unit_name(&u).unwrap_or("Đơn vị").to_string();
            (
                l.words(Basis::UnitName, name, ids(acts)),
                "Đơn vị",
                "đơn vị",
            )
        }
        None => (
            l.count(
                Basis::Units,
                lines.len() as i64,
                "cơ quan, đơn vị",
                ids(acts),
            ),
            "Các cơ quan, đơn vị",
            "các đơn vị",
        ),
    }
}

fn first_paragraph<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    subject: &Subject,
    f: &Figures,
    acts: &[&'a Activity],
) -> (Paragraph<'a>, &'static str, &'static str) {
    let mut l = Ledger::default();
    let opening = opening(&mut l, ds, scope, subject, acts);
    let area = if subject.area.trim().is_empty() {
        String::new()
    } else {
        format!(" trên địa bàn {}", subject.area.trim())
    };
    if acts.is_empty() {
        let text = format!("{opening}{area}, chưa có hoạt động giúp đỡ nào được ghi nhận.");
        return (l.paragraph(text), "Các cơ quan, đơn vị", "các đơn vị");
    }
    let (who, they, doers) = who(&mut l, ds, scope, f, acts);
    let done = l.count(Basis::Activities, acts.len() as i64, "hoạt động", ids(acts));
    // Communes where each activity happened, counted once per line of succession; on today's
    // map also the communes they are part of now.
    let in_communes: Vec<&Activity> = acts
        .iter()
        .copied()
        .filter(|a| commune_on(idx, &a.location_id, &a.date).is_some())
        .collect();
    let recorded = communes_recorded(idx, &in_communes).len() as i64;
    let mut helped = vec![l.count(Basis::Communes, recorded, "xã", ids(&in_communes))];
    if let Boundaries::Today(_) = scope.boundaries {
        let now = f.by_commune.len() as i64;
        if now != recorded {
            let now = l.count(Basis::CommunesToday, now, "xã", ids(&in_communes));
            helped[0] = format!("{} (nay thuộc {now})", helped[0]);
        }
    }
    let in_villages: Vec<&Activity> = acts
        .iter()
        .copied()
        .filter(|a| {
            idx.get(&a.location_id)
                .is_some_and(|p| p.level == "village")
        })
        .collect();
    if !in_villages.is_empty() {
        let n = f.by_village.len() as i64;
        helped.push(l.count(Basis::Villages, n, "thôn, bản", ids(&in_villages)));
    }
    let money = l.money(Basis::Support, support(acts), ids(acts));
    let mut money = format!("tổng giá trị hỗ trợ {money}");
    let cash: Vec<_> = acts.iter().copied().filter(|a| a.cash_vnd > 0).collect();
    let goods: Vec<_> = acts.iter().copied().filter(|a| a.in_kind_vnd > 0).collect();
    if !cash.is_empty() && !goods.is_empty() {
        let c = l.money(Basis::Cash, total(&cash, |a| a.cash_vnd), ids(&cash));
        let g = l.money(Basis::InKind, total(&goods, |a| a.in_kind_vnd), ids(&goods));
        money.push_str(&format!(
            ", trong đó hỗ trợ bằng tiền {c} và hiện vật quy ra tiền {g}"
        ));
    }
    let text = format!(
        "{opening}{area}, {who} đã triển khai {done} giúp đỡ {}; {money}.",
        list(&helped)
    );
    (l.paragraph(text), they, doers)
}

/// Plans issued in the period: a yearly plan on its issue date, else when the period holds its
/// whole year; a phase plan on its issue date, else in its phase's report.
fn plans_in<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    subject: &Subject,
) -> Vec<&'a crate::domain::record::Plan> {
    let whole_phase = Period::parse(subject.period).is_some_and(|p| p.is_phase());
    ds.plans
        .iter()
        .filter(|p| p.status == "issued")
        .filter(|p| scope.covers_unit(&p.unit_id) && scope.covers_place(&p.location_id, idx))
        .filter(|p| match (&p.issued_on, p.year) {
            (Some(d), _) => scope.covers_date(d),
            (None, Some(y)) => {
                scope.covers_date(&format!("{y}-01-01")) && scope.covers_date(&format!("{y}-12-31"))
            }
            (None, None) => whole_phase && p.phase == subject.phase,
        })
        .collect()
}

fn work_paragraph<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    subject: &Subject,
    acts: &[&'a Activity],
    they: &str,
) -> Option<Paragraph<'a>> {
    let mut l = Ledger::default();
    let mut work = Vec::new();
    let plans = plans_in(ds, idx, scope, subject);
    if !plans.is_empty() {
        let (phase, yearly): (Vec<_>, Vec<_>) = plans.iter().partition(|p| p.year.is_none());
        let ids_of = |ps: &[&&'a crate::domain::record::Plan]| -> Vec<&'a str> {
            ps.iter().map(|p| p.id.as_str()).collect()
        };
        let all: Vec<&'a str> = plans.iter().map(|p| p.id.as_str()).collect();
        let n = l.count(Basis::Plans, plans.len() as i64, "kế hoạch giúp đỡ", all);
        let detail = if !phase.is_empty() && !yearly.is_empty() {
            let a = l.count(
                Basis::Plans,
                phase.len() as i64,
                "kế hoạch cả giai đoạn",
                ids_of(&phase),
            );
            let b = l.count(
                Basis::Plans,
                yearly.len() as i64,
                "kế hoạch hằng năm",
                ids_of(&yearly),
            );
            format!(" (trong đó {a} và {b})")
        } else {
            String::new()
        };
        work.push(format!("ban hành {n}{detail}"));
    }
    let of = |c: &str| -> Vec<&'a Activity> {
        acts.iter().copied().filter(|a| a.category == c).collect()
    };
    let surveys = of("survey");
    if !surveys.is_empty() {
        let what = kinds(&mut l, wording::SURVEY, &surveys, "làm việc");
        let (n, more) = sessions(&mut l, &surveys);
        work.push(format!("tổ chức {n} {what}{more}"));
    }
    let talks = of("propaganda");
    if !talks.is_empty() {
        let about = kinds(&mut l, wording::PROPAGANDA, &talks, "");
        let about = if about.is_empty() {
            about
        } else {
            format!(" về {about}")
        };
        let (n, more) = sessions(&mut l, &talks);
        work.push(format!("{n} tuyên truyền{about}{more}"));
    }
    if work.is_empty() {
        return None;
    }
    let text = format!("{they} đã {}.", list(&work));
    Some(l.paragraph(text))
}

/// Models of a kind in scope that the period saw: started in it, or helped by its activities.
fn models_of<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    acts: &[&Activity],
    security: bool,
) -> Vec<&'a Model> {
    let linked: BTreeSet<&str> = acts.iter().filter_map(|a| a.model_id.as_deref()).collect();
    ds.models
        .iter()
        .filter(|m| (m.kind == "security") == security)
        .filter(|m| scope.covers_unit(&m.unit_id) && scope.covers_place(&m.location_id, idx))
        .filter(|m| {
            m.started_on
                .as_deref()
                .is_some_and(|d| scope.covers_date(d))
                || linked.contains(m.id.as_str())
        })
        .collect()
}

/// "xây dựng" when every model began in the period, "duy trì" when none did, else both.
fn started<'a>(l: &mut Ledger<'a>, scope: &Scope, models: &[&'a Model]) -> String {
    let new = models
        .iter()
        .filter(|m| {
            m.started_on
                .as_deref()
                .is_some_and(|d| scope.covers_date(d))
        })
        .count();
    let verb = match new {
        0 => "duy trì",
        n if n == models.len() => "xây dựng",
        _ => "xây dựng, duy trì",
    };
    let records = models.iter().map(|m| m.id.as_str()).collect();
    l.words(Basis::ModelsStarted, verb.into(), records)
}

/// The livelihood models' paragraph, and the livelihood activities it did not count.
fn models_paragraph<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    acts: &[&'a Activity],
    (one_unit, doers): (bool, &str),
) -> (Option<Paragraph<'a>>, Vec<&'a Activity>) {
    let livelihood: Vec<&'a Activity> = acts
        .iter()
        .copied()
        .filter(|a| a.category == "livelihood")
        .collect();
    let models = models_of(ds, idx, scope, acts, false);
    if models.is_empty() {
        return (None, livelihood);
    }
    let mut l = Ledger::default();
    let listed: BTreeSet<&str> = models.iter().map(|m| m.id.as_str()).collect();
    let linked: Vec<&'a Activity> = acts
        .iter()
        .copied()
        .filter(|a| a.model_id.as_deref().is_some_and(|m| listed.contains(m)))
        .collect();
    let verb = started(&mut l, scope, &models);
    let count = l.count(
        Basis::Models,
        models.len() as i64,
        "mô hình sinh kế",
        models.iter().map(|m| m.id.as_str()).collect(),
    );
    let mut named: Vec<String> = models
        .iter()
        .take(6)
        .map(|m| {
            let name = l.words(Basis::ModelName, m.name.clone(), vec![m.id.as_str()]);
            match ds.unit_name(&m.unit_id) {
                Some(o) if !one_unit => format!("“{name}” ({o})"),
                _ => format!("“{name}”"),
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
    let mut clauses = Vec::new();
    let with_households: Vec<&Model> = models
        .iter()
        .copied()
        .filter(|m| m.households > 0)
        .collect();
    if !with_households.is_empty() {
        let h = with_households
            .iter()
            .fold(0i64, |s, m| s.saturating_add(m.households));
        let records = with_households.iter().map(|m| m.id.as_str()).collect();
        clauses.push(format!(
            "{} tham gia",
            l.count(Basis::ModelHouseholds, h, "hộ", records)
        ));
    }
    // Households out of poverty are a running total of the model: said for spans of years only.
    let multi_year = Period::parse(&format!(
        "{}..{}",
        scope.from.as_deref().unwrap_or(""),
        scope.to.as_deref().unwrap_or("")
    ))
    .is_some_and(|p| matches!(p, Period::Years(a, b) if b > a));
    let escaped: Vec<&Model> = models
        .iter()
        .copied()
        .filter(|m| m.escaped_poverty.unwrap_or(0) > 0)
        .collect();
    if multi_year && !escaped.is_empty() {
        let e = escaped.iter().fold(0i64, |s, m| {
            s.saturating_add(m.escaped_poverty.unwrap_or(0))
        });
        let records = escaped.iter().map(|m| m.id.as_str()).collect();
        clauses.push(format!(
            "{} (lũy kế theo mô hình)",
            l.count(Basis::ModelEscaped, e, "hộ đã thoát nghèo", records)
        ));
    }
    let given = support(&linked);
    let left: Vec<&'a Activity> = if given > 0 {
        clauses.push(format!(
            "giá trị hỗ trợ trong kỳ {}",
            l.money(Basis::Support, given, ids(&linked))
        ));
        livelihood
            .into_iter()
            .filter(|a| !a.model_id.as_deref().is_some_and(|m| listed.contains(m)))
            .collect()
    } else {
        livelihood
    };
    let with = if clauses.is_empty() {
        String::new()
    } else {
        format!(", với {}", list(&clauses))
    };
    let text = format!(
        "Về phát triển sản xuất, {doers} đã hỗ trợ {verb} {count}{intro} {}{with}.",
        list(&named),
    );
    (Some(l.paragraph(text)), left)
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

/// Security: the models of the period in the communes that have them, then the other security
/// work in its own words.
fn security_paragraph<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    acts: &[&'a Activity],
    doers: &str,
) -> Option<Paragraph<'a>> {
    let models = models_of(ds, idx, scope, acts, true);
    let work: Vec<&'a Activity> = acts
        .iter()
        .copied()
        .filter(|a| a.category == "security")
        .collect();
    if models.is_empty() && work.is_empty() {
        return None;
    }
    let mut l = Ledger::default();
    let listed: BTreeSet<&str> = models.iter().map(|m| m.id.as_str()).collect();
    let (linked, other): (Vec<&'a Activity>, Vec<&'a Activity>) = work
        .iter()
        .partition(|a| a.model_id.as_deref().is_some_and(|m| listed.contains(m)));
    let day = scope.to.as_deref().unwrap_or("9999-12-31");
    let mut parts = Vec::new();
    if !models.is_empty() {
        let verb = started(&mut l, scope, &models);
        let count = l.count(
            Basis::Models,
            models.len() as i64,
            "mô hình",
            models.iter().map(|m| m.id.as_str()).collect(),
        );
        let mut kinds: Vec<(String, Vec<&'a str>)> = Vec::new();
        for m in &models {
            let base = base_name(&m.name).to_string();
            match kinds.iter_mut().find(|(k, _)| *k == base) {
                Some((_, records)) => records.push(&m.id),
                None => kinds.push((base, vec![&m.id])),
            }
        }
        crate::domain::collate::sort_by_text(&mut kinds, |k| k.0.as_str());
        let kinds: Vec<String> = kinds
            .into_iter()
            .map(|(k, records)| format!("“{}”", l.words(Basis::ModelName, k, records)))
            .collect();
        let items: Vec<(&str, &str)> = models
            .iter()
            .map(|m| {
                (
                    m.location_id.as_str(),
                    m.started_on.as_deref().filter(|d| *d <= day).unwrap_or(day),
                )
            })
            .collect();
        let at = l.words(
            Basis::Places,
            places_named(idx, scope, &items),
            models.iter().map(|m| m.id.as_str()).collect(),
        );
        let mut text = format!("phối hợp {verb} {count} {} tại {at}", list(&kinds));
        if !linked.is_empty() {
            let n = l.count(
                Basis::Activities,
                linked.len() as i64,
                "hoạt động",
                ids(&linked),
            );
            text.push_str(&format!(" với {n} trong kỳ"));
        }
        parts.push(text);
    }
    if !other.is_empty() {
        let n = l.count(
            Basis::Activities,
            other.len() as i64,
            "hoạt động",
            ids(&other),
        );
        let what = kinds(&mut l, wording::SECURITY, &other, "");
        let what = if what.is_empty() {
            what
        } else {
            format!(" ({what})")
        };
        let items: Vec<(&str, &str)> = other
            .iter()
            .map(|a| (a.location_id.as_str(), a.date.as_str()))
            .collect();
        let at = l.words(Basis::Places, places_named(idx, scope, &items), ids(&other));
        parts.push(format!(
            "thực hiện {n} bảo đảm an ninh, trật tự{what} tại {at}"
        ));
    }
    // Two sentences: the places of each may need semicolons of their own.
    let text = match parts.as_slice() {
        [one] => format!("Về quốc phòng, an ninh, {doers} đã {one}."),
        _ => format!(
            "Về quốc phòng, an ninh, {doers} đã {}. {} còn {}.",
            parts[0],
            capitalise(doers),
            parts[1..].join("; ")
        ),
    };
    Some(l.paragraph(text))
}

/// Households and people reached, from the kinds of help that reach them.
fn reach_paragraph<'a>(acts: &[&'a Activity]) -> Option<Paragraph<'a>> {
    let reaching: Vec<&'a Activity> = acts
        .iter()
        .copied()
        .filter(|a| reaches_people(&a.category))
        .collect();
    let households: Vec<_> = reaching
        .iter()
        .copied()
        .filter(|a| a.households > 0)
        .collect();
    let people: Vec<_> = reaching.iter().copied().filter(|a| a.people > 0).collect();
    if households.is_empty() && people.is_empty() {
        return None;
    }
    let mut l = Ledger::default();
    let mut reached = Vec::new();
    if !households.is_empty() {
        let h = l.count(
            Basis::Households,
            total(&households, |a| a.households),
            "lượt hộ",
            ids(&households),
        );
        let poor: Vec<_> = households
            .iter()
            .copied()
            .filter(|a| a.poor_households > 0)
            .collect();
        let poor = if poor.is_empty() {
            String::new()
        } else {
            let p = total(&poor, |a| a.poor_households);
            format!(
                " (trong đó {})",
                l.count(Basis::PoorHouseholds, p, "lượt hộ nghèo", ids(&poor))
            )
        };
        reached.push(format!("{h}{poor}"));
    }
    if !people.is_empty() {
        reached.push(l.count(
            Basis::People,
            total(&people, |a| a.people),
            "lượt người",
            ids(&people),
        ));
    }
    let text = format!(
        "Các hoạt động đã hỗ trợ {}, góp phần nâng cao đời sống Nhân dân vùng khó khăn.",
        list(&reached)
    );
    Some(l.paragraph(text))
}

/// The narrative paragraphs for the activities, plans and models in `scope`, each with the
/// claims it makes.
pub fn draft<'a>(
    ds: &'a Dataset,
    idx: &LocationIndex,
    scope: &Scope,
    subject: &Subject,
    f: &Figures,
) -> Vec<Paragraph<'a>> {
    let acts: Vec<&'a Activity> = ds
        .activities
        .iter()
        .filter(|a| scope.matches(a, idx))
        .collect();
    let (first, they, doers) = first_paragraph(ds, idx, scope, subject, f, &acts);
    let one_unit = they == "Đơn vị";
    let mut out = vec![first];
    out.extend(work_paragraph(ds, idx, scope, subject, &acts, they));
    let (models, livelihood_left) = models_paragraph(ds, idx, scope, &acts, (one_unit, doers));
    out.extend(models);
    let mut l = Ledger::default();
    let help = deeds(&mut l, &acts, &livelihood_left);
    if !help.is_empty() {
        out.push(l.paragraph(format!("{they} đã {}.", list(&help))));
    }
    let mut l = Ledger::default();
    if let Some(t) = training(&mut l, &acts) {
        out.push(l.paragraph(format!("{they} đã {t}.")));
    }
    out.extend(security_paragraph(ds, idx, scope, &acts, doers));
    out.extend(reach_paragraph(&acts));
    out
}

#[cfg(test)]
#[path = "narrative_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "narrative_golden_tests.rs"]
mod golden_tests;
