//! The little XML an XLSX file is made of, read as a stream of tags and text: no DTDs, no
//! namespaces beyond dropping their prefixes ("x:row" is "row"), entities limited to XML's own
//! five and character references. Enough for workbook, styles, shared strings and sheets.

use std::borrow::Cow;

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// `<name attrs>` or, `empty`, `<name attrs/>`; `name` without its prefix.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End(&'a str),
    /// Text between tags, still escaped.
    Text(&'a str),
    /// A CDATA section's text, taken as it is.
    CData(&'a str),
}

/// The tokens of `xml`, in order. A document cut short ends the stream.
pub struct Tokens<'a> {
    s: &'a str,
    at: usize,
}

pub fn tokens(xml: &str) -> Tokens<'_> {
    Tokens { s: xml, at: 0 }
}

/// `name` without a namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.s.get(self.at..)?;
            if rest.is_empty() {
                return None;
            }
            let bytes = rest.as_bytes();
            if bytes[0] != b'<' {
                let end = bytes.iter().position(|&b| b == b'<').unwrap_or(bytes.len());
                self.at += end;
                return Some(Token::Text(&rest[..end]));
            }
            let skip_to = |close: &str| rest.find(close).map(|i| i + close.len());
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>")?;
                self.at += 9 + end + 3;
                return Some(Token::CData(&body[..end]));
            }
            if bytes.get(1).is_some_and(|b| *b == b'?' || *b == b'!') {
                let close = if rest.starts_with("<?") {
                    "?>"
                } else if rest.starts_with("<!--") {
                    "-->"
                } else {
                    ">"
                };
                self.at += skip_to(close)?;
                continue;
            }
            // The tag ends at the first '>' outside quotes (all ASCII: byte offsets are char
            // boundaries).
            let mut quote = 0u8;
            let end = bytes.iter().enumerate().skip(1).find_map(|(i, &b)| {
                match (quote, b) {
                    (0, b'"' | b'\'') => quote = b,
                    (0, b'>') => return Some(i),
                    (q, b) if q == b => quote = 0,
                    _ => {}
                }
                None
            })?;
            self.at += end + 1;
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Token::End(local(name.trim())));
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let split = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            return Some(Token::Start {
                name: local(&inner[..split]),
                attrs: &inner[split..],
                empty,
            });
        }
    }
}

/// The value of attribute `key` (compared without prefix), unescaped.
pub fn attr<'a>(attrs: &'a str, key: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let close = after[1..].find(q)?;
        if local(name) == key {
            return Some(unescape(&after[1..1 + close]));
        }
        rest = &after[close + 2..];
    }
}

/// Text with XML's entities and character references replaced.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').map(|d| d.parse().ok()))
                .flatten()
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_attributes() {
        let xml = r#"<?xml version="1.0"?><!-- c --><x:row r="2" s='a>b'><c r="A2" t="s"><v>3</v></c><is><t>Xã &amp; bản &#7843;</t></is><e/></x:row><![CDATA[<ok>]]>"#;
        let t: Vec<Token> = tokens(xml).collect();
        assert_eq!(
            t[0],
            Token::Start {
                name: "row",
                attrs: r#" r="2" s='a>b'"#,
                empty: false
            }
        );
        let Token::Start { attrs, .. } = &t[0] else {
            panic!()
        };
        assert_eq!(attr(attrs, "s").as_deref(), Some("a>b"));
        assert_eq!(attr(attrs, "r").as_deref(), Some("2"));
        assert_eq!(attr(attrs, "t"), None);
        assert!(t.contains(&Token::Text("3")));
        assert!(t.contains(&Token::Start {
            name: "e",
            attrs: "",
            empty: true
        }));
        assert!(t.contains(&Token::End("row")));
        assert_eq!(t.last(), Some(&Token::CData("<ok>")));
        assert_eq!(
            unescape("Xã &amp; bản &#7843; &#x1EA3; & &bogus;"),
            "Xã & bản ả ả & &bogus;"
        );
    }

    #[test]
    fn a_document_cut_anywhere_ends_without_panicking() {
        let xml = r#"<a b="1"><c>t&amp;</c><![CDATA[x]]></a>"#;
        for cut in 0..xml.len() {
            if let Some(s) = xml.get(..cut) {
                let _ = tokens(s).count();
            }
        }
    }
}
