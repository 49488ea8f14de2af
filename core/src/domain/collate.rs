//! Vietnamese order, for every list, table, select and sentence that names places, units and
//! models: letters in the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
//! u ư v x y; f j w z of foreign words where Latin puts them), then tones (none, huyền, hỏi,
//! ngã, sắc, nặng), then case; numbers by value ("Thôn 2" before "Thôn 10"). Text typed in
//! decomposed form (a letter followed by combining marks) and the look-alike "Ð" (U+00D0) sort
//! as the letters they show. Byte order put "Đồng" after "Z" and "Phú" before "Pà".

use std::cmp::Ordering;
use std::sync::OnceLock;

/// The alphabet, one letter per position (its primary weight).
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Each vowel with its five tones, in tone order (huyền, hỏi, ngã, sắc, nặng).
const TONED: [&str; 24] = [
    "aàảãáạ",
    "ăằẳẵắặ",
    "âầẩẫấậ",
    "eèẻẽéẹ",
    "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ",
    "ôồổỗốộ",
    "ơờởỡớợ",
    "uùủũúụ",
    "ưừửữứự",
    "yỳỷỹýỵ",
    "AÀẢÃÁẠ",
    "ĂẰẲẴẮẶ",
    "ÂẦẨẪẤẬ",
    "EÈẺẼÉẸ",
    "ÊỀỂỄẾỆ",
    "IÌỈĨÍỊ",
    "OÒỎÕÓỌ",
    "ÔỒỔỖỐỘ",
    "ƠỜỞỠỚỢ",
    "UÙỦŨÚỤ",
    "ƯỪỬỮỨỰ",
    "YỲỶỸÝỴ",
];

// Primary weights: white space first, then punctuation, numbers, letters, anything else.
const SPACE: u32 = 1;
const PUNCT: u32 = 2;
const NUMBER: u32 = 200;
const DIGIT: u32 = 240;
const LETTER: u32 = 300;
const OTHER: u32 = 400;

/// One character as a letter: its alphabet position, tone (0–5) and whether it is a capital.
#[derive(Clone, Copy)]
struct Letter {
    base: u8,
    tone: u8,
    capital: bool,
}

/// Every Vietnamese letter (with or without tone, either case), sorted by character.
fn letters() -> &'static [(char, Letter)] {
    static TABLE: OnceLock<Vec<(char, Letter)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let position = |c: char| {
            ALPHABET
                .chars()
                .position(|a| a == c)
                .map_or(u8::MAX, |p| p as u8)
        };
        let mut table = Vec::new();
        for (i, c) in ALPHABET.chars().enumerate() {
            let base = i as u8;
            table.push((
                c,
                Letter {
                    base,
                    tone: 0,
                    capital: false,
                },
            ));
            let capital = super::text::upper_char(c);
            if capital != c {
                table.push((
                    capital,
                    Letter {
                        base,
                        tone: 0,
                        capital: true,
                    },
                ));
            }
        }
        for (row, vowels) in TONED.iter().enumerate() {
            let mut chars = vowels.chars();
            let Some(first) = chars.next() else { continue };
            let base = position(super::text::lower_char(first));
            for (tone, c) in chars.enumerate() {
                table.push((
                    c,
                    Letter {
                        base,
                        tone: tone as u8 + 1,
                        capital: row >= 12,
                    },
                ));
            }
        }
        // The Icelandic eth, typed for Đ by some keyboards and fonts.
        let d = position('đ');
        table.push((
            '\u{d0}',
            Letter {
                base: d,
                tone: 0,
                capital: true,
            },
        ));
        table.push((
            '\u{f0}',
            Letter {
                base: d,
                tone: 0,
                capital: false,
            },
        ));
        super::order::sort_by_key(&mut table, |e| e.0);
        table
    })
}

fn letter(c: char) -> Option<Letter> {
    let table = letters();
    table
        .binary_search_by(|e| e.0.cmp(&c))
        .ok()
        .map(|i| table[i].1)
}

/// A combining mark on the letter before it: a new base (breve, circumflex, horn) or a tone.
fn combine(prev: &mut Letter, mark: char) -> bool {
    let name = |c: char| ALPHABET.chars().position(|a| a == c).map(|p| p as u8);
    let base_char = ALPHABET.chars().nth(prev.base as usize).unwrap_or('?');
    let new_base = match (mark, base_char) {
        ('\u{306}', 'a') => name('ă'),
        ('\u{302}', 'a') => name('â'),
        ('\u{302}', 'e') => name('ê'),
        ('\u{302}', 'o') => name('ô'),
        ('\u{31b}', 'o') => name('ơ'),
        ('\u{31b}', 'u') => name('ư'),
        _ => None,
    };
    if let Some(b) = new_base {
        prev.base = b;
        return true;
    }
    let tone = match mark {
        '\u{300}' => 1,
        '\u{309}' => 2,
        '\u{303}' => 3,
        '\u{301}' => 4,
        '\u{323}' => 5,
        _ => return false,
    };
    prev.tone = tone;
    true
}

