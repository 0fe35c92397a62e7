//! Hebrew headers: Excel sheets, Priority / Rivhit / Fireberry (Powerlink) exports.
//!
//! Abbreviations carry a gershayim or geresh (`דוא"ל`, `ח"פ`, `טל'`), written with `"` and
//! `'` as often as with ״ and ׳: inside a word it is dropped and the word kept whole, so
//! `דוא"ל` and `דוא״ל` are "דואל". Dotted abbreviations split into letters (`ח.פ.` → "ח פ").
//! Points (niqqud) are dropped. "מרכזייה" is the company's switchboard; "ח.פ." and "ע.מ."
//! its registration numbers.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "he",
    first_name: Words {
        exact: &["שם פרטי"],
        words: &[],
        not: &["משפחה", "כינוי", "משתמש"],
    },
    last_name: Words {
        exact: &["שם משפחה"],
        words: &["משפחה"],
        not: &["פרטי", "נעורים"],
    },
    full_name: Words {
        exact: &["שם", "שם מלא"],
        words: &[],
        not: &[
            "כינוי",
            "משתמש",
            "תפקיד",
            "כתובת",
            "עיר",
            "רחוב",
            "מספר",
            "מס",
        ],
    },
    company_name: Words {
        exact: &["מקום עבודה", "מקום העבודה"],
        words: &[],
        not: &[
            "כתובת",
            "עיר",
            "רחוב",
            "תחום",
            "ענף",
            "עובדים",
            "מספר",
            "מס",
        ],
    },
    company_domain: Words {
        exact: &["אתר", "האתר", "אתר אינטרנט", "דומיין"],
        words: &["אתר", "האתר", "דומיין"],
        not: &[],
    },
    email: Words {
        exact: &["דוא\"ל", "דואל", "דואר אלקטרוני", "אימייל", "מייל", "מיל"],
        words: &["דוא\"ל", "אימייל", "מייל"],
        not: &[],
    },
    phone: Words {
        exact: &[
            "טלפון",
            "טל",
            "נייד",
            "טלפון נייד",
            "פלאפון",
            "סלולרי",
            "סלולר",
        ],
        words: &["טלפון", "טל", "נייד", "פלאפון", "סלולרי", "סלולר"],
        not: &["פקס", "שלוחה", "ראשי"],
    },
    linkedin_url: Words {
        exact: &["לינקדאין", "לינקדין"],
        words: &["לינקדאין", "לינקדין"],
        not: &[],
    },
    date: Words {
        exact: &["תאריך"],
        words: &[],
        not: &[],
    },
    name: &["שם"],
    contact: &["קשר", "איש", "אנשי"],
    company: &[
        "חברה",
        "החברה",
        "חברת",
        "ארגון",
        "הארגון",
        "עסק",
        "העסק",
        "מעסיק",
        "המעסיק",
    ],
    other: &[
        "מנהל",
        "מנהלת",
        "בעלים",
        "אחראי",
        "אחראית",
        "נציג",
        "נציגה",
        "נוצר",
        "נוצרה",
        "עודכן",
        "עוזר",
        "עוזרת",
        "מזכירה",
        "קונה",
        "רוכש",
        "מפנה",
        "הופנה",
        "ממליץ",
        "איש מכירות",
        "אצלנו",
        "שלנו",
    ],
    meta: &[
        "סטטוס",
        "מצב",
        "מקור",
        "סוג",
        "תאריך",
        "הסכמה",
        "אישור",
        "תקין",
        "תקינות",
        "לא",
        "סיבה",
        "כמות",
        "מזהה",
        "הערות",
        "הערה",
        "אימות",
        "הסרה",
        "דיוור",
    ],
    filler: &[
        "מספר",
        "מס",
        "כתובת",
        "אישי",
        "אישית",
        "ישיר",
        "נוסף",
        "נוספת",
        "אחר",
    ],
    switchboard: &[
        "מרכזייה",
        "מרכזיה",
        "מרכזיית",
        "קבלה",
        "טלפון ראשי",
        "מספר ראשי",
        "משרד ראשי",
    ],
    company_ids: &[
        "ח.פ.",
        "ח\"פ",
        "ע.מ.",
        "ע\"מ",
        "עוסק מורשה",
        "עוסק",
        "מספר חברה",
        "מס חברה",
        "ת.ז.",
        "ת\"ז",
    ],
    joins: &["לינקד אין", "אי מייל"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn hebrew_headers() {
        names(FirstName, "שם פרטי");
        names(LastName, "שם משפחה");
        names(FullName, "שם");
        names(FullName, "שם מלא");
        names(FullName, "איש קשר");
        names(FullName, "שם איש קשר");
        names(CompanyName, "חברה");
        names(CompanyName, "שם החברה");
        names(CompanyName, "שם חברה");
        names(CompanyName, "ארגון");
        names(CompanyDomain, "אתר");
        names(CompanyDomain, "אתר אינטרנט");
        names(CompanyDomain, "כתובת אתר");
        names(Email, "דוא\"ל");
        names(Email, "דוא״ל");
        names(Email, "דואר אלקטרוני");
        names(Email, "כתובת מייל");
        names(Email, "אימייל");
        names(Phone, "טלפון");
        names(Phone, "נייד");
        names(Phone, "טל'");
        names(Phone, "טלפון נייד");
        names(Phone, "מספר טלפון");
        names(Phone, "פלאפון");
        names(LinkedinUrl, "לינקדאין");
        names(Date, "תאריך");
        for h in [
            "מנהל תיק",
            "מנהל לקוח",
            "איש מכירות",
            "נציג מכירות",
            "בעלים",
            "אחראי",
            "נוצר על ידי",
            "עוזרת",
            "קונה",
            "מפנה",
            "איש קשר אצלנו",
        ] {
            someone_else(h);
        }
        for h in [
            "סטטוס",
            "סטטוס מייל",
            "מקור",
            "סוג טלפון",
            "תאריך הוספה",
            "הסכמה לדיוור",
            "מייל לא תקין",
            "סיבה",
            "הערות",
        ] {
            not_a_value(h);
        }
        for h in [
            "מרכזייה",
            "מרכזיה",
            "טלפון מרכזייה",
            "ח.פ.",
            "ח\"פ",
            "ח.פ",
            "ע.מ.",
            "עוסק מורשה",
            "מספר חברה",
        ] {
            company_level(h);
        }
        nothing("פקס");
        nothing("טלפון החברה");
        nothing("כתובת החברה");
    }
}
