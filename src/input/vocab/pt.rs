//! Portuguese headers (Brazil and Portugal): planilhas, RD Station, Pipedrive and HubSpot
//! exports in Portuguese.
//!
//! "Apelido" is the surname in Portugal but a nickname in Brazil: it names no role. "CEP"
//! (a Brazilian postal code) is no phone, so Turkish `cep` (mobile) is only a phone in "cep
//! telefonu". "do" ("Telefone do contato") is filler, not the `do` of "Do Not Call" (whose
//! "not" shuts the column out).

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "pt",
    first_name: Words {
        exact: &["nome", "primeiro nome", "prenome"],
        words: &["prenome"],
        not: &["meio", "apelido", "usuário", "social"],
    },
    last_name: Words {
        exact: &["sobrenome", "último nome", "último sobrenome"],
        words: &["sobrenome"],
        not: &[],
    },
    full_name: Words {
        exact: &["nome completo", "nome sobrenome"],
        words: &[],
        not: &["apelido", "usuário", "rua", "cidade", "endereço", "número"],
    },
    company_name: Words {
        exact: &["razão social", "nome fantasia", "nome empresarial"],
        words: &[],
        not: &[
            "setor",
            "segmento",
            "porte",
            "funcionários",
            "rua",
            "cidade",
            "endereço",
            "cep",
            "faturamento",
            "número",
        ],
    },
    company_domain: Words {
        exact: &["site", "website", "página web", "domínio", "sítio"],
        words: &["site", "domínio", "sítio"],
        not: &[],
    },
    email: Words {
        exact: &["correio"],
        words: &["correio"],
        not: &["postal", "cep"],
    },
    phone: Words {
        exact: &[
            "telefone",
            "telefones",
            "celular",
            "telemóvel",
            "fone",
            "whatsapp",
            "telefone celular",
        ],
        words: &[
            "telefone",
            "telefones",
            "celular",
            "telemóvel",
            "fone",
            "whatsapp",
            "telefônico",
        ],
        not: &["ramal", "fax"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["data"],
        words: &[],
        not: &[],
    },
    name: &["nome"],
    contact: &["contato", "contatos", "contacto", "pessoa", "interlocutor"],
    company: &[
        "empresa",
        "empresas",
        "companhia",
        "organização",
        "conta",
        "instituição",
    ],
    other: &[
        "proprietário",
        "proprietária",
        "dono",
        "dona",
        "vendedor",
        "vendedora",
        "responsável",
        "consultor",
        "consultora",
        "executivo",
        "executiva",
        "gerente",
        "criado",
        "criada",
        "modificado",
        "alterado",
        "atualizado",
        "comprador",
        "compradora",
        "indicado",
        "indicação",
        "assistente",
        "secretária",
        "atribuído",
        "nosso",
        "nossa",
        "interno",
        "representante",
    ],
    meta: &[
        "status",
        "situação",
        "origem",
        "fonte",
        "tipo",
        "data",
        "consentimento",
        "aceita",
        "aceite",
        "descadastrado",
        "descadastro",
        "válido",
        "inválido",
        "verificado",
        "motivo",
        "causa",
        "quantidade",
        "contagem",
        "confiança",
        "identificador",
        "observação",
        "observações",
        "comentário",
    ],
    filler: &[
        "endereço",
        "eletrônico",
        "fixo",
        "residencial",
        "pessoal",
        "trabalho",
        "principal",
        "atual",
        "do",
        "da",
        "dos",
        "das",
        "de",
        "número",
        "outro",
        "adicional",
        "secundário",
        "direto",
    ],
    switchboard: &["pabx", "central", "recepção", "sede", "matriz"],
    company_ids: &[
        "cnpj",
        "cpf",
        "inscrição estadual",
        "inscrição municipal",
        "inscrição",
        "nif",
        "nipc",
    ],
    // "WhatsApp" splits at its capital.
    joins: &["whats app"],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn portuguese_headers() {
        names(FirstName, "Nome");
        names(FirstName, "Primeiro nome");
        names(FirstName, "Nome do contato");
        names(LastName, "Sobrenome");
        names(LastName, "Último nome");
        names(FullName, "Nome completo");
        names(FullName, "Nome e sobrenome");
        names(CompanyName, "Empresa");
        names(CompanyName, "Nome da empresa");
        names(CompanyName, "Razão Social");
        names(CompanyName, "Nome fantasia");
        names(CompanyDomain, "Site");
        names(CompanyDomain, "Site da empresa");
        names(CompanyDomain, "Endereço do site");
        names(Email, "E-mail");
        names(Email, "E-mail do contato");
        names(Email, "Correio eletrônico");
        names(Phone, "Telefone");
        names(Phone, "Celular");
        names(Phone, "Telefone fixo");
        names(Phone, "Telemóvel");
        names(Phone, "WhatsApp");
        names(Date, "Data");
        for h in [
            "Proprietário",
            "Dono do negócio",
            "Vendedor responsável",
            "Responsável",
            "Consultor",
            "Gerente de contas",
            "Comprador",
            "Indicado por",
            "Criado por",
            "Alterado por",
            "Assistente",
            "Nosso contato",
        ] {
            someone_else(h);
        }
        for h in [
            "Aceita e-mails",
            "E-mail válido",
            "E-mail inválido",
            "Motivo",
            "Status do e-mail",
            "Consentimento",
            "Descadastrado",
            "Origem",
            "Fonte",
            "Tipo de telefone",
            "Quantidade de e-mails",
            "Data de cadastro",
        ] {
            not_a_value(h);
        }
        for h in [
            "PABX",
            "Telefone central",
            "Telefone sede",
            "CNPJ",
            "CPF",
            "Inscrição Estadual",
            "NIF",
        ] {
            company_level(h);
        }
        nothing("Telefone da empresa");
        nothing("Apelido");
        nothing("Ramal");
        nothing("CEP");
    }
}
