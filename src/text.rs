//! Words in messages: counts with the right plural, numbers with thousands separators.

/// "1 entry", "3 entries": `n` and the word for one or for many.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A number with thousands separators and two decimals: 94557.75 → "94,557.75".
pub fn money(v: f64) -> String {
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if v < 0.0 && !s.trim_matches(['0', '.']).is_empty() {
        "-"
    } else {
        ""
    };
    format!("{sign}{out}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(count(1u64, "entry", "entries"), "1 entry");
        assert_eq!(count(0u64, "entry", "entries"), "0 entries");
        assert_eq!(count(3u32, "row", "rows"), "3 rows");
    }

    #[test]
    fn money_has_separators() {
        assert_eq!(money(94557.75), "94,557.75");
        assert_eq!(money(0.5), "0.50");
        assert_eq!(money(1234567.0), "1,234,567.00");
        assert_eq!(money(-1000.0), "-1,000.00");
        assert_eq!(money(-0.001), "0.00");
    }
}
