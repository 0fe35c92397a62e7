//! Deterministic sample-data generator for enrichplan (std only).
//!
//! Writes a messy but realistic B2B contact list, and optionally a reveal log in the
//! exact layout of the vendor's contact export, for a given seed:
//!
//! ```text
//! cargo run --release --example gen_sample -- --rows 2000 --seed 7 \
//!     --out sample-data/contacts.csv --log sample-data/reveal-log.csv
//! cargo run --release --example gen_sample -- --rows 1000000 --seed 1 --out /tmp/big.csv
//! ```
//!
//! The contact list is comma-delimited UTF-8 without BOM, LF line endings, RFC 4180
//! quoting. The reveal log copies the vendor export byte for byte in layout: same header,
//! CRLF line endings. The contact list is identical whether or not `--log` is given.
//! Rows are streamed; only a bounded pool of recent people is kept for repeats (plus the
//! log entries when `--log` is given, so they can be sorted by date).
//! A summary of what was generated is printed to stderr.

use std::collections::VecDeque;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Instant;

const CONTACTS_HEADER: &str = "First Name,Last Name,Company,Website,Job Title,Email,Work Email,Phone,Mobile,LinkedIn URL,Country,Notes";

/// Header line of the vendor's contact export (copied verbatim, CRLF line endings).
const LOG_HEADER: &str = concat!(
    "Date,User,First Name,Last Name,Work Email,Work Email Confidence,Direct Email,",
    "Direct Email Confidence,Additional Email 1,Additional Email 1 Confidence,",
    "Additional Email 2,Additional Email 2 Confidence,Phone 1,Phone 1 Type,Phone 2,",
    "Phone 2 Type,Job Title,Seniority,Departments,LinkedIn URL,Continent,Country,State,",
    "City,Country ISO,Tags,Company Name,Company Domain,Company Description,",
    "Company Year Founded,Company Website,Company Number of Employees,Company Revenue,",
    "Company LinkedIn URL,Total Funding Amount,Total Number of Rounds,",
    "Last Round/Event Amount,Last Round/Event Type,Last Round/Event Date,IPO Status,",
    "IPO Date,Company Main Industry,Company Sub Industry,Company Technologies,",
    "Company SIC (Standard Industrial Classification),",
    "Company NAIC (North American Industry Classification),Company Specialties,",
    "Company Continent,Company Country,Company State,Company City,Company Country ISO,",
    "Company Number of Intent Topics,Company Intent Topics,Company Intent Level,",
    "Topic Count Trend"
);

/// Reveal dates are day offsets from 2026-09-20 (offset 0) to 2026-11-25 (offset 66).
const LAST_DAY: usize = 66;
/// 2026-11-14, the last day before the cycle that starts on 2026-11-15 (renewal 2026-12-15).
const DAY_BEFORE_CYCLE: usize = 55;
/// 2026-11-15, first day of the cycle 2026-11-15..2026-12-14.
const CYCLE_FIRST_DAY: usize = 56;

/// Pool of recent people that repeats are drawn from (bounded: memory stays flat).
const POOL_CAP: usize = 4096;
/// Number of companies hiring at any time.
const ACTIVE_COMPANIES: usize = 40;

// ---------------------------------------------------------------------------------------
// PRNG

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }
}

/// Bijective scramble of a 32-bit value (xorshift-multiply rounds are invertible), used
/// for LinkedIn slug suffixes so that they are unique per person.
fn perm32(x: u32) -> u32 {
    let mut x = x;
    x ^= x >> 16;
    x = x.wrapping_mul(0x7FEB_352D);
    x ^= x >> 15;
    x = x.wrapping_mul(0x846C_A68B);
    x ^ (x >> 16)
}

// ---------------------------------------------------------------------------------------
// Reference data

/// A naming culture as written in the source (lists separated by `;`).
/// Names are written `Display|ascii` when the display form is not plain ASCII.
struct LocaleSrc {
    iso: &'static str,
    weight: u32,
    countries: &'static str,
    continent: &'static str,
    cities: &'static str,
    li_sub: &'static str,
    tld: &'static str,
    cc: &'static str,
    trunk: bool,
    land: &'static str,
    mobile: &'static str,
    legal: &'static str,
    firsts: &'static str,
    lasts: &'static str,
}

/// A naming culture: name lists, country spellings, phone plan, LinkedIn subdomain.
struct Locale {
    iso: &'static str,
    weight: u32,
    countries: Vec<&'static str>,
    continent: &'static str,
    cities: Vec<&'static str>,
    li_sub: &'static str,
    tld: &'static str,
    cc: &'static str,
    trunk: bool,
    land: Vec<&'static str>,
    mobile: Vec<&'static str>,
    legal: Vec<&'static str>,
    firsts: Vec<&'static str>,
    lasts: Vec<&'static str>,
    /// ASCII forms of `firsts` / `lasts` for email addresses.
    firsts_a: Vec<String>,
    lasts_a: Vec<String>,
}

/// Reference data split into lists once.
struct Data {
    locales: Vec<Locale>,
    prefixes: Vec<&'static str>,
    stems: Vec<&'static str>,
    /// Indices into `TITLES` by country ISO ("" for English titles).
    titles: Vec<(&'static str, Vec<usize>)>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let split = |s: &'static str| s.split(';').collect::<Vec<_>>();
        Data {
            locales: LOCALE_SRC
                .iter()
                .map(|l| Locale {
                    iso: l.iso,
                    weight: l.weight,
                    countries: split(l.countries),
                    continent: l.continent,
                    cities: split(l.cities),
                    li_sub: l.li_sub,
                    tld: l.tld,
                    cc: l.cc,
                    trunk: l.trunk,
                    land: split(l.land),
                    mobile: split(l.mobile),
                    legal: split(l.legal),
                    firsts: split(l.firsts),
                    lasts: split(l.lasts),
                    firsts_a: l.firsts.split(';').map(ascii).collect(),
                    lasts_a: l.lasts.split(';').map(ascii).collect(),
                })
                .collect(),
            prefixes: split(PREFIXES),
            stems: split(STEMS),
            titles: {
                let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
                for (i, t) in TITLES.iter().enumerate() {
                    match groups.iter_mut().find(|(iso, _)| *iso == t.2) {
                        Some((_, v)) => v.push(i),
                        None => groups.push((t.2, vec![i])),
                    }
                }
                groups
            },
        }
    })
}

fn locale(i: usize) -> &'static Locale {
    &data().locales[i]
}

