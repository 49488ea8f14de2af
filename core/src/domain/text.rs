//! Vietnamese text folding: "Pà Cò" and "pa co" compare equal, for search and file names.

/// Lowercase with Vietnamese diacritics removed (đ → d), other characters kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// `fold`, appended to `out` (a text built of several folded parts, without a copy of each).
pub fn fold_into(out: &mut String, s: &str) {
    for c in s.chars() {
        let f = fold_char(c);
        if f != '\u{0}' {
            out.push(f);
        }
    }
}

/// One character folded; characters outside Vietnamese Latin are only lowercased. A `match`
/// compiles to range checks: this runs for every character of 30,000 activities.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' | 'Ă' | 'Ằ' | 'Ắ' | 'Ẳ' | 'Ẵ' | 'Ặ' | 'Â'
        | 'Ầ' | 'Ấ' | 'Ẩ' | 'Ẫ' | 'Ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' | 'È' | 'É' | 'Ẻ' | 'Ẽ'
        | 'Ẹ' | 'Ê' | 'Ề' | 'Ế' | 'Ể' | 'Ễ' | 'Ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' | 'Ì' | 'Í' | 'Ỉ' | 'Ĩ' | 'Ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' | 'Ô' | 'Ồ' | 'Ố' | 'Ổ' | 'Ỗ' | 'Ộ' | 'Ơ'
        | 'Ờ' | 'Ớ' | 'Ở' | 'Ỡ' | 'Ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ'
        | 'Ụ' | 'Ư' | 'Ừ' | 'Ứ' | 'Ử' | 'Ữ' | 'Ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => 'y',
        'đ' | 'Đ' => 'd',
        // Combining marks (text typed in decomposed form) disappear.
        '\u{300}'..='\u{36f}' => '\u{0}',
        _ => lower_char(c),
    }
}

/// Lowercase for Latin letters (ASCII, Latin-1, Latin Extended-A, ơ ư, the Vietnamese block);
/// other characters are kept. The app's text is Vietnamese: this spares the wasm the Unicode
/// case tables (~25 KB) that `char::to_lowercase` and `to_uppercase` carry.
pub fn lower_char(c: char) -> char {
    shift_case(c, true)
}

pub fn upper_char(c: char) -> char {
    shift_case(c, false)
}

pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// Uppercase, as in the headings of an official document: `Sở Tài chính` → `SỞ TÀI CHÍNH`.
pub fn upper(s: &str) -> String {
    s.chars().map(upper_char).collect()
}

fn shift_case(c: char, to_lower: bool) -> char {
    let n = c as u32;
    // Pairs where the capital is the even code point (true) or the odd one (false).
    let even_capital = match n {
        0x41..=0x5a | 0xc0..=0xde if n != 0xd7 => {
            return if to_lower {
                char::from_u32(n + 0x20).unwrap_or(c)
            } else {
                c
            };
        }
        0x61..=0x7a | 0xe0..=0xfe if n != 0xf7 && n != 0xdf => {
            return if to_lower {
                c
            } else {
                char::from_u32(n - 0x20).unwrap_or(c)
            };
        }
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 | 0x1a0..=0x1a1 => true,
        0x139..=0x148 | 0x179..=0x17e => false,
        0x1af..=0x1b0 => false,
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff => true,
        _ => return c,
    };
    let is_capital = n.is_multiple_of(2) == even_capital;
    // In both conventions the small letter follows its capital.
    let shifted = match (to_lower, is_capital) {
        (true, true) => n + 1,
        (false, false) => n - 1,
        _ => n,
    };
    char::from_u32(shifted).unwrap_or(c)
}

/// A file-name-safe slug: `Kho bạc Nhà nước tỉnh` → `kho-bac-nha-nuoc-tinh`.
pub fn slug(s: &str) -> String {
    dashed(fold(s).chars())
}

/// A file-name-safe word that keeps its capitals: `ĐTN Ưu` → `DTN-Uu` (a unit's short name).
pub fn slug_keeping_case(s: &str) -> String {
    dashed(s.chars().map(|c| match c {
        c if c.is_ascii() => c,
        c if lower_char(c) == c => fold_char(c),
        c => fold_char(c).to_ascii_uppercase(),
    }))
}

/// ASCII letters and digits kept, every other run of characters one dash, none at the ends.
fn dashed(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The first letter in capitals (a sentence or a row that starts with a phrase).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| upper_char(c).to_string() + chars.as_str())
}

/// A Vietnamese list: "A", "A và B", "A, B và C" (one "và", before the last).
pub fn join_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        _ => format!(
            "{} và {}",
            items[..items.len() - 1].join(", "),
            items[items.len() - 1]
        ),
    }
}

/// Words naming a level of place, dropped from the front of a name (longest first).
const LEVEL_WORDS: &[&str] = &[
    "thanh pho",
    "to dan pho",
    "thi tran",
    "thi xa",
    "phuong",
    "huyen",
    "tinh",
    "thon",
    "ban",
    "xom",
    "khu",
    "xa",
    "tp",
];

/// A name folded (no diacritics, lower case), its punctuation made spaces, and a leading level
/// word dropped: the key two spellings of one name share.
pub fn name_key(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let joined = words.join(" ");
    for w in LEVEL_WORDS {
        if let Some(rest) = joined.strip_prefix(w) {
            if let Some(rest) = rest.strip_prefix(' ') {
                return rest.to_string();
            }
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Pà Cò"), "pa co");
        assert_eq!(fold("Pa\u{300} Co\u{300}"), "pa co");
        assert_eq!(fold("ĐẶC BIỆT KHÓ KHĂN"), "dac biet kho khan");
        assert_eq!(fold("Mường Chiềng"), "muong chieng");
        assert_eq!(fold("Tổ liên gia tự quản"), "to lien gia tu quan");
        assert!(fold("Hang Kia").contains(&fold("hang k")));
    }

    #[test]
    fn case_matches_the_standard_library_for_latin_letters() {
        let ranges = [0x20..0x250u32, 0x1e00..0x1f00];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let std_lower: Vec<char> = c.to_lowercase().collect();
            let std_upper: Vec<char> = c.to_uppercase().collect();
            let (l, u) = (lower_char(c), upper_char(c));
            // Ours agrees with std or, for letters outside its ranges, keeps the character.
            assert!(
                std_lower == [l] || l == c,
                "lower {c:?}: {l:?} vs {std_lower:?}"
            );
            assert!(
                std_upper == [u] || u == c,
                "upper {c:?}: {u:?} vs {std_upper:?}"
            );
        }
        let vi = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        assert_eq!(upper(vi), vi.to_uppercase());
        assert_eq!(lower(&vi.to_uppercase()), vi);
        assert_eq!(
            upper("Sở Tài chính tỉnh Hòa Bình"),
            "SỞ TÀI CHÍNH TỈNH HÒA BÌNH"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Kho bạc Nhà nước tỉnh"), "kho-bac-nha-nuoc-tinh");
        assert_eq!(slug("  KBNN / Hòa Bình!! "), "kbnn-hoa-binh");
        assert_eq!(slug("Agribank"), "agribank");
        assert_eq!(slug("—"), "");
    }
}
