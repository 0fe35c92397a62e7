//! pricing.md §1's identifier rules, one value at a time, each case read off the spec.

use super::*;

#[test]
fn nfc_composes_and_borrows_what_already_is() {
    // "é" as e + combining acute (NFD, as macOS writes it) composes to U+00E9.
    let nfd = "Rene\u{301}e";
    assert_eq!(nfc(nfd), "Ren\u{e9}e");
    assert!(matches!(nfc(nfd), Cow::Owned(_)));
    assert!(matches!(nfc("Renée"), Cow::Borrowed(_)));
    assert!(matches!(nfc("ascii"), Cow::Borrowed(_)));
    // Not quick-checkable as NFC (a combining mark after a base it cannot compose with)
    // yet already NFC: borrowed, equal.
    let already = "q\u{301}";
    assert_eq!(nfc(already), already);
    assert!(matches!(nfc(already), Cow::Borrowed(_)));
}

#[test]
fn percent_decoding_keeps_a_lone_percent() {
    assert_eq!(percent_decode("j%C3%B6rg"), "jörg");
    assert_eq!(percent_decode("a%2Fb%2fc"), "a/b/c");
    // Not two hex digits after it: kept as written, at the end too.
    assert_eq!(percent_decode("100%"), "100%");
    assert_eq!(percent_decode("50%x1"), "50%x1");
    assert_eq!(percent_decode("%4"), "%4");
    assert_eq!(percent_decode("%41"), "A");
    assert_eq!(percent_decode("x%4"), "x%4");
    assert_eq!(percent_decode("no percent"), "no percent");
    // A digit and a letter each side of the hex alphabet.
    assert_eq!(percent_decode("%7a%5A%3f"), "zZ?");
    assert_eq!(percent_decode("%G1%1G"), "%G1%1G");
}

#[test]
fn linkedin_person_urls_and_nothing_else() {
    let li = |s: &str| normalize_linkedin(s);
    let want = Some("linkedin.com/in/jane-doe".to_string());
    for url in [
        "https://www.linkedin.com/in/jane-doe",
        "  HTTP://LinkedIn.com/in/Jane-Doe/  ",
        "linkedin.com/in/jane-doe?trk=x#top",
        "https://uk.linkedin.com/in/jane-doe/details/experience/",
        "m.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/jane%2Ddoe",
        "git+ssh://linkedin.com/in/jane-doe",
    ] {
        assert_eq!(li(url), want, "{url}");
    }
    for not in [
        "https://www.linkedin.com/company/acme",
        "https://www.linkedin.com/sales/lead/123",
        "https://www.linkedin.com/in/",
        "https://a.b.linkedin.com/in/jane-doe",
        "https://.linkedin.com/in/jane-doe",
        "https://notlinkedin.com/in/jane-doe",
        "https://linkedin.com.evil.com/in/jane-doe",
        "linkedin.com/jane-doe/in/x",
        "",
        "Jane Doe",
    ] {
        assert_eq!(li(not), None, "{not}");
    }
    // A scheme is lower-case letters, digits, `+ . -` before `://`, starting with a letter.
    assert_eq!(linkedin_slug("1http://linkedin.com/in/x"), None);
    assert_eq!(linkedin_slug("ht tp://linkedin.com/in/x"), None);
    assert_eq!(linkedin_slug("linkedin.com/in/x"), Some("x"));
}

#[test]
fn valid_emails_by_the_rule() {
    for ok in [
        "a@b.co",
        "x.y+tag@mail.example.org",
        "ä@ü.de",
        "a@b.c",
        "a@ü.ü",
    ] {
        assert!(is_valid_email(ok), "{ok}");
    }
    for bad in [
        "",
        "a",
        "@b.com",
        "a@",
        "a@b",
        "a@.com",
        "a@com.",
        "a@@b.com",
        "a@b@c.com",
        "a b@c.com",
        "a@b .com",
        "a@b.c\t",
        "a@.ü",
        "a@ü.",
        "a@üü.",
        "a@.üü",
        "a@ü",
        "ab.com",
    ] {
        assert!(!is_valid_email(bad), "{bad}");
    }
    assert_eq!(
        normalize_email("  Jane.Doe@ACME.com "),
        Some("jane.doe@acme.com".into())
    );
    assert_eq!(normalize_email("n/a"), None);
    // NFC before the rule: the decomposed and the composed address are one.
    assert_eq!(
        normalize_email("Rene\u{301}e@x.fr"),
        normalize_email("Renée@x.fr")
    );
}