static LOCALE_SRC: &[LocaleSrc] = &[
    LocaleSrc {
        iso: "US",
        weight: 28,
        countries: "United States;USA;US;United States of America;U.S.",
        continent: "North America",
        cities: "New York;San Francisco;Chicago;Boston;Austin;Seattle",
        li_sub: "www",
        tld: "com",
        cc: "1",
        trunk: false,
        land: "212 555 01##;415 555 01##;312 555 01##;617 555 01##;512 555 01##",
        mobile: "917 555 01##;646 555 01##;206 555 01##",
        legal: " Inc.;, Inc.; LLC; Corp.;;",
        firsts: "James;Mary;John;Jennifer;Michael;Linda;David;Sarah;Chris;Jessica;Robert;Emily;Zoë|zoe;Brian;Ashley;Kevin;Megan;Tyler;Rachel;DeShawn;Aaliyah;Connor;Mary Ann|maryann;Renée|renee",
        lasts: "Smith;Johnson;Williams;Brown;Jones;Garcia;Miller;Davis;Rodriguez;Martinez;Anderson;Taylor;Thomas;Moore;Jackson;O'Connor;Washington;Kim;Patel;McDonald;St. James|stjames",
    },
    LocaleSrc {
        iso: "GB",
        weight: 12,
        countries: "United Kingdom;UK;GB;Great Britain;England",
        continent: "Europe",
        cities: "London;Manchester;Leeds;Bristol;Edinburgh",
        li_sub: "uk",
        tld: "co.uk",
        cc: "44",
        trunk: true,
        land: "20 7946 0###;161 496 0###;113 496 0###",
        mobile: "7700 900###",
        legal: " Ltd; Limited; plc; LLP;",
        firsts: "Oliver;Amelia;Harry;Isla;George;Sophie;Jack;Charlotte;Alfie;Freya;Siobhán|siobhan;Niamh;Rhys;Zoë|zoe;Callum;Imogen",
        lasts: "Smith;Jones;Taylor;Brown;Wilson;Evans;Roberts;Wright;Walker;Hughes;O'Brien;Fitzgerald;Clarke;Featherstonehaugh;Bowes-Lyon",
    },
    LocaleSrc {
        iso: "DE",
        weight: 9,
        countries: "Germany;DE;Deutschland",
        continent: "Europe",
        cities: "Berlin;München;Hamburg;Frankfurt am Main;Köln",
        li_sub: "de",
        tld: "de",
        cc: "49",
        trunk: true,
        land: "30 #######;89 ########;40 ########;69 #######",
        mobile: "151 ########;170 #######;176 ########",
        legal: " GmbH; AG; GmbH & Co. KG; SE",
        firsts: "Lukas;Anna;Jonas;Lea;Maximilian;Sophie;Felix;Marie;Jürgen|juergen;Jörg|joerg;Björn|bjoern;Käthe|kaethe;Uwe;Sabine;Dieter;Ute",
        lasts: "Müller|mueller;Schmidt;Schneider;Fischer;Weber;Meyer;Wagner;Becker;Schulz;Hoffmann;Schäfer|schaefer;Koch;Bauer;Groß|gross;Weiß|weiss;Köhler|koehler;von Brandenstein",
    },
    LocaleSrc {
        iso: "FR",
        weight: 6,
        countries: "France;FR",
        continent: "Europe",
        cities: "Paris;Lyon;Marseille;Toulouse;Lille",
        li_sub: "fr",
        tld: "fr",
        cc: "33",
        trunk: true,
        land: "1 ## ## ## ##;4 ## ## ## ##",
        mobile: "6 ## ## ## ##;7 ## ## ## ##",
        legal: " SAS; SA; SARL;",
        firsts: "Jean-Luc;Amélie|amelie;Hélène|helene;François|francois;Théo|theo;Chloé|chloe;Léa|lea;Mathieu;Camille;Inès|ines;Noël|noel;Gaëlle|gaelle;Benoît|benoit",
        lasts: "Martin;Bernard;Dubois;Robert;Richard;Petit;Durand;Lefèvre|lefevre;Moreau;Girard;Bonnet;Mercier;Dupont;Fournier;Béranger|beranger;de La Tour",
    },
    LocaleSrc {
        iso: "ES",
        weight: 6,
        countries: "Spain;ES;España",
        continent: "Europe",
        cities: "Madrid;Barcelona;Valencia;Sevilla;Bilbao",
        li_sub: "es",
        tld: "es",
        cc: "34",
        trunk: false,
        land: "91 ### ## ##;93 ### ## ##",
        mobile: "6## ### ###",
        legal: " S.L.;, S.L.; S.A.",
        firsts: "José|jose;María|maria;Jesús|jesus;Lucía|lucia;Álvaro|alvaro;Sofía|sofia;Javier;Carmen;Pablo;Núria|nuria;Iñaki|inaki;Begoña|begona;Raúl|raul;María José|mariajose",
        lasts: "García|garcia;Fernández|fernandez;González|gonzalez;Rodríguez|rodriguez;López|lopez;Martínez|martinez;Sánchez|sanchez;Pérez|perez;Gómez|gomez;Muñoz|munoz;Ibáñez|ibanez;Peña|pena;Ortega;del Río|delrio",
    },
    LocaleSrc {
        iso: "BR",
        weight: 4,
        countries: "Brazil;BR;Brasil",
        continent: "South America",
        cities: "São Paulo;Rio de Janeiro;Belo Horizonte;Curitiba",
        li_sub: "br",
        tld: "com.br",
        cc: "55",
        trunk: false,
        land: "11 3###-####;21 2###-####",
        mobile: "11 9####-####;21 9####-####",
        legal: " Ltda.; S.A.",
        firsts: "João|joao;Ana;Luís|luis;Beatriz;Gabriel;Júlia|julia;Thiago;Letícia|leticia;Conceição|conceicao;Rafael",
        lasts: "Silva;Santos;Oliveira;Souza;Pereira;Lima;Carvalho;Gonçalves|goncalves;Araújo|araujo;Magalhães|magalhaes;Simões|simoes",
    },
    LocaleSrc {
        iso: "PL",
        weight: 4,
        countries: "Poland;PL;Polska",
        continent: "Europe",
        cities: "Warszawa;Kraków;Wrocław;Łódź;Gdańsk",
        li_sub: "pl",
        tld: "pl",
        cc: "48",
        trunk: false,
        land: "22 ### ## ##;12 ### ## ##",
        mobile: "5## ### ###;6## ### ###",
        legal: " Sp. z o.o.; S.A.",
        firsts: "Łukasz|lukasz;Małgorzata|malgorzata;Paweł|pawel;Agnieszka;Krzysztof;Zofia;Wojciech;Katarzyna;Michał|michal;Bożena|bozena;Grzegorz;Jędrzej|jedrzej",
        lasts: "Nowak;Kowalski;Wiśniewski|wisniewski;Wójcik|wojcik;Kowalczyk;Kamiński|kaminski;Lewandowski;Zieliński|zielinski;Woźniak|wozniak;Dąbrowski|dabrowski;Żak|zak;Łuczak|luczak",
    },
    LocaleSrc {
        iso: "DK",
        weight: 2,
        countries: "Denmark;DK;Danmark",
        continent: "Europe",
        cities: "København;Aarhus;Odense;Aalborg",
        li_sub: "dk",
        tld: "dk",
        cc: "45",
        trunk: false,
        land: "32 ## ## ##;33 ## ## ##",
        mobile: "2# ## ## ##",
        legal: " A/S; ApS",
        firsts: "Søren|soren;Mette;Rasmus;Freja;Mikkel;Ida;Anders;Jørgen|jorgen",
        lasts: "Jensen;Nielsen;Hansen;Pedersen;Christensen;Sørensen|sorensen;Jørgensen|jorgensen;Mølgaard|molgaard;Kjær|kjaer;Æbelø|aebelo",
    },
    LocaleSrc {
        iso: "SE",
        weight: 2,
        countries: "Sweden;SE;Sverige",
        continent: "Europe",
        cities: "Stockholm;Göteborg;Malmö;Uppsala",
        li_sub: "se",
        tld: "se",
        cc: "46",
        trunk: true,
        land: "8 ### ### ##;31 ## ## ##",
        mobile: "70 ### ## ##",
        legal: " AB",
        firsts: "Åsa|asa;Björn|bjorn;Linnéa|linnea;Erik;Elin;Olle;Märta|marta;Ingrid",
        lasts: "Andersson;Johansson;Karlsson;Nilsson;Öberg|oberg;Åkesson|akesson;Lindström|lindstrom;Söderberg|soderberg",
    },
    LocaleSrc {
        iso: "NO",
        weight: 1,
        countries: "Norway;NO;Norge",
        continent: "Europe",
        cities: "Oslo;Bergen;Trondheim",
        li_sub: "no",
        tld: "no",
        cc: "47",
        trunk: false,
        land: "22 ## ## ##",
        mobile: "9## ## ###",
        legal: " AS; ASA",
        firsts: "Øystein|oystein;Ingrid;Håkon|hakon;Kari;Bjørn|bjorn;Solveig",
        lasts: "Hansen;Johansen;Olsen;Haugen;Bråten|braten;Ødegård|odegard",
    },
    LocaleSrc {
        iso: "NL",
        weight: 3,
        countries: "Netherlands;NL;The Netherlands;Holland",
        continent: "Europe",
        cities: "Amsterdam;Rotterdam;Utrecht;Eindhoven",
        li_sub: "nl",
        tld: "nl",
        cc: "31",
        trunk: true,
        land: "20 ### ####;10 ### ####",
        mobile: "6 ########",
        legal: " B.V.; N.V.",
        firsts: "Daan;Sanne;Bram;Lotte;Sem;Femke;Joost;Anouk;Ruud;Eline",
        lasts: "de Jong;Jansen;de Vries;van den Berg;van Dijk;Bakker;Visser;Smit;Meijer;de Boer;van 't Hoff",
    },
    LocaleSrc {
        iso: "VN",
        weight: 3,
        countries: "Vietnam;VN;Viet Nam;Việt Nam",
        continent: "Asia",
        cities: "Hồ Chí Minh;Hà Nội;Đà Nẵng",
        li_sub: "vn",
        tld: "vn",
        cc: "84",
        trunk: true,
        land: "28 3### ####;24 3### ####",
        mobile: "9# ### ####",
        legal: " Co., Ltd.; JSC",
        firsts: "Minh;Lan;Hùng|hung;Thảo|thao;Tuấn|tuan;Phương|phuong;Dũng|dung;Ngọc|ngoc;Quân|quan;Hương|huong;Anh;Trang",
        lasts: "Nguyễn|nguyen;Trần|tran;Lê|le;Phạm|pham;Hoàng|hoang;Huỳnh|huynh;Phan;Vũ|vu;Võ|vo;Đặng|dang;Bùi|bui;Đỗ|do",
    },
    LocaleSrc {
        iso: "JP",
        weight: 3,
        countries: "Japan;JP;日本",
        continent: "Asia",
        cities: "Tokyo;Osaka;Yokohama;Fukuoka",
        li_sub: "jp",
        tld: "co.jp",
        cc: "81",
        trunk: true,
        land: "3-####-####;6-####-####",
        mobile: "90-####-####",
        legal: " K.K.; Co., Ltd.",
        firsts: "Shōhei|shohei;Yūki|yuki;Haruto;Sakura;Ren;Yui;Kenji;Aiko;Takashi;Ryōta|ryota;Hana",
        lasts: "Ōtani|otani;Satō|sato;Suzuki;Takahashi;Tanaka;Watanabe;Itō|ito;Yamamoto;Nakamura;Katō|kato",
    },
    LocaleSrc {
        iso: "JP",
        weight: 1,
        countries: "Japan;JP;日本",
        continent: "Asia",
        cities: "東京;大阪;Tokyo",
        li_sub: "jp",
        tld: "co.jp",
        cc: "81",
        trunk: true,
        land: "3-####-####",
        mobile: "80-####-####",
        legal: " K.K.",
        firsts: "翔太|shota;美咲|misaki;大輔|daisuke;陽菜|hina",
        lasts: "佐藤|sato;鈴木|suzuki;高橋|takahashi;田中|tanaka;大谷|otani",
    },
    LocaleSrc {
        iso: "IN",
        weight: 5,
        countries: "India;IN",
        continent: "Asia",
        cities: "Bengaluru;Mumbai;Pune;Hyderabad;Chennai",
        li_sub: "in",
        tld: "in",
        cc: "91",
        trunk: true,
        land: "22 ####-####;80 ####-####",
        mobile: "9#### #####;8#### #####",
        legal: " Pvt. Ltd.; Private Limited; Ltd.",
        firsts: "Aarav;Priya;Rohan;Ananya;Vikram;Sneha;Arjun;Kavya;Rahul;Deepika;Siddharth;Lakshmi",
        lasts: "Sharma;Patel;Singh;Kumar;Gupta;Reddy;Iyer;Nair;Chatterjee;Mehta;Venkataraman",
    },
    LocaleSrc {
        iso: "CN",
        weight: 2,
        countries: "China;CN;中国",
        continent: "Asia",
        cities: "Shanghai;Beijing;Shenzhen;Hangzhou",
        li_sub: "cn",
        tld: "cn",
        cc: "86",
        trunk: true,
        land: "10 #### ####;21 #### ####",
        mobile: "138 #### ####;139 #### ####",
        legal: " Co., Ltd.; Ltd.",
        firsts: "Wei;Fang;Min;Jing;Lei;Yan;Hao;Xiaoming;Zhiwei",
        lasts: "Wang;Li;Zhang;Liu;Chen;Yang;Huang;Zhao;Wu;Zhou",
    },
    LocaleSrc {
        iso: "CN",
        weight: 1,
        countries: "China;CN;中国",
        continent: "Asia",
        cities: "上海;北京;Shenzhen",
        li_sub: "cn",
        tld: "cn",
        cc: "86",
        trunk: true,
        land: "21 #### ####",
        mobile: "186 #### ####",
        legal: " Co., Ltd.",
        firsts: "伟|wei;芳|fang;静|jing;磊|lei;娜|na",
        lasts: "王|wang;李|li;张|zhang;刘|liu;陈|chen",
    },
    LocaleSrc {
        iso: "GR",
        weight: 1,
        countries: "Greece;GR;Ελλάδα",
        continent: "Europe",
        cities: "Athens;Αθήνα;Thessaloniki",
        li_sub: "gr",
        tld: "gr",
        cc: "30",
        trunk: false,
        land: "21# ### ####",
        mobile: "69# ### ####",
        legal: " S.A.; IKE",
        firsts: "Γιώργος|giorgos;Μαρία|maria;Νίκος|nikos;Ελένη|eleni",
        lasts: "Παπαδόπουλος|papadopoulos;Γεωργίου|georgiou;Οικονόμου|oikonomou;Νικολάου|nikolaou",
    },
    LocaleSrc {
        iso: "UA",
        weight: 2,
        countries: "Ukraine;UA;Україна",
        continent: "Europe",
        cities: "Kyiv;Lviv;Kharkiv;Київ",
        li_sub: "ua",
        tld: "com.ua",
        cc: "380",
        trunk: true,
        land: "44 ### ## ##;32 ### ## ##",
        mobile: "67 ### ## ##;50 ### ## ##",
        legal: " LLC; ТОВ|tov",
        firsts: "Olena;Andrii;Taras;Iryna;Oleksandr;Олена|olena;Андрій|andrii",
        lasts: "Shevchenko;Kovalenko;Tkachenko;Melnyk;Шевченко|shevchenko;Бондаренко|bondarenko",
    },
    LocaleSrc {
        iso: "IE",
        weight: 2,
        countries: "Ireland;IE;Éire",
        continent: "Europe",
        cities: "Dublin;Cork;Galway",
        li_sub: "ie",
        tld: "ie",
        cc: "353",
        trunk: true,
        land: "1 ### ####;21 ### ####",
        mobile: "8# ### ####",
        legal: " Ltd; DAC; Teoranta",
        firsts: "Seán|sean;Aoife;Oisín|oisin;Saoirse;Ciarán|ciaran;Niamh;Pádraig|padraig;Róisín|roisin;Conor",
        lasts: "Murphy;Kelly;O'Sullivan;Walsh;O'Brien;Byrne;Ryan;Ó Briain|obriain;Mac Giolla Phádraig|macgiollaphadraig",
    },
    LocaleSrc {
        iso: "CA",
        weight: 3,
        countries: "Canada;CA",
        continent: "North America",
        cities: "Toronto;Montréal;Vancouver;Québec",
        li_sub: "ca",
        tld: "ca",
        cc: "1",
        trunk: false,
        land: "416 555 01##;604 555 01##;514 555 01##",
        mobile: "647 555 01##",
        legal: " Inc.; Ltd.; Ltée",
        firsts: "Liam;Chloé|chloe;Noah;Émilie|emilie;Benjamin;Olivia;Mathéo|matheo",
        lasts: "Tremblay;Gagnon;Roy;Côté|cote;Bouchard;Gauthier;MacDonald;Wong",
    },
    LocaleSrc {
        iso: "AU",
        weight: 3,
        countries: "Australia;AU",
        continent: "Oceania",
        cities: "Sydney;Melbourne;Brisbane;Perth",
        li_sub: "au",
        tld: "com.au",
        cc: "61",
        trunk: true,
        land: "2 #### ####;3 #### ####",
        mobile: "4## ### ###",
        legal: " Pty Ltd; Pty. Ltd.",
        firsts: "Jack;Charlotte;Lachlan;Matilda;Cooper;Ruby;Mia;Harrison",
        lasts: "Smith;Jones;Williams;Wilson;Nguyen;Kelly;Mitchell",
    },
    LocaleSrc {
        iso: "IL",
        weight: 2,
        countries: "Israel;IL",
        continent: "Asia",
        cities: "Tel Aviv;Jerusalem;Haifa;Herzliya",
        li_sub: "il",
        tld: "co.il",
        cc: "972",
        trunk: true,
        land: "3-###-####;9-###-####",
        mobile: "5#-###-####",
        legal: " Ltd.;",
        firsts: "Noa;Yossi;Tamar;Itai;Maya;Omer;Shira;Eitan",
        lasts: "Cohen;Levi;Mizrahi;Peretz;Biton;Friedman;Avraham;Ben-David",
    },
];

