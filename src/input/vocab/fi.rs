//! Finnish headers: Excel sheets, Netvisor / Lemonsoft / CRM exports in Finnish.
//!
//! "Vaihde" is the company's switchboard, "Y-tunnus" its business id; "Myyjä" (seller) is
//! someone else.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "fi",
    first_name: Words {
        exact: &["etunimi", "etunimet"],
        words: &["etunimi", "etunimet"],
        not: &["sukunimi", "lempinimi", "toinen"],
    },
    last_name: Words {
        exact: &["sukunimi"],
        words: &["sukunimi"],
        not: &["etunimi", "etunimet", "tyttönimi"],
    },
    full_name: Words {
        exact: &["nimi", "koko nimi", "etu ja sukunimi"],
        words: &[],
        not: &[
            "lempinimi",
            "käyttäjätunnus",
            "katu",
            "postitoimipaikka",
            "numero",
            "nro",
        ],
    },
    company_name: Words {
        exact: &["yritysnimi", "toiminimi", "aputoiminimi"],
        words: &["yritysnimi", "toiminimi"],
        not: &[
            "toimiala",
            "koko",
            "henkilöstö",
            "liikevaihto",
            "katu",
            "postinumero",
            "postitoimipaikka",
            "osoite",
            "osasto",
            "numero",
            "nro",
        ],
    },
    company_domain: Words {
        exact: &[
            "verkkosivut",
            "verkkosivu",
            "verkkosivusto",
            "kotisivu",
            "kotisivut",
            "nettisivut",
            "verkkotunnus",
        ],
        words: &[
            "verkkosivut",
            "verkkosivu",
            "verkkosivusto",
            "kotisivu",
            "kotisivut",
            "nettisivut",
            "verkkotunnus",
        ],
        not: &[],
    },
    email: Words {
        exact: &["sähköposti", "sähköpostiosoite", "sposti", "posti"],
        words: &["sähköposti", "sähköpostiosoite", "sposti"],
        not: &["postiosoite", "postinumero", "postitoimipaikka"],
    },
    phone: Words {
        exact: &[
            "puhelin",
            "puhelinnumero",
            "puh",
            "matkapuhelin",
            "matkapuhelinnumero",
            "kännykkä",
            "mobiili",
        ],
        words: &[
            "puhelin",
            "puhelinnumero",
            "puhelimen",
            "puh",
            "matkapuhelin",
            "matkapuhelinnumero",
            "kännykkä",
            "mobiili",
        ],
        not: &["faksi", "telekopio"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["päivämäärä", "pvm"],
        words: &[],
        not: &[],
    },
    name: &["nimi"],
    contact: &["yhteyshenkilö", "henkilö", "kontakti"],
    company: &[
        "yritys",
        "yrityksen",
        "yhtiö",
        "yhtiön",
        "organisaatio",
        "organisaation",
        "työnantaja",
        "firma",
    ],
    other: &[
        "omistaja",
        "myyjä",
        "vastuuhenkilö",
        "vastuumyyjä",
        "asiakasvastaava",
        "myyntiedustaja",
        "käsittelijä",
        "luoja",
        "luonut",
        "muokannut",
        "muokkaaja",
        "päivittäjä",
        "ostaja",
        "suosittelija",
        "assistentti",
        "sihteeri",
        "meidän",
    ],
    meta: &[
        "tila",
        "lähde",
        "tyyppi",
        "laji",
        "päivämäärä",
        "pvm",
        "suostumus",
        "markkinointilupa",
        "markkinointikielto",
        "lupa",
        "kelvollinen",
        "virheellinen",
        "vahvistettu",
        "syy",
        "määrä",
        "lukumäärä",
        "tunnus",
        "tunniste",
        "huomautus",
        "lisätiedot",
        "kommentti",
    ],
    filler: &[
        "osoite",
        "numero",
        "nro",
        "työ",
        "koti",
        "henkilökohtainen",
        "profiili",
        "suora",
        "muu",
    ],
    switchboard: &[
        "vaihde",
        "vaihteen",
        "vaihdenumero",
        "puhelinvaihde",
        "päänumero",
        "keskus",
        "vastaanotto",
    ],
    company_ids: &[
        "y tunnus",
        "ytunnus",
        "alv",
        "alv numero",
        "alv tunnus",
        "hetu",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn finnish_headers() {
        names(FirstName, "Etunimi");
        names(LastName, "Sukunimi");
        names(FullName, "Nimi");
        names(FullName, "Koko nimi");
        names(FullName, "Yhteyshenkilö");
        names(CompanyName, "Yritys");
        names(CompanyName, "Yrityksen nimi");
        names(CompanyName, "Toiminimi");
        names(CompanyDomain, "Verkkosivut");
        names(CompanyDomain, "Kotisivu");
        names(Email, "Sähköposti");
        names(Email, "Sahkoposti");
        names(Email, "Sähköpostiosoite");
        names(Email, "S-posti");
        names(Phone, "Puhelin");
        names(Phone, "Puhelinnumero");
        names(Phone, "Matkapuhelin");
        names(Phone, "Puh. työ");
        names(Phone, "GSM");
        names(LinkedinUrl, "LinkedIn-profiili");
        names(Date, "Päivämäärä");
        for h in [
            "Myyjä",
            "Vastuumyyjä",
            "Vastuuhenkilö",
            "Asiakasvastaava",
            "Omistaja",
            "Luonut",
            "Muokannut",
            "Ostaja",
            "Suosittelija",
            "Assistentti",
            "Meidän yhteyshenkilö",
        ] {
            someone_else(h);
        }
        for h in [
            "Markkinointilupa",
            "Sähköposti kelvollinen",
            "Virheellinen sähköposti",
            "Syy",
            "Tila",
            "Suostumus",
            "Lähde",
            "Puhelimen tyyppi",
            "Sähköpostien määrä",
            "Luontipäivämäärä pvm",
        ] {
            not_a_value(h);
        }
        for h in [
            "Vaihde",
            "Puhelinvaihde",
            "Päänumero",
            "Y-tunnus",
            "Ytunnus",
            "ALV-numero",
        ] {
            company_level(h);
        }
        nothing("Yrityksen puhelin");
        nothing("Faksi");
        nothing("Postiosoite");
    }
}
