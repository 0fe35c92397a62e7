//! German headers (Germany, Austria, Switzerland): Outlook "Kontakte", Excel sheets, CRM
//! exports. Umlauts fold to the plain vowel (`Geschäftlich` → "geschaftlich"); the
//! transliterated spelling ("geschaeftlich") is listed where people write it.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "de",
    first_name: Words {
        exact: &["vorname", "rufname"],
        words: &["vorname", "rufname"],
        not: &["weitere", "zweiter", "spitzname"],
    },
    last_name: Words {
        exact: &["nachname", "familienname", "zuname"],
        words: &["nachname", "familienname", "zuname"],
        not: &["geburtsname"],
    },
    full_name: Words {
        exact: &[
            "vollständiger name",
            "vor und nachname",
            "vor und zuname",
            "name vorname",
            "nachname vorname",
            "vorname nachname",
        ],
        words: &[],
        not: &[
            "spitzname",
            "benutzername",
            "anzeigename",
            "strasse",
            "ort",
            "plz",
            "nummer",
            "nr",
        ],
    },
    company_name: Words {
        exact: &[
            "firmenname",
            "unternehmensname",
            "firmenbezeichnung",
            "firmierung",
        ],
        words: &["firmenname", "unternehmensname", "firmierung"],
        not: &[
            "abteilung",
            "branche",
            "umsatz",
            "rechtsform",
            "strasse",
            "ort",
            "plz",
            "postleitzahl",
            "land",
            "bundesland",
            "grosse",
            "mitarbeiterzahl",
            "anschrift",
            "gegründet",
            "nummer",
            "nr",
        ],
    },
    company_domain: Words {
        exact: &[
            "webseite",
            "webadresse",
            "internetadresse",
            "internetseite",
            "internetauftritt",
            "domäne",
        ],
        words: &[
            "webseite",
            "webadresse",
            "internetadresse",
            "internetseite",
            "internetauftritt",
            "domäne",
        ],
        not: &["impressum", "karriere", "stellenangebote"],
    },
    email: Words {
        exact: &["mailadresse", "emailadresse"],
        words: &["mailadresse", "emailadresse"],
        not: &["anzeigename", "angezeigter", "postfach"],
    },
    phone: Words {
        exact: &[
            "telefon",
            "telefonnummer",
            "handy",
            "handynummer",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "mobilfunk",
            "mobilfunknummer",
            "rufnummer",
            "festnetz",
            "durchwahl",
            "direktwahl",
        ],
        words: &[
            "telefon",
            "telefonnummer",
            "handy",
            "handynummer",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "mobilfunk",
            "mobilfunknummer",
            "rufnummer",
            "festnetz",
            "durchwahl",
            "direktwahl",
        ],
        not: &["fax", "telefax", "faxnummer", "notfall", "autotelefon"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["datum"],
        words: &[],
        not: &[],
    },
    name: &["name", "namen", "bezeichnung"],
    contact: &[
        "kontakt",
        "kontaktperson",
        "ansprechpartner",
        "ansprechpartnerin",
        "person",
    ],
    company: &[
        "firma",
        "firmen",
        "unternehmen",
        "unternehmens",
        "gesellschaft",
        "arbeitgeber",
        "betrieb",
    ],
    other: &[
        "betreuer",
        "betreuerin",
        "kundenbetreuer",
        "kundenberater",
        "mitarbeiter",
        "vertreter",
        "vertriebsmitarbeiter",
        "vertriebler",
        "verkäufer",
        "verkaeufer",
        "verantwortlich",
        "verantwortlicher",
        "verantwortliche",
        "zuständig",
        "zustaendig",
        "zuständiger",
        "besitzer",
        "eigentümer",
        "eigentuemer",
        "erstellt",
        "ersteller",
        "geändert",
        "geaendert",
        "bearbeitet",
        "bearbeiter",
        "aktualisiert",
        "zugewiesen",
        "assistent",
        "assistentin",
        "assistenten",
        "sekretariat",
        "sekretärin",
        "sekretaerin",
        "käufer",
        "kaeufer",
        "einkäufer",
        "einkaeufer",
        "empfohlen",
        "vermittler",
        "intern",
        "interner",
        "interne",
        "bei uns",
    ],
    meta: &[
        "abgemeldet",
        "abmeldung",
        "abbestellt",
        "geprüft",
        "geprueft",
        "typ",
        "art",
        "quelle",
        "herkunft",
        "anzahl",
        "datum",
        "einwilligung",
        "zustimmung",
        "gültig",
        "gueltig",
        "ungültig",
        "ungueltig",
        "gültigkeit",
        "gueltigkeit",
        "grund",
        "ursache",
        "unzustellbar",
        "validierung",
        "validiert",
        "verifiziert",
        "kennung",
        "notiz",
        "notizen",
        "bemerkung",
        "bemerkungen",
        "kommentar",
        "kategorie",
        "kategorien",
    ],
    filler: &[
        "nummer",
        "privat",
        "der",
        "die",
        "das",
        "des",
        "geschäftlich",
        "geschaeftlich",
        "dienstlich",
        "büro",
        "buero",
        "aktuell",
        "arbeit",
        "persönlich",
        "persoenlich",
        "direkt",
        "adresse",
    ],
    switchboard: &[
        "zentrale",
        "telefonzentrale",
        "zentralnummer",
        "hauptnummer",
        "sammelnummer",
        "vermittlung",
        "empfang",
        "hauptsitz",
    ],
    company_ids: &[
        "ust",
        "ustid",
        "ust idnr",
        "umsatzsteuer",
        "umsatzsteuer id",
        "steuernummer",
        "steuer",
        "steuerid",
        "stnr",
        "st nr",
        "handelsregister",
        "handelsregisternummer",
        "registernummer",
        "hrb",
        "hra",
        "uid",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn german_headers() {
        names(FirstName, "Vorname");
        names(LastName, "Nachname");
        names(LastName, "Familienname");
        names(FullName, "Vollständiger Name");
        names(FullName, "Ansprechpartner");
        names(FullName, "Name, Vorname");
        names(CompanyName, "Firma");
        names(CompanyName, "Firmenname");
        names(CompanyName, "Unternehmen");
        names(CompanyName, "Name des Unternehmens");
        names(CompanyDomain, "Webseite");
        names(CompanyDomain, "Internetadresse");
        names(Email, "E-Mail-Adresse");
        names(Email, "E-Mail (geschäftlich)");
        names(Email, "Ansprechpartner E-Mail");
        names(Phone, "Telefon");
        names(Phone, "Telefon (geschäftlich)");
        names(Phone, "Handynummer");
        names(Phone, "Mobiltelefon");
        names(Phone, "Durchwahl");
        names(LinkedinUrl, "LinkedIn-Profil");
        names(Date, "Datum");
        for h in [
            "Betreuer",
            "Kundenbetreuer",
            "Vertriebsmitarbeiter",
            "Verkäufer",
            "Zuständiger Mitarbeiter",
            "Telefon Assistent",
            "Name des Assistenten",
            "Einkäufer E-Mail",
            "Empfohlen von",
            "Erstellt von",
            "Geändert von",
            "Verantwortlich",
            "Ansprechpartner bei uns",
            "Interner Ansprechpartner",
        ] {
            someone_else(h);
        }
        for h in [
            "E-Mail Validierung",
            "E-Mail gültig",
            "E-Mail ungültig",
            "Grund der Abmeldung",
            "E-Mail Status",
            "Einwilligung E-Mail",
            "Newsletter abgemeldet",
            "Quelle",
            "E-Mail Quelle",
            "Telefon Typ",
            "E-Mail-Typ",
            "Anzahl E-Mails",
            "Datum der Erfassung",
            "Kontakt-ID",
        ] {
            not_a_value(h);
        }
        for h in [
            "Zentrale",
            "Telefon Zentrale",
            "Telefonzentrale",
            "Hauptnummer",
            "Empfang Telefon",
            "USt-IdNr.",
            "USt-ID",
            "Umsatzsteuer-ID",
            "Steuernummer",
            "Steuer-Nr.",
            "Handelsregisternummer",
            "HRB",
        ] {
            company_level(h);
        }
        nothing("Telefon Firma");
        nothing("Fax geschäftlich");
        nothing("Firma Straße");
        nothing("Weitere Vornamen");
    }
}
