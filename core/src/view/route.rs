//! Our own hash routes: `#/activities?year=2023`. Hash routes work on any static host with no
//! rewrite rules and survive a reload (leptos_router 0.8 only routes by path). Parsing is here;
//! following `hashchange` is the app's `ui::router`.

use super::i18n::Messages;

/// The screens of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Overview,
    Directory,
    Plans,
    Activities,
    Models,
    Reports,
    /// Full-screen slides for a projector.
    Present,
    Import,
    Export,
    Settings,
    /// Test hook: panics on purpose so the e2e tests can check the panic banner.
    Panic,
    NotFound,
}

/// Every routed page: its path and its stable short name (used in test hooks, `nav-settings`).
const ROUTES: [(Page, &str, &str); 12] = [
    (Page::Overview, "/", "overview"),
    (Page::Directory, "/directory", "directory"),
    (Page::Plans, "/plans", "plans"),
    (Page::Activities, "/activities", "activities"),
    (Page::Models, "/models", "models"),
    (Page::Reports, "/reports", "reports"),
    (Page::Present, "/present", "present"),
    (Page::Import, "/import", "import"),
    (Page::Export, "/export", "export"),
    (Page::Settings, "/settings", "settings"),
    (Page::Panic, "/__panic", "panic"),
    (Page::NotFound, "/404", "not-found"),
];

impl Page {
    /// Screens shown in the navigation, in order.
    pub const NAV: [Page; 10] = [
        Page::Overview,
        Page::Directory,
        Page::Plans,
        Page::Activities,
        Page::Models,
        Page::Reports,
        Page::Present,
        Page::Import,
        Page::Export,
        Page::Settings,
    ];

    fn route(self) -> (Page, &'static str, &'static str) {
        ROUTES
            .into_iter()
            .find(|r| r.0 == self)
            .unwrap_or(ROUTES[5])
    }

    pub fn path(self) -> &'static str {
        self.route().1
    }

    pub fn slug(self) -> &'static str {
        self.route().2
    }

    pub fn href(self) -> String {
        format!("#{}", self.path())
    }

    pub fn label(self, m: &Messages) -> &'static str {
        match self {
            Page::Overview => m.nav_overview,
            Page::Directory => m.nav_directory,
            Page::Plans => m.nav_plans,
            Page::Activities => m.nav_activities,
            Page::Models => m.nav_models,
            Page::Reports => m.nav_reports,
            Page::Present => m.nav_present,
            Page::Import => m.nav_import,
            Page::Export => m.nav_export,
            Page::Settings => m.nav_settings,
            Page::Panic | Page::NotFound => m.not_found_title,
        }
    }

    fn from_path(path: &str) -> Page {
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() { "/" } else { path };
        ROUTES
            .into_iter()
            .find(|r| r.1 == path && r.0 != Page::NotFound)
            .map_or(Page::NotFound, |r| r.0)
    }
}

/// A parsed location hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The path as opened, decoded (`/activities`), for the not-found page.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Which navigation this is (the router counts them): the same address opened again is a
    /// new visit, a page drawn again (a language switch) is not.
    pub visit: u64,
}

impl Route {
    /// Parse `window.location.hash` (`""`, `"#"`, `"#/settings"`, `"#/?year=2023"`…).
    pub fn parse(hash: &str) -> Route {
        let rest = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut path = percent_decode(path);
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Route {
            page: Page::from_path(&path),
            path,
            query,
            visit: 0,
        }
    }

    /// First value of a query parameter.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Decode `%XX` escapes and `+` (as space); malformed escapes are kept literally.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_hash_is_overview() {
        for h in ["", "#", "#/", "#/?year=2023"] {
            assert_eq!(Route::parse(h).page, Page::Overview, "{h}");
        }
    }

    #[test]
    fn known_paths_and_trailing_slash() {
        assert_eq!(Route::parse("#/settings").page, Page::Settings);
        assert_eq!(Route::parse("#/settings/").page, Page::Settings);
        assert_eq!(Route::parse("#settings").page, Page::Settings);
        for page in Page::NAV {
            assert_eq!(Route::parse(&page.href()).page, page);
        }
    }

    #[test]
    fn unknown_path_is_not_found_and_kept() {
        let r = Route::parse("#/kh%C3%B4ng-c%C3%B3?x=1");
        assert_eq!(r.page, Page::NotFound);
        assert_eq!(r.path, "/không-có");
    }

    #[test]
    fn query_is_decoded() {
        let r = Route::parse("#/?year=2023&unit=u%2Dkbnn&q=P%C3%A0+C%C3%B2&flag");
        assert_eq!(r.param("year"), Some("2023"));
        assert_eq!(r.param("unit"), Some("u-kbnn"));
        assert_eq!(r.param("q"), Some("Pà Cò"));
        assert_eq!(r.param("flag"), Some(""));
        assert_eq!(r.param("missing"), None);
    }

    #[test]
    fn malformed_escapes_are_kept() {
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }
}
