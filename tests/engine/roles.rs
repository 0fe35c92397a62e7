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

fn detect_rows(headers: &str, rows: &[&str]) -> enrichplan::input::roles::Detection {
    let hs: Vec<String> = headers.split(',').map(str::to_string).collect();
    let cells: Vec<Vec<&str>> = rows.iter().map(|r| r.split(',').collect()).collect();
    let samples: Vec<ContentProfile> = (0..hs.len())
        .map(|i| ContentProfile::of(cells.iter().map(|r| r.get(i).copied().unwrap_or(""))))
        .collect();
    detect(&hs, &samples, &Role::LIST)
}

#[test]
fn a_generic_header_of_person_linkedin_urls_is_the_linkedin_role_not_the_domain() {
    for header in ["URL", "Link", "Profile", "Website"] {
        let d = detect_rows(
            &format!("Name,Company,{header}"),
            &[
                "Dana Levi,Acme,https://www.linkedin.com/in/dana-levi",
                "Omar Haddad,Beta,linkedin.com/in/omar-h",
                "Jo Park,Gamma,https://uk.linkedin.com/in/jo-park-1a2b/",
                "Ana Ruiz,Delta,https://www.linkedin.com/in/ana-ruiz",
            ],
        );
        assert_eq!(cols(&d.mapping, Role::LinkedinUrl), [header], "{header}");
        assert!(cols(&d.mapping, Role::CompanyDomain).is_empty(), "{header}");
        let why = &d.choice(Role::LinkedinUrl, header).unwrap().why;
        assert!(
            why.contains(header)
                && why.contains("100% of 4 sampled cells are LinkedIn person URLs"),
            "{why}"
        );
    }
}

#[test]
fn company_and_sales_navigator_urls_are_never_the_domain() {
    let d = detect_rows(
        "Name,Company,Company URL,Website",
        &[
            "Dana Levi,Acme,https://www.linkedin.com/company/acme,https://www.linkedin.com/sales/company/123",
            "Omar Haddad,Beta,https://www.linkedin.com/company/beta,https://www.linkedin.com/sales/company/456",
            "Jo Park,Gamma,https://www.linkedin.com/company/gamma,https://www.linkedin.com/sales/company/789",
        ],
    );
    assert!(cols(&d.mapping, Role::CompanyDomain).is_empty());
    assert!(cols(&d.mapping, Role::LinkedinUrl).is_empty());
}

#[test]
fn email_tracking_flags_are_not_emails() {
    let d = detect_rows(
        "Name,Email,Email Open,Email Sent,Email Clicked",
        &[
            "Dana Levi,dana@acme.com,yes,3,0",
            "Omar Haddad,omar@beta.io,no,1,1",
            "Jo Park,jo@gamma.org,yes,2,0",
        ],
    );
    assert_eq!(cols(&d.mapping, Role::Email), ["Email"]);
    // An "Email" header over flags is not an email column either.
    let d = detect_rows(
        "Name,Company,Email",
        &[
            "Dana Levi,Acme,yes",
            "Omar Haddad,Beta,no",
            "Jo Park,Gamma,yes",
        ],
    );
    assert!(cols(&d.mapping, Role::Email).is_empty());
}

#[test]
fn compound_prefixed_and_custom_company_headers() {
    for header in [
        "Company / Account",
        "Company_Name__c",
        "Account.Name",
        "Contact.Account.Name",
        "Account: Name",
        "Organization - Name",
        "Organisation Name",
        "Organisation",
        "Nom de la société",
        "Nombre de la empresa",
    ] {
        let m = detect_headers(&format!("First Name,Last Name,{header}"));
        assert_eq!(cols(&m, Role::CompanyName), [header], "{header}");
    }
}

#[test]
fn a_name_column_of_company_names_is_the_company() {
    let d = detect_rows(
        "display_name,url,contact_name",
        &[
            "Acme Example Inc.,acme.example,Dana Levi",
            "Globex GmbH,globex.example,Omar Haddad",
            "Initech LLC,initech.example,Jo Park",
        ],
    );
    assert_eq!(cols(&d.mapping, Role::CompanyName), ["display_name"]);
    assert_eq!(cols(&d.mapping, Role::FullName), ["contact_name"]);
    assert_eq!(cols(&d.mapping, Role::CompanyDomain), ["url"]);
}

#[test]
fn review_names_what_to_check_in_the_mapping_in_force() {
    use enrichplan::input::roles::review;
    let hs: Vec<String> = "Name,Company,Contact,Email Open"
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = [
        ["Dana Levi", "Acme", "dana@acme.com", "yes"],
        ["Omar Haddad", "Beta", "omar@beta.io", "no"],
        ["Jo Park", "Gamma", "jo@gamma.org", "yes"],
    ];
    let samples: Vec<ContentProfile> = (0..4)
        .map(|i| ContentProfile::of(rows.iter().map(|r| r[i])))
        .collect();
    // A user's map: the tracking flag as the email, the company also as the full name.
    let mut m = Mapping::default();
    m.set(Role::Email, vec!["Email Open".into()]);
    m.set(Role::CompanyName, vec!["Company".into()]);
    m.set(Role::FullName, vec!["Company".into()]);
    let w = texts(review(&hs, &samples, &m));
    assert!(
        w.contains("`Email Open` is used as Email but only 0% of 3 sampled cells are emails"),
        "{w}"
    );
    assert!(w.contains("`Company` is used for 2 roles at once"), "{w}");
    assert!(!w.contains("dana@"), "no cell value in a warning: {w}");
    // Nothing mapped as the email while a column holds them.
    let mut m = Mapping::default();
    m.set(Role::FullName, vec!["Name".into()]);
    let w = texts(review(&hs, &samples, &m));
    assert!(
        w.contains("no column is used as Email, but `Contact` looks like one"),
        "{w}"
    );
    assert!(
        !w.contains("Email Open"),
        "a flag column is no suggestion: {w}"
    );
    // The detected mapping itself needs no warning.
    let d = detect(&hs, &samples, &Role::LIST);
    assert_eq!(texts(review(&hs, &samples, &d.mapping)), "");
}

#[test]
fn the_command_line_warns_about_a_mapping_the_cells_contradict() {
    let file = crate::common::repo("tests/fixtures/layouts/handmade-loose.csv");
    let file = file.display().to_string();
    let v = crate::common::json(&["estimate", &file, "--format", "json"]);
    assert_eq!(v["mapping"]["linkedin_url"][0], "Profile");
    assert!(
        !v["warnings"].to_string().contains("check the mapping"),
        "{}",
        v["warnings"]
    );
    let v = crate::common::json(&[
        "estimate",
        &file,
        "--format",
        "json",
        "--map",
        "email=Email Open",
    ]);
    assert!(
        v["warnings"].to_string().contains(
            "column `Email Open` is used as Email but only 0% of 5 sampled cells are emails"
        ),
        "{}",
        v["warnings"]
    );
}

/// The texts of `review`'s remarks, a line each.
fn texts(remarks: Vec<enrichplan::input::roles::Remark>) -> String {
    remarks
        .into_iter()
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join("\n")
}