/// Hand-written companies (name, domain, locale ISO, industry), used first.
static NOTABLE: &[(&str, &str, &str, &str)] = &[
    ("Smith, Jones & Co", "smithjones.co.uk", "GB", "Consulting"),
    ("\"Acme\" Labs", "acmelabs.io", "US", "Labs"),
    (
        "Müller & Söhne GmbH",
        "mueller-soehne.de",
        "DE",
        "Logistics",
    ),
    (
        "Big \"Blue\" Widgets, Inc.",
        "bigbluewidgets.com",
        "US",
        "Robotics",
    ),
    (
        "Nguyễn Trading Co., Ltd.",
        "nguyentrading.vn",
        "VN",
        "Retail",
    ),
    ("O'Brien & Sons", "obrienandsons.ie", "IE", "Foods"),
    (
        "Łódź Software Sp. z o.o.",
        "lodzsoftware.pl",
        "PL",
        "Software",
    ),
    ("Café Olé, S.L.", "cafeole.es", "ES", "Foods"),
    ("Nordisk Ølbryggeri A/S", "olbryggeri.dk", "DK", "Foods"),
    ("株式会社サクラテック", "sakuratech.co.jp", "JP", "Software"),
    (
        "Société Générale de Logiciels",
        "sgl-logiciels.fr",
        "FR",
        "Software",
    ),
    (
        "Johnson, Johnson and Partners LLP",
        "jjpartners.com",
        "US",
        "Partners",
    ),
    ("Initech", "initech.com", "US", "Software"),
    ("Globex Corporation", "globex-corp.com", "US", "Energy"),
    (
        "Umbrella Health, Inc.",
        "umbrellahealth.com",
        "US",
        "Health",
    ),
    ("Hooli", "hooli.xyz", "US", "Networks"),
    (
        "Vandelay Industries",
        "vandelay-industries.com",
        "US",
        "Logistics",
    ),
    (
        "Stark & Wayne Consulting",
        "starkwayne.co",
        "GB",
        "Consulting",
    ),
    ("Tyrell Corp.", "tyrell.ai", "US", "Robotics"),
    ("Wonka Industries Ltd", "wonka.co.uk", "GB", "Foods"),
];

static PREFIXES: &str = "Blue;Red;North;Bright;Silver;Iron;Green;Swift;Clear;Prime;Nova;Apex;Summit;Harbor;Cedar;Maple;Granite;Atlas;Orbit;Vector;Pixel;Quantum;Lumen;Polar;Crimson;Golden;Falcon;Eagle;Pine;Oak;River;Cloud;Bold;True;Open;Rapid;Alpine;Coastal;Urban;Delta;Sigma;Zenith;Echo;Fusion;Helix;Kinetic;Lunar;Solar;Terra;Vertex;Wave;Arrow;Beacon;Crest;Nimbus;Copper;Amber;Indigo;Juniper;Willow";

static STEMS: &str = "works;stack;path;point;line;gate;forge;field;bridge;mark;wise;scale;shift;loop;leaf;ridge;spring;light;craft;base;hub;wing;view;vale;sight;cast;grid;flow;port;haven;peak;tide;well;yard;rock;star;fox;bird;crown;core";

/// Industry word in the company name, and the main industry shown by the vendor.
static INDUSTRIES: &[(&str, &str)] = &[
    ("Analytics", "Computer Software"),
    ("Labs", "Research"),
    ("Systems", "Information Technology & Services"),
    ("Software", "Computer Software"),
    ("Logistics", "Transportation/Trucking/Railroad"),
    ("Health", "Hospital & Health Care"),
    ("Capital", "Financial Services"),
    ("Media", "Marketing & Advertising"),
    ("Consulting", "Management Consulting"),
    ("Robotics", "Machinery"),
    ("Energy", "Renewables & Environment"),
    ("Foods", "Food & Beverages"),
    ("Security", "Computer & Network Security"),
    ("Networks", "Telecommunications"),
    ("Partners", "Professional Services"),
    ("Solutions", "Information Technology & Services"),
    ("Bio", "Biotechnology"),
    ("Mobility", "Automotive"),
    ("Retail", "Retail"),
    ("Studio", "Design"),
];

