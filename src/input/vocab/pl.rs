//! Polish headers: Excel sheets, Subiekt / Comarch / Bitrix24 / Livespace exports.
//!
//! "Nazwa" is the name of a thing, never of a person (a person has "imię i nazwisko"): alone
//! or with "firmy" it is the company. "Firma" is the company. "Poczta" is the post office
//! town of an address, not an email. "do" is filler ("Telefon do biura").

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "pl",
    first_name: Words {
        exact: &["imię", "imiona"],
        words: &[],
        not: &["nazwisko", "drugie", "pseudonim"],
    },
    last_name: Words {
        exact: &["nazwisko"],
        words: &["nazwisko"],
        not: &["imię", "panieńskie", "rodowe"],
    },
    full_name: Words {
        exact: &[
            "imię i nazwisko",
            "imię nazwisko",
            "nazwisko i imię",
            "nazwisko imię",
        ],
        words: &[],
        not: &[
            "pseudonim",
            "użytkownika",
            "ulica",
            "miejscowość",
            "adres",
            "numer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &["nazwa", "pełna nazwa", "nazwa skrócona"],
        words: &["nazwa"],
        not: &[
            "użytkownika",
            "stanowiska",
            "stanowisko",
            "branża",
            "adres",
            "ulica",
            "miejscowość",
            "kod",
            "pocztowy",
            "wielkość",
            "forma",
            "prawna",
            "numer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &[
            "strona",
            "strona www",
            "strona internetowa",
            "witryna",
            "domena",
            "strony",
        ],
        words: &["strona", "strony", "witryna", "internetowa", "domena"],
        not: &[],
    },
    email: Words {
        exact: &["mejl", "emaila"],
        words: &["mejl", "emaila"],
        not: &["pocztowy"],
    },
    phone: Words {
        exact: &[
            "telefon",
            "telefonu",
            "komórka",
            "komórkowy",
            "telefon komórkowy",
            "tel kom",
            "mobilny",
            "telefon mobilny",
            "stacjonarny",
            "telefon stacjonarny",
        ],
        words: &[
            "telefon",
            "telefonu",
            "komórka",
            "komórkowy",
            "komórkowego",
            "mobilny",
            "stacjonarny",
            "kom",
        ],
        not: &["faks", "fax", "wewnętrzny", "wewn", "główny"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["data"],
        words: &[],
        not: &[],
    },
    name: &["nazwa"],
    contact: &[
        "kontakt",
        "kontaktu",
        "kontaktowa",
        "kontaktowej",
        "kontaktowy",
        "osoba",
        "osoby",
        "klienta",
    ],
    company: &[
        "firma",
        "firmy",
        "firmie",
        "przedsiębiorstwo",
        "przedsiębiorstwa",
        "spółka",
        "spółki",
        "organizacja",
        "organizacji",
        "pracodawca",
        "instytucja",
        "kontrahent",
        "kontrahenta",
    ],
    other: &[
        "właściciel",
        "opiekun",
        "opiekuna",
        "handlowiec",
        "handlowca",
        "przedstawiciel",
        "sprzedawca",
        "doradca",
        "menedżer",
        "odpowiedzialny",
        "odpowiedzialna",
        "odpowiedzialnego",
        "utworzony",
        "utworzył",
        "utworzone",
        "zmodyfikowany",
        "zmodyfikował",
        "edytowany",
        "przez",
        "kupujący",
        "nabywca",
        "polecający",
        "polecony",
        "asystent",
        "asystentka",
        "sekretarka",
        "przypisany",
        "nasz",
        "nasza",
        "naszej",
        "naszego",
        "u nas",
    ],
    meta: &[
        "źródło",
        "typ",
        "rodzaj",
        "data",
        "zgoda",
        "zgody",
        "rodo",
        "rezygnacja",
        "wypisany",
        "wypisanie",
        "poprawny",
        "niepoprawny",
        "prawidłowy",
        "nieprawidłowy",
        "weryfikacja",
        "zweryfikowany",
        "przyczyna",
        "powód",
        "liczba",
        "ilość",
        "identyfikator",
        "uwagi",
        "notatki",
        "komentarz",
        "pewność",
    ],
    filler: &[
        "adres",
        "numer",
        "do",
        "poczta",
        "służbowy",
        "służbowa",
        "prywatny",
        "prywatna",
        "biuro",
        "biura",
        "praca",
        "pracy",
        "osobisty",
        "bezpośredni",
        "firmowy",
        "firmowa",
        "dodatkowy",
        "inny",
    ],
    switchboard: &[
        "centrala",
        "centrali",
        "centralka",
        "sekretariat",
        "recepcja",
        "recepcji",
    ],
    company_ids: &["nip", "regon", "krs", "pesel"],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn polish_headers() {
        names(FirstName, "Imię");
        names(FirstName, "Imie");
        names(FirstName, "Imię osoby kontaktowej");
        names(LastName, "Nazwisko");
        names(FullName, "Imię i nazwisko");
        names(FullName, "Osoba kontaktowa");
        names(CompanyName, "Firma");
        names(CompanyName, "Nazwa firmy");
        names(CompanyName, "Nazwa");
        names(CompanyName, "Kontrahent");
        names(CompanyDomain, "Strona www");
        names(CompanyDomain, "Strona internetowa");
        names(CompanyDomain, "Adres strony www");
        names(Email, "E-mail");
        names(Email, "Adres e-mail");
        names(Email, "E-mail służbowy");
        names(Phone, "Telefon");
        names(Phone, "Telefon komórkowy");
        names(Phone, "Tel. kom.");
        names(Phone, "Nr telefonu");
        names(Phone, "Telefon stacjonarny");
        names(Phone, "Telefon do osoby kontaktowej");
        names(Date, "Data");
        for h in [
            "Opiekun handlowy",
            "Opiekun klienta",
            "Handlowiec",
            "Właściciel",
            "Przedstawiciel handlowy",
            "Osoba odpowiedzialna",
            "Utworzony przez",
            "Zmodyfikowany przez",
            "Kupujący",
            "Polecony przez",
            "Asystentka",
            "Nasz opiekun",
            "Osoba kontaktowa u nas",
        ] {
            someone_else(h);
        }
        for h in [
            "Weryfikacja e-mail",
            "E-mail poprawny",
            "E-mail niepoprawny",
            "Przyczyna",
            "Status",
            "Zgoda marketingowa",
            "Zgoda RODO",
            "Źródło",
            "Typ telefonu",
            "Liczba e-maili",
            "Data dodania",
        ] {
            not_a_value(h);
        }
        for h in [
            "Centrala",
            "Centrala firmy",
            "Telefon centrala",
            "Sekretariat",
            "NIP",
            "REGON",
            "KRS",
            "Numer NIP",
        ] {
            company_level(h);
        }
        nothing("Telefon firmy");
        nothing("Poczta");
        nothing("Adres firmy");
        nothing("Nazwa użytkownika");
        nothing("Faks");
        nothing("Numer kontaktowy");
    }
}
