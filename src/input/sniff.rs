//! Guessing how a text file is laid out (delimiter, quote, where the header is) from a
//! sample, so the whole file is read once.

/// How to split a file into records, and how many records come before the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub quote: u8,
    /// Records before the header row (an Excel `sep=` line, a title block, notes).
    pub preamble: usize,
    /// Whether the first line was Excel's `sep=X` hint.
    pub sep_line: bool,
}

pub const DELIMITERS: [u8; 5] = [b',', b';', b'\t', b'|', b':'];
/// The delimiter of a one-column file whose values hold every usual delimiter (the unit
/// separator, which no text contains).
pub const ONE_COLUMN: u8 = 0x1f;
/// Tried only when none of [`DELIMITERS`] splits the sample.
pub const RARE_DELIMITERS: [u8; 2] = [b'+', b'`'];

fn records(sample: &str, delimiter: u8, quote: u8, limit: usize) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(quote)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample.as_bytes());
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    while out.len() < limit {
        match rdr.read_record(&mut rec) {
            Ok(true) => out.push(rec.iter().map(str::to_string).collect()),
            _ => break,
        }
    }
    out
}

/// The most common field count above 1 and how often it occurs (ties: more fields).
fn mode(counts: &[usize]) -> (usize, usize) {
    let mut best = (1usize, 0usize);
    let mut sorted: Vec<usize> = counts.to_vec();
    sorted.sort_unstable();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let (c, f) = (sorted[i], j - i);
        if c > 1 && (f > best.1 || (f == best.1 && c > best.0)) {
            best = (c, f);
        }
        i = j;
    }
    best
}

fn non_empty(r: &[String]) -> usize {
    r.iter().filter(|c| !c.trim().is_empty()).count()
}