/// Suffixes used once all prefix/stem/industry triples are taken (name part, domain part).
static ROUNDS: &[(&str, &str)] = &[
    ("", ""),
    (" International", "-intl"),
    (" Europe", "-europe"),
    (" Group", "-group"),
    (" Holdings", "-holdings"),
    (" Americas", "-americas"),
    (" Asia Pacific", "-apac"),
];

static EMPLOYEE_BANDS: &[&str] = &[
    "1-10",
    "11-50",
    "51-200",
    "201-500",
    "501-1000",
    "1001-5000",
    "5001-10000",
    "10001+",
];

/// Job titles with the vendor's department, and the country (ISO) of local-language ones.
static TITLES: &[(&str, &str, &str)] = &[
    ("CEO", "General Management", ""),
    ("Co-Founder & CTO", "Engineering & Technical", ""),
    ("Chief Financial Officer", "Finance", ""),
    ("VP, Sales", "Sales", ""),
    ("VP of Marketing", "Marketing", ""),
    ("Director, Product Marketing", "Marketing", ""),
    ("Director of Sales, EMEA", "Sales", ""),
    ("Head of R&D", "Research & Development", ""),
    ("Head of People", "Human Resources", ""),
    ("Senior Software Engineer", "Engineering & Technical", ""),
    ("Software Engineer", "Engineering & Technical", ""),
    ("Data Scientist", "Engineering & Technical", ""),
    ("Account Executive", "Sales", ""),
    ("Senior Account Executive", "Sales", ""),
    ("Sales Development Representative", "Sales", ""),
    ("Marketing Manager", "Marketing", ""),
    ("Growth Marketing Lead", "Marketing", ""),
    ("Procurement Lead", "Operations", ""),
    ("Operations Manager", "Operations", ""),
    ("IT Manager", "Information Technology", ""),
    ("Customer Success Manager", "Customer Service", ""),
    ("Office Manager", "Administrative", ""),
    ("Product Manager", "Product", ""),
    ("Finance Director", "Finance", ""),
    ("Geschäftsführer", "General Management", "DE"),
    ("Einkaufsleiter", "Operations", "DE"),
    ("Directeur Commercial", "Sales", "FR"),
    ("Responsable Achats", "Operations", "FR"),
    ("Kierownik ds. sprzedaży", "Sales", "PL"),
    ("営業部長", "Sales", "JP"),
    ("Partner", "General Management", ""),
    ("\"Chief Happiness Officer\"", "Human Resources", ""),
    ("Intern", "Other", ""),
];

static NOTES: &[&str] = &[
    "Met at Web Summit 2025",
    "Prefers email, not calls",
    "Intro via Dana, follow up in Q1",
    "Said \"not now\", try again after budget cycle",
    "Champion; decision maker is the CFO",
    "Do not contact — asked to be removed",
    "Wants pricing for 50 seats, 2-year term",
    "Former customer (2023); churned",
    "👍 warm lead",
    "Bounced email — check address",
    "Owner: Sam / territory EMEA, DACH",
    "Asked for \"enterprise\" tier; budget ~€40k",
    "Imported from trade-show scanner",
    "PA: Ms. O'Neill, ext. 204",
];

/// Notes with an embedded line break (used rarely).
static MULTILINE_NOTES: &[&str] = &[
    "Called 3x, no answer.\nLeft voicemail on 2026-10-02",
    "Address:\n1 Infinite Loop, Cupertino",
    "Next steps:\n- send deck\n- book \"intro\" call",
];

static PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "hotmail.co.uk",
    "gmx.de",
    "icloud.com",
    "proton.me",
    "web.de",
    "orange.fr",
];

static LOG_USERS: &[&str] = &[
    "maya.cohen@pipelinepros.io",
    "tom.becker@pipelinepros.io",
    "ops@pipelinepros.io",
];

// ---------------------------------------------------------------------------------------
// Text helpers

fn display(raw: &'static str) -> &'static str {
    raw.split_once('|').map_or(raw, |(d, _)| d)
}

/// ASCII form of a name for email addresses: lower case, letters, digits and hyphens.
fn ascii(raw: &str) -> String {
    let a = raw.split_once('|').map_or(raw, |(_, a)| a);
    a.chars()
        .filter_map(|c| match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '-' => Some(c),
            _ => None,
        })
        .collect()
}

/// Slug part from a display name, keeping non-ASCII letters (LinkedIn allows them).
fn unicode_slug_part(display: &str) -> String {
    display
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '\'' | '.' => None,
            _ => Some(c),
        })
        .collect()
}

