//! Turkish headers: Excel sheets, Logo / Mikro / CRM exports in Turkish.
//!
//! Dotted and dotless i fold to i (`Soyadı` → "soyadi", `İş` → "is"). "İş" (work) folds to
//! English "is", a status word ("Is Active"): "iş telefonu", "iş e-postası" are joined
//! into one word first. "Cep" (pocket: mobile) is a phone only in "cep telefonu": alone it
//! is also the Brazilian postal code. "Unvan" alone is a job title; with the company it is
//! the company's registered name ("Firma Ünvanı", "Ticari Unvan"). "Yetkili" (authorised
//! person) is the contact at the customer.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "tr",
    first_name: Words {
        exact: &["ad", "adı", "isim", "ilk ad"],
        words: &[],
        not: &[
            "soyad",
            "soyadı",
            "soyisim",
            "ikinci",
            "kullanıcı",
            "unvan",
            "alan",
        ],
    },
    last_name: Words {
        exact: &["soyad", "soyadı", "soyisim"],
        words: &["soyad", "soyadı", "soyisim"],
        not: &["ad", "adı", "isim", "kızlık"],
    },
    full_name: Words {
        exact: &[
            "ad soyad",
            "adı soyadı",
            "ad soyadı",
            "adı soyad",
            "isim soyisim",
            "tam ad",
            "tam adı",
            "adınız soyadınız",
        ],
        words: &[],
        not: &[
            "kullanıcı",
            "sokak",
            "şehir",
            "il",
            "ilçe",
            "numara",
            "numarası",
            "no",
        ],
    },
    company_name: Words {
        exact: &["ticari unvan", "ticari unvanı", "ticari ünvan"],
        words: &[],
        not: &[
            "adres",
            "adresi",
            "sektör",
            "çalışan",
            "şehir",
            "il",
            "ilçe",
            "sokak",
            "alan",
            "numara",
            "numarası",
            "no",
        ],
    },
    company_domain: Words {
        exact: &[
            "web sitesi",
            "websitesi",
            "internet sitesi",
            "sitesi",
            "alan adı",
        ],
        words: &["sitesi", "websitesi"],
        not: &[],
    },
    email: Words {
        exact: &[
            "e-posta",
            "e-postası",
            "iş e-posta",
            "iş e-postası",
            "iş maili",
        ],
        words: &[
            "e-posta",
            "e-postası",
            "iş e-posta",
            "iş e-postası",
            "iş maili",
        ],
        not: &[],
    },
    phone: Words {
        exact: &[
            "telefonu",
            "cep telefonu",
            "cep tel",
            "iş telefonu",
            "iş telefon",
            "iş tel",
        ],
        words: &["telefonu", "iş telefonu", "iş telefon", "iş tel"],
        not: &["faks", "dahili"],
    },
    linkedin_url: Words::NONE,
    date: Words {
        exact: &["tarih", "tarihi"],
        words: &[],
        not: &[],
    },
    name: &[
        "ad", "adı", "isim", "ismi", "unvan", "unvanı", "ünvan", "ünvanı",
    ],
    contact: &[
        "kişi",
        "kişisi",
        "ilgili",
        "iletişim",
        "yetkili",
        "yetkilisi",
    ],
    company: &[
        "şirket",
        "şirketi",
        "şirketin",
        "firma",
        "firması",
        "firmanın",
        "kurum",
        "kurumu",
        "kuruluş",
        "kuruluşu",
        "işveren",
        "işyeri",
        "organizasyon",
    ],
    other: &[
        "temsilci",
        "temsilcisi",
        "satıcı",
        "satış",
        "sorumlu",
        "sorumlusu",
        "sahibi",
        "oluşturan",
        "değiştiren",
        "güncelleyen",
        "alıcı",
        "yönlendiren",
        "referans",
        "asistan",
        "asistanı",
        "sekreter",
        "atanan",
        "yönetici",
        "bizim",
        "firmamız",
        "şirketimiz",
    ],
    meta: &[
        "durum",
        "durumu",
        "izin",
        "izni",
        "onay",
        "onayı",
        "kaynak",
        "kaynağı",
        "tür",
        "türü",
        "tip",
        "tipi",
        "tarih",
        "tarihi",
        "geçerli",
        "geçersiz",
        "doğrulama",
        "doğrulandı",
        "neden",
        "sebep",
        "sayı",
        "sayısı",
        "adet",
        "notlar",
        "açıklama",
    ],
    filler: &[
        "adres",
        "adresi",
        "numara",
        "numarası",
        "kişisel",
        "özel",
        "ev",
        "sabit",
        "doğrudan",
        "diğer",
        "ikincil",
        "birincil",
        "elektronik",
    ],
    switchboard: &["santral", "santrali", "merkez", "resepsiyon", "ana hat"],
    company_ids: &[
        "vergi",
        "vergi no",
        "vergi numarası",
        "vergi dairesi",
        "vkn",
        "tckn",
        "tc kimlik",
        "kimlik",
        "mersis",
        "sicil",
    ],
    joins: &[
        "e posta",
        "e postası",
        "iş telefonu",
        "iş telefon",
        "iş tel",
        "iş eposta",
        "iş epostası",
        "iş maili",
        "iş mail",
        "soy isim",
        "soy adı",
    ],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn turkish_headers() {
        names(FirstName, "Ad");
        names(FirstName, "Adı");
        names(FirstName, "İsim");
        names(LastName, "Soyad");
        names(LastName, "Soyadı");
        names(LastName, "SOYADI");
        names(FullName, "Ad Soyad");
        names(FullName, "Adı Soyadı");
        names(FullName, "Yetkili");
        names(FullName, "İlgili Kişi");
        names(CompanyName, "Şirket");
        names(CompanyName, "Sirket");
        names(CompanyName, "Şirket Adı");
        names(CompanyName, "Firma Ünvanı");
        names(CompanyName, "Ticari Unvan");
        names(CompanyDomain, "Web Sitesi");
        names(CompanyDomain, "Web Adresi");
        names(Email, "E-posta");
        names(Email, "E-posta Adresi");
        names(Email, "İş E-postası");
        names(Phone, "Telefon");
        names(Phone, "Cep Telefonu");
        names(Phone, "İş Telefonu");
        names(Phone, "Is Telefonu");
        names(Phone, "Telefon Numarası");
        names(Phone, "GSM");
        names(Date, "Tarih");
        for h in [
            "Müşteri Temsilcisi",
            "Satış Temsilcisi",
            "Sorumlu",
            "Kayıt Sahibi",
            "Oluşturan",
            "Değiştiren",
            "Alıcı E-posta",
            "Yönlendiren",
            "Asistan",
            "Bizim Yetkilimiz",
            "Firmamızdaki Sorumlu",
        ] {
            someone_else(h);
        }
        for h in [
            "İzin Durumu",
            "E-posta Doğrulama",
            "Geçerli E-posta",
            "Geçersiz E-posta",
            "Neden",
            "Durum",
            "Kaynak",
            "Telefon Türü",
            "E-posta Sayısı",
            "Kayıt Tarihi",
            "Pazarlama Onayı",
        ] {
            not_a_value(h);
        }
        for h in [
            "Santral",
            "Şirket Santrali",
            "Santral Telefonu",
            "Vergi No",
            "Vergi Numarası",
            "Vergi Dairesi",
            "VKN",
            "TC Kimlik No",
            "Mersis No",
        ] {
            company_level(h);
        }
        nothing("Cep");
        nothing("Faks");
        nothing("Şirket Telefonu");
        nothing("Unvan");
    }
}
