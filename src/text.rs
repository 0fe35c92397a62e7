//! Words in messages: counts with the right plural, numbers with thousands separators.

/// "1 entry", "3 entries": `n` and the word for one or for many.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A whole number with thousands separators: 2000 → "2,000".
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A whole number that may be negative, with thousands separators and a true minus sign
/// (U+2212): -1234 → "−1,234". The one signed formatter of the window and the HTML page.
pub fn int_signed(v: i64) -> String {
    let out = int(v.unsigned_abs());
    if v < 0 { format!("\u{2212}{out}") } else { out }
}

/// Credits that may have a fraction (a balance, a budget, a price): "8,500" when whole
/// (within 1e-9), else two decimals, "2,500.50". The one formatter of credits for people.
pub fn credits(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 && v.abs() < 1e15 {
        int_signed(v.round() as i64)
    } else {
        money(v)
    }
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

/// A file size people read: "812 bytes", "4.2 KB", "111.0 MB", "2.3 GB" (powers of 1000).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1000 {
        return count(n, "byte", "bytes");
    }
    let mut v = n as f64 / 1000.0;
    let mut unit = 0;
    while v >= 999.95 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(2000), "2,000");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(int_signed(-1234567), "\u{2212}1,234,567");
        assert_eq!(int_signed(0), "0");
        assert_eq!(int_signed(42), "42");
    }

    #[test]
    fn credits_whole_or_with_cents() {
        assert_eq!(credits(8500.0), "8,500");
        assert_eq!(credits(2500.5), "2,500.50");
        assert_eq!(credits(2.0 + 1e-12), "2");
        assert_eq!(credits(-3.0), "\u{2212}3");
        assert_eq!(credits(0.25), "0.25");
    }

    #[test]
    fn sizes() {
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(1000), "1.0 KB");
        assert_eq!(bytes(4_249), "4.2 KB");
        assert_eq!(bytes(999_949), "999.9 KB");
        assert_eq!(bytes(999_950), "1.0 MB");
        assert_eq!(bytes(111_000_000), "111.0 MB");
        assert_eq!(bytes(2_300_000_000), "2.3 GB");
        assert_eq!(bytes(5_000_000_000_000_000), "5000.0 TB");
    }

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
