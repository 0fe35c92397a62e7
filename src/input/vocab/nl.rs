//! Dutch headers (Netherlands, Flanders): Excel sheets, Teamleader, Exact, CRM exports in
//! Dutch.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "nl",
    first_name: Words {
        exact: &["voornaam", "roepnaam"],
        words: &["voornaam", "roepnaam"],
        not: &["voorletters", "tussenvoegsel", "bijnaam"],
    },
    last_name: Words {
        exact: &["achternaam", "familienaam"],
        words: &["achternaam", "familienaam"],
        not: &["tussenvoegsel", "meisjesnaam"],
    },
    full_name: Words {
        exact: &["naam", "volledige naam", "voornaam achternaam"],
        words: &[],
        not: &[
            "bijnaam",
            "gebruikersnaam",
            "straat",
            "plaats",
            "postcode",
            "nummer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &[
            "bedrijfsnaam",
            "organisatienaam",
            "handelsnaam",
            "firmanaam",
        ],
        words: &[
            "bedrijfsnaam",
            "organisatienaam",
            "handelsnaam",
            "firmanaam",
        ],
        not: &[
            "branche",
            "omzet",
            "grootte",
            "medewerkers",
            "straat",
            "plaats",
            "postcode",
            "adres",
            "rechtsvorm",
            "afdeling",
            "nummer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &[
            "webadres",
            "webpagina",
            "internetadres",
            "domein",
            "websiteadres",
        ],
        words: &[
            "webadres",
            "webpagina",
            "internetadres",
            "domein",
            "websiteadres",
        ],
        not: &[],
    },
    email: Words {
        exact: &["mailadres", "emailadres"],
        words: &["mailadres", "emailadres"],
        not: &["postadres"],
    },
    phone: Words {
        exact: &[
            "telefoon",
            "telefoonnummer",
            "mobiel",
            "mobiele telefoon",
            "mobielnummer",
            "telnr",
        ],
        words: &[
            "telefoon",
            "telefoonnummer",
            "mobiel",
            "mobiele",
            "mobielnummer",
            "telnr",
        ],
        not: &["fax", "toestel", "centrale"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["datum"],
        words: &[],
        not: &[],
    },
    name: &["naam"],
    contact: &["contactpersoon", "persoon"],
    company: &[
        "bedrijf",
        "bedrijven",
        "organisatie",
        "onderneming",
        "werkgever",
    ],
    other: &[
        "eigenaar",
        "accountmanager",
        "accounthouder",
        "verkoper",
        "vertegenwoordiger",
        "verantwoordelijke",
        "behandelaar",
        "aangemaakt",
        "gewijzigd",
        "bijgewerkt",
        "koper",
        "inkoper",
        "doorverwezen",
        "aanbrenger",
        "secretaresse",
        "toegewezen",
        "intern",
        "interne",
        "onze",
        "bij ons",
    ],
    meta: &[
        "bron",
        "soort",
        "datum",
        "toestemming",
        "afgemeld",
        "uitgeschreven",
        "geldig",
        "ongeldig",
        "geverifieerd",
        "reden",
        "oorzaak",
        "aantal",
        "opmerking",
        "opmerkingen",
        "notitie",
        "betrouwbaarheid",
    ],
    filler: &[
        "nummer",
        "adres",
        "werk",
        "privé",
        "zakelijk",
        "huidig",
        "van",
        "het",
        "persoonlijk",
        "vast",
        "vaste",
        "kantoor",
        "ander",
        "andere",
    ],
    switchboard: &[
        "centrale",
        "telefooncentrale",
        "receptie",
        "hoofdnummer",
        "algemeen",
        "algemene",
        "hoofdkantoor",
    ],
    company_ids: &[
        "kvk",
        "kvk nummer",
        "btw",
        "btw nummer",
        "ondernemingsnummer",
        "rsin",
        "kbo",
        "bsn",
    ],
    // "KvK" splits at its capital.
    joins: &["e mailadres", "kv k"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn dutch_headers() {
        names(FirstName, "Voornaam");
        names(LastName, "Achternaam");
        names(FullName, "Naam");
        names(FullName, "Volledige naam");
        names(FullName, "Contactpersoon");
        names(CompanyName, "Bedrijf");
        names(CompanyName, "Bedrijfsnaam");
        names(CompanyName, "Naam organisatie");
        names(CompanyDomain, "Website");
        names(CompanyDomain, "Webadres");
        names(Email, "E-mail");
        names(Email, "E-mailadres");
        names(Email, "E-mail zakelijk");
        names(Phone, "Telefoon");
        names(Phone, "Telefoonnummer");
        names(Phone, "Mobiel");
        names(Phone, "Mobiele telefoon");
        names(Phone, "GSM");
        names(Date, "Datum");
        for h in [
            "Eigenaar",
            "Accountmanager",
            "Verkoper",
            "Verantwoordelijke",
            "Aangemaakt door",
            "Gewijzigd door",
            "Inkoper",
            "Doorverwezen door",
            "Assistent",
            "Contactpersoon bij ons",
            "Interne contactpersoon",
        ] {
            someone_else(h);
        }
        for h in [
            "E-mail geldig",
            "E-mail ongeldig",
            "Reden afmelding",
            "Status",
            "Toestemming e-mail",
            "Afgemeld",
            "Bron",
            "Soort telefoon",
            "Aantal e-mails",
            "Aangemaakt op datum",
        ] {
            not_a_value(h);
        }
        for h in [
            "Centrale",
            "Telefoon bedrijf (algemeen)",
            "Algemeen nummer",
            "Receptie",
            "Hoofdnummer",
            "KvK-nummer",
            "KvK",
            "BTW-nummer",
            "Ondernemingsnummer",
        ] {
            company_level(h);
        }
        nothing("Telefoon bedrijf");
        nothing("Fax");
        nothing("Adres bedrijf");
    }
}
