//! Calibration on files (managers.md): a past upload and what came back, counted by hand;
//! the saved assumptions read back by their counts.

use super::*;

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, text: &str) -> std::path::PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

/// Four contacts uploaded (the line of empty cells is no contact); three came back:
/// Ann with an email and a phone, Bob with his email only, Cy with both. Di did not.
/// So 4 contacts, 3 matched, 3 with an email, 2 with a phone.
const UPLOADED: &str = "Full Name,Company,Email\nAnn Lee,Acme,ann@acme.com\nBob Ray,Acme,bob@acme.com\nCy Dee,Beta,cy@beta.com\nDi Eve,Beta,di@beta.com\n,,\n";
const BACK: &str = "Email,Phone\nann@acme.com,+1 555 0100\nbob@acme.com,\ncy@beta.com,+1 555 0101\nnobody@else.com,+1 555 0102\n";

#[test]
fn counts_of_a_past_enrichment() {
    let d = Dir::new();
    let up = d.file("uploaded.csv", UPLOADED);
    let back = d.file("back.csv", BACK);
    let book = crate::pricebook::default_book();
    let s = Settings::defaults(&book);
    let c = calibrate(&up, &back, &s, &Progress::new()).unwrap();
    assert_eq!(
        c,
        Counts {
            contacts: 4,
            matched: 3,
            emails: 3,
            phones: 2
        }
    );
    // The result's reveals never make a contact of the upload "already revealed": what
    // counts is what the upload needed. With only what the file lacks and email alone,
    // every uploaded contact already had its email: nothing to calibrate on.
    let mut s = Settings::defaults(&book);
    s.only_missing = true;
    s.selection.phone = false;
    let e = calibrate(&up, &back, &s, &Progress::new()).unwrap_err();
    match e {
        Error::Input { path, message, .. } => {
            assert_eq!(path, up);
            assert!(
                message.starts_with("no billable contact to calibrate on"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    // Phones still needed: all four are billable again.
    s.selection = crate::pricing::Selection {
        email: false,
        phone: true,
    };
    assert_eq!(
        calibrate(&up, &back, &s, &Progress::new())
            .unwrap()
            .contacts,
        4
    );
}

#[test]
fn wilson_at_its_edges() {
    let none = wilson(0, 0);
    assert_eq!((none.low, none.expected, none.high), (0.0, 0.0, 1.0));
    // More successes than trials (a hand-edited file) count as all of them.
    assert_eq!(wilson(7, 5), wilson(5, 5));
    // 1 of 1: p = 1, the interval below it: centre = (1 + z²/2) / (1 + z²) and half =
    // z · √(z²/4) / (1 + z²) = (z²/2) / (1 + z²), so low = 1 / (1 + z²).
    let z2 = Z90 * Z90;
    let r = wilson(1, 1);
    assert!((r.low - 1.0 / (1.0 + z2)).abs() < 1e-12, "{r:?}");
    // 0 of 1: the mirror image, high = z² / (1 + z²).
    let r = wilson(0, 1);
    assert!((r.high - z2 / (1.0 + z2)).abs() < 1e-12, "{r:?}");
    // Symmetry: k of n and n − k of n mirror around 1/2.
    let (a, b) = (wilson(3, 17), wilson(14, 17));
    assert!((a.low - (1.0 - b.high)).abs() < 1e-12);
    assert!((a.high - (1.0 - b.low)).abs() < 1e-12);
}

#[test]
fn saved_assumptions_read_back_by_their_counts() {
    let c = Counts {
        contacts: 40,
        matched: 30,
        emails: 24,
        phones: 9,
    };
    let saved = SavedAssumptions::of(c);
    assert_eq!(saved.sample, c);
    assert_eq!(saved.match_rate, wilson(30, 40));
    assert_eq!(saved.email_rate, wilson(24, 30));
    assert_eq!(saved.phone_rate, wilson(9, 30));
    let text = saved.to_toml().unwrap();
    assert!(
        text.starts_with(
            "# enrichplan calibrated assumptions: 40 billable contacts, 30 matched.\n"
        ),
        "{text}"
    );
    let d = Dir::new();
    assert_eq!(SavedAssumptions::load(&d.file("a.toml", &text)).unwrap(), c);
    // A hand-edited rate does not count: the sample decides.
    let edited = text.replacen("expected = 0.75", "expected = 0.99", 1);
    assert_ne!(edited, text);
    assert_eq!(
        SavedAssumptions::load(&d.file("b.toml", &edited)).unwrap(),
        c
    );
    // Counts that cannot be: each bound refused.
    for (from, to) in [
        ("matched = 30", "matched = 41"),
        ("emails = 24", "emails = 31"),
        ("phones = 9", "phones = 31"),
    ] {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text, "{from}");
        let e = SavedAssumptions::load(&d.file("c.toml", &bad)).unwrap_err();
        assert!(
            e.to_string().contains("the sample's counts do not fit"),
            "{from}: {e}"
        );
    }
    // Exactly at the bounds is a sample.
    let edge = text
        .replacen("matched = 30", "matched = 40", 1)
        .replacen("emails = 24", "emails = 40", 1)
        .replacen("phones = 9", "phones = 40", 1);
    assert_eq!(
        SavedAssumptions::load(&d.file("d.toml", &edge)).unwrap(),
        Counts {
            contacts: 40,
            matched: 40,
            emails: 40,
            phones: 40
        }
    );
    // Not TOML of this shape: the line named.
    let e = SavedAssumptions::load(&d.file("e.toml", "[sample]\ncontacts = 1\nmatched = \"x\"\n"))
        .unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, Some(3));
            assert!(message.starts_with("assumptions file: "), "{message}");
        }
        e => panic!("{e:?}"),
    }
}
