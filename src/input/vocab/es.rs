//! Spanish headers (Spain and Latin America): Excel sheets, CRM exports in Spanish.
//!
//! "Comercial" is a sales rep in Spain but "comercial" qualifies a business phone in
//! Portuguese: it is left out (an assigned rep is `asignado`, `vendedor`, `ejecutivo`).

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "es",
    first_name: Words {
        exact: &["nombre", "nombres", "primer nombre", "nombre pila"],
        words: &[],
        not: &["segundo", "completo", "apodo", "usuario"],
    },
    last_name: Words {
        exact: &[
            "apellido",
            "apellidos",
            "primer apellido",
            "apellido paterno",
        ],
        words: &["apellido", "apellidos"],
        not: &["soltera", "nombre", "nombres"],
    },
    full_name: Words {
        exact: &[
            "nombre completo",
            "nombre y apellido",
            "nombre y apellidos",
            "nombres y apellidos",
            "apellidos y nombre",
            "apellidos y nombres",
            "apellidos nombre",
        ],
        words: &[],
        not: &["apodo", "usuario", "calle", "ciudad", "número"],
    },
    company_name: Words {
        exact: &[
            "razón social",
            "denominación social",
            "nombre comercial",
            "nombre fiscal",
        ],
        words: &[],
        not: &[
            "sector",
            "tamaño",
            "empleados",
            "calle",
            "ciudad",
            "postal",
            "dirección",
            "industria",
            "número",
        ],
    },
    company_domain: Words {
        exact: &["sitio web", "dominio", "página web", "sitio", "página"],
        words: &["sitio", "dominio", "página"],
        not: &[],
    },
    email: Words {
        exact: &["correo", "correos"],
        words: &["correo"],
        not: &["postal"],
    },
    phone: Words {
        exact: &[
            "teléfono",
            "teléfonos",
            "móvil",
            "celular",
            "teléfono móvil",
            "teléfono celular",
            "cel",
        ],
        words: &["teléfono", "teléfonos", "móvil", "celular", "cel"],
        not: &["centralita", "anexo", "fax"],
    },
    linkedin_url: Words {
        exact: &[],
        words: &[],
        not: &["página"],
    },
    date: Words {
        exact: &["fecha"],
        words: &[],
        not: &[],
    },
    name: &["nombre"],
    contact: &["contacto", "interlocutor", "prospecto"],
    company: &[
        "empresa",
        "empresas",
        "compañía",
        "organización",
        "cuenta",
        "institución",
        "entidad",
    ],
    other: &[
        "asistente",
        "responsable",
        "propietario",
        "propietaria",
        "vendedor",
        "vendedora",
        "asesor",
        "asesora",
        "ejecutivo",
        "ejecutiva",
        "gestor",
        "gestora",
        "creado",
        "creada",
        "modificado",
        "modificada",
        "actualizado",
        "comprador",
        "compradora",
        "referido",
        "secretaria",
        "secretario",
        "asignado",
        "asignada",
        "nuestro",
        "nuestra",
        "interno",
        "interna",
    ],
    meta: &[
        "baja",
        "abiertos",
        "enviados",
        "recibidos",
        "tipo",
        "estado",
        "origen",
        "fuente",
        "consentimiento",
        "válido",
        "inválido",
        "validez",
        "verificado",
        "motivo",
        "causa",
        "rebote",
        "rebotado",
        "confianza",
        "cantidad",
        "identificador",
        "comentario",
        "comentarios",
        "nota",
        "notas",
        "suscrito",
        "suscripción",
        "fecha",
    ],
    filler: &[
        "dirección",
        "electrónico",
        "fijo",
        "oficina",
        "trabajo",
        "actual",
        "de",
        "la",
        "del",
        "el",
        "los",
        "las",
        "número",
        "perfil",
        "laboral",
        "particular",
        "principal",
        "casa",
        "otro",
        "adicional",
        "secundario",
        "directo",
    ],
    switchboard: &["centralita", "conmutador", "recepción", "central", "sede"],
    company_ids: &[
        "cif", "nif", "nie", "rfc", "cuit", "cuil", "rut", "ruc", "nit", "iva", "dni", "fiscal",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn spanish_headers() {
        names(FirstName, "Nombre");
        names(FirstName, "Nombres");
        names(FirstName, "Nombre del contacto");
        names(LastName, "Apellidos");
        names(LastName, "Primer apellido");
        names(FullName, "Nombre completo");
        names(FullName, "Nombre y apellidos");
        names(CompanyName, "Empresa");
        names(CompanyName, "Nombre de la empresa");
        names(CompanyName, "Razón social");
        names(CompanyName, "Compañía");
        names(CompanyDomain, "Sitio web");
        names(CompanyDomain, "Página web");
        names(Email, "Correo electrónico");
        names(Email, "Correo personal");
        names(Phone, "Teléfono");
        names(Phone, "Teléfono móvil");
        names(Phone, "Móvil");
        names(Phone, "Celular");
        names(Phone, "Número de teléfono");
        names(Date, "Fecha");
        for h in [
            "Propietario",
            "Propietario del contacto",
            "Vendedor",
            "Ejecutivo de cuenta",
            "Asesor comercial",
            "Comprador",
            "Referido por",
            "Creado por",
            "Modificado por",
            "Responsable",
            "Asistente",
            "Contacto interno",
        ] {
            someone_else(h);
        }
        for h in [
            "Correo válido",
            "Correo inválido",
            "Motivo de rebote",
            "Estado del correo",
            "Consentimiento",
            "Baja de correos",
            "Origen",
            "Fuente del lead",
            "Tipo de teléfono",
            "Cantidad de correos",
            "Fecha de alta",
            "Correos abiertos",
        ] {
            not_a_value(h);
        }
        for h in [
            "Centralita",
            "Teléfono centralita",
            "Conmutador",
            "Teléfono central",
            "CIF",
            "NIF",
            "RFC",
            "CUIT",
            "RUT empresa",
        ] {
            company_level(h);
        }
        nothing("Teléfono empresa");
        nothing("Página de LinkedIn");
        nothing("Nombre de usuario");
    }
}
