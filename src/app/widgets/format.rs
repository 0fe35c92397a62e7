//! Numbers as the window shows them.

/// An integer with thousands separators: 1234567 → "1,234,567", -5 → "−5" (the library's
/// `text::int_signed`, as the HTML page shows them).
pub fn int(v: i64) -> String {
    crate::text::int_signed(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        assert_eq!(super::int(0), "0");
        assert_eq!(super::int(999), "999");
        assert_eq!(super::int(1000), "1,000");
        assert_eq!(super::int(-1234567), "\u{2212}1,234,567");
    }
}
