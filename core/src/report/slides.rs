//! Slides for presentation mode (`#/present`), as HTML text: headline figures, support by year
//! and by category, leading models, a map-like grid of the difficult communes, leading units.
//! Built from the same aggregation as the reports, so a slide never disagrees with a report.

use std::fmt::Write;

use super::aggregate::{aggregate, Figures};
use super::scope::{Boundaries, Scope};
use super::{series, svg};
use crate::domain::format::{integer, money_short};
use crate::domain::query::LocationIndex;
use crate::domain::{Dataset, Lang};
use crate::markup::esc;

/// Slide titles, from the interface catalog.
pub struct Titles<'a> {
    pub headline: &'a str,
    pub by_year: &'a str,
    pub by_category: &'a str,
    pub models: &'a str,
    pub map: &'a str,
    pub units: &'a str,
}

pub struct Slide {
    /// Stable name, for tests and the slide's `data-slide`.
    pub key: &'static str,
    pub title: String,
    pub html: String,
}

struct Words {
    total: &'static str,
    cash: &'static str,
    in_kind: &'static str,
    activities: &'static str,
    households: &'static str,
    poor: &'static str,
    communes: &'static str,
    units: &'static str,
    helped_of: &'static str,
    not_helped: &'static str,
    formerly: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            total: "Tổng giá trị hỗ trợ",
            cash: "Tiền mặt",
            in_kind: "Hiện vật quy đổi",
            activities: "hoạt động",
            households: "hộ được hỗ trợ",
            poor: "hộ nghèo",
            communes: "xã được giúp đỡ",
            units: "đơn vị tham gia",
            helped_of: "xã đặc biệt khó khăn đã được giúp đỡ",
            not_helped: "chưa có hoạt động",
            formerly: "gồm",
        },
        Lang::En => Words {
            total: "Total support",
            cash: "Cash",
            in_kind: "In kind (value)",
            activities: "activities",
            households: "households helped",
            poor: "poor households",
            communes: "communes helped",
            units: "units taking part",
            helped_of: "especially difficult communes helped",
            not_helped: "no activity yet",
            formerly: "formerly",
        },
    }
}

/// The slides of a period and scope (on its map, see `Scope::on_map`); `period` names it on the
/// first slide (empty: the years the data spans). Empty when there is no activity to show.
pub fn slides(
    ds: &Dataset,
    idx: &LocationIndex,
    lang: Lang,
    t: &Titles,
    (scope, period): (&Scope, &str),
) -> Vec<Slide> {
    let f = aggregate(ds, idx, scope);
    if f.total.activities == 0 {
        return Vec::new();
    }
    let w = words(lang);
    let period = if period.is_empty() {
        span(&f)
    } else {
        period.to_string()
    };
    vec![
        Slide {
            key: "headline",
            title: t.headline.to_string(),
            html: headline(&f, lang, &w, &period),
        },
        Slide {
            key: "by-year",
            title: t.by_year.to_string(),
            html: by_year(&f, lang, t.by_year),
        },
        Slide {
            key: "by-category",
            title: t.by_category.to_string(),
            html: by_category(&f, lang, t.by_category),
        },
        Slide {
            key: "models",
            title: t.models.to_string(),
            html: models(ds, idx, &f, lang, scope),
        },
        Slide {
            key: "map",
            title: t.map.to_string(),
            html: commune_grid(ds, idx, &f, (lang, &w), scope),
        },
        Slide {
            key: "units",
            title: t.units.to_string(),
            html: units(ds, &f, lang, &w),
        },
    ]
}

