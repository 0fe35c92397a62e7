//! Norwegian headers (bokmål): Excel sheets, SuperOffice / Tripletex / Visma exports.
//!
//! "E-post" is the email ("e post" is joined); "Sentralbord" is the company's switchboard;
//! "Org.nr." its registration number. "Vår" (our) folds to "var".

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "no",
    first_name: Words {
        exact: &["fornavn"],
        words: &["fornavn"],
        not: &[
            "etternavn",
            "efternavn",
            "mellomnavn",
            "mellemnavn",
            "kallenavn",
        ],
    },
    last_name: Words {
        exact: &["etternavn"],
        words: &["etternavn"],
        not: &["fornavn", "pikenavn"],
    },
    full_name: Words {
        exact: &[
            "navn",
            "fullt navn",
            "fullstendig navn",
            "fornavn og etternavn",
        ],
        words: &[],
        not: &[
            "kallenavn",
            "brukernavn",
            "gate",
            "poststed",
            "postnummer",
            "nummer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &[
            "firmanavn",
            "bedriftsnavn",
            "selskapsnavn",
            "foretaksnavn",
            "virksomhetsnavn",
        ],
        words: &[
            "firmanavn",
            "bedriftsnavn",
            "selskapsnavn",
            "foretaksnavn",
            "virksomhetsnavn",
        ],
        not: &[
            "bransje",
            "ansatte",
            "omsetning",
            "gate",
            "poststed",
            "postnummer",
            "adresse",
            "avdeling",
            "nummer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &[
            "nettside",
            "nettsted",
            "hjemmeside",
            "nettadresse",
            "domene",
        ],
        words: &[
            "nettside",
            "nettsted",
            "hjemmeside",
            "nettadresse",
            "domene",
        ],
        not: &[],
    },
    email: Words {
        exact: &["e-post", "e-postadresse", "epostadresse", "mailadresse"],
        words: &["e-post", "e-postadresse", "mailadresse"],
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
            "direktenummer",
        ],
        words: &[
            "telefon",
            "telefonnummer",
            "tlf",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "direktenummer",
        ],
        not: &["faks", "telefaks"],
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
        "firma",
        "bedrift",
        "bedriften",
        "selskap",
        "selskapet",
        "foretak",
        "virksomhet",
        "organisasjon",
        "arbeidsgiver",
    ],
    other: &[
        "eier",
        "selger",
        "ansvarlig",
        "kundeansvarlig",
        "kontoansvarlig",
        "saksbehandler",
        "opprettet",
        "endret",
        "oppdatert",
        "kjøper",
        "innkjøper",
        "henvist",
        "assistent",
        "sekretær",
        "tildelt",
        "vår",
        "intern",
        "hos oss",
    ],
    meta: &[
        "status",
        "kilde",
        "type",
        "dato",
        "samtykke",
        "reservert",
        "avmeldt",
        "gyldig",
        "ugyldig",
        "verifisert",
        "årsak",
        "grunn",
        "antall",
        "notat",
        "notater",
        "kommentar",
    ],
    filler: &[
        "adresse",
        "nummer",
        "nr",
        "arbeid",
        "jobb",
        "privat",
        "hjem",
        "direkte",
        "kontor",
        "annen",
        "alternativ",
        "primær",
    ],
    switchboard: &[
        "sentralbord",
        "sentralbordet",
        "sentral",
        "hovednummer",
        "hovedtelefon",
        "resepsjon",
        "resepsjonen",
    ],
    company_ids: &[
        "org nr",
        "orgnr",
        "org nummer",
        "organisasjonsnummer",
        "foretaksnummer",
        "mva",
        "mva nummer",
        "fødselsnummer",
    ],
    joins: &["e post", "e postadresse"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn norwegian_headers() {
        names(FirstName, "Fornavn");
        names(LastName, "Etternavn");
        names(FullName, "Navn");
        names(FullName, "Fullt navn");
        names(FullName, "Kontaktperson");
        names(CompanyName, "Firma");
        names(CompanyName, "Bedrift");
        names(CompanyName, "Firmanavn");
        names(CompanyDomain, "Nettside");
        names(CompanyDomain, "Hjemmeside");
        names(Email, "E-post");
        names(Email, "E-postadresse");
        names(Phone, "Telefon");
        names(Phone, "Mobil");
        names(Phone, "Mobilnummer");
        names(Phone, "Tlf. privat");
        names(Date, "Dato");
        for h in [
            "Kundeansvarlig",
            "Selger",
            "Ansvarlig selger",
            "Eier",
            "Opprettet av",
            "Endret av",
            "Kjøper",
            "Henvist av",
            "Assistent",
            "Vår kontaktperson",
            "Kontaktperson hos oss",
        ] {
            someone_else(h);
        }
        for h in [
            "E-post gyldig",
            "Ugyldig e-post",
            "Årsak",
            "Status",
            "Samtykke",
            "Reservert mot reklame",
            "Kilde",
            "Type telefon",
            "Antall e-poster",
            "Dato opprettet",
        ] {
            not_a_value(h);
        }
        for h in [
            "Sentralbord",
            "Telefon sentralbord",
            "Hovednummer",
            "Org.nr.",
            "Organisasjonsnummer",
            "MVA-nummer",
        ] {
            company_level(h);
        }
        nothing("Firmatelefon");
        nothing("Telefon firma");
        nothing("Faks");
    }
}
