//! Role detection on real export layouts: CRMs, sales tools, scrapers, and the common
//! European header languages. Each layout names what must and must not be mapped.

use enrichplan::input::roles::{ContentProfile, Mapping, Role, detect};

fn detect_headers(headers: &str) -> Mapping {
    let hs: Vec<String> = headers.split(',').map(str::to_string).collect();
    detect(&hs, &[], &Role::LIST).mapping
}

fn cols(m: &Mapping, r: Role) -> Vec<&str> {
    m.columns(r).iter().map(String::as_str).collect()
}

#[test]
fn apollo_export() {
    let m = detect_headers(
        "First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Email Source,Email Confidence,Seniority,Departments,Contact Owner,First Phone,Work Direct Phone,Home Phone,Mobile Phone,Corporate Phone,Other Phone,Stage,Lists,Last Contacted,Account Owner,# Employees,Industry,Keywords,Person Linkedin Url,Website,Company Linkedin Url,Facebook Url,Twitter Url,City,State,Country",
    );
    assert_eq!(cols(&m, Role::Email), ["Email"]);
    assert_eq!(
        cols(&m, Role::Phone),
        [
            "First Phone",
            "Work Direct Phone",
            "Home Phone",
            "Mobile Phone",
            "Other Phone"
        ]
    );
    assert_eq!(cols(&m, Role::LinkedinUrl), ["Person Linkedin Url"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Company"]);
    assert_eq!(cols(&m, Role::CompanyDomain), ["Website"]);
    assert_eq!(cols(&m, Role::FirstName), ["First Name"]);
    assert_eq!(cols(&m, Role::LastName), ["Last Name"]);
}

#[test]
fn salesforce_api_names() {
    let m = detect_headers(
        "Id,FirstName,LastName,Account.Name,Email,HasOptedOutOfEmail,EmailBouncedReason,Phone,MobilePhone,Fax,AssistantPhone,LinkedIn__c,Title",
    );
    assert_eq!(cols(&m, Role::FirstName), ["FirstName"]);
    assert_eq!(cols(&m, Role::LastName), ["LastName"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Account.Name"]);
    assert_eq!(cols(&m, Role::Email), ["Email"]);
    assert_eq!(cols(&m, Role::Phone), ["Phone", "MobilePhone"]);
    assert_eq!(cols(&m, Role::LinkedinUrl), ["LinkedIn__c"]);
}

#[test]
fn hubspot_and_zoho() {
    let m = detect_headers(
        "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Website URL,Contact owner,Associated Company",
    );
    assert_eq!(
        cols(&m, Role::Phone),
        ["Phone Number", "Mobile Phone Number"]
    );
    assert_eq!(cols(&m, Role::CompanyName), ["Company Name"]);
    assert_eq!(cols(&m, Role::CompanyDomain), ["Website URL"]);
    let m = detect_headers(
        "Contact Owner,First Name,Last Name,Account Name,Email,Secondary Email,Phone,Mobile,Fax,Email Opt Out",
    );
    assert_eq!(cols(&m, Role::Email), ["Email", "Secondary Email"]);
    assert_eq!(cols(&m, Role::Phone), ["Phone", "Mobile"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Account Name"]);
}

#[test]
fn scraper_camel_case_columns() {
    let hs: Vec<String> = "profileUrl,fullName,firstName,lastName,companyName,companyUrl,imgUrl,linkedinProfileUrl,salesNavigatorUrl,title"
        .split(',')
        .map(str::to_string)
        .collect();
    let mut samples = vec![ContentProfile::default(); hs.len()];
    samples[5] = ContentProfile::of(
        [
            "https://www.linkedin.com/company/acme",
            "https://www.linkedin.com/company/beta",
            "https://www.linkedin.com/company/gamma",
        ]
        .into_iter(),
    );
    let m = detect(&hs, &samples, &Role::LIST).mapping;
    assert_eq!(cols(&m, Role::LinkedinUrl), ["linkedinProfileUrl"]);
    assert_eq!(cols(&m, Role::FirstName), ["firstName"]);
    assert_eq!(cols(&m, Role::FullName), ["fullName"]);
    assert_eq!(cols(&m, Role::CompanyName), ["companyName"]);
    assert!(
        cols(&m, Role::CompanyDomain).is_empty(),
        "a company LinkedIn URL is not a website"
    );
}

#[test]
fn german_french_spanish_italian_dutch_portuguese() {
    let m =
        detect_headers("Vorname,Nachname,Firma,E-Mail-Adresse,Telefon,Handynummer,Webseite,Fax");
    assert_eq!(cols(&m, Role::FirstName), ["Vorname"]);
    assert_eq!(cols(&m, Role::LastName), ["Nachname"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Firma"]);
    assert_eq!(cols(&m, Role::Email), ["E-Mail-Adresse"]);
    assert_eq!(cols(&m, Role::Phone), ["Telefon", "Handynummer"]);
    assert_eq!(cols(&m, Role::CompanyDomain), ["Webseite"]);
    let m = detect_headers("Prénom,Nom,Société,Adresse e-mail,Téléphone,Portable,Site web");
    assert_eq!(cols(&m, Role::FirstName), ["Prénom"]);
    assert_eq!(cols(&m, Role::LastName), ["Nom"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Société"]);
    assert_eq!(cols(&m, Role::Email), ["Adresse e-mail"]);
    assert_eq!(cols(&m, Role::Phone), ["Téléphone", "Portable"]);
    assert_eq!(cols(&m, Role::CompanyDomain), ["Site web"]);
    let m = detect_headers("Nombre,Apellidos,Empresa,Correo electrónico,Teléfono,Móvil,Sitio web");
    assert_eq!(cols(&m, Role::FirstName), ["Nombre"]);
    assert_eq!(cols(&m, Role::LastName), ["Apellidos"]);
    assert_eq!(cols(&m, Role::Email), ["Correo electrónico"]);
    assert_eq!(cols(&m, Role::Phone), ["Teléfono", "Móvil"]);
    let m = detect_headers("Nome,Cognome,Azienda,Email,Telefono,Cellulare");
    assert_eq!(cols(&m, Role::LastName), ["Cognome"]);
    assert_eq!(cols(&m, Role::CompanyName), ["Azienda"]);
    assert_eq!(cols(&m, Role::Phone), ["Telefono", "Cellulare"]);
    let m = detect_headers("Voornaam,Achternaam,Bedrijf,E-mail,Telefoonnummer,Mobiel");
    assert_eq!(cols(&m, Role::FirstName), ["Voornaam"]);
    assert_eq!(cols(&m, Role::Phone), ["Telefoonnummer", "Mobiel"]);
    let m = detect_headers("Nome,Sobrenome,Empresa,E-mail,Telefone,Celular");
    assert_eq!(cols(&m, Role::LastName), ["Sobrenome"]);
    assert_eq!(cols(&m, Role::Phone), ["Telefone", "Celular"]);
}

#[test]
fn contents_break_a_tie_against_a_mislabelled_column() {
    // A "LinkedIn" column full of company pages is not the person's URL.
    let hs: Vec<String> = ["Name", "Company", "LinkedIn", "LinkedIn Profile"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut samples = vec![ContentProfile::default(); 4];
    samples[2] = ContentProfile::of(
        [
            "https://linkedin.com/company/a",
            "https://linkedin.com/company/b",
            "https://linkedin.com/company/c",
        ]
        .into_iter(),
    );
    samples[3] = ContentProfile::of(
        [
            "https://linkedin.com/in/a",
            "https://linkedin.com/in/b",
            "linkedin.com/in/c",
        ]
        .into_iter(),
    );
    let d = detect(&hs, &samples, &Role::LIST);
    assert_eq!(cols(&d.mapping, Role::LinkedinUrl), ["LinkedIn Profile"]);
    assert!(d.confidence(Role::LinkedinUrl).unwrap() > 0.9);
}
