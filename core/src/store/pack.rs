//! Bytes ⇄ text for localStorage. Chromium's quota counts UTF-16 code units, so each character
//! carries 15 bits (code points U+0020…U+801F: never a surrogate, never a control character,
//! safe in every browser's storage). That is 1.875 bytes a character, against 1 for base64's
//! 6 bits in 16.

const OFFSET: u32 = 0x20;

/// Pack bytes into characters, 15 bits each. The first character holds how many bits of the
/// last character are padding, so the length round-trips exactly.
pub fn pack(bytes: &[u8]) -> String {
    let total_bits = bytes.len() * 8;
    let chars = total_bits.div_ceil(15);
    let padding = chars * 15 - total_bits;
    let mut out = String::with_capacity((chars + 1) * 3);
    out.push(to_char(padding as u32));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(to_char((acc >> bits) & 0x7fff));
        }
    }
    if bits > 0 {
        out.push(to_char((acc << (15 - bits)) & 0x7fff));
    }
    out
}

fn to_char(v: u32) -> char {
    // v < 0x8000, so v + 0x20 ≤ 0x801F: below the surrogate range, always a valid char.
    char::from_u32(v + OFFSET).unwrap_or(' ')
}

/// Unpack what `pack` made; `None` when the text was not made by it.
pub fn unpack(text: &str) -> Option<Vec<u8>> {
    let mut chars = text.chars();
    let padding = chars.next()? as u32;
    let padding = padding.checked_sub(OFFSET).filter(|p| *p < 15)? as usize;
    let mut out = Vec::with_capacity(text.len() / 3 * 15 / 8 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut n_chars = 0usize;
    for c in chars {
        let v = (c as u32).checked_sub(OFFSET).filter(|v| *v < 0x8000)?;
        acc = (acc << 15) | v;
        bits += 15;
        n_chars += 1;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    let total_bits = (n_chars * 15).checked_sub(padding)?;
    if total_bits % 8 != 0 {
        return None;
    }
    out.truncate(total_bits / 8);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cases() {
        for bytes in [
            &b""[..],
            b"a",
            b"ab",
            &[0xff; 15],
            &[0, 1, 2, 3, 4, 5, 6, 7],
        ] {
            assert_eq!(unpack(&pack(bytes)).as_deref(), Some(bytes));
        }
    }

    #[test]
    fn every_char_is_safe_and_dense() {
        let bytes: Vec<u8> = (0..=255).cycle().take(30_000).collect();
        let text = pack(&bytes);
        assert!(text.chars().all(|c| (0x20..=0x801f).contains(&(c as u32))));
        let units = text.encode_utf16().count();
        assert!(units <= 30_000 * 8 / 15 + 2, "{units} UTF-16 units");
    }

    #[test]
    fn rejects_foreign_text() {
        assert_eq!(unpack(""), None);
        assert_eq!(unpack("{\"json\":true}"), None);
        assert_eq!(unpack("\u{1}"), None);
        assert_eq!(unpack(" \u{9000}"), None);
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            prop_assert_eq!(unpack(&pack(&bytes)), Some(bytes));
        }
    }
}
