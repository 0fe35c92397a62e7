//! Danish headers: Excel sheets, e-conomic / Dinero / CRM exports in Danish.
//!
//! "Hovednummer" and "Omstilling" are the company's switchboard; "CVR-nr." its
//! registration number; "Kontaktperson hos os" is ours, not the customer's.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "da",
    first_name: Words {
        exact: &["fornavn"],
        words: &["fornavn"],
        not: &["efternavn", "mellemnavn", "kaldenavn"],
    },
    last_name: Words {
        exact: &["efternavn"],
        words: &["efternavn"],
        not: &["fornavn", "pigenavn"],
    },
    full_name: Words {
        exact: &["navn", "fulde navn", "fuldt navn", "fornavn og efternavn"],
        words: &[],
        not: &[
            "kaldenavn",
            "brugernavn",
            "vej",
            "by",
            "postnummer",
            "nummer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &["virksomhedsnavn", "firmanavn", "selskabsnavn"],
        words: &["virksomhedsnavn", "firmanavn", "selskabsnavn"],
        not: &[
            "branche",
            "ansatte",
            "omsætning",
            "vej",
            "postnummer",
            "adresse",
            "afdeling",
            "nummer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &["hjemmeside", "websted", "webside", "webadresse", "domæne"],
        words: &["hjemmeside", "websted", "webside", "webadresse", "domæne"],
        not: &[],
    },
    email: Words {
        exact: &["mailadresse", "e-mailadresse"],
        words: &["mailadresse", "e-mailadresse"],
        not: &["postadresse"],
    },
    phone: Words {
        exact: &[
            "telefon",
            "telefonnummer",
            "tlf",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "mobiltlf",
        ],
        words: &[
            "telefon",
            "telefonnummer",
            "tlf",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "mobiltlf",
        ],
        not: &["fax", "lokalnummer"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["dato"],
        words: &[],
        not: &[],
    },
    name: &["navn", "navnet"],
    contact: &["kontakt", "kontaktperson", "person"],
    company: &[
        "virksomhed",
        "virksomheden",
        "virksomhedens",
        "firma",
        "firmaet",
        "selskab",
        "selskabet",
        "organisation",
        "arbejdsgiver",
    ],
    other: &[
        "ejer",
        "sælger",
        "ansvarlig",
        "kundeansvarlig",
        "kontoansvarlig",
        "sagsbehandler",
        "oprettet",
        "ændret",
        "opdateret",
        "køber",
        "indkøber",
        "henvist",
        "assistent",
        "sekretær",
        "tildelt",
        "vores",
        "intern",
        "hos os",
    ],
    meta: &[
        "status",
        "kilde",
        "type",
        "dato",
        "samtykke",
        "afmeldt",
        "frameldt",
        "gyldig",
        "ugyldig",
        "verificeret",
        "årsag",
        "grund",
        "antal",
        "note",
        "noter",
        "kommentar",
    ],
    filler: &[
        "adresse",
        "nummer",
        "nr",
        "arbejde",
        "job",
        "privat",
        "hjem",
        "direkte",
        "kontor",
        "anden",
        "alternativ",
        "primær",
    ],
    switchboard: &[
        "hovednummer",
        "hovedtelefon",
        "omstilling",
        "omstillingen",
        "reception",
        "receptionen",
    ],
    company_ids: &[
        "cvr",
        "cvr nr",
        "cvr nummer",
        "se nr",
        "se nummer",
        "p nummer",
        "moms",
        "momsnummer",
        "cpr",
    ],
    joins: &["e mailadresse"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn danish_headers() {
        names(FirstName, "Fornavn");
        names(LastName, "Efternavn");
        names(FullName, "Navn");
        names(FullName, "Fulde navn");
        names(FullName, "Kontaktperson");
        names(CompanyName, "Virksomhed");
        names(CompanyName, "Virksomhedsnavn");
        names(CompanyName, "Firma");
        names(CompanyDomain, "Hjemmeside");
        names(CompanyDomain, "Websted");
        names(Email, "E-mail");
        names(Email, "E-mailadresse");
        names(Email, "Mail");
        names(Phone, "Telefon");
        names(Phone, "Mobil");
        names(Phone, "Direkte telefon");
        names(Phone, "Tlf. arbejde");
        names(Date, "Dato");
        for h in [
            "Kontaktperson hos os",
            "Sælger",
            "Ansvarlig sælger",
            "Kundeansvarlig",
            "Ejer",
            "Oprettet af",
            "Ændret af",
            "Køber",
            "Henvist af",
            "Assistent",
            "Vores kontaktperson",
        ] {
            someone_else(h);
        }
        for h in [
            "Samtykke",
            "E-mail gyldig",
            "Ugyldig e-mail",
            "Årsag",
            "Status",
            "Afmeldt nyhedsbrev",
            "Kilde",
            "Type telefon",
            "Antal e-mails",
            "Dato oprettet",
        ] {
            not_a_value(h);
        }
        for h in [
            "Hovednummer",
            "Omstilling",
            "Telefon omstilling",
            "CVR-nr.",
            "CVR",
            "SE-nr.",
            "Momsnummer",
        ] {
            company_level(h);
        }
        nothing("Virksomhedens telefon");
        nothing("Telefon firma");
        nothing("Fax");
    }
}