/// The sort key of `s`: compare keys (as slices) to compare texts in Vietnamese order.
pub fn key(s: &str) -> Vec<u32> {
    let mut primary = Vec::with_capacity(s.len());
    // Tone and case of each primary element (0 for what has none).
    let mut marks: Vec<(u8, u8)> = Vec::with_capacity(s.len());
    let mut last_letter: Option<Letter> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            let value = digits.trim_start_matches('0');
            primary.push(NUMBER + value.len() as u32);
            marks.push((0, 0));
            for d in value.bytes() {
                primary.push(DIGIT + u32::from(d - b'0'));
                marks.push((0, 0));
            }
            last_letter = None;
            continue;
        }
        if let Some(prev) = last_letter.as_mut() {
            if combine(prev, c) {
                let p = *prev;
                if let (Some(w), Some(m)) = (primary.last_mut(), marks.last_mut()) {
                    *w = LETTER + u32::from(p.base);
                    *m = (p.tone, u8::from(p.capital));
                }
                continue;
            }
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if let Some(l) = letter(c) {
            primary.push(LETTER + u32::from(l.base));
            marks.push((l.tone, u8::from(l.capital)));
            last_letter = Some(l);
            continue;
        }
        last_letter = None;
        let weight = if c.is_whitespace() {
            SPACE
        } else if c.is_ascii_punctuation() {
            PUNCT + c as u32
        } else {
            OTHER + c as u32
        };
        // Runs of white space count once.
        if weight == SPACE && primary.last() == Some(&SPACE) {
            continue;
        }
        primary.push(weight);
        marks.push((0, 0));
    }
    let mut out = primary;
    out.push(0);
    out.extend(marks.iter().map(|m| u32::from(m.0)));
    out.push(0);
    out.extend(marks.iter().map(|m| u32::from(m.1)));
    out
}

/// Compare two texts in Vietnamese order.
pub fn cmp(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b))
}

/// Sort by a text of each item in Vietnamese order (keys computed once per item; stable).
pub fn sort_by_text<T>(v: &mut [T], text: impl Fn(&T) -> &str) {
    super::order::sort_by_cached_key(v, |x| key(text(x)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sort_by_text(&mut v, String::as_str);
        v
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        assert_eq!(
            sorted(&[
                "Yên", "Ư", "Ơ", "Ô", "Đồng", "Ấp", "Ân", "An", "Ă", "Bắc", "Ðà", "Dân", "O", "U"
            ]),
            [
                "An", "Ă", "Ân", "Ấp", "Bắc", "Dân", "Ðà", "Đồng", "O", "Ô", "Ơ", "U", "Ư", "Yên"
            ]
        );
    }

    #[test]
    fn real_names_in_the_order_an_official_expects() {
        assert_eq!(
            sorted(&[
                "Xã Zang",
                "Xã Đồng Ruộng",
                "Xã Phú Vinh",
                "Xã Pà Cò",
                "Xã Ân Nghĩa",
                "Xã Cao Sơn",
                "Xã Chiềng Châu",
                "Xã Ngọc Lâu",
                "Xã Nà Phòn",
                "Xã Hang Kia",
            ]),
            [
                "Xã Ân Nghĩa",
                "Xã Cao Sơn",
                "Xã Chiềng Châu",
                "Xã Đồng Ruộng",
                "Xã Hang Kia",
                "Xã Nà Phòn",
                "Xã Ngọc Lâu",
                "Xã Pà Cò",
                "Xã Phú Vinh",
                "Xã Zang",
            ]
        );
    }

    #[test]
    fn tones_then_case_break_ties() {
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma", "Ma"]),
            ["ma", "Ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // The letter decides before any tone: "ba" < "bà" < "bác" < "bạc" < "ban".
        assert_eq!(
            sorted(&["ban", "bạc", "bác", "bà", "ba"]),
            ["ba", "bà", "bác", "bạc", "ban"]
        );
    }

    #[test]
    fn numbers_by_value() {
        assert_eq!(
            sorted(&["Thôn 10", "Thôn 2", "Thôn 1", "Thôn 02"]),
            ["Thôn 1", "Thôn 2", "Thôn 02", "Thôn 10"]
        );
    }

    #[test]
    fn decomposed_text_and_the_eth_sort_as_what_they_show() {
        // "Đồng" typed with combining marks: o + circumflex + grave.
        assert_eq!(cmp("Đo\u{302}\u{300}ng", "Đồng"), Ordering::Equal);
        assert_eq!(cmp("u\u{31b}\u{301}", "ứ"), Ordering::Equal);
        assert_eq!(cmp("a\u{306}", "ă"), Ordering::Equal);
        assert_eq!(key("\u{d0}à")[0], key("Đà")[0]);
    }

    #[test]
    fn shorter_first_and_space_before_letters() {
        assert_eq!(
            sorted(&["Na", "N", "Nà Lơi", "Nà"]),
            ["N", "Na", "Nà", "Nà Lơi"]
        );
        assert_eq!(cmp("Tân  Lạc", "Tân Lạc"), Ordering::Equal);
    }
}
