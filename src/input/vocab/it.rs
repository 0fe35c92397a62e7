//! Italian headers: Excel sheets (fiere, liste contatti), CRM exports in Italian.
//!
//! "Referente" is the contact person at the customer ("Referente interno" is ours: `interno`
//! makes it someone else's). "PEC" is the company's certified mailbox, not the person's.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "it",
    first_name: Words {
        exact: &["nome"],
        words: &[],
        not: &["secondo", "soprannome", "utente", "completo"],
    },
    last_name: Words {
        exact: &["cognome"],
        words: &["cognome"],
        not: &["nubile"],
    },
    full_name: Words {
        exact: &[
            "nome completo",
            "nome cognome",
            "cognome nome",
            "nominativo",
        ],
        words: &["nominativo"],
        not: &["soprannome", "utente", "via", "città", "numero"],
    },
    company_name: Words {
        exact: &["ragione sociale", "denominazione", "denominazione sociale"],
        words: &[],
        not: &[
            "settore",
            "dimensione",
            "dipendenti",
            "fatturato",
            "via",
            "città",
            "cap",
            "provincia",
            "indirizzo",
            "numero",
        ],
    },
    company_domain: Words {
        exact: &["sito web", "sito", "sito internet", "dominio"],
        words: &["sito", "dominio"],
        not: &[],
    },
    email: Words {
        exact: &["posta"],
        words: &["posta"],
        not: &["pec", "certificata"],
    },
    phone: Words {
        exact: &[
            "telefono",
            "cellulare",
            "cell",
            "telefono cellulare",
            "recapito telefonico",
        ],
        words: &["telefono", "cellulare", "telefonico", "recapito"],
        not: &["centralino", "interno", "fax"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["data"],
        words: &[],
        not: &[],
    },
    name: &["nome", "denominazione"],
    contact: &["contatto", "contatti", "referente"],
    company: &[
        "azienda",
        "aziende",
        "società",
        "ditta",
        "impresa",
        "organizzazione",
        "ente",
    ],
    other: &[
        "assistente",
        "commerciale",
        "venditore",
        "venditrice",
        "agente",
        "responsabile",
        "gestore",
        "proprietario",
        "creato",
        "creata",
        "modificato",
        "modificata",
        "aggiornato",
        "acquirente",
        "compratore",
        "segnalato",
        "segnalatore",
        "segretaria",
        "segretario",
        "assegnato",
        "assegnata",
        "interno",
        "interna",
        "nostro",
        "nostra",
    ],
    meta: &[
        "stato",
        "fonte",
        "origine",
        "tipo",
        "tipologia",
        "data",
        "consenso",
        "privacy",
        "valido",
        "valida",
        "validi",
        "valide",
        "non",
        "verificato",
        "motivo",
        "causa",
        "conteggio",
        "quantità",
        "affidabilità",
        "identificativo",
        "iscritto",
        "disiscritto",
        "disiscrizione",
    ],
    filler: &[
        "indirizzo",
        "fisso",
        "ufficio",
        "lavoro",
        "attuale",
        "di",
        "del",
        "della",
        "dei",
        "delle",
        "numero",
        "personale",
        "privato",
        "principale",
        "aziendale",
        "elettronica",
        "altro",
        "secondario",
        "diretto",
    ],
    switchboard: &["centralino", "centrale", "sede"],
    company_ids: &[
        "partita iva",
        "p iva",
        "piva",
        "iva",
        "codice fiscale",
        "c f",
        "sdi",
        "codice sdi",
        "rea",
        "codice univoco",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn italian_headers() {
        names(FirstName, "Nome");
        names(LastName, "Cognome");
        names(FullName, "Nome e cognome");
        names(FullName, "Nominativo");
        names(FullName, "Referente");
        names(CompanyName, "Azienda");
        names(CompanyName, "Ragione sociale");
        names(CompanyName, "Nome azienda");
        names(CompanyName, "Società");
        names(CompanyName, "Denominazione");
        names(CompanyDomain, "Sito web");
        names(CompanyDomain, "Sito internet");
        names(Email, "Indirizzo email");
        names(Email, "Posta elettronica");
        names(Email, "Email aziendale");
        names(Phone, "Telefono");
        names(Phone, "Cellulare");
        names(Phone, "Telefono fisso");
        names(Phone, "Numero di telefono");
        names(Phone, "Cell.");
        names(Date, "Data");
        for h in [
            "Referente interno",
            "Commerciale",
            "Agente",
            "Venditore",
            "Responsabile",
            "Proprietario",
            "Creato da",
            "Modificato da",
            "Acquirente",
            "Segnalato da",
            "Assistente",
            "Nostro referente",
        ] {
            someone_else(h);
        }
        for h in [
            "Email valida",
            "Email non valida",
            "Motivo",
            "Stato",
            "Consenso privacy",
            "Consenso marketing",
            "Fonte",
            "Origine contatto",
            "Tipo telefono",
            "Data inserimento",
            "Disiscritto",
        ] {
            not_a_value(h);
        }
        for h in [
            "Centralino",
            "Telefono centralino",
            "Telefono sede",
            "Partita IVA",
            "P.IVA",
            "Codice fiscale",
            "C.F.",
            "Codice SDI",
        ] {
            company_level(h);
        }
        nothing("PEC");
        nothing("Telefono azienda");
        nothing("Interno");
        nothing("Indirizzo azienda");
    }
}
