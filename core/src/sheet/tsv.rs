//! Text copied from Excel or LibreOffice: rows end with a new line, cells are separated by tabs,
//! and a cell holding a tab, a new line or a quote is put in double quotes (quotes doubled).
//! A CSV file is the same with commas or semicolons (`csv.rs` picks which).

/// The rows of `text`, each a list of cells (trimmed). Trailing empty rows are dropped.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    parse_with(text, '\t')
}

/// The same, with cells separated by `sep`.
pub fn parse_with(text: &str, sep: char) -> Vec<Vec<String>> {
    parse_with_quote(text, sep).0
}

/// The rows, and the line (from 1) of a quote opened and never closed, when one is.
pub fn parse_with_quote(text: &str, sep: char) -> (Vec<Vec<String>>, Option<usize>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut line = 1usize;
    let mut opened_on = 0usize;
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push(c);
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                opened_on = line;
                at_start = false;
            }
            c if c == sep => {
                row.push(cell.trim().to_string());
                cell.clear();
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                row.push(cell.trim().to_string());
                cell.clear();
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell.trim().to_string());
        rows.push(row);
    }
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.iter().all(String::is_empty))
    {
        rows.pop();
    }
    (rows, quoted.then_some(opened_on))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn excel_rows_with_quoted_cells() {
        let text = "15/8/24\tTặng quà\t1.000.000\r\n\"Ghi \"\"chú\"\"\ndòng 2\"\tx\t\r\n\r\n";
        let rows = parse(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], ["15/8/24", "Tặng quà", "1.000.000"]);
        assert_eq!(rows[1], ["Ghi \"chú\"\ndòng 2", "x", ""]);
    }

    #[test]
    fn one_cell_without_tabs_is_one_row() {
        assert_eq!(parse("Pà Cò"), vec![vec!["Pà Cò".to_string()]]);
        assert!(parse("\n\n").is_empty());
    }
}
