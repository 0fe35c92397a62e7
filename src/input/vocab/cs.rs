//! Czech headers: Excel sheets, Raynet / Pohoda / Money exports.
//!
//! "Jméno" is the first name next to "Příjmení"; "Název" is the name of a thing (the
//! company). "Obchodní" (commercial) is not someone else: "Obchodní jméno" is the company's
//! registered name; "Obchodník" (salesperson) is.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "cs",
    first_name: Words {
        exact: &["jméno", "křestní jméno", "křestní"],
        words: &["křestní"],
        not: &["příjmení", "druhé", "přezdívka", "obchodní", "uživatelské"],
    },
    last_name: Words {
        exact: &["příjmení"],
        words: &["příjmení"],
        not: &["jméno", "rodné"],
    },
    full_name: Words {
        exact: &[
            "jméno a příjmení",
            "jméno příjmení",
            "příjmení a jméno",
            "příjmení jméno",
            "celé jméno",
        ],
        words: &[],
        not: &[
            "přezdívka",
            "uživatelské",
            "ulice",
            "obec",
            "město",
            "číslo",
        ],
    },
    company_name: Words {
        exact: &["název", "obchodní jméno", "obchodní název"],
        words: &["název"],
        not: &[
            "ulice", "obec", "město", "psč", "adresa", "obor", "velikost", "právní", "forma",
            "číslo",
        ],
    },
    company_domain: Words {
        exact: &[
            "webové stránky",
            "webová stránka",
            "internetové stránky",
            "stránky",
            "doména",
        ],
        words: &[
            "stránky",
            "stránka",
            "webové",
            "webová",
            "internetové",
            "doména",
        ],
        not: &[],
    },
    email: Words {
        exact: &["mailová", "emailová", "emailový"],
        words: &["mailová", "emailová", "emailový"],
        not: &["poštovní"],
    },
    phone: Words {
        exact: &[
            "telefon",
            "telefonu",
            "telefonní",
            "mobil",
            "mobilní",
            "mobilní telefon",
        ],
        words: &["telefon", "telefonu", "telefonní", "mobil", "mobilní"],
        not: &["fax", "linka", "klapka", "hlavní"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["datum"],
        words: &[],
        not: &[],
    },
    name: &["název", "jméno"],
    contact: &["kontakt", "kontaktu", "kontaktní"],
    company: &[
        "firma",
        "firmy",
        "společnost",
        "společnosti",
        "organizace",
        "zaměstnavatel",
        "podnik",
        "subjekt",
    ],
    other: &[
        "vlastník",
        "obchodník",
        "zástupce",
        "prodejce",
        "odpovědná",
        "odpovědný",
        "zodpovědná",
        "zodpovědný",
        "vytvořil",
        "vytvořila",
        "vytvořeno",
        "upravil",
        "upravila",
        "změnil",
        "kupující",
        "doporučil",
        "doporučitel",
        "asistent",
        "asistentka",
        "sekretářka",
        "přiřazeno",
        "správce",
        "náš",
        "naše",
        "nás",
        "interní",
    ],
    meta: &[
        "stav",
        "zdroj",
        "typ",
        "druh",
        "datum",
        "souhlas",
        "gdpr",
        "odhlášení",
        "odhlášen",
        "platný",
        "neplatný",
        "platnost",
        "ověření",
        "ověřeno",
        "důvod",
        "příčina",
        "počet",
        "poznámka",
        "poznámky",
        "jistota",
    ],
    filler: &[
        "adresa",
        "číslo",
        "pracovní",
        "soukromý",
        "soukromá",
        "osobní",
        "kancelář",
        "přímý",
        "přímá",
        "firemní",
        "další",
        "jiný",
    ],
    switchboard: &[
        "ústředna",
        "ústředny",
        "centrála",
        "recepce",
        "spojovatelka",
    ],
    company_ids: &["ičo", "ič", "dič", "ič dph", "dph", "rodné číslo", "rč"],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn czech_headers() {
        names(FirstName, "Jméno");
        names(FirstName, "Jmeno");
        names(FirstName, "Křestní jméno");
        names(LastName, "Příjmení");
        names(LastName, "Prijmeni");
        names(FullName, "Jméno a příjmení");
        names(FullName, "Celé jméno");
        names(FullName, "Kontaktní osoba");
        names(CompanyName, "Firma");
        names(CompanyName, "Název firmy");
        names(CompanyName, "Společnost");
        names(CompanyName, "Obchodní jméno");
        names(CompanyDomain, "Web");
        names(CompanyDomain, "Webové stránky");
        names(Email, "E-mail");
        names(Email, "E-mailová adresa");
        names(Phone, "Telefon");
        names(Phone, "Mobil");
        names(Phone, "Mobilní telefon");
        names(Phone, "Telefonní číslo");
        names(Phone, "Pracovní telefon");
        names(Date, "Datum");
        for h in [
            "Obchodník",
            "Obchodní zástupce",
            "Vlastník",
            "Odpovědná osoba",
            "Vytvořil",
            "Upravil",
            "Kupující",
            "Doporučil",
            "Asistentka",
            "Náš kontakt",
        ] {
            someone_else(h);
        }
        for h in [
            "Ověření e-mailu",
            "Platný e-mail",
            "Neplatný e-mail",
            "Důvod",
            "Stav",
            "Souhlas GDPR",
            "Souhlas s marketingem",
            "Zdroj",
            "Typ telefonu",
            "Počet e-mailů",
            "Datum vytvoření",
        ] {
            not_a_value(h);
        }
        for h in [
            "Ústředna",
            "Telefon ústředna",
            "Recepce",
            "IČO",
            "IČ",
            "DIČ",
            "IČ DPH",
        ] {
            company_level(h);
        }
        nothing("Telefon firmy");
        nothing("Adresa firmy");
        nothing("Fax");
    }
}
