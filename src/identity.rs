//! Who is who (pricing.md §1): normalised identifiers, contacts as connected components of
//! shared identifiers, and each row's place in its contact.
//!
//! The scalar `normalize_*` functions (in the leaf module `normalize`) are the definition;
//! the polars expressions here compute the same thing over whole columns, and a test holds
//! the two together.

use polars::prelude::*;

use crate::input::roles::{Mapping, Role};

/// Separator inside two-part identifiers; cannot occur in a trimmed, collapsed cell value.
const SEP: &str = "\u{1f}";

/// URL scheme at the start of a value (`https://`, `http://`, `ftp://` …).
const SCHEME_RE: &str = r"^[a-z][a-z0-9+.\-]*://";
/// A LinkedIn person URL after decoding, lower-casing and dropping the scheme: the host is
/// `linkedin.com` or one label in front of it, the path starts with `/in/<slug>`.
const LINKEDIN_RE: &str = r"^(?:[^./?#]+\.)?linkedin\.com/in/([^/?#]+)";
const EMAIL_RE: &str = r"^[^@\s]+@[^@\s]+\.[^@\s]+$";

pub use crate::normalize::{
    email_addresses, is_email_list, is_phone, normalize_domain, normalize_email,
    normalize_linkedin, normalize_text, percent_decode,
};

// ---- the same rules as polars expressions over whole columns ----

fn trimmed(e: Expr) -> Expr {
    e.str().strip_chars(lit(NULL))
}

/// Trimmed, inner white space collapsed, lower-cased; [`fold_column`] finishes the case
/// folding of names and companies.
fn collapsed(e: Expr) -> Expr {
    trimmed(e.str().replace_all(lit(r"\s+"), lit(" "), false))
        .str()
        .to_lowercase()
}

/// Case folding beyond lower case (`normalize::case_fold`: `ß` → `ss`, final `ς` → `σ` …)
/// on a lower-cased column, value by value but only where a value is not ASCII: the common
/// case costs a byte scan, not twenty passes over the column.
fn fold_column(c: &Column) -> PolarsResult<Column> {
    let ca = c.str()?;
    if ca.iter().all(|v| v.is_none_or(str::is_ascii)) {
        return Ok(c.clone());
    }
    let folded: StringChunked = ca.apply_values(|v| {
        if v.is_ascii() {
            std::borrow::Cow::Borrowed(v)
        } else {
            std::borrow::Cow::Owned(crate::normalize::case_fold(v))
        }
    });
    Ok(folded.with_name(c.name().clone()).into_column())
}

/// Per row, the first of `cols` whose trimmed value is non-empty, trimmed ("" if none).
fn first_non_empty(cols: &[String]) -> Expr {
    let mut expr = lit("");
    for c in cols.iter().rev() {
        let t = trimmed(col(c.as_str()));
        expr = when(t.clone().neq(lit(""))).then(t).otherwise(expr);
    }
    expr
}

fn email_expr(c: &str) -> Expr {
    let e = trimmed(col(c)).str().to_lowercase();
    when(e.clone().str().contains(lit(EMAIL_RE), true))
        .then(concat_str([lit("em:"), e], "", false))
        .otherwise(lit(NULL).cast(DataType::String))
}

/// Expects the column already percent-decoded (no polars expression for that).
fn linkedin_expr(decoded: &str) -> Expr {
    let slug = trimmed(col(decoded))
        .str()
        .to_lowercase()
        .str()
        .replace(lit(SCHEME_RE), lit(""), false)
        .str()
        .extract(lit(LINKEDIN_RE), 1);
    concat_str([lit("li:linkedin.com/in/"), slug], "", false)
}

fn domain_expr(cols: &[String]) -> Expr {
    let d = first_non_empty(cols)
        .str()
        .to_lowercase()
        .str()
        .replace(lit(SCHEME_RE), lit(""), false)
        .str()
        .extract(lit(r"^([^/?#]*)"), 1)
        .str()
        .strip_prefix(lit("www."));
    when(d.clone().str().contains_literal(lit(".")))
        .then(d)
        .otherwise(lit(""))
}

fn name_expr(m: &Mapping) -> Expr {
    let first = first_non_empty(m.columns(Role::FirstName));
    let last = first_non_empty(m.columns(Role::LastName));
    let full = first_non_empty(m.columns(Role::FullName));
    let name = when(first.clone().neq(lit("")).and(last.clone().neq(lit(""))))
        .then(concat_str([first, last], " ", false))
        .otherwise(full);
    collapsed(name)
}