/// The years the figures span, `2021–2023`.
pub fn span(f: &Figures) -> String {
    match (f.by_year.keys().next(), f.by_year.keys().last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn big(out: &mut String, testid: &str, value: i64, text: &str, label: &str) {
    let _ = write!(
        out,
        "<div class=\"big\"><div class=\"big-value\" data-testid=\"{testid}\" data-value=\"{value}\">{}</div>\
         <div class=\"big-label\">{}</div></div>",
        esc(text),
        esc(label)
    );
}

fn headline(f: &Figures, lang: Lang, w: &Words, period: &str) -> String {
    let s = &f.total;
    let mut out = format!("<p class=\"slide-span\">{}</p>", esc(period));
    out.push_str("<div class=\"big-total\">");
    big(
        &mut out,
        "present-total",
        s.total_vnd(),
        &money_short(s.total_vnd(), lang),
        w.total,
    );
    out.push_str("<div class=\"bigs bigs-money\">");
    big(
        &mut out,
        "present-cash",
        s.cash_vnd,
        &money_short(s.cash_vnd, lang),
        w.cash,
    );
    big(
        &mut out,
        "present-in-kind",
        s.in_kind_vnd,
        &money_short(s.in_kind_vnd, lang),
        w.in_kind,
    );
    out.push_str("</div></div><div class=\"bigs\">");
    let counts = [
        ("present-activities", s.activities as i64, w.activities),
        ("present-households", s.households, w.households),
        ("present-poor", s.poor_households, w.poor),
        ("present-communes", f.by_commune.len() as i64, w.communes),
        ("present-units", f.by_unit.len() as i64, w.units),
    ];
    for (testid, n, label) in counts {
        big(&mut out, testid, n, &integer(n, lang), label);
    }
    out.push_str("</div>");
    out
}

fn by_year(f: &Figures, lang: Lang, title: &str) -> String {
    svg::columns(title, &series::by_year(f, lang), "present-chart-year")
}

/// Largest first: on a slide the order is the message.
fn by_category(f: &Figures, lang: Lang, title: &str) -> String {
    let mut items = series::by_category(f, lang);
    crate::domain::order::sort_by_key(&mut items, |b| std::cmp::Reverse(b.1));
    svg::bars_with(title, &items, "present-chart-category", svg::SMALL_TYPE)
}

/// The models of the period: helped by its activities (valued by them) or started in it (with
/// their capital); with no period, every model.
fn models(ds: &Dataset, idx: &LocationIndex, f: &Figures, lang: Lang, scope: &Scope) -> String {
    let mut list: Vec<_> = ds
        .models
        .iter()
        .filter_map(|m| {
            let helped = f.by_model.get(&m.id).map(|s| s.total_vnd());
            let started = m
                .started_on
                .as_deref()
                .map_or(scope.from.is_none(), |d| scope.covers_date(d))
                && scope.covers_unit(&m.unit_id)
                && scope.covers_place(&m.location_id, idx);
            match (helped, started) {
                (Some(v), true) => Some((m, v.max(m.capital_vnd))),
                (Some(v), false) => Some((m, v)),
                (None, true) => Some((m, m.capital_vnd)),
                (None, false) => None,
            }
        })
        .collect();
    crate::domain::order::sort_by(&mut list, |a, b| {
        b.1.cmp(&a.1).then(b.0.households.cmp(&a.0.households))
    });
    let mut out = String::from("<ol class=\"model-cards\">");
    for (m, value) in list.into_iter().take(6) {
        let place = idx
            .commune_of(&m.location_id)
            .or_else(|| idx.get(&m.location_id))
            .map(|l| l.name.as_str())
            .unwrap_or_default();
        let hh = match lang {
            Lang::Vi => format!("{} hộ", integer(m.households, lang)),
            Lang::En => format!("{} households", integer(m.households, lang)),
        };
        let _ = write!(
            out,
            "<li data-testid=\"present-model\"><strong>{}</strong><span>{}</span><span>{} · {}</span></li>",
            esc(&m.name),
            esc(place),
            esc(&hh),
            esc(&money_short(value, lang))
        );
    }
    out.push_str("</ol>");
    out
}

/// Every especially difficult commune (and every commune helped) of the report's map, grouped
/// by district where there were districts; the shade says how much support it received. On
/// today's map a merged commune names the communes it took in.
fn commune_grid(
    ds: &Dataset,
    idx: &LocationIndex,
    f: &Figures,
    (lang, w): (Lang, &Words),
    scope: &Scope,
) -> String {
    let on_map = |l: &crate::domain::record::Location| match &scope.boundaries {
        Boundaries::Today(day) => {
            l.valid_from.as_deref().is_none_or(|v| v <= day.as_str())
                && l.valid_to.as_deref().is_none_or(|v| day.as_str() <= v)
        }
        Boundaries::Period => {
            scope
                .to
                .as_deref()
                .is_none_or(|to| l.valid_from.as_deref().is_none_or(|v| v <= to))
                && scope
                    .from
                    .as_deref()
                    .is_none_or(|from| l.valid_to.as_deref().is_none_or(|v| from <= v))
        }
    };
    let in_scope = |l: &crate::domain::record::Location| {
        scope.location_id.is_none() && scope.group.is_empty() || f.by_commune.contains_key(&l.id)
    };
    let communes: Vec<_> = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune" && (l.difficult || f.by_commune.contains_key(&l.id)))
        .filter(|l| f.by_commune.contains_key(&l.id) || (on_map(l) && in_scope(l)))
        .collect();
    let max = f
        .by_commune
        .values()
        .map(|s| s.total_vnd())
        .max()
        .unwrap_or(1)
        .max(1);
    let helped = communes
        .iter()
        .filter(|c| f.by_commune.contains_key(&c.id))
        .count();
    let mut districts: Vec<(String, Vec<_>)> = Vec::new();
    for c in communes.iter() {
        // A district dissolved before the map's day groups nothing on it.
        let d = idx
            .district_of(&c.id)
            .filter(|d| on_map(d))
            .map(|d| d.name.clone())
            .unwrap_or_default();
        match districts.iter_mut().find(|x| x.0 == d) {
            Some(x) => x.1.push(*c),
            None => districts.push((d, vec![*c])),
        }
    }
    crate::domain::collate::sort_by_text(&mut districts, |d| &d.0);
    // Few communes get larger tiles, so the slide is filled rather than banded.
    let size = if communes.len() <= 12 { " few" } else { "" };
    let mut out = format!(
        "<p class=\"slide-span\"><strong data-testid=\"present-helped\">{helped}/{}</strong> {}</p><div class=\"commune-grid{size}\">",
        communes.len(),
        esc(w.helped_of)
    );
    for (district, mut list) in districts {
        crate::domain::collate::sort_by_text(&mut list, |c| &c.name);
        // Since 2025 communes sit directly under the province: no district heading.
        if district.is_empty() {
            out.push_str("<section class=\"district\"><div class=\"tiles\">");
        } else {
            let _ = write!(
                out,
                "<section class=\"district\"><h3>{}</h3><div class=\"tiles\">",
                esc(&district)
            );
        }
        for c in list {
            let (shade, value) = match f.by_commune.get(&c.id) {
                Some(s) => (
                    1 + (s.total_vnd() * 4 / max).clamp(0, 3),
                    money_short(s.total_vnd(), lang),
                ),
                None => (0, w.not_helped.to_string()),
            };
            let mut was: Vec<&str> = f
                .places_formerly
                .get(&c.id)
                .into_iter()
                .flatten()
                .filter_map(|id| idx.get(id).map(|l| l.name.as_str()))
                .collect();
            crate::domain::collate::sort_by_text(&mut was, |n| n);
            let was = if was.is_empty() {
                String::new()
            } else {
                format!(
                    "<small class=\"tile-was\">{} {}</small>",
                    esc(w.formerly),
                    esc(&was.join(", "))
                )
            };
            let _ = write!(
                out,
                "<div class=\"tile shade-{shade}\" data-testid=\"present-commune\"><strong>{}</strong>{was}<span>{}</span></div>",
                esc(&c.name),
                esc(&value)
            );
        }
        out.push_str("</div></section>");
    }
    out.push_str("</div>");
    out
}

fn units(ds: &Dataset, f: &Figures, lang: Lang, w: &Words) -> String {
    let mut list: Vec<_> = f.by_unit.iter().collect();
    crate::domain::order::sort_by_key(&mut list, |b| std::cmp::Reverse(b.1.total_vnd()));
    let mut out = String::from("<ol class=\"unit-rows\">");
    for (id, s) in list.into_iter().take(8) {
        let name = f.unit_label(ds, id);
        let _ = write!(
            out,
            "<li data-testid=\"present-unit\"><strong>{}</strong><span>{} {} · {} {}</span><span class=\"unit-value\">{}</span></li>",
            esc(&name),
            integer(s.activities as i64, lang),
            esc(w.activities),
            integer(s.households, lang),
            esc(w.households),
            esc(&money_short(s.total_vnd(), lang))
        );
    }
    out.push_str("</ol>");
    out
}

#[cfg(test)]
#[path = "slides_tests.rs"]
mod tests;
