//! Swedish headers: Excel sheets, Lime / Upsales / SuperOffice exports in Swedish.
//!
//! "E-post" is the email ("e post" is joined); "Växel" is the company's switchboard;
//! "Org.nr" its registration number. "Vår" (our) folds to "var".

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "sv",
    first_name: Words {
        exact: &["förnamn", "tilltalsnamn"],
        words: &["förnamn", "tilltalsnamn"],
        not: &["efternamn", "mellannamn", "smeknamn"],
    },
    last_name: Words {
        exact: &["efternamn"],
        words: &["efternamn"],
        not: &["förnamn", "flicknamn"],
    },
    full_name: Words {
        exact: &[
            "namn",
            "fullständigt namn",
            "hela namnet",
            "förnamn och efternamn",
            "för och efternamn",
        ],
        words: &[],
        not: &[
            "smeknamn",
            "användarnamn",
            "gata",
            "ort",
            "postnummer",
            "nummer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &[
            "företagsnamn",
            "firmanamn",
            "bolagsnamn",
            "organisationsnamn",
        ],
        words: &[
            "företagsnamn",
            "firmanamn",
            "bolagsnamn",
            "organisationsnamn",
        ],
        not: &[
            "bransch",
            "storlek",
            "anställda",
            "omsättning",
            "gata",
            "ort",
            "postnummer",
            "adress",
            "avdelning",
            "nummer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &[
            "hemsida",
            "webbplats",
            "webbsida",
            "webbadress",
            "webb",
            "domän",
        ],
        words: &[
            "hemsida",
            "webbplats",
            "webbsida",
            "webbadress",
            "webb",
            "domän",
        ],
        not: &[],
    },
    email: Words {
        exact: &["e-post", "e-postadress", "mejl", "mejladress", "mailadress"],
        words: &["e-post", "e-postadress", "mejl", "mejladress", "mailadress"],
        not: &["postadress"],
    },
    phone: Words {
        exact: &[
            "telefon",
            "telefonnummer",
            "tfn",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "direktnummer",
            "direkttelefon",
            "mob",
        ],
        words: &[
            "telefon",
            "telefonnummer",
            "tfn",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "direktnummer",
            "direkttelefon",
            "mob",
        ],
        not: &["fax", "telefax", "anknytning"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["datum"],
        words: &[],
        not: &[],
    },
    name: &["namn", "namnet"],
    contact: &["kontakt", "kontaktperson", "kontaktpersonens", "person"],
    company: &[
        "företag",
        "företaget",
        "företagets",
        "bolag",
        "bolaget",
        "firma",
        "organisation",
        "arbetsgivare",
    ],
    other: &[
        "ägare",
        "säljare",
        "säljaren",
        "ansvarig",
        "kundansvarig",
        "kontoansvarig",
        "handläggare",
        "skapad",
        "skapare",
        "ändrad",
        "uppdaterad",
        "köpare",
        "inköpare",
        "hänvisad",
        "assistent",
        "sekreterare",
        "tilldelad",
        "vår",
        "intern",
        "hos oss",
    ],
    meta: &[
        "status",
        "källa",
        "typ",
        "datum",
        "samtycke",
        "avregistrerad",
        "avanmäld",
        "giltig",
        "ogiltig",
        "verifierad",
        "orsak",
        "anledning",
        "antal",
        "anteckning",
        "anteckningar",
        "kommentar",
    ],
    filler: &[
        "adress",
        "nummer",
        "nr",
        "arbete",
        "jobb",
        "privat",
        "hem",
        "direkt",
        "kontor",
        "övrigt",
        "övrig",
        "annan",
        "alternativ",
        "primär",
        "sekundär",
        "personlig",
    ],
    switchboard: &[
        "växel",
        "växeln",
        "växelnummer",
        "huvudnummer",
        "reception",
        "receptionen",
    ],
    company_ids: &[
        "org nr",
        "orgnr",
        "org nummer",
        "organisationsnummer",
        "momsnummer",
        "momsreg nr",
        "momsregistreringsnummer",
        "moms",
        "personnummer",
    ],
    joins: &["e post", "e postadress"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn swedish_headers() {
        names(FirstName, "Förnamn");
        names(FirstName, "Fornamn");
        names(LastName, "Efternamn");
        names(FullName, "Namn");
        names(FullName, "Fullständigt namn");
        names(FullName, "Kontaktperson");
        names(CompanyName, "Företag");
        names(CompanyName, "Företagsnamn");
        names(CompanyName, "Företagets namn");
        names(CompanyDomain, "Hemsida");
        names(CompanyDomain, "Webbplats");
        names(Email, "E-post");
        names(Email, "E-postadress");
        names(Email, "Mejladress");
        names(Phone, "Telefon");
        names(Phone, "Mobil");
        names(Phone, "Mobilnummer");
        names(Phone, "Direktnummer");
        names(Phone, "Tfn arbete");
        names(Date, "Datum");
        for h in [
            "Säljare",
            "Ansvarig säljare",
            "Kundansvarig",
            "Ägare",
            "Skapad av",
            "Ändrad av",
            "Köpare",
            "Hänvisad av",
            "Assistent",
            "Vår kontaktperson",
            "Kontaktperson hos oss",
        ] {
            someone_else(h);
        }
        for h in [
            "E-post giltig",
            "Ogiltig e-post",
            "Orsak",
            "Status",
            "Samtycke",
            "Källa",
            "Typ av telefon",
            "Antal e-post",
            "Datum skapad",
        ] {
            not_a_value(h);
        }
        for h in [
            "Växel",
            "Vaxel",
            "Telefon växel",
            "Huvudnummer",
            "Org.nr",
            "Organisationsnummer",
            "Momsreg.nr",
        ] {
            company_level(h);
        }
        nothing("Företagets telefon");
        nothing("Postadress");
        nothing("Fax");
    }
}