/// A table's identifiers: one row per input row, plus the addresses beyond the first of
/// email cells that hold several.
pub struct IdFrame {
    /// `id_0..id_k` (string, null when absent), `has_email`, `has_phone` (bool), `company`
    /// (the API-extras company key: the domain, else the company name; null when none).
    pub ids: DataFrame,
    pub n_ids: usize,
    /// `(row, id)` pairs of the second and later addresses of email cells read as a list
    /// (pricing.md §1), rows numbered from 0.
    pub extra: DataFrame,
    /// Email cells read as a list (a display name, `mailto:`, quotes, several addresses)
    /// that gave at least one address.
    pub list_cells: u64,
}

impl IdFrame {
    pub fn height(&self) -> usize {
        self.ids.height()
    }
}

/// An email column read as pricing.md §1 reads each cell: its first address as a column
/// (`em:…` or null), the others as `(row, id)` pairs, and how many cells were lists.
fn email_list_column(
    ca: &StringChunked,
    name: &str,
    rows: &mut Vec<IdxSize>,
    ids: &mut Vec<String>,
) -> (Column, u64) {
    let mut lists = 0;
    let first: StringChunked = ca
        .iter()
        .enumerate()
        .map(|(r, v)| {
            let v = v?;
            if !is_email_list(v) {
                return normalize_email(v).map(|e| format!("em:{e}"));
            }
            let all = email_addresses(v);
            if !all.is_empty() {
                lists += 1;
            }
            for e in all.iter().skip(1) {
                rows.push(r as IdxSize);
                ids.push(format!("em:{e}"));
            }
            all.first().map(|e| format!("em:{e}"))
        })
        .collect::<StringChunked>()
        .with_name(name.into());
    (first.into_column(), lists)
}

/// The identifier frame of a table (see [`IdFrame`]).
///
/// `df` must hold every mapped column as strings; LinkedIn columns are decoded here.
pub fn identifier_frame(df: &DataFrame, m: &Mapping) -> PolarsResult<IdFrame> {
    let mut base = df.clone();
    let (mut extra_rows, mut extra_ids) = (Vec::new(), Vec::new());
    let mut list_cells = 0;
    let mut ids: Vec<Expr> = Vec::new();
    for (k, c) in m.columns(Role::LinkedinUrl).iter().enumerate() {
        let ca = df.column(c)?.str()?;
        let decoded: StringChunked = ca
            .iter()
            .map(|o| o.map(percent_decode))
            .collect::<StringChunked>()
            .with_name(format!("__li_decoded_{k}").into());
        base.with_column(decoded.into_column())?;
        ids.push(linkedin_expr(&format!("__li_decoded_{k}")));
    }
    // Stage 1 computes each normalised value once; the identifiers are built from them.
    let email_cols = m.columns(Role::Email);
    // Names and companies first, so their case folding can finish outside the expressions.
    let named = base
        .clone()
        .lazy()
        .select([
            name_expr(m).alias("__name"),
            collapsed(first_non_empty(m.columns(Role::CompanyName))).alias("__company"),
        ])
        .collect()?;
    base.with_column(fold_column(named.column("__name")?)?)?;
    base.with_column(fold_column(named.column("__company")?)?)?;
    let mut stage: Vec<Expr> = vec![domain_expr(m.columns(Role::CompanyDomain)).alias("__domain")];
    for (k, c) in email_cols.iter().enumerate() {
        let name = format!("__em_{k}");
        let ca = df.column(c)?.str()?;
        // The common case, one address per cell, stays a whole-column expression; a column
        // with list cells is read cell by cell.
        if ca.iter().any(|v| v.is_some_and(is_email_list)) {
            let (column, lists) = email_list_column(ca, &name, &mut extra_rows, &mut extra_ids);
            base.with_column(column)?;
            list_cells += lists;
        } else {
            stage.push(email_expr(c).alias(name.as_str()));
        }
        ids.push(col(name));
    }
    let (name, company, domain) = (col("__name"), col("__company"), col("__domain"));
    let has_name = name.clone().neq(lit(""));
    let null_str = || lit(NULL).cast(DataType::String);
    ids.push(
        when(has_name.clone().and(company.clone().neq(lit(""))))
            .then(concat_str(
                [lit("nc:"), name.clone(), lit(SEP), company.clone()],
                "",
                false,
            ))
            .otherwise(null_str()),
    );
    ids.push(
        when(has_name.and(domain.clone().neq(lit(""))))
            .then(concat_str(
                [lit("nd:"), name, lit(SEP), domain.clone()],
                "",
                false,
            ))
            .otherwise(null_str()),
    );
    let n_ids = ids.len();
    let mut exprs: Vec<Expr> = ids
        .into_iter()
        .enumerate()
        .map(|(i, e)| e.alias(format!("id_{i}")))
        .collect();
    let has_email = (0..email_cols.len())
        .map(|k| col(format!("__em_{k}")).is_not_null())
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false));
    exprs.push(has_email.alias("has_email"));
    let phone = first_non_empty(m.columns(Role::Phone));
    exprs.push(phone.str().contains(lit("[0-9]"), true).alias("has_phone"));
    exprs.push(
        when(domain.clone().neq(lit("")))
            .then(domain)
            .when(company.clone().neq(lit("")))
            .then(company)
            .otherwise(null_str())
            .alias("company"),
    );
    let out = base.lazy().with_columns(stage).select(exprs).collect()?;
    let extra = DataFrame::new(
        extra_rows.len(),
        vec![
            Column::new("row".into(), extra_rows),
            Column::new("id".into(), extra_ids),
        ],
    )?;
    Ok(IdFrame {
        ids: out,
        n_ids,
        extra,
        list_cells,
    })
}