#[test]
fn names_are_trimmed_collapsed_and_case_folded() {
    assert_eq!(
        normalize_text("  Jane   van  DOE "),
        Some("jane van doe".into())
    );
    assert_eq!(normalize_text("\t\n "), None);
    assert_eq!(normalize_text(""), None);
    assert_eq!(normalize_text("STRASSE"), normalize_text("Straße"));
    assert_eq!(normalize_text("ΟΔΥΣΣΕΥΣ"), normalize_text("οδυσσευς"));
    assert_eq!(normalize_text("Rene\u{301}e"), normalize_text("RENÉE"));
    assert_eq!(case_fold("Straße"), "strasse");
    assert_eq!(case_fold("ﬁnance"), "finance");
    assert_eq!(case_fold("Plain"), "plain");
    // Every fold of the table is applied, and only there.
    for (from, to) in FOLDS {
        assert_eq!(case_fold(&format!("a{from}b")), format!("a{to}b"), "{from}");
    }
}

#[test]
fn domains_from_websites_and_not_from_profiles() {
    let d = |s: &str| normalize_domain(s);
    for (raw, want) in [
        ("acme.com", "acme.com"),
        ("  https://www.Acme.COM/about?x=1#y ", "acme.com"),
        ("http://shop.acme.co.uk", "shop.acme.co.uk"),
        ("www.acme.io/", "acme.io"),
        ("acme.com?ref=1", "acme.com"),
        ("acme.com#top", "acme.com"),
        ("mylinkedin.com", "mylinkedin.com"),
        ("x.com.au", "x.com.au"),
    ] {
        assert_eq!(d(raw).as_deref(), Some(want), "{raw}");
    }
    for raw in [
        "n/a",
        "-",
        "",
        "localhost",
        "https://www.linkedin.com/company/acme",
        "uk.linkedin.com",
        "x.com",
        "https://twitter.com/acme",
        "github.com/acme",
        "media.licdn.com",
    ] {
        assert_eq!(d(raw), None, "{raw}");
    }
    for host in SOCIAL_HOSTS {
        assert!(is_social_host(host), "{host}");
        assert!(is_social_host(&format!("www.{host}")), "{host}");
        assert!(!is_social_host(&format!("my{host}")), "{host}");
    }
    assert_eq!(bare_domain("https://acme.com"), Some("acme.com"));
}

#[test]
fn a_phone_is_a_cell_with_a_digit() {
    assert!(is_phone("+44 20 7946 0018"));
    assert!(is_phone("ext 1"));
    assert!(!is_phone(""));
    assert!(!is_phone("n/a"));
    assert!(!is_phone("—"));
}

#[test]
fn cells_holding_several_addresses() {
    let all = |s: &str| email_addresses(s);
    assert_eq!(all("a@b.com; c@d.com"), ["a@b.com", "c@d.com"]);
    assert_eq!(
        all("a@b.com,c@d.com  e@f.com"),
        ["a@b.com", "c@d.com", "e@f.com"]
    );
    assert_eq!(
        all("a@b.com，c@d.com；e@f.com、g@h.com"),
        ["a@b.com", "c@d.com", "e@f.com", "g@h.com"]
    );
    // Display-name form: only the `<…>` contents, even when names hold commas.
    assert_eq!(
        all("Doe, Jane <Jane@B.com>, \"Roe, R\" <r@s.org>"),
        ["jane@b.com", "r@s.org"]
    );
    // mailto: in any case, quotes and brackets in either order.
    assert_eq!(
        all("MAILTO:a@b.com \"mailto:c@d.com\" mailto:(e@f.com) [g@h.com] {i@j.com} 'k@l.com'"),
        [
            "a@b.com", "c@d.com", "e@f.com", "g@h.com", "i@j.com", "k@l.com"
        ]
    );
    // Each once, in order; invalid candidates dropped.
    assert_eq!(
        all("x@y.com; X@Y.com; nope; z@w.com"),
        ["x@y.com", "z@w.com"]
    );
    assert!(all("n/a").is_empty());
    assert!(all("").is_empty());
    assert_eq!(email_candidates("mailto:").count(), 0);
    assert_eq!(email_candidates(" ; , ").count(), 0);
}

#[test]
fn which_cells_are_lists() {
    for list in [
        "a@b.com; c@d.com",
        "a@b.com,c@d.com",
        "Jane <a@b.com>",
        "a@b.com c@d.com",
        "\"a@b.com\"",
        "'a@b.com'",
        "(a@b.com)",
        "[a@b.com]",
        "{a@b.com}",
        "MailTo:a@b.com",
        "a@b.com，c@d.com",
        "a@b.com；c@d.com",
        "a@b.com、c@d.com",
    ] {
        assert!(is_email_list(list), "{list}");
    }
    for one in ["a@b.com", "  a@b.com  ", "mail@to.com", "mailto", ""] {
        assert!(!is_email_list(one), "{one}");
    }
}
