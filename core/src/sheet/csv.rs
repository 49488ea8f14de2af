//! A CSV file as Excel and LibreOffice save it: UTF-8 with or without a byte-order mark, or
//! UTF-16 ("Unicode text"); cells separated by commas, semicolons (Excel where the decimal mark
//! is a comma) or tabs, as its first line shows or an Excel "sep=;" line says. Windows-1258 and
//! TCVN3 files are refused with the way to save them again: their accents are combining marks
//! and font-specific bytes that cannot be told apart from each other reliably.

use super::tsv::parse_with_quote;

/// The text of a CSV file, or the line (from 1) of its first byte that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes);
    }
    // UTF-16 without its mark: every other byte of Latin text is zero.
    let sample = &bytes[..bytes.len().min(4000)];
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if sample.len() >= 4 && bytes.len().is_multiple_of(2) && zeros_odd * 3 > sample.len() / 2 {
        return utf16(bytes, u16::from_le_bytes);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, usize> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        1 + bytes[..at].iter().filter(|b| **b == b'\n').count()
    })
}

/// UTF-16 text; a lone surrogate or an odd last byte (a file cut short) is the line it is on.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, usize> {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => return Err(1 + out.matches('\n').count()),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(1 + out.matches('\n').count());
    }
    Ok(out)
}

/// The rows of a CSV text, or the line (from 1) where a quoted cell opens and never closes:
/// such a file would otherwise read the rest of itself into that one cell.
pub fn parse_checked(text: &str) -> Result<Vec<Vec<String>>, usize> {
    let (rows, open) = parse_quoted(text);
    match open {
        Some(line) => Err(line),
        None => Ok(rows),
    }
}

/// The rows of a CSV text, a quote left open read to the end.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    parse_quoted(text).0
}

fn parse_quoted(text: &str) -> (Vec<Vec<String>>, Option<usize>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if let Some(sep) = first
        .trim()
        .strip_prefix("sep=")
        .and_then(|s| s.chars().next())
    {
        let (head, rest) = text.split_once('\n').unwrap_or((text, ""));
        let (rows, open) = parse_with_quote(rest, sep);
        // Lines of the file count the "sep=" line too.
        let head_lines = 1 + head.matches('\n').count();
        return (rows, open.map(|l| l + head_lines));
    }
    parse_with_quote(text, separator(first))
}

/// The separator the first line uses most, outside quotes.
fn separator(line: &str) -> char {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(2);
    ['\t', ';', ','][if counts[best] == 0 { 2 } else { best }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_mark_and_utf16_both_ways() {
        let text = "Ngày,Xã,Tiền mặt\n15/08/2024,Pà Cò,\"1.000.000\"\n";
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).as_deref(), Ok(text));
        assert_eq!(decode(text.as_bytes()).as_deref(), Ok(text));
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).as_deref(), Ok(text));
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).as_deref(), Ok(text));
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare).as_deref(), Ok(text));
    }

    #[test]
    fn a_windows_1258_file_names_its_first_bad_line() {
        // "Ngày" in Windows-1258 is N g 0xE0 y; the second line has it.
        let bytes = b"Date,Place\r\nNg\xe0y,x\r\n";
        assert_eq!(decode(bytes), Err(2));
    }

    #[test]
    fn separators_as_the_first_line_shows() {
        assert_eq!(
            parse("a;b;\"c;d\"\n1;2,5;3\n"),
            vec![vec!["a", "b", "c;d"], vec!["1", "2,5", "3"]]
        );
        assert_eq!(parse("a,b\n\"1,5 triệu\",x\n")[1], ["1,5 triệu", "x"]);
        assert_eq!(parse("sep=;\na;b,c\n"), vec![vec!["a", "b,c"]]);
        assert_eq!(parse("a\tb\n")[0], ["a", "b"]);
    }
}