/// Union-find over row indices; the smallest row of a set is its root, so the root is the
/// contact's representative (its first row in file order).
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// Each distinct identifier, by its text, and a row that has it. Keys are the normalised
/// identifiers themselves, borrowed from the identifier frames, not hashes of them: two
/// different identifiers can never be taken for one (no collision to rule out).
pub type IdRows<'a> = PlHashMap<&'a str, u32>;

/// Call `g(row, id)` for every identifier of every row of `f`, rows numbered from `offset`
/// (the frame's first row in a set of tables read as one).
pub fn each_id<'a>(
    f: &'a IdFrame,
    offset: u32,
    mut g: impl FnMut(u32, &'a str),
) -> PolarsResult<()> {
    for i in 0..f.n_ids {
        let ca = f.ids.column(&format!("id_{i}"))?.str()?;
        for (r, v) in ca.iter().enumerate() {
            if let Some(v) = v {
                g(offset + r as u32, v);
            }
        }
    }
    if f.extra.height() > 0 {
        let rows = f.extra.column("row")?.idx()?;
        let ids = f.extra.column("id")?.str()?;
        for (r, v) in rows.into_no_null_iter().zip(ids.iter()) {
            if let Some(v) = v {
                g(offset + r, v);
            }
        }
    }
    Ok(())
}

/// Rows grouped into contacts, and the identifier index that grouped them.
pub struct Contacts<'a> {
    /// `roots[row]`: the contact's first row, or None when the row has no identifier
    /// (unmatchable).
    pub roots: Vec<Option<u32>>,
    /// Every identifier and a row of the contact that has it (all its rows are one contact).
    pub index: IdRows<'a>,
}

/// Group the rows of several tables (each with the row number of its first row; `n` rows
/// in all) into contacts: rows sharing any identifier are one contact, transitively. One
/// pass over the identifiers with a hash index and a union-find over row numbers.
pub fn contacts_of<'a>(tables: &[(&'a IdFrame, u32)], n: usize) -> PolarsResult<Contacts<'a>> {
    let mut uf = UnionFind::new(n);
    let mut has_id = vec![false; n];
    let mut index = IdRows::with_capacity_and_hasher(n, Default::default());
    for (f, offset) in tables {
        each_id(f, *offset, |r, id| {
            has_id[r as usize] = true;
            let seen = *index.entry(id).or_insert(r);
            if seen != r {
                uf.union(r, seen);
            }
        })?;
    }
    let roots = (0..n)
        .map(|r| has_id[r].then(|| uf.find(r as u32)))
        .collect();
    Ok(Contacts { roots, index })
}