/// Sniff a dialect. `sample` is decoded text from the start of the file; a final partial
/// line (the sample may stop mid-record) is left out. `forced` delimiter wins.
pub fn sniff(sample: &str, forced: Option<u8>) -> Dialect {
    let mut text = sample.trim_start_matches('\u{feff}');
    let mut sep_line = None;
    if let Some(first) = text.lines().next()
        && let Some(rest) = first.trim().strip_prefix("sep=")
        && rest.len() <= 1
    {
        sep_line = rest.bytes().next();
        text = &text[first.len()..];
        text = text.trim_start_matches(['\r', '\n']);
    }
    // Drop the last, possibly truncated, line.
    let complete = match text.rfind('\n') {
        Some(i) if text.len() >= 60_000 => &text[..=i],
        _ => text,
    };
    let delimiters: Vec<u8> = match forced.or(sep_line) {
        Some(d) => vec![d],
        None => DELIMITERS.to_vec(),
    };
    // (score, delimiter, quote, mode)
    let mut best: Option<(f64, u8, u8, usize)> = None;
    // The rare delimiters (`+`, a backtick) only when no usual one splits the lines.
    let rare = |best: &Option<(f64, u8, u8, usize)>| {
        forced.or(sep_line).is_none() && best.is_none_or(|b| b.0 == 0.0)
    };
    let mut candidates = delimiters.clone();
    let mut tried_rare = false;
    let mut k = 0;
    while k < candidates.len() {
        let d = candidates[k];
        k += 1;
        for q in [b'"', b'\''] {
            if q == b'\'' && (complete.contains('"') || !complete.contains('\'')) {
                continue;
            }
            // A colon in `https://` splits nothing: a one-column list of URLs is one column.
            let masked;
            let text = if d == b':' && complete.contains("://") {
                masked = complete.replace("://", "\u{1}\u{1}\u{1}");
                masked.as_str()
            } else {
                complete
            };
            let recs = records(text, d, q, 60);
            let counts: Vec<usize> = recs.iter().map(Vec::len).collect();
            let (m, f) = mode(&counts);
            // A delimiter that never gives two values in one record (a leading tab before
            // each cell, say) splits nothing either.
            // When the first line does not split, a title block must be followed by a header
            // and at least one row of the same width.
            let first_splits = recs.first().is_some_and(|r| non_empty(r) >= 2);
            let splits = recs.iter().any(|r| non_empty(r) >= 2)
                && (first_splits || f >= 2)
                // A colon (or a rare delimiter) also splits the header, or it is part of
                // the values (`mailto:`, `10:30`): no title block comes before such files.
                && (!matches!(d, b':' | b'+' | b'`')
                    || recs.first().is_some_and(|r| non_empty(r) >= 2));
            // Most records one value: a one-column list whose values hold the character.
            // (`#` comment lines and empty lines are not values.)
            let single = recs
                .iter()
                .filter(|r| {
                    r.len() <= 1
                        && r.first().is_some_and(|c| {
                            let c = c.trim_start();
                            !c.is_empty() && !c.starts_with('#')
                        })
                })
                .count();
            let mut score = if m > 1 && splits && single <= f {
                f as f64 * (1.0 + (m as f64).ln())
            } else {
                0.0
            };
            if q == b'\'' {
                // Single quotes only when they clearly beat double quotes.
                score *= 0.9;
            }
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, d, q, m));
            }
        }
        if k == candidates.len() && !tried_rare && rare(&best) {
            tried_rare = true;
            candidates.extend(RARE_DELIMITERS);
        }
    }
    let (score, delimiter, quote, m) = best.unwrap_or((0.0, b',', b'"', 1));
    // Nothing splits the lines: one column, no title block to look for.
    let m = if score == 0.0 { 1 } else { m };
    let delimiter = if score == 0.0 {
        // One column: a delimiter no text holds, so no value is cut in two (a comma inside
        // one cell of a one-column list stays in the cell).
        forced.or(sep_line).unwrap_or(ONE_COLUMN)
    } else {
        delimiter
    };
    // The header: the first record with the common width and at least two non-empty
    // cells; records before it are a preamble (titles, notes).
    let mut preamble = 0;
    if m > 1 {
        let recs = records(complete, delimiter, quote, 40);
        // Wide enough to be the header (a title "Report, 2026" is not), and not a title
        // row of one value padded with empty cells.
        if let Some(i) = recs
            .iter()
            .position(|r| r.len() * 2 > m && non_empty(r) >= 2)
        {
            preamble = i;
        }
    }
    Dialect {
        delimiter,
        quote,
        preamble,
        sep_line: sep_line.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff("a;b;c\n1;2,5;3\n", None).delimiter, b';');
        assert_eq!(sniff("a\tb\tc\nAcme, Inc.\t2\t3\n", None).delimiter, b'\t');
        assert_eq!(sniff("a|b|c\n1|2|3\n", None).delimiter, b'|');
        assert_eq!(sniff("a:b:c\n1:2:3\n", None).delimiter, b':');
        assert_eq!(sniff("a,b\n\"x;y\",2\n", None).delimiter, b',');
    }

    #[test]
    fn single_quotes_when_they_fit() {
        let d = sniff("a;b;c\n'x;y';2;3\n'p';'q';'r'\n", None);
        assert_eq!((d.delimiter, d.quote), (b';', b'\''));
        // An apostrophe in a name is not a quote.
        assert_eq!(sniff("name,co\nO'Brien,\"A, B\"\n", None).quote, b'"');
    }

    #[test]
    fn preamble_and_sep_line() {
        let d = sniff(
            "Notes:\n\"Some, text\"\n\nFirst Name,Last Name,Email\nA,B,a@x.co\n",
            None,
        );
        assert_eq!(
            d.preamble, 2,
            "two records before the header (blank lines are skipped)"
        );
        let d = sniff(
            "\"This is a title row\",,\nid,name,email\n1,A,a@x.co\n",
            None,
        );
        assert_eq!(d.preamble, 1);
        let d = sniff(
            "Report: Contacts, 2026\na,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5,6\n",
            None,
        );
        assert_eq!(d.preamble, 1);
        assert_eq!(sniff("a,b,c\n1,2\n1,2,3,4\n", None).preamble, 0);
        let d = sniff("sep=;\nA;B\n1;2\n", None);
        assert!(d.sep_line);
        assert_eq!((d.delimiter, d.preamble), (b';', 0));
    }

    #[test]
    fn one_column_lists_stay_one_column() {
        let d = sniff(
            "LinkedIn\nhttps://www.linkedin.com/in/a\nhttps://www.linkedin.com/in/b\n",
            None,
        );
        assert_eq!((d.delimiter, d.preamble), (ONE_COLUMN, 0));
        let d = sniff("Website\nhttp://initech.net\n", None);
        assert_eq!((d.delimiter, d.preamble), (ONE_COLUMN, 0));
        let d = sniff("Work Email\n\ta@x.example\n\tb@y.example\n", None);
        assert_eq!(d.delimiter, ONE_COLUMN);
        let d = sniff(
            "Email\na@x.example\nmailto:b@x.example\nmailto:c@x.example\n",
            None,
        );
        assert_eq!((d.delimiter, d.preamble), (ONE_COLUMN, 0));
        // A comma inside a few values of a one-column list does not make it two columns.
        let d = sniff(
            "Company\nAcme\n\" ACME, INC.\"\nBeta\nGamma, Inc.\nDelta\nEpsilon\n",
            None,
        );
        assert_eq!(d.preamble, 0);
        let d = sniff("Email\n(a@x.example; b@y.example; -)\n", None);
        assert_eq!((d.delimiter, d.preamble), (ONE_COLUMN, 0));
        // Every usual delimiter inside the values: nothing cuts them.
        let d = sniff("Email\n a@x.example , b@y.example; c\t|\n", None);
        assert_eq!((d.delimiter, d.preamble), (ONE_COLUMN, 0));
        // A real colon-separated file still is one.
        assert_eq!(sniff("a:b:c\n1:2:3\n4:5:6\n", None).delimiter, b':');
    }

    #[test]
    fn rare_delimiters_only_when_nothing_usual_splits() {
        assert_eq!(sniff("id`desc\n1`a b\n2`c d\n", None).delimiter, b'`');
        assert_eq!(sniff("a+b+c\n1+2+3\n4+5+6\n", None).delimiter, b'+');
        // A phone number's + does not beat a comma.
        assert_eq!(
            sniff("name,phone\nA,+1 555 0100\nB,+44 20 555\n", None).delimiter,
            b','
        );
    }
}
