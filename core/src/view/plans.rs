//! Plans as cards: each plan's heading, issuer and status, and every item with its progress
//! light and figures, as HTML text for the list's one click listener.

use std::fmt::Write;

use crate::domain::catalog::{label, CATEGORIES, MEASURES, PLAN_STATUSES};
use crate::domain::format::{date, integer, money};
use crate::domain::query::LocationIndex;
use crate::domain::record::Plan;
use crate::domain::{Dataset, Lang};
use crate::markup::{button, esc};
use crate::report::progress::{item_progress, ItemProgress};

use super::form::number_text;
use super::i18n::Messages;

/// A plan as listed, with its items' progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub plan: Plan,
    pub unit: String,
    pub place: String,
    pub progress: Vec<ItemProgress>,
}

/// A `<meter>` value: the share done, to the hundredth.
fn share(ratio: f64) -> String {
    match (ratio.clamp(0.0, 1.0) * 100.0).round() as u32 {
        100.. => "1".into(),
        p => format!("0.{p:02}"),
    }
}

/// The plans as HTML text: heading, issuer and status, each item with its light and figures.
pub fn cards_html(cards: &[Card], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for c in cards {
        let number = if c.plan.number.is_empty() {
            String::new()
        } else {
            format!("{} · ", c.plan.number)
        };
        let when = c.plan.year.map_or_else(
            || format!("{} {}", m.plan_phase, c.plan.phase),
            |y| y.to_string(),
        );
        let issued = c
            .plan
            .issued_on
            .as_ref()
            .map(|d| format!(" · {}", date(d)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<article class=\"plan-card\" data-testid=\"plan-card\" data-id=\"{}\"><header><h3>{}</h3>\
             <p class=\"muted\">{}</p>",
            esc(&c.plan.id),
            esc(&format!("{number}{} · {when}", c.place)),
            esc(&format!("{} · {}{issued}", c.unit, label(PLAN_STATUSES, &c.plan.status, lang)))
        );
        button(&mut out, "plan-edit", "edit", &c.plan.id, m.edit);
        let _ = write!(
            out,
            "</header><table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(m.plan_items),
            esc(m.progress)
        );
        for (item, p) in c.plan.items.iter().zip(c.progress.iter()) {
            let light = p.light(item);
            let measure = label(MEASURES, &item.measure, lang);
            let mut figures = Vec::new();
            if item.target_qty > 0.0 {
                let done = Some(number_text(p.qty))
                    .filter(|t| !t.is_empty())
                    .unwrap_or("0".into());
                figures.push(format!(
                    "{done} / {} {measure}",
                    number_text(item.target_qty)
                ));
            }
            if item.target_vnd > 0 {
                figures.push(format!(
                    "{} / {}",
                    money(p.vnd, lang),
                    money(item.target_vnd, lang)
                ));
            }
            figures.push(format!(
                "{} {}",
                integer(p.activities as i64, lang),
                m.act_found
            ));
            let title = if item.title.is_empty() {
                String::new()
            } else {
                format!(" — {}", item.title)
            };
            let _ = write!(
                out,
                "<tr data-testid=\"plan-item-progress\" data-item=\"{}\" data-light=\"{class}\"><td><strong>{}</strong>{}</td>\
                 <td class=\"progress-cell\"><span class=\"light {class}\">{}</span><meter min=\"0\" max=\"1\" value=\"{}\"></meter>\
                 <span class=\"progress-figures\">{}</span></td></tr>",
                esc(&item.id),
                esc(label(CATEGORIES, &item.category, lang)),
                esc(&title),
                esc(light.label(lang)),
                share(p.ratio(item).unwrap_or(0.0)),
                esc(&figures.join(" · ")),
                class = light.class(),
            );
        }
        out.push_str("</tbody></table></article>");
    }
    out
}

/// The plans of one unit (all when `only` is empty), by unit, place and year.
pub fn cards(ds: &Dataset, idx: &LocationIndex, only: &str) -> Vec<Card> {
    let progress = item_progress(ds);
    let mut cards: Vec<Card> = ds
        .plans
        .iter()
        .filter(|p| only.is_empty() || p.unit_id == only)
        .map(|p| Card {
            plan: p.clone(),
            unit: ds.unit_name(&p.unit_id).unwrap_or_default().to_string(),
            place: idx.name(&p.location_id),
            progress: p
                .items
                .iter()
                .map(|i| progress.get(&i.id).cloned().unwrap_or_default())
                .collect(),
        })
        .collect();
    crate::domain::order::sort_by_cached_key(&mut cards, |c| {
        (
            crate::domain::collate::key(&c.unit),
            crate::domain::collate::key(&c.place),
            c.plan.year.unwrap_or(0),
        )
    });
    cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{item, plan};
    use crate::view::i18n::messages;

    #[test]
    fn meter_shares_stay_between_zero_and_one() {
        assert_eq!(share(0.0), "0.00");
        assert_eq!(share(0.5), "0.50");
        assert_eq!(share(0.333), "0.33");
        assert_eq!(share(1.7), "1");
        assert_eq!(share(-1.0), "0.00");
    }

    #[test]
    fn cards_show_each_item_with_its_light() {
        let mut p = plan(
            "p-1",
            "u-1",
            "c-1",
            Some(2023),
            vec![item("i-1", "housing", 2.0, 0)],
        );
        p.items.push(item("i-2", "gifts", 0.0, 100_000_000));
        let card = Card {
            plan: p,
            unit: "Kho bạc <KBNN>".into(),
            place: "Xã Pà Cò".into(),
            progress: vec![
                ItemProgress {
                    activities: 1,
                    qty: 1.0,
                    vnd: 0,
                },
                ItemProgress {
                    activities: 0,
                    qty: 0.0,
                    vnd: 0,
                },
            ],
        };
        let html = cards_html(&[card], messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("<h3>12/KH-KBNN · Xã Pà Cò · 2023</h3>"),
            "{html}"
        );
        assert!(html.contains("Kho bạc &lt;KBNN&gt; · "));
        assert!(html.contains("data-item=\"i-1\" data-light=\"light-track\""));
        assert!(html.contains("value=\"0.50\""));
        assert!(html.contains("1 / 2 căn · 1 hoạt động"), "{html}");
        assert!(html.contains("0 đ / 100.000.000 đ · 0 hoạt động"));
        assert!(html.contains("data-testid=\"plan-edit\" data-action=\"edit\" data-id=\"p-1\""));
    }
}
