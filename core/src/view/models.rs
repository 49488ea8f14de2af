//! Livelihood models as cards: facts, outcome and the linked activities, as HTML text for the
//! list's one click listener.

use std::fmt::Write;

use crate::domain::catalog::{label, MODEL_KINDS, MODEL_STATUSES};
use crate::domain::format::{date, integer, money};
use crate::domain::query::LocationIndex;
use crate::domain::{Dataset, Lang};
use crate::markup::{button, esc};

use super::i18n::Messages;

/// A model as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub model: crate::domain::record::Model,
    pub unit: String,
    pub place: String,
    /// (date, title, cash + in kind) of linked activities, newest first.
    pub linked: Vec<(String, String, i64)>,
}

/// The models as HTML text: facts, outcome, and the linked activities (the 50 newest).
pub fn cards_html(cards: &[Card], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for c in cards {
        let x = &c.model;
        let _ = write!(
            out,
            "<article class=\"model-card\" data-testid=\"model-card\" data-id=\"{}\"><h3>{}</h3><p class=\"muted\">{}</p><dl class=\"facts\">",
            esc(&x.id),
            esc(&x.name),
            esc(&format!("{} · {}", c.place, c.unit))
        );
        let mut fact = |term: &str, value: &str| {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(value));
        };
        fact(m.f_model_kind, label(MODEL_KINDS, &x.kind, lang));
        fact(m.f_status, label(MODEL_STATUSES, &x.status, lang));
        fact(m.f_households, &integer(x.households, lang));
        fact(m.f_capital, &money(x.capital_vnd, lang));
        if let Some(d) = &x.started_on {
            fact(m.f_started_on, &date(d));
        }
        out.push_str("</dl>");
        if !x.outcome.is_empty() {
            let _ = write!(out, "<p>{}</p>", esc(&x.outcome));
        }
        let total = c.linked.iter().fold(0i64, |s, l| s.saturating_add(l.2));
        let _ = write!(
            out,
            "<details><summary data-testid=\"model-linked-count\">{}</summary><ul>",
            esc(&format!(
                "{}: {} · {}",
                m.model_linked,
                integer(c.linked.len() as i64, lang),
                money(total, lang)
            ))
        );
        for (d, t, v) in c.linked.iter().take(50) {
            let _ = write!(
                out,
                "<li>{}</li>",
                esc(&format!("{} — {t} — {}", date(d), money(*v, lang)))
            );
        }
        out.push_str("</ul></details>");
        button(&mut out, "model-edit", "edit", &x.id, m.edit);
        out.push_str("</article>");
    }
    out
}

/// The models of one unit (all when `only` is empty), by name, with their activities newest
/// first.
pub fn cards(ds: &Dataset, idx: &LocationIndex, only: &str) -> Vec<Card> {
    let mut cards: Vec<Card> = ds
        .models
        .iter()
        .filter(|x| only.is_empty() || x.unit_id == only)
        .map(|x| {
            let mut linked: Vec<(String, String, i64)> = ds
                .activities
                .iter()
                .filter(|a| a.model_id.as_deref() == Some(x.id.as_str()))
                .map(|a| {
                    (
                        a.date.clone(),
                        a.title.clone(),
                        a.cash_vnd.saturating_add(a.in_kind_vnd),
                    )
                })
                .collect();
            crate::domain::order::sort_by(&mut linked, |a, b| b.0.cmp(&a.0));
            Card {
                model: x.clone(),
                unit: ds.unit_name(&x.unit_id).unwrap_or_default().to_string(),
                place: idx.name(&x.location_id),
                linked,
            }
        })
        .collect();
    crate::domain::collate::sort_by_text(&mut cards, |c| &c.model.name);
    cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::model;
    use crate::view::i18n::messages;

    #[test]
    fn cards_list_facts_and_linked_activities() {
        let mut x = model("m-1", "u-1", "c-1", "Vịt <Bầu> Bến");
        x.outcome = String::new();
        let card = Card {
            model: x,
            unit: "KBNN".into(),
            place: "Xã Pà Cò".into(),
            linked: vec![("2023-04-02".into(), "Giao vịt giống".into(), 60_000_000)],
        };
        let html = cards_html(&[card], messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("<h3>Vịt &lt;Bầu&gt; Bến</h3><p class=\"muted\">Xã Pà Cò · KBNN</p>"),
            "{html}"
        );
        assert!(html.contains(": 1 · 60.000.000 đ</summary>"), "{html}");
        assert!(html.contains("<li>02/04/2023 — Giao vịt giống — 60.000.000 đ</li>"));
        assert!(html.contains("data-testid=\"model-edit\" data-action=\"edit\" data-id=\"m-1\""));
    }
}
