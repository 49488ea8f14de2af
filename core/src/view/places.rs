//! The directory's tree of places (province → district → commune → village, or a commune with
//! no district) as rows, and the rows as HTML text for the tree's one click listener.

use std::collections::HashSet;
use std::fmt::Write;

use crate::domain::catalog::{label, LOCATION_LEVELS};
use crate::domain::query::{place_name, place_name_inline, LocationIndex};
use crate::domain::record::Location;
use crate::domain::Lang;
use crate::markup::{button, esc};

use super::i18n::Messages;

/// The level one step below.
pub fn below(level: &str) -> &'static str {
    match level {
        "province" => "district",
        "district" => "commune",
        _ => "village",
    }
}

pub fn parent_levels(level: &str) -> &'static [&'static str] {
    match level {
        "village" => &["commune"],
        "commune" => &["district", "province"],
        "district" => &["province"],
        _ => &[],
    }
}

/// The label a new place below `level` starts with.
pub fn below_label(level: &str) -> &'static str {
    match level {
        "province" => "tỉnh",
        "district" => "huyện",
        "commune" => "xã",
        _ => "bản",
    }
}

/// The visible rows as HTML text: a treeitem per place, its tags, and buttons carrying
/// `data-action` and `data-id` for the tree's one click listener.
pub fn tree_html(nodes: &[Node], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for n in nodes {
        let id = esc(&n.id);
        let _ = write!(
            out,
            "<div role=\"treeitem\" aria-level=\"{}\"{} class=\"tree-row depth-{}{}\" data-testid=\"place-node\" data-id=\"{id}\">",
            n.depth + 1,
            if n.has_children { format!(" aria-expanded=\"{}\"", n.open) } else { String::new() },
            n.depth.min(8),
            if n.retired { " retired" } else { "" },
        );
        if n.has_children {
            let _ = write!(
                out,
                "<button type=\"button\" class=\"twisty\" data-action=\"toggle\" data-id=\"{id}\" aria-label=\"{}\">{}</button>",
                esc(&n.name),
                if n.open { "▾" } else { "▸" }
            );
        }
        let _ = write!(
            out,
            "<span class=\"tree-name\">{}</span><span class=\"tag\">{}</span>",
            esc(&n.name),
            esc(label(LOCATION_LEVELS, &n.level, lang))
        );
        if n.difficult {
            let _ = write!(out, "<span class=\"tag tag-dbkk\">{}</span>", esc(m.dbkk));
        }
        if n.retired {
            let _ = write!(
                out,
                "<span class=\"tag tag-retired\">{}</span>",
                esc(m.retired)
            );
        }
        if !n.successors.is_empty() {
            let _ = write!(
                out,
                "<span class=\"tree-now\" data-testid=\"place-successor\">{} {}</span>",
                esc(m.now_is),
                esc(&n.successors)
            );
        }
        out.push_str("<span class=\"tree-actions\">");
        button(&mut out, "loc-edit", "edit", &n.id, m.edit);
        if n.level != "village" {
            button(&mut out, "loc-add-child", "add-child", &n.id, m.add_child);
        }
        out.push_str("</span></div>");
    }
    out
}

/// A visible row of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub rev: i64,
    pub name: String,
    pub level: String,
    pub depth: usize,
    pub difficult: bool,
    pub retired: bool,
    /// What it became ("xã Pà Cò"), when it was merged or split.
    pub successors: String,
    pub has_children: bool,
    pub open: bool,
}

/// The tree in display order: roots, then children of open nodes. Communes are open by
/// default only when expanded; districts and provinces always show their children.
pub fn flatten(idx: &LocationIndex, expanded: &HashSet<String>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Location, usize)> =
        idx.roots().into_iter().rev().map(|l| (l, 0)).collect();
    while let Some((l, depth)) = stack.pop() {
        let children: Vec<&Location> = idx.children(&l.id).collect();
        let open = l.level != "commune" || expanded.contains(&l.id);
        out.push(Node {
            id: l.id.clone(),
            rev: l.rev,
            name: place_name(l),
            level: l.level.clone(),
            depth,
            difficult: l.difficult,
            retired: l.valid_to.is_some(),
            successors: crate::domain::text::join_and(
                &l.successors
                    .iter()
                    .filter_map(|s| idx.get(s).map(place_name_inline))
                    .collect::<Vec<_>>(),
            ),
            has_children: !children.is_empty(),
            open,
        });
        if open && depth < 8 {
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::i18n::messages;

    fn node(id: &str, name: &str, level: &str, depth: usize) -> Node {
        Node {
            id: id.into(),
            rev: 1,
            name: name.into(),
            level: level.into(),
            depth,
            difficult: false,
            retired: false,
            successors: String::new(),
            has_children: false,
            open: false,
        }
    }

    #[test]
    fn rows_carry_their_actions_and_escape_names() {
        let mut commune = node("c-1", "Xã <b>Pà Cò</b>", "commune", 0);
        commune.has_children = true;
        commune.difficult = true;
        let mut village = node("v-\"1", "Bản Sáng", "village", 1);
        village.retired = true;
        village.successors = "bản Tân Sáng".into();
        let html = tree_html(&[commune, village], messages(Lang::Vi), Lang::Vi);
        assert!(html.contains("Xã &lt;b&gt;Pà Cò&lt;/b&gt;"), "{html}");
        assert!(html.contains("aria-expanded=\"false\""));
        assert!(html.contains("data-action=\"toggle\" data-id=\"c-1\""));
        assert!(html.contains("tree-row depth-1 retired"));
        assert!(html.contains("nay là bản Tân Sáng"), "{html}");
        assert!(html.contains("data-id=\"v-&quot;1\""));
        assert_eq!(
            html.matches("data-action=\"add-child\"").count(),
            1,
            "no children under a village"
        );
        assert_eq!(html.matches("data-action=\"edit\"").count(), 2);
        assert!(html.contains("tag-dbkk"));
    }

    #[test]
    fn communes_open_only_when_expanded() {
        let ds = crate::domain::testkit::small();
        let idx = LocationIndex::new(&ds.locations);
        let closed = flatten(&idx, &HashSet::new());
        let names: Vec<&str> = closed.iter().map(|n| n.id.as_str()).collect();
        assert!(
            names.contains(&"c-paco") && !names.contains(&"v-paco-1"),
            "{names:?}"
        );
        let paco = closed.iter().find(|n| n.id == "c-paco").expect("commune");
        assert!(paco.has_children && !paco.open);
        let open = flatten(&idx, &HashSet::from(["c-paco".to_string()]));
        let at = open.iter().position(|n| n.id == "c-paco").expect("commune");
        assert_eq!(
            open[at + 1].depth,
            open[at].depth + 1,
            "villages follow their commune"
        );
        assert_eq!(open.len(), closed.len() + 2);
    }
}