fn pct_encode(s: &str, lower_hex: bool) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else if lower_hex {
            out.push_str(&format!("%{b:02x}"));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Appends one CSV field with RFC 4180 quoting.
fn push_field(line: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

fn write_record<W: Write>(
    out: &mut W,
    line: &mut String,
    fields: &[String],
    eol: &str,
) -> std::io::Result<()> {
    line.clear();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_field(line, f);
    }
    line.push_str(eol);
    out.write_all(line.as_bytes())
}

fn date_of(day: usize) -> String {
    match day {
        0..=10 => format!("2026-09-{:02}", 20 + day),
        11..=41 => format!("2026-10-{:02}", day - 10),
        _ => format!("2026-11-{:02}", day - 41),
    }
}

// ---------------------------------------------------------------------------------------
// People and companies

struct CompanyInfo {
    name: String,
    domain: String,
    li_slug: String,
    loc: usize,
    industry: &'static str,
    employees: &'static str,
    founded: u16,
}

struct Slot {
    info: Rc<CompanyInfo>,
    pattern: usize,
    cap: usize,
    used: Vec<String>,
}

struct Person {
    first: &'static str,
    last: &'static str,
    first_a: String,
    last_a: String,
    loc: usize,
    company: Rc<CompanyInfo>,
    title: usize,
    email: String,
    slug: Option<String>,
    phone: String,
    mobile: String,
    city: &'static str,
}

/// One written row of a person, as remembered for later repeats.
#[derive(Clone)]
struct Entry {
    p: Rc<Person>,
    /// Valid emails written on that row (lower-case canonical form).
    emails: Vec<String>,
    /// Whether the person's LinkedIn URL was written on that row, and in which form.
    li_form: Option<usize>,
    company: Rc<CompanyInfo>,
    title: usize,
    /// 0 for a person's first row, otherwise 1 + depth of the row it repeats.
    depth: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Reveal {
    Email,
    Phone,
    Both,
}

#[derive(Default)]
struct Stats {
    fresh: usize,
    rep_case: usize,
    rep_li_form: usize,
    rep_spaces: usize,
    rep_li_only: usize,
    rep_email_adds_li: usize,
    rep_of_rep: usize,
    abc_chains: usize,
    unmatch_no_company: usize,
    unmatch_first_only: usize,
    email_missing: usize,
    email_invalid: usize,
    personal_plus_work: usize,
    li_person: usize,
    li_company: usize,
    phone_empty: usize,
    phone_na: usize,
    notes: usize,
    notes_multiline: usize,
    log_people: usize,
    log_entries: usize,
    log_in_cycle: usize,
    log_out_cycle: usize,
    log_outsiders: usize,
    log_rereveals: usize,
    log_email_only: usize,
    log_phone_only: usize,
    log_both: usize,
    log_key_email: usize,
    log_key_li: usize,
    log_key_both: usize,
}

const NCOLS: usize = 12;
type Row = [String; NCOLS];
const F_FIRST: usize = 0;
const F_LAST: usize = 1;
const F_COMPANY: usize = 2;
const F_WEBSITE: usize = 3;
const F_TITLE: usize = 4;
const F_EMAIL: usize = 5;
const F_WORK_EMAIL: usize = 6;
const F_PHONE: usize = 7;
const F_MOBILE: usize = 8;
const F_LINKEDIN: usize = 9;
const F_COUNTRY: usize = 10;
const F_NOTES: usize = 11;

/// Column positions in the vendor header.
struct LogCols {
    n: usize,
    date: usize,
    user: usize,
    first: usize,
    last: usize,
    work_email: usize,
    work_email_conf: usize,
    phone1: usize,
    phone1_type: usize,
    phone2: usize,
    phone2_type: usize,
    title: usize,
    seniority: usize,
    departments: usize,
    linkedin: usize,
    continent: usize,
    country: usize,
    city: usize,
    country_iso: usize,
    company: usize,
    company_domain: usize,
    company_founded: usize,
    company_website: usize,
    company_employees: usize,
    company_linkedin: usize,
    company_industry: usize,
    company_continent: usize,
    company_country: usize,
    company_country_iso: usize,
}

impl LogCols {
    fn new() -> Self {
        let names: Vec<&str> = LOG_HEADER.split(',').collect();
        let c = |name: &str| {
            names
                .iter()
                .position(|n| *n == name)
                .unwrap_or_else(|| panic!("column {name} missing from vendor header"))
        };
        LogCols {
            n: names.len(),
            date: c("Date"),
            user: c("User"),
            first: c("First Name"),
            last: c("Last Name"),
            work_email: c("Work Email"),
            work_email_conf: c("Work Email Confidence"),
            phone1: c("Phone 1"),
            phone1_type: c("Phone 1 Type"),
            phone2: c("Phone 2"),
            phone2_type: c("Phone 2 Type"),
            title: c("Job Title"),
            seniority: c("Seniority"),
            departments: c("Departments"),
            linkedin: c("LinkedIn URL"),
            continent: c("Continent"),
            country: c("Country"),
            city: c("City"),
            country_iso: c("Country ISO"),
            company: c("Company Name"),
            company_domain: c("Company Domain"),
            company_founded: c("Company Year Founded"),
            company_website: c("Company Website"),
            company_employees: c("Company Number of Employees"),
            company_linkedin: c("Company LinkedIn URL"),
            company_industry: c("Company Main Industry"),
            company_continent: c("Company Continent"),
            company_country: c("Company Country"),
            company_country_iso: c("Company Country ISO"),
        }
    }
}

fn seniority(title: &str) -> &'static str {
    let has = |w: &str| title.contains(w);
    if has("Chief") || has("CEO") || has("CTO") || has("Founder") || has("Geschäftsführer") {
        "C-Level"
    } else if has("VP") || has("Partner") {
        "VP"
    } else if has("Director") || has("Head") || has("Directeur") || has("部長") {
        "Director"
    } else if has("Manager") || has("Lead") || has("leiter") || has("Responsable") {
        "Manager"
    } else if has("Senior") {
        "Senior"
    } else if has("Intern") {
        "Entry"
    } else {
        ""
    }
}

struct Gen {
    rng: Rng,
    seed_mix: u32,
    loc_weights: Vec<u32>,
    slots: Vec<Slot>,
    next_company: usize,
    next_person: u32,
    personal_seq: u64,
    pool: Vec<Entry>,
    pool_next: usize,
    chain_pending: VecDeque<Entry>,
    log_cols: LogCols,
    /// Buffered log rows (day, fields) when a log is written.
    log_rows: Option<Vec<(usize, Vec<String>)>>,
    stats: Stats,
}

impl Gen {
    fn new(seed: u64, with_log: bool) -> Self {
        let mut g = Gen {
            rng: Rng(seed ^ 0x0E4C_A1C7_5A3B_1E00),
            seed_mix: (seed as u32) ^ ((seed >> 32) as u32) ^ 0xA5A5_5A5A,
            loc_weights: data().locales.iter().map(|l| l.weight).collect(),
            slots: Vec::with_capacity(ACTIVE_COMPANIES),
            next_company: 0,
            next_person: 0,
            personal_seq: 0,
            pool: Vec::with_capacity(POOL_CAP.min(4096)),
            pool_next: 0,
            chain_pending: VecDeque::new(),
            log_cols: LogCols::new(),
            log_rows: with_log.then(Vec::new),
            stats: Stats::default(),
        };
        for _ in 0..ACTIVE_COMPANIES {
            let s = g.make_company();
            g.slots.push(s);
        }
        g
    }

    fn pick_locale(&mut self) -> usize {
        self.rng.weighted(&self.loc_weights)
    }

    fn make_company(&mut self) -> Slot {
        let id = self.next_company;
        self.next_company += 1;
        let rng = &mut self.rng;
        let (name, domain, loc, industry) = if let Some(&(n, d, iso, ind)) = NOTABLE.get(id) {
            let loc = data()
                .locales
                .iter()
                .position(|l| l.iso == iso)
                .unwrap_or(0);
            (n.to_string(), d.to_string(), loc, ind)
        } else {
            let (prefixes, stems) = (&data().prefixes, &data().stems);
            let n = prefixes.len() * stems.len() * INDUSTRIES.len();
            let k = id - NOTABLE.len();
            // 7919 is coprime with n, so this walks all triples in a scrambled order.
            let r = (k % n * 7919 + 104_729) % n;
            let round = k / n;
            let p = prefixes[r % prefixes.len()];
            let s = stems[(r / prefixes.len()) % stems.len()];
            let (ind, _) = INDUSTRIES[r / (prefixes.len() * stems.len())];
            let (round_name, round_dom) = match ROUNDS.get(round) {
                Some(&(a, b)) => (a.to_string(), b.to_string()),
                None => (format!(" {round}"), format!("-{round}")),
            };
            let loc = rng.weighted(&self.loc_weights);
            let l = locale(loc);
            let legal = display(rng.pick_str(&l.legal));
            let name = format!("{p}{s} {ind}{round_name}{legal}");
            let sep = if rng.chance(0.4) { "-" } else { "" };
            let tld = match rng.weighted(&[60, 28, 12]) {
                0 => l.tld,
                1 => "com",
                _ => *rng.pick(&["io", "ai", "co", "net"]),
            };
            let domain = format!(
                "{}{sep}{}{round_dom}.{tld}",
                format!("{p}{s}").to_lowercase(),
                ind.to_lowercase()
            );
            (name, domain, loc, ind)
        };
        let li_slug = domain.split('.').next().unwrap_or_default().to_string();
        let cap = match rng.weighted(&[40, 35, 20, 5]) {
            0 => rng.range(1, 3),
            1 => rng.range(4, 12),
            2 => rng.range(13, 40),
            _ => rng.range(41, 120),
        };
        let band = (cap / 8 + rng.below(3)).min(EMPLOYEE_BANDS.len() - 1);
        let info = CompanyInfo {
            name,
            domain,
            li_slug,
            loc,
            industry: INDUSTRIES
                .iter()
                .find(|(w, _)| *w == industry)
                .map_or("", |(_, v)| v),
            employees: EMPLOYEE_BANDS[band],
            founded: 1950 + rng.below(75) as u16,
        };
        Slot {
            info: Rc::new(info),
            pattern: rng.weighted(&[72, 8, 3, 4, 4, 3, 6]),
            cap,
            used: Vec::new(),
        }
    }

    /// Reserves a unique local part at a company (appends a number on a clash).
    fn claim_local(&mut self, si: usize, local: String) -> String {
        let slot = &mut self.slots[si];
        let mut cand = local.clone();
        let mut n = 2;
        while slot.used.contains(&cand) {
            cand = format!("{local}{n}");
            n += 1;
        }
        slot.used.push(cand.clone());
        cand
    }

    /// Takes an employee at company slot `si`; replaces the company once it is full.
    fn hire(&mut self, si: usize, first_a: &str, last_a: &str) -> (Rc<CompanyInfo>, String) {
        let pattern = self.slots[si].pattern;
        let local = email_local(first_a, last_a, pattern);
        let local = self.claim_local(si, local);
        let info = self.slots[si].info.clone();
        let email = format!("{local}@{}", info.domain);
        if self.slots[si].used.len() >= self.slots[si].cap {
            self.slots[si] = self.make_company();
        }
        (info, email)
    }

    fn new_person(&mut self) -> Person {
        let id = self.next_person;
        self.next_person += 1;
        let si = self.rng.below(self.slots.len());
        let loc = if self.rng.chance(0.7) {
            self.slots[si].info.loc
        } else {
            self.pick_locale()
        };
        let l = locale(loc);
        // Prefer a name whose email is still free at this company.
        let (mut fi, mut li) = (0, 0);
        for _ in 0..8 {
            fi = self.rng.below(l.firsts.len());
            li = self.rng.below(l.lasts.len());
            let local = email_local(&l.firsts_a[fi], &l.lasts_a[li], self.slots[si].pattern);
            if !self.slots[si].used.contains(&local) {
                break;
            }
        }
        let first_a = l.firsts_a[fi].clone();
        let last_a = l.lasts_a[li].clone();
        let (company, email) = self.hire(si, &first_a, &last_a);
        let (first, last) = (display(l.firsts[fi]), display(l.lasts[li]));
        let slug = if self.rng.chance(0.86) {
            let suffix = format!("{:08x}", perm32(id ^ self.seed_mix));
            let non_ascii = !first.is_ascii() || !last.is_ascii();
            let base = if non_ascii && self.rng.chance(0.5) {
                format!("{}-{}", unicode_slug_part(first), unicode_slug_part(last))
            } else {
                match self.rng.weighted(&[70, 20, 10]) {
                    0 => format!("{first_a}-{last_a}"),
                    1 => format!("{first_a}{last_a}"),
                    _ => format!("{}{last_a}", &first_a[..1]),
                }
            };
            Some(format!("{base}-{suffix}"))
        } else {
            None
        };
        let phone = fill_pattern(&mut self.rng, &l.land);
        let mobile = fill_pattern(&mut self.rng, &l.mobile);
        Person {
            first,
            last,
            first_a,
            last_a,
            loc,
            company,
            title: pick_title(&mut self.rng, loc),
            email,
            slug,
            phone,
            mobile,
            city: self.rng.pick_str(&l.cities),
        }
    }

    fn personal_email(&mut self, p: &Person) -> String {
        self.personal_seq += 1;
        let n = self.personal_seq;
        let dom = self.rng.pick(PERSONAL_DOMAINS);
        match self.rng.below(3) {
            0 => format!("{}.{}{n}@{dom}", p.first_a, p.last_a),
            1 => format!("{}{}{n}@{dom}", p.first_a, p.last_a),
            _ => format!("{}{}.{n}@{dom}", &p.first_a[..1], p.last_a),
        }
    }

    fn remember(&mut self, e: Entry) {
        if self.pool.len() < POOL_CAP {
            self.pool.push(e);
        } else {
            self.pool[self.pool_next] = e;
            self.pool_next = (self.pool_next + 1) % POOL_CAP;
        }
    }

    /// Website, title, phones, country and notes: drawn afresh for every row.
    fn fill_common(&mut self, row: &mut Row, p: &Person, company: &CompanyInfo, title: usize) {
        row[F_WEBSITE] = website(&mut self.rng, &company.domain);
        row[F_TITLE] = if self.rng.chance(0.05) {
            String::new()
        } else {
            TITLES[title].0.to_string()
        };
        row[F_PHONE] = self.list_phone(p.loc, &p.phone, 0.40, 0.02, true);
        row[F_MOBILE] = self.list_phone(p.loc, &p.mobile, 0.66, 0.01, false);
        row[F_COUNTRY] = country(&mut self.rng, p.loc);
        row[F_NOTES] = self.note();
    }

    /// A phone column value; `count` tallies empty and `n/a` values (main phone column).
    fn list_phone(&mut self, loc: usize, n: &str, empty: f64, na: f64, count: bool) -> String {
        let r = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        if r < empty {
            self.stats.phone_empty += usize::from(count);
            String::new()
        } else if r < empty + na {
            self.stats.phone_na += usize::from(count);
            self.rng.pick_str(&["n/a", "N/A", "-"]).to_string()
        } else {
            format_phone(&mut self.rng, locale(loc), n)
        }
    }

    fn note(&mut self) -> String {
        if self.rng.chance(0.004) {
            self.stats.notes += 1;
            self.stats.notes_multiline += 1;
            (*self.rng.pick(MULTILINE_NOTES)).to_string()
        } else if self.rng.chance(0.09) {
            self.stats.notes += 1;
            (*self.rng.pick(NOTES)).to_string()
        } else {
            String::new()
        }
    }

    fn li_url(&mut self, p: &Person, avoid: Option<usize>) -> (String, usize) {
        let slug = p.slug.as_deref().unwrap_or_default();
        let sub = locale(p.loc).li_sub;
        let mut form = self.rng.weighted(&[30, 14, 10, 8, 8, 5, 6, 4, 5]);
        if Some(form) == avoid {
            form = (form + 1 + self.rng.below(8)) % 9;
        }
        let s = if slug.is_ascii() {
            slug.to_string()
        } else {
            match self.rng.weighted(&[70, 15, 15]) {
                0 => pct_encode(slug, false),
                1 => pct_encode(slug, true),
                _ => slug.to_string(),
            }
        };
        let url = match form {
            0 => format!("https://www.linkedin.com/in/{s}"),
            1 => format!("https://www.linkedin.com/in/{s}/"),
            2 => format!("linkedin.com/in/{s}/"),
            3 => format!("www.linkedin.com/in/{s}"),
            4 => {
                let trk = self
                    .rng
                    .pick(&["abc", "public_profile_browsemap", "people-guest"]);
                format!("https://{sub}.linkedin.com/in/{s}?trk={trk}")
            }
            5 => format!("http://linkedin.com/in/{s}"),
            6 => format!(
                "https://www.linkedin.com/in/{s}?utm_source=share&utm_campaign=share_via&utm_content=profile&utm_medium=ios_app"
            ),
            7 => format!("HTTPS://WWW.LINKEDIN.COM/IN/{}", s.to_uppercase()),
            _ if sub == "www" => format!("https://www.linkedin.com/in/{s}/?originalSubdomain=us"),
            _ => format!("https://www.linkedin.com/in/{s}/?originalSubdomain={sub}"),
        };
        (url, form)
    }

    /// A reveal-log person who is not in the list.
    fn outsider(&mut self) {
        let p = self.new_person();
        let li = p.slug.is_some();
        self.stats.log_people += 1;
        self.stats.log_outsiders += 1;
        self.log_entry(&p, true, li, true);
    }

    /// A person's first row.
    fn fresh(&mut self) -> Row {
        let p = Rc::new(self.new_person());
        let mut row: Row = Default::default();
        row[F_FIRST] = p.first.to_string();
        row[F_LAST] = p.last.to_string();
        row[F_COMPANY] = p.company.name.clone();
        let company = p.company.clone();
        self.fill_common(&mut row, &p, &company, p.title);
        let mut emails = Vec::new();
        match self.rng.weighted(&[6, 2, 8, 84]) {
            0 => self.stats.email_missing += 1,
            1 => {
                self.stats.email_invalid += 1;
                row[F_EMAIL] = invalid_email(&mut self.rng, &p);
            }
            2 => {
                self.stats.personal_plus_work += 1;
                let personal = self.personal_email(&p);
                row[F_EMAIL] = personal.clone();
                row[F_WORK_EMAIL] = p.email.clone();
                emails.push(p.email.clone());
                emails.push(personal);
            }
            _ => {
                row[F_EMAIL] = if self.rng.chance(0.03) {
                    mixed_case_email(&p.email)
                } else {
                    p.email.clone()
                };
                if self.rng.chance(0.08) {
                    row[F_WORK_EMAIL] = p.email.clone();
                }
                emails.push(p.email.clone());
            }
        }
        let mut li_form = None;
        if p.slug.is_some() && self.rng.chance(0.72) {
            let (url, form) = self.li_url(&p, None);
            row[F_LINKEDIN] = url;
            li_form = Some(form);
            self.stats.li_person += 1;
        } else if self.rng.chance(0.02) {
            row[F_LINKEDIN] = company_li_url(&mut self.rng, &p.company.li_slug);
            self.stats.li_company += 1;
        }
        // Without email or LinkedIn the row is still matchable by name + company.
        let email_usable = emails.contains(&p.email);
        let li_usable = li_form.is_some();
        self.stats.fresh += 1;
        if self.rng.chance(0.115) && (email_usable || li_usable) {
            self.log_person(&p, email_usable, li_usable);
        }
        let title = p.title;
        self.remember(Entry {
            p,
            emails,
            li_form,
            company,
            title,
            depth: 0,
        });
        row
    }

    fn unmatchable(&mut self) -> Row {
        let loc = self.pick_locale();
        let l = locale(loc);
        let mut row: Row = Default::default();
        row[F_FIRST] = display(self.rng.pick_str(&l.firsts)).to_string();
        if self.rng.chance(0.55) {
            // Full name, but no email, LinkedIn, company or website.
            self.stats.unmatch_no_company += 1;
            row[F_LAST] = display(self.rng.pick_str(&l.lasts)).to_string();
            if self.rng.chance(0.5) {
                row[F_TITLE] = TITLES[pick_title(&mut self.rng, loc)].0.to_string();
            }
            if self.rng.chance(0.3) {
                let n = fill_pattern(&mut self.rng, &l.mobile);
                row[F_MOBILE] = format_phone(&mut self.rng, l, &n);
            }
        } else {
            // Only a first name (a company may be known, which is not enough).
            self.stats.unmatch_first_only += 1;
            if self.rng.chance(0.5) {
                let si = self.rng.below(self.slots.len());
                row[F_COMPANY] = self.slots[si].info.name.clone();
                if self.rng.chance(0.5) {
                    row[F_WEBSITE] = website(&mut self.rng, &self.slots[si].info.domain);
                }
            }
            if self.rng.chance(0.2) {
                let n = fill_pattern(&mut self.rng, &l.land);
                row[F_PHONE] = format_phone(&mut self.rng, l, &n);
            }
        }
        if self.rng.chance(0.5) {
            row[F_COUNTRY] = country(&mut self.rng, loc);
        }
        if self.rng.chance(0.25) {
            row[F_NOTES] = (*self.rng.pick(&[
                "Badge scan, no card",
                "Met at booth, spoke German",
                "Referral from a friend, no details",
            ]))
            .to_string();
        }
        row
    }

    /// Same person written differently. `None` when no suitable earlier row exists.
    fn repeat(&mut self) -> Option<Row> {
        let (src, kind, from_chain) = self.pick_repeat_source()?;
        let p = src.p.clone();
        let mut row: Row = Default::default();
        row[F_FIRST] = p.first.to_string();
        row[F_LAST] = p.last.to_string();
        let mut company = src.company.clone();
        let mut title = src.title;
        let mut emails = src.emails.clone();
        let mut li_form = src.li_form;
        match kind {
            // Email upper-cased (or mixed case, sometimes padded); LinkedIn optional.
            0 => {
                self.stats.rep_case += 1;
                let e = self.rng.pick(&src.emails).clone();
                let mut shown = if self.rng.chance(0.6) {
                    e.to_uppercase()
                } else {
                    mixed_case_email(&e)
                };
                if self.rng.chance(0.15) {
                    shown = format!(" {shown} ");
                }
                row[F_EMAIL] = shown;
                emails = vec![e];
                li_form = None;
                if src.li_form.is_some() && self.rng.chance(0.5) {
                    let (url, form) = self.li_url(&p, None);
                    row[F_LINKEDIN] = url;
                    li_form = Some(form);
                }
            }
            // LinkedIn in another form; email kept or dropped.
            1 => {
                self.stats.rep_li_form += 1;
                let (url, form) = self.li_url(&p, src.li_form);
                row[F_LINKEDIN] = url;
                li_form = Some(form);
                if !src.emails.is_empty() && self.rng.chance(0.6) {
                    let e = src.emails[0].clone();
                    row[F_EMAIL] = e.clone();
                    emails = vec![e];
                } else {
                    emails.clear();
                }
            }
            // Name with extra spaces (sometimes shouting); keys as before.
            2 => {
                self.stats.rep_spaces += 1;
                let (f, l) = spaced_name(&mut self.rng, p.first, p.last);
                row[F_FIRST] = f;
                row[F_LAST] = l;
                if let Some(e) = src.emails.first() {
                    row[F_EMAIL] = e.clone();
                    emails = vec![e.clone()];
                }
                if src.li_form.is_some() {
                    let (url, form) = self.li_url(&p, None);
                    row[F_LINKEDIN] = url;
                    li_form = Some(form);
                }
            }
            // Only the LinkedIn URL is shared: personal email or a new job.
            3 => {
                self.stats.rep_li_only += 1;
                if from_chain {
                    self.stats.abc_chains += 1;
                }
                let (url, form) = self.li_url(&p, None);
                row[F_LINKEDIN] = url;
                li_form = Some(form);
                let e = if self.rng.chance(0.5) {
                    self.personal_email(&p)
                } else {
                    let mut si = self.rng.below(self.slots.len());
                    if self.slots[si].info.domain == company.domain {
                        si = (si + 1) % self.slots.len();
                    }
                    let (c, e) = self.hire(si, &p.first_a, &p.last_a);
                    company = c;
                    title = pick_title(&mut self.rng, p.loc);
                    e
                };
                row[F_EMAIL] = e.clone();
                emails = vec![e];
            }
            // Same email, LinkedIn added where the earlier row had none.
            _ => {
                self.stats.rep_email_adds_li += 1;
                let e = src.emails[0].clone();
                row[F_EMAIL] = if self.rng.chance(0.3) {
                    mixed_case_email(&e)
                } else {
                    e.clone()
                };
                emails = vec![e];
                let (url, form) = self.li_url(&p, None);
                row[F_LINKEDIN] = url;
                li_form = Some(form);
            }
        }
        row[F_COMPANY] = company.name.clone();
        if title != src.title || self.rng.chance(0.85) {
            self.fill_common(&mut row, &p, &company, title);
        } else {
            // Promotion since the earlier row.
            let t = pick_title(&mut self.rng, p.loc);
            self.fill_common(&mut row, &p, &company, t);
            title = t;
        }
        if src.depth > 0 {
            self.stats.rep_of_rep += 1;
        }
        let entry = Entry {
            p,
            emails,
            li_form,
            company,
            title,
            depth: src.depth + 1,
        };
        if kind == 4 && self.rng.chance(0.5) && self.chain_pending.len() < 64 {
            self.chain_pending.push_back(entry.clone());
        }
        self.remember(entry);
        Some(row)
    }

    /// Picks an earlier row and a way to rewrite it:
    /// 0 case, 1 LinkedIn form, 2 spaces, 3 LinkedIn only, 4 email adds LinkedIn.
    fn pick_repeat_source(&mut self) -> Option<(Entry, u8, bool)> {
        if !self.chain_pending.is_empty() && self.rng.chance(0.25) {
            let e = self.chain_pending.pop_front()?;
            return Some((e, 3, true));
        }
        for _ in 0..12 {
            if self.pool.is_empty() {
                return None;
            }
            let e = &self.pool[self.rng.below(self.pool.len())];
            let has_email = !e.emails.is_empty();
            let has_li = e.li_form.is_some();
            let can_add_li = has_email && !has_li && e.p.slug.is_some();
            let weights = [
                if has_email { 30 } else { 0 },
                if has_li { 25 } else { 0 },
                if has_email || has_li { 20 } else { 0 },
                if has_li { 12 } else { 0 },
                if can_add_li { 40 } else { 0 },
            ];
            if weights.iter().sum::<u32>() == 0 {
                continue;
            }
            let e = e.clone();
            let kind = self.rng.weighted(&weights) as u8;
            return Some((e, kind, false));
        }
        None
    }

    /// Reveal-log entries for a list person (a few were revealed twice).
    fn log_person(&mut self, p: &Person, email_usable: bool, li_usable: bool) {
        let reveals = if self.rng.chance(0.04) { 2 } else { 1 };
        self.stats.log_people += 1;
        for i in 0..reveals {
            if i > 0 {
                self.stats.log_rereveals += 1;
            }
            self.log_entry(p, email_usable, li_usable, false);
        }
    }

    /// One reveal-log entry. `email_usable` / `li_usable`: whether the person's work
    /// email / LinkedIn URL is written in the list, so the entry can be tied to it.
    fn log_entry(&mut self, p: &Person, email_usable: bool, li_usable: bool, outsider: bool) {
        let li_known = p.slug.is_some();
        let mut reveal = match self.rng.weighted(&[40, 25, 35]) {
            0 => Reveal::Email,
            1 => Reveal::Phone,
            _ => Reveal::Both,
        };
        // A phone-only entry can only be tied to the list through the LinkedIn URL.
        if reveal == Reveal::Phone && !li_usable {
            reveal = Reveal::Both;
        }
        let has_email = reveal != Reveal::Phone;
        let mut has_li = li_known && (reveal == Reveal::Phone || self.rng.chance(0.6));
        if !((has_email && email_usable) || (has_li && li_usable)) {
            has_li = true; // li_usable holds here
        }
        match reveal {
            Reveal::Email => self.stats.log_email_only += 1,
            Reveal::Phone => self.stats.log_phone_only += 1,
            Reveal::Both => self.stats.log_both += 1,
        }
        match (outsider, has_email && email_usable, has_li && li_usable) {
            (true, _, _) => {}
            (false, true, true) => self.stats.log_key_both += 1,
            (false, true, false) => self.stats.log_key_email += 1,
            _ => self.stats.log_key_li += 1,
        }
        let day = match self.rng.weighted(&[5, 5, 35, 55]) {
            0 => DAY_BEFORE_CYCLE,
            1 => CYCLE_FIRST_DAY,
            2 => self.rng.range(CYCLE_FIRST_DAY, LAST_DAY),
            _ => self.rng.range(0, DAY_BEFORE_CYCLE),
        };
        self.stats.log_entries += 1;
        if day >= CYCLE_FIRST_DAY {
            self.stats.log_in_cycle += 1;
        } else {
            self.stats.log_out_cycle += 1;
        }
        let l = locale(p.loc);
        let cl = locale(p.company.loc);
        // Draw everything first so the list does not depend on whether a log is written.
        let user = self.rng.pick_str(LOG_USERS);
        let conf = if has_email {
            self.rng.pick_str(&["A+", "A+", "A", "B"])
        } else {
            ""
        };
        let (mobile_first, second_phone) = if reveal == Reveal::Email {
            (false, false)
        } else {
            (self.rng.chance(0.4), self.rng.chance(0.15))
        };
        let c = &self.log_cols;
        let Some(rows) = self.log_rows.as_mut() else {
            return;
        };
        let mut f = vec![String::new(); c.n];
        f[c.date] = date_of(day);
        f[c.user] = user.to_string();
        f[c.first] = p.first.to_string();
        f[c.last] = p.last.to_string();
        if has_email {
            f[c.work_email] = p.email.clone();
            f[c.work_email_conf] = conf.to_string();
        }
        if reveal != Reveal::Email {
            let (n1, t1, n2, t2) = if mobile_first {
                (&p.mobile, "Mobile", &p.phone, "Direct")
            } else {
                (&p.phone, "Direct", &p.mobile, "Mobile")
            };
            f[c.phone1] = format!("+{} {n1}", l.cc);
            f[c.phone1_type] = t1.to_string();
            if second_phone {
                f[c.phone2] = format!("+{} {n2}", l.cc);
                f[c.phone2_type] = t2.to_string();
            }
        }
        let (title, dept, _) = TITLES[p.title];
        f[c.title] = title.to_string();
        f[c.seniority] = seniority(title).to_string();
        f[c.departments] = dept.to_string();
        if has_li {
            let slug = p.slug.as_deref().unwrap_or_default();
            f[c.linkedin] = format!("https://www.linkedin.com/in/{}", pct_encode(slug, false));
        }
        f[c.continent] = l.continent.to_string();
        f[c.country] = l.countries[0].to_string();
        f[c.city] = p.city.to_string();
        f[c.country_iso] = l.iso.to_string();
        f[c.company] = p.company.name.clone();
        f[c.company_domain] = p.company.domain.clone();
        f[c.company_founded] = p.company.founded.to_string();
        f[c.company_website] = format!("https://www.{}", p.company.domain);
        f[c.company_employees] = p.company.employees.to_string();
        f[c.company_linkedin] = format!("https://www.linkedin.com/company/{}", p.company.li_slug);
        f[c.company_industry] = p.company.industry.to_string();
        f[c.company_continent] = cl.continent.to_string();
        f[c.company_country] = cl.countries[0].to_string();
        f[c.company_country_iso] = cl.iso.to_string();
        rows.push((day, f));
    }
}

/// A title index: sometimes in the person's local language, otherwise an English one.
fn pick_title(rng: &mut Rng, loc: usize) -> usize {
    let iso = locale(loc).iso;
    let titles = &data().titles;
    let group = |want: &str| titles.iter().find(|(g, _)| *g == want).map(|(_, v)| v);
    let local = rng.chance(0.3);
    let list = group(iso).filter(|_| local).or_else(|| group(""));
    list.map_or(0, |v| v[rng.below(v.len())])
}

fn email_local(f: &str, l: &str, pattern: usize) -> String {
    let f0 = &f[..1];
    let l0 = &l[..1];
    match pattern {
        0 => format!("{f}.{l}"),
        1 => format!("{f0}{l}"),
        2 => f.to_string(),
        3 => format!("{f}_{l}"),
        4 => format!("{f}{l0}"),
        5 => format!("{l}.{f}"),
        _ => format!("{f}{l}"),
    }
}

fn mixed_case_email(e: &str) -> String {
    let (local, domain) = e.split_once('@').unwrap_or((e, ""));
    let local: Vec<String> = local.split('.').map(upper_first).collect();
    format!("{}@{}", local.join("."), upper_first(domain))
}

fn invalid_email(rng: &mut Rng, p: &Person) -> String {
    let (local, domain) = p.email.split_once('@').unwrap_or((&p.email, ""));
    let stem = domain.split('.').next().unwrap_or_default();
    match rng.below(6) {
        0 => format!("{}@", p.first_a),
        1 => format!("{local}@{stem}"),
        2 => format!("{local} @{domain}"),
        3 => format!("{local}@@{domain}"),
        4 => format!("{local}.{domain}"),
        _ => format!("{local}@{domain}."),
    }
}

fn spaced_name(rng: &mut Rng, first: &str, last: &str) -> (String, String) {
    let pad = |rng: &mut Rng, s: &str| match rng.below(4) {
        0 => format!(" {s}"),
        1 => format!("{s} "),
        2 => format!("  {s}  "),
        _ if s.contains(' ') => s.replacen(' ', "   ", 1),
        _ => format!("{s}  "),
    };
    let (mut f, mut l) = match rng.below(3) {
        0 => (pad(rng, first), last.to_string()),
        1 => (first.to_string(), pad(rng, last)),
        _ => (pad(rng, first), pad(rng, last)),
    };
    if rng.chance(0.2) {
        l = l.to_uppercase();
    } else if rng.chance(0.1) {
        f = f.to_lowercase();
    }
    (f, l)
}

fn website(rng: &mut Rng, d: &str) -> String {
    match rng.weighted(&[30, 18, 10, 6, 10, 6, 3, 12, 3, 2]) {
        0 => format!("https://www.{d}"),
        1 => d.to_string(),
        2 => format!("www.{d}"),
        3 => format!("http://{d}/about"),
        4 => format!("https://{d}/"),
        5 => format!("http://www.{d}"),
        6 => format!("https://www.{d}/en/contact"),
        7 => String::new(),
        8 => "n/a".to_string(),
        _ => format!("HTTPS://WWW.{}", d.to_uppercase()),
    }
}

fn company_li_url(rng: &mut Rng, slug: &str) -> String {
    if rng.chance(0.7) {
        format!("https://www.linkedin.com/company/{slug}")
    } else {
        format!("linkedin.com/company/{slug}/")
    }
}

fn country(rng: &mut Rng, loc: usize) -> String {
    let l = locale(loc);
    match rng.weighted(&[50, 40, 10]) {
        0 => l.countries[0].to_string(),
        1 => (*rng.pick(&l.countries)).to_string(),
        _ => String::new(),
    }
}

/// Replaces each `#` in a national number pattern with a random digit.
fn fill_pattern(rng: &mut Rng, patterns: &[&str]) -> String {
    rng.pick(patterns)
        .chars()
        .map(|c| if c == '#' { rng.digit() } else { c })
        .collect()
}

/// Writes a national number (groups separated by spaces) in one of the usual styles.
fn format_phone(rng: &mut Rng, l: &Locale, n: &str) -> String {
    let cc = l.cc;
    let mut s = if cc == "1" {
        let g: Vec<&str> = n.split(' ').collect();
        let (a, b, c) = (g[0], g[1], g[2]);
        match rng.weighted(&[35, 20, 15, 10, 10, 5, 5]) {
            0 => format!("({a}) {b}-{c}"),
            1 => format!("{a}-{b}-{c}"),
            2 => format!("+1 {a} {b} {c}"),
            3 => format!("{a}.{b}.{c}"),
            4 => format!("+1 ({a}) {b}-{c}"),
            5 => format!("1-{a}-{b}-{c}"),
            _ => format!("{a}{b}{c}"),
        }
    } else {
        let trunk = if l.trunk { "0" } else { "" };
        match rng.weighted(&[40, 25, 10, 8, 10, 5, 2]) {
            0 => format!("+{cc} {n}"),
            1 => format!("{trunk}{n}"),
            2 => format!("00{cc} {n}"),
            3 if l.trunk => format!("+{cc} (0){n}"),
            3 => format!("+{cc} {n}"),
            4 => format!("+{cc}{}", n.replace([' ', '-'], "")),
            5 => format!("+{cc}-{}", n.replace(' ', "-")),
            _ => format!("tel: +{cc} {n}"),
        }
    };
    if rng.chance(0.04) {
        let d = rng.digit();
        s.push_str(&format!(" ext. 2{d}"));
    }
    s
}

// ---------------------------------------------------------------------------------------
// Command line

struct Args {
    rows: usize,
    seed: u64,
    out: String,
    log: Option<String>,
}

const USAGE: &str =
    "usage: gen_sample [--rows N] [--seed S] [--out contacts.csv] [--log reveal-log.csv]
  --rows N    data rows in the contact list (default 2000)
  --seed S    PRNG seed (default 7); same seed, same files
  --out PATH  contact list to write (default sample-data/contacts.csv)
  --log PATH  also write a reveal log in the vendor's contact-export layout";

/// Parsed arguments, or `None` when help was asked for.
fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        rows: 2000,
        seed: 7,
        out: "sample-data/contacts.csv".to_string(),
        log: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--rows" => args.rows = value()?.parse().map_err(|e| format!("--rows: {e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => args.out = value()?,
            "--log" => args.log = Some(value()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(Some(args))
}

fn create(path: &str) -> Result<BufWriter<File>, Box<dyn Error>> {
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        fs::create_dir_all(dir)?;
    }
    let f = File::create(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

fn check_names() {
    for l in &data().locales {
        for raw in l.firsts.iter().chain(l.lasts.iter()) {
            let ok = (raw.is_ascii() || raw.contains('|')) && !ascii(raw).is_empty();
            assert!(ok, "name {raw:?} needs an ASCII form (Display|ascii)");
        }
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let Some(args) = parse_args()? else {
        return Ok(());
    };
    check_names();
    let started = Instant::now();
    let mut g = Gen::new(args.seed, args.log.is_some());
    let mut out = create(&args.out)?;
    let mut line = String::with_capacity(1024);
    out.write_all(CONTACTS_HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    for i in 0..args.rows {
        let roll = g.rng.weighted(&[4, 12, 84]);
        let row = match roll {
            0 if i >= 20 => g.unmatchable(),
            1 if i >= 20 => match g.repeat() {
                Some(r) => r,
                None => g.fresh(),
            },
            _ => g.fresh(),
        };
        write_record(&mut out, &mut line, &row, "\n")?;
        // A few reveal-log people who are not in the list.
        if g.rng.chance(0.004) {
            g.outsider();
        }
    }
    out.flush()?;
    if let Some(path) = &args.log {
        let mut rows = g.log_rows.take().unwrap_or_default();
        rows.sort_by_key(|(day, _)| *day);
        let mut w = create(path)?;
        w.write_all(LOG_HEADER.as_bytes())?;
        w.write_all(b"\r\n")?;
        for (_, f) in &rows {
            write_record(&mut w, &mut line, f, "\r\n")?;
        }
        w.flush()?;
    }
    let s = &g.stats;
    let repeats = s.rep_case + s.rep_li_form + s.rep_spaces + s.rep_li_only + s.rep_email_adds_li;
    eprintln!(
        "gen_sample: seed {}, {} rows -> {} in {:.2?}",
        args.seed,
        args.rows,
        args.out,
        started.elapsed()
    );
    eprintln!("  people first seen: {}", s.fresh);
    eprintln!(
        "  repeats: {repeats} (email case {}, LinkedIn form {}, extra spaces {}, \
         LinkedIn only/new email {}, same email + LinkedIn added {}); \
         repeats of repeats {}; email->LinkedIn->new-email chains {}",
        s.rep_case,
        s.rep_li_form,
        s.rep_spaces,
        s.rep_li_only,
        s.rep_email_adds_li,
        s.rep_of_rep,
        s.abc_chains
    );
    eprintln!(
        "  unmatchable: {} (no company/website {}, first name only {})",
        s.unmatch_no_company + s.unmatch_first_only,
        s.unmatch_no_company,
        s.unmatch_first_only
    );
    eprintln!(
        "  people's first rows: email missing {}, invalid {}, personal + work {}; \
         LinkedIn person URL {}, company URL {}\n  \
         first rows and repeats: phone empty {}, n/a {}; notes {} ({} multi-line)",
        s.email_missing,
        s.email_invalid,
        s.personal_plus_work,
        s.li_person,
        s.li_company,
        s.phone_empty,
        s.phone_na,
        s.notes,
        s.notes_multiline
    );
    eprintln!(
        "  reveal log{}: {} entries for {} people ({} not in the list, {} re-reveals); \
         in cycle 2026-11-15..2026-12-14: {}, before: {}; email only {}, phone only {}, \
         both {}; tied to the list by email {}, LinkedIn {}, both {}",
        args.log
            .as_deref()
            .map(|p| format!(" -> {p}"))
            .unwrap_or_default(),
        s.log_entries,
        s.log_people,
        s.log_outsiders,
        s.log_rereveals,
        s.log_in_cycle,
        s.log_out_cycle,
        s.log_email_only,
        s.log_phone_only,
        s.log_both,
        s.log_key_email,
        s.log_key_li,
        s.log_key_both
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn generated_company_domains_are_unique() {
        let mut g = Gen::new(3, false);
        let mut seen = HashSet::new();
        for _ in 0..150_000 {
            let s = g.make_company();
            let base = s.info.domain.rsplit_once('.').map(|(b, _)| b.to_string());
            let base = base.unwrap();
            let base = base
                .trim_end_matches(".co")
                .trim_end_matches(".com")
                .to_string();
            assert!(seen.insert(base.replace('-', "")), "{}", s.info.domain);
        }
    }

    #[test]
    fn header_matches_reference() {
        let path = "/work/shared/reference/headers/lusha-contact-export.csv";
        if let Ok(text) = std::fs::read_to_string(path) {
            assert!(text.starts_with(&format!("{LOG_HEADER}\r\n")));
        }
    }

    #[test]
    fn quoting() {
        let mut l = String::new();
        push_field(&mut l, "a,\"b\"\nc");
        assert_eq!(l, "\"a,\"\"b\"\"\nc\"");
    }
}