/// Group one table's rows into contacts (see [`contacts_of`]).
pub fn contacts(f: &IdFrame) -> PolarsResult<Vec<Option<u32>>> {
    Ok(contacts_of(&[(f, 0)], f.height())?.roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_urls() {
        let ok =
            |s: &str, want: &str| assert_eq!(normalize_linkedin(s).as_deref(), Some(want), "{s}");
        let no = |s: &str| assert_eq!(normalize_linkedin(s), None, "{s}");
        ok(
            "https://www.linkedin.com/in/Dana-Levi/",
            "linkedin.com/in/dana-levi",
        );
        ok(
            " linkedin.com/in/dana-levi?trk=x#y ",
            "linkedin.com/in/dana-levi",
        );
        ok(
            "http://uk.linkedin.com/in/dana/details/experience",
            "linkedin.com/in/dana",
        );
        ok("HTTPS://M.LINKEDIN.COM/IN/DANA", "linkedin.com/in/dana");
        ok(
            "https://www.linkedin.com/in/jos%C3%A9-p",
            "linkedin.com/in/josé-p",
        );
        ok("https://www.linkedin.com/in/%4A%4f", "linkedin.com/in/jo");
        ok("linkedin.com/in/a%zz", "linkedin.com/in/a%zz");
        no("https://www.linkedin.com/company/acme");
        no("https://www.linkedin.com/sales/lead/ACwAA");
        no("https://linkedin.com.evil.com/in/dana");
        no("https://a.b.linkedin.com/in/dana");
        no("https://www.linkedin.com/in/");
        no("https://www.linkedin.com/in//x");
        no("notlinkedin.com/in/x");
        no("");
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email(" Dana@Example.IO ").as_deref(),
            Some("dana@example.io")
        );
        for bad in [
            "a@@b.c", "a b@c.d", "@b.c", "a@.bc", "a@bc.", "a@bc", "a@b@c.d", "",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
        assert!(normalize_email("a@b..c").is_some());
        assert!(normalize_email("a@.b.c").is_some());
    }

    #[test]
    fn domains() {
        assert_eq!(
            normalize_domain("https://www.Acme.com/about?x#y").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain(" acme.co.uk ").as_deref(),
            Some("acme.co.uk")
        );
        assert_eq!(normalize_domain("n/a"), None);
        assert_eq!(normalize_domain("-"), None);
    }

    #[test]
    fn union_find_roots_are_first_rows() {
        let mut uf = UnionFind::new(5);
        uf.union(4, 2);
        uf.union(2, 3);
        uf.union(3, 1);
        assert_eq!(uf.find(4), 1);
        assert_eq!(uf.find(0), 0);
    }

    fn frame(cols: &[(&str, Vec<&str>)]) -> DataFrame {
        let columns: Vec<Column> = cols
            .iter()
            .map(|(n, v)| Column::new((*n).into(), v.clone()))
            .collect();
        DataFrame::new_infer_height(columns).unwrap()
    }

    /// The polars expressions and the scalar functions must agree on every tricky value.
    #[test]
    fn polars_expressions_agree_with_scalar_rules() {
        let li = vec![
            "https://www.linkedin.com/in/Dana-Levi/",
            " linkedin.com/in/dana?x",
            "https://www.linkedin.com/company/acme",
            "https://a.b.linkedin.com/in/x",
            "ftp://linkedin.com/in/%C3%A9",
            "",
            "linkedin.com/in/",
        ];
        let em = vec![
            "A@B.co", "a@@b.c", " x@y.z ", "a b@c.d", "", "a@bc.", "q@w.e",
        ];
        let first = vec!["Dana", " ", "Zoë", "", "Al", "Bo", ""];
        let last = vec!["Levi", "X", "  Müller ", "", "", "Cy", ""];
        let full = vec!["", "Full  Name", "", "Only Full", "", "", ""];
        let comp = vec!["Acme  Inc", "", "ACME inc", "Beta", "", "Gamma", ""];
        let dom = vec![
            "https://www.acme.com/x",
            "n/a",
            "Acme.com",
            "",
            "beta.io",
            "-",
            "",
        ];
        let ph = vec!["+1 555", "n/a", "", " ", "12", "", "x"];
        let df = frame(&[
            ("li", li.clone()),
            ("em", em.clone()),
            ("fn", first.clone()),
            ("ln", last.clone()),
            ("full", full.clone()),
            ("co", comp.clone()),
            ("dom", dom.clone()),
            ("ph", ph.clone()),
        ]);
        let mut m = Mapping::default();
        for (r, c) in [
            (Role::LinkedinUrl, "li"),
            (Role::Email, "em"),
            (Role::FirstName, "fn"),
            (Role::LastName, "ln"),
            (Role::FullName, "full"),
            (Role::CompanyName, "co"),
            (Role::CompanyDomain, "dom"),
            (Role::Phone, "ph"),
        ] {
            m.set(r, vec![c.to_string()]);
        }
        let f = identifier_frame(&df, &m).unwrap();
        let (ids, n) = (&f.ids, f.n_ids);
        assert_eq!(n, 4);
        let get = |c: &str, i: usize| -> Option<String> {
            ids.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(i)
                .map(str::to_string)
        };
        for i in 0..li.len() {
            assert_eq!(
                get("id_0", i),
                normalize_linkedin(li[i]).map(|s| format!("li:{s}")),
                "li {i}"
            );
            // A cell is read as a list of addresses (pricing.md §1): its first one here.
            assert_eq!(
                get("id_1", i),
                email_addresses(em[i]).first().map(|s| format!("em:{s}")),
                "em {i}"
            );
            let name = if !first[i].trim().is_empty() && !last[i].trim().is_empty() {
                normalize_text(&format!("{} {}", first[i].trim(), last[i].trim()))
            } else {
                normalize_text(full[i])
            };
            let nc = name
                .clone()
                .zip(normalize_text(comp[i]))
                .map(|(a, b)| format!("nc:{a}{SEP}{b}"));
            assert_eq!(get("id_2", i), nc, "nc {i}");
            let nd = name
                .zip(normalize_domain(dom[i]))
                .map(|(a, b)| format!("nd:{a}{SEP}{b}"));
            assert_eq!(get("id_3", i), nd, "nd {i}");
            let hp = ids.column("has_phone").unwrap().bool().unwrap().get(i);
            assert_eq!(hp, Some(is_phone(ph[i])), "phone {i}");
            let he = ids.column("has_email").unwrap().bool().unwrap().get(i);
            assert_eq!(
                he,
                Some(!email_addresses(em[i]).is_empty()),
                "has_email {i}"
            );
            let company = normalize_domain(dom[i]).or_else(|| normalize_text(comp[i]));
            assert_eq!(get("company", i), company, "company {i}");
        }
    }

    #[test]
    fn duplicate_chains_join_transitively() {
        let df = frame(&[
            ("em", vec!["a@x.com", "A@X.com", "b@y.com", "", "c@z.com"]),
            (
                "li",
                vec![
                    "",
                    "linkedin.com/in/p",
                    "https://www.linkedin.com/in/P/",
                    "",
                    "",
                ],
            ),
        ]);
        let mut m = Mapping::default();
        m.set(Role::Email, vec!["em".into()]);
        m.set(Role::LinkedinUrl, vec!["li".into()]);
        let roots = contacts(&identifier_frame(&df, &m).unwrap()).unwrap();
        assert_eq!(roots, vec![Some(0), Some(0), Some(0), None, Some(4)]);
    }

    #[test]
    fn email_cells_are_lists_of_addresses() {
        let cells = vec![
            "Cara Lee <cara@lee.example>",
            "mailto:ben@lagos.example",
            "ana@fox.example; ana.r@gmail.example",
            "\"dan@wu.example, d.wu@wu.example\"",
            "ana.r@gmail.example",
            "not-an-address, also@bad",
            "Dan Wu <D.Wu@wu.example>, other@x.example",
            "cara@lee.example",
        ];
        let df = frame(&[("em", cells)]);
        let mut m = Mapping::default();
        m.set(Role::Email, vec!["em".into()]);
        let f = identifier_frame(&df, &m).unwrap();
        // Cells 0-3 and 6 are lists with an address; 5 is a list without one.
        assert_eq!(f.list_cells, 5);
        let first: Vec<Option<&str>> = f
            .ids
            .column("id_0")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            first,
            [
                Some("em:cara@lee.example"),
                Some("em:ben@lagos.example"),
                Some("em:ana@fox.example"),
                Some("em:dan@wu.example"),
                Some("em:ana.r@gmail.example"),
                None,
                Some("em:d.wu@wu.example"),
                Some("em:cara@lee.example"),
            ]
        );
        // Second addresses join contacts: 2 with 4 (ana.r@), 3 with 6 (d.wu@), 0 with 7.
        let roots = contacts(&f).unwrap();
        assert_eq!(
            roots,
            vec![
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(2),
                None,
                Some(3),
                Some(0)
            ]
        );
    }
}
