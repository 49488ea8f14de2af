//! Vietnamese text folding: "Pà Cò" and "pa co" compare equal, for search and file names.

/// Lowercase with Vietnamese diacritics removed (đ → d), other characters kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let f = fold_char(c);
        if f != '\u{0}' {
            out.push(f);
        }
    }
    out
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
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A file-name-safe slug: `Kho bạc Nhà nước tỉnh` → `kho-bac-nha-nuoc-tinh`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
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
    fn slugs() {
        assert_eq!(slug("Kho bạc Nhà nước tỉnh"), "kho-bac-nha-nuoc-tinh");
        assert_eq!(slug("  KBNN / Hòa Bình!! "), "kbnn-hoa-binh");
        assert_eq!(slug("Agribank"), "agribank");
        assert_eq!(slug("—"), "");
    }
}
