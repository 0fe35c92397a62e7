//! French headers (France, Belgium, Switzerland, Québec): Outlook, Excel sheets, CRM
//! exports (Salesforce, HubSpot and Pipedrive in French).

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "fr",
    first_name: Words {
        exact: &["prénom", "prénoms"],
        words: &["prénom"],
        not: &["deuxième", "second", "surnom", "complet"],
    },
    last_name: Words {
        exact: &["nom", "nom famille", "patronyme"],
        words: &["patronyme"],
        not: &["jeune", "prénom"],
    },
    full_name: Words {
        exact: &[
            "nom complet",
            "nom et prénom",
            "nom prénom",
            "prénom nom",
            "prénom et nom",
            "nom et prénoms",
        ],
        words: &[],
        not: &["surnom", "utilisateur", "adresse", "ville", "rue", "numéro"],
    },
    company_name: Words {
        exact: &[
            "raison sociale",
            "dénomination",
            "dénomination sociale",
            "nom commercial",
            "enseigne",
        ],
        words: &[],
        not: &[
            "adresse",
            "secteur",
            "taille",
            "effectif",
            "chiffre",
            "ville",
            "rue",
            "postal",
            "forme",
            "juridique",
            "activité",
            "numéro",
        ],
    },
    company_domain: Words {
        exact: &["site web", "site internet", "domaine"],
        words: &["domaine"],
        not: &[],
    },
    email: Words {
        exact: &["courriel", "mél", "mel"],
        words: &["courriel", "mél"],
        not: &["postale", "affichage"],
    },
    phone: Words {
        exact: &[
            "téléphone",
            "tél",
            "portable",
            "téléphone portable",
            "téléphone mobile",
            "cellulaire",
            "ligne",
        ],
        words: &["téléphone", "téléphones", "portable", "cellulaire"],
        not: &["télécopie", "fax", "poste", "standard"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["date"],
        words: &[],
        not: &[],
    },
    name: &["nom"],
    contact: &["contact", "interlocuteur", "interlocutrice", "personne"],
    company: &[
        "société",
        "entreprise",
        "organisation",
        "employeur",
        "compte",
        "établissement",
    ],
    other: &[
        "responsable",
        "propriétaire",
        "gestionnaire",
        "commercial",
        "commerciale",
        "vendeur",
        "vendeuse",
        "acheteur",
        "acheteuse",
        "créé",
        "créée",
        "modifié",
        "modifiée",
        "chargé",
        "chargée",
        "assistante",
        "secrétaire",
        "parrain",
        "apporteur",
        "référent",
        "interne",
        "attribué",
        "attribuée",
        "notre",
        "chez nous",
    ],
    meta: &[
        "désabonné",
        "désinscrit",
        "envoyé",
        "envoyés",
        "ouvert",
        "ouverts",
        "cliqué",
        "désinscription",
        "désabonnement",
        "statut",
        "origine",
        "consentement",
        "validité",
        "valide",
        "invalide",
        "vérifié",
        "vérifiée",
        "motif",
        "cause",
        "rebond",
        "npai",
        "confiance",
        "identifiant",
        "création",
        "quantité",
        "commentaire",
        "commentaires",
        "remarque",
        "remarques",
        "non",
    ],
    filler: &[
        "adresse",
        "adresses",
        "électronique",
        "fixe",
        "bureau",
        "travail",
        "privée",
        "privé",
        "actuel",
        "du",
        "de",
        "la",
        "le",
        "des",
        "l",
        "d",
        "n",
        "numéro",
        "profil",
        "personnel",
        "personnelle",
        "professionnel",
        "professionnelle",
        "pro",
        "principal",
        "principale",
        "domicile",
        "directe",
        "autre",
        "secondaire",
    ],
    switchboard: &["standard", "accueil", "standard téléphonique"],
    company_ids: &[
        "siren",
        "siret",
        "tva",
        "tva intracommunautaire",
        "rcs",
        "naf",
        "ape",
        "code naf",
    ],
    // "commercial" alone is a sales rep: the trade name is one word for matching.
    joins: &["nom commercial"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn french_headers() {
        names(FirstName, "Prénom");
        names(LastName, "Nom");
        names(LastName, "Nom de famille");
        names(FullName, "Nom complet");
        names(FullName, "Nom et prénom");
        names(FullName, "Interlocuteur");
        names(CompanyName, "Société");
        names(CompanyName, "Nom de la société");
        names(CompanyName, "Raison sociale");
        names(CompanyName, "Entreprise");
        names(CompanyDomain, "Site web");
        names(CompanyDomain, "Site internet");
        names(Email, "Adresse e-mail");
        names(Email, "Courriel");
        names(Email, "E-mail professionnel");
        names(Phone, "Téléphone");
        names(Phone, "Tél. portable");
        names(Phone, "Téléphone mobile");
        names(Phone, "N° de téléphone");
        names(Phone, "Ligne directe");
        names(LinkedinUrl, "Profil LinkedIn");
        names(Date, "Date");
        for h in [
            "Propriétaire",
            "Commercial",
            "Commercial attribué",
            "Chargé de compte",
            "Assistante",
            "Acheteur",
            "Créé par",
            "Modifié par",
            "Responsable",
            "Parrain",
            "Contact chez nous",
            "Notre interlocuteur",
        ] {
            someone_else(h);
        }
        for h in [
            "Validité e-mail",
            "E-mail valide",
            "E-mail invalide",
            "Motif du rebond",
            "Statut",
            "Consentement e-mail",
            "Désabonné",
            "Origine",
            "Type de téléphone",
            "Date de création",
            "Identifiant",
            "Nombre d'e-mails envoyés",
        ] {
            not_a_value(h);
        }
        for h in [
            "Standard",
            "Téléphone standard",
            "Accueil",
            "SIREN",
            "SIRET",
            "N° TVA intracommunautaire",
            "TVA",
            "Code NAF",
        ] {
            company_level(h);
        }
        nothing("Télécopie");
        nothing("Téléphone de la société");
        nothing("Adresse de la société");
        nothing("Page LinkedIn société");
    }
}
