//! workspace.md, rule by rule, on spec text: what a spec means, every refusal with its
//! line and table, and the file written back reading the same.

use super::*;

fn book() -> PriceBook {
    pricebook::default_book()
}

fn parse(text: &str) -> Spec {
    match Spec::parse(text, Path::new("plan.toml"), None) {
        Ok((spec, _)) => spec,
        Err(e) => panic!("{e}"),
    }
}

/// The line and message of a refused spec (the path is the same every time).
fn refused(text: &str) -> (Option<u64>, String) {
    refused_at(text, Path::new("plan.toml"))
}

fn refused_at(text: &str, path: &Path) -> (Option<u64>, String) {
    match Spec::parse(text, path, None) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(Error::Input {
            path: p,
            line,
            message,
        }) => {
            assert_eq!(p, path, "the error names the spec");
            (line, message)
        }
        Err(e) => panic!("not an input error: {e:?}"),
    }
}

/// workspace.md's own example, with `match_rate = 1.0` given and the other rates omitted.
const EXAMPLE: &str = r#"ai_chat_prompts = 12

[[table]]
name = "EMEA VPs"
rows = 1200
reveal = ["email", "phone"]
match_rate = 1.0
lusha_columns = ["Job Title"]
crm_columns = ["Owner"]
ai_data_columns = [ { name = "ICP fit" }, { name = "Summary", fill_rate = 0.9 } ]
signals_columns = [ { name = "Job change", hit_rate = 0.1 } ]
csv_exports = [1200, 300]
crm_exports = 2
"#;

#[test]
fn the_example_means_what_workspace_md_says() {
    let b = book();
    let (spec, used) = Spec::parse(EXAMPLE, Path::new("plan.toml"), None).unwrap();
    assert_eq!(used.id, b.id, "no pricebook named: the default book");
    assert_eq!(spec.pricebook, None);
    assert_eq!(spec.ai_chat_prompts, 12);
    assert_eq!(spec.tables.len(), 1);
    let t = &spec.tables[0];
    assert_eq!(t.name, "EMEA VPs");
    assert_eq!(t.source, TableSource::Rows(1200));
    assert_eq!(
        t.selection,
        Selection {
            email: true,
            phone: true
        }
    );
    // A rate without its range: low = high = the rate; omitted: the book's default.
    assert_eq!(t.assumptions.match_rate, RateRange::exact(1.0));
    assert_eq!(t.assumptions.email_rate, b.assumptions.email_rate);
    assert_eq!(t.assumptions.phone_rate, b.assumptions.phone_rate);
    let w = &t.actions;
    assert_eq!(w.lusha_columns, ["Job Title"]);
    assert_eq!(w.crm_columns, ["Owner"]);
    // An omitted fill_rate is 1 with range [1, 1].
    assert_eq!(
        w.ai_data,
        [
            AiDataColumn {
                name: "ICP fit".into(),
                fill: RateRange::exact(1.0)
            },
            AiDataColumn {
                name: "Summary".into(),
                fill: RateRange::exact(0.9)
            }
        ]
    );
    assert_eq!(
        w.signals,
        [SignalsColumn {
            name: "Job change".into(),
            hit: RateRange::exact(0.1)
        }]
    );
    assert_eq!(
        w.csv_exports,
        [ExportRows::Rows(1200), ExportRows::Rows(300)]
    );
    assert_eq!(w.crm_exports, 2);
    // Chat belongs to the spec, never to a table.
    assert_eq!(w.ai_chat_prompts, 0);
    let s = t.settings();
    assert_eq!(s.channel, Channel::Workspace);
    assert_eq!(s.workspace.ai_chat_prompts, 0);
    assert_eq!(s.workspace.crm_exports, 2);
    assert_eq!(s.assumptions, t.assumptions);
    assert!(!s.only_missing);
}

/// An omitted hit_rate is the book's signal hit rate with its range; a range alone takes
/// the default's expected value clamped into it; `reveal` absent means no reveals; a
/// table without a name is named after its position.
#[test]
fn defaults_of_an_almost_empty_table() {
    let b = book();
    let spec = parse(
        "[[table]]\nrows = 10\nsignals_columns = [ { name = \"Funding\" } ]\nemail_range = [0.0, 0.1]\nphone_range = [0.99, 1.0]\n",
    );
    let t = &spec.tables[0];
    assert_eq!(t.name, "Table 1");
    assert_eq!(
        t.selection,
        Selection {
            email: false,
            phone: false
        }
    );
    assert_eq!(t.actions.signals[0].hit, b.assumptions.signal_hit_rate);
    // The book's expected email rate (0.75) clamped into [0, 0.1] is 0.1; its phone rate
    // (0.45) into [0.99, 1] is 0.99.
    assert_eq!(
        t.assumptions.email_rate,
        RateRange {
            low: 0.0,
            expected: 0.1,
            high: 0.1
        }
    );
    assert_eq!(t.assumptions.phone_rate.expected, 0.99);
    assert!(t.actions.csv_exports.is_empty());
    assert_eq!(t.actions.crm_exports, 0);
    assert_eq!(spec.ai_chat_prompts, 0);
    // `reveal` words are trimmed and any case; "all" exports the whole table.
    let spec = parse(
        "[[table]]\nname = \"  T  \"\nrows = 10\nreveal = [\" Phone \"]\ncsv_exports = [\" ALL \", 0]\n",
    );
    let t = &spec.tables[0];
    assert_eq!(t.name, "T");
    assert_eq!(
        t.selection,
        Selection {
            email: false,
            phone: true
        }
    );
    assert_eq!(
        t.actions.csv_exports,
        [ExportRows::All, ExportRows::Rows(0)]
    );
}

#[test]
fn chat_alone_is_a_plan_and_nothing_at_all_is_refused() {
    let spec = parse("ai_chat_prompts = 3\n");
    assert!(spec.tables.is_empty());
    assert_eq!(spec.ai_chat_prompts, 3);
    let (line, msg) = refused("# nothing\n");
    assert_eq!(line, None);
    assert!(msg.starts_with("the spec has no table"), "{msg}");
    let (_, msg) = refused("ai_chat_prompts = 0\n");
    assert!(msg.starts_with("the spec has no table"), "{msg}");
}

#[test]
fn rows_and_source_both_or_neither_are_refused_on_their_lines() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 5\nsource = \"a.csv\"\n");
    assert_eq!(line, Some(4), "the line of `source`");
    assert_eq!(
        msg,
        "table `A`: give either `rows` (line 3) or `source`, not both"
    );
    let (line, msg) = refused("[[table]]\nrows = 5\n\n[[table]]\nname = \"B\"\n");
    assert_eq!(line, Some(4), "the second table's header");
    assert!(msg.starts_with("table `B`: give `rows = N`"), "{msg}");
}

#[test]
fn counts_are_whole_numbers_from_zero_to_the_plausible() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = -5\n");
    assert_eq!(line, Some(3));
    assert_eq!(msg, "table `A`: `rows` = -5: a count must be 0 or more");
    let big = MAX_COUNT + 1;
    let (line, msg) = refused(&format!(
        "\n[[table]]\nname = \"A\"\nrows = 1\ncrm_exports = {big}\n"
    ));
    assert_eq!(line, Some(5));
    assert!(
        msg.starts_with(&format!("table `A`: `crm_exports` = {big}: more than")),
        "{msg}"
    );
    // The largest plausible count is still a count.
    let spec = parse(&format!("[[table]]\nrows = {MAX_COUNT}\n"));
    assert_eq!(spec.tables[0].source, TableSource::Rows(MAX_COUNT));
    let (line, msg) = refused("ai_chat_prompts = -1\n[[table]]\nrows = 1\n");
    assert_eq!(line, Some(1));
    assert_eq!(msg, "`ai_chat_prompts` = -1: a count must be 0 or more");
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 10\ncsv_exports = [-3]\n");
    assert_eq!(line, Some(4));
    assert_eq!(
        msg,
        "table `A`: `csv_exports`: -3 rows: a count must be 0 or more"
    );
}

#[test]
fn an_export_larger_than_its_table_is_refused_on_its_line() {
    // Exactly the table's rows is fine; one more is not.
    parse("[[table]]\nrows = 10\ncsv_exports = [10]\n");
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 10\n\ncsv_exports = [10, 11]\n");
    assert_eq!(line, Some(5));
    assert_eq!(
        msg,
        "table `A`: a CSV export of 11 rows is more than the table's 10 rows"
    );
    let t = TableSpec::new_rows("N", 10, &book());
    let mut t2 = t.clone();
    t2.actions.csv_exports = vec![ExportRows::All, ExportRows::Rows(11)];
    assert!(t.check_exports(0, Path::new("s.toml")).is_ok());
    let e = t2.check_exports(10, Path::new("s.toml")).unwrap_err();
    assert!(
        e.to_string().contains("table `N`: a CSV export of 11 rows"),
        "{e}"
    );
    assert!(t2.check_exports(11, Path::new("s.toml")).is_ok());
}

#[test]
fn words_the_spec_does_not_know_are_refused() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\nreveal = [\"email\", \"fax\"]\n");
    assert_eq!(line, Some(4));
    assert_eq!(
        msg,
        "table `A`: `reveal`: unknown data point `fax` (use \"email\", \"phone\")"
    );
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 10\ncsv_exports = [\"half\"]\n");
    assert_eq!(line, Some(4));
    assert_eq!(
        msg,
        "table `A`: `csv_exports`: `half` is neither a row count nor \"all\""
    );
    // An unknown key: named, with its line and table (a typo never costs nothing).
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\ncrm_export = 3\n");
    assert_eq!(line, Some(4));
    assert!(msg.starts_with("table `A`: "), "{msg}");
    assert!(msg.contains("crm_export"), "{msg}");
    // Top level: no table named.
    let (line, msg) = refused("ai_chat = 3\n[[table]]\nrows = 1\n");
    assert_eq!(line, Some(1));
    assert!(msg.contains("ai_chat"), "{msg}");
    assert!(!msg.starts_with("table"), "{msg}");
}

#[test]
fn a_wrong_type_names_its_key_and_a_number_in_words() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = \"ten\"\n");
    assert_eq!(line, Some(3));
    assert!(msg.starts_with("table `A`: `rows`: "), "{msg}");
    assert!(msg.contains("a whole number"), "{msg}");
    assert!(!msg.contains("i64"), "{msg}");
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\nmatch_rate = \"high\"\n");
    assert_eq!(line, Some(4));
    assert!(msg.starts_with("table `A`: `match_rate`: "), "{msg}");
    assert!(msg.contains("a number"), "{msg}");
    assert!(!msg.contains("f64"), "{msg}");
}

/// A second table whose file is not valid TOML is named by its position (its name cannot
/// be read); the first table keeps its name when the file parses.
#[test]
fn errors_name_the_table_by_name_or_position() {
    let (line, msg) =
        refused("[[table]]\nname = \"A\"\nrows = 1\n\n[[table]]\nname = \"B\"\nrows = = 2\n");
    assert_eq!(line, Some(7));
    assert!(msg.starts_with("table 2: "), "{msg}");
    // A single bracket is a table where an array of tables is expected.
    let (line, msg) = refused("[table]\nrows = 1\n");
    assert_eq!(line, Some(1));
    assert!(
        msg.ends_with("write each table as [[table]] (two brackets)"),
        "{msg}"
    );
    // After a later plain table header, a line belongs to no table.
    let (_, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\n[other]\nx = 1\n");
    assert!(!msg.starts_with("table"), "{msg}");
}

#[test]
fn rates_outside_zero_to_one_or_upside_down_are_refused() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\n\nemail_rate = 1.5\n");
    assert_eq!(line, Some(5), "the line of the rate's key");
    assert_eq!(
        msg,
        "table `A`: email_rate = 1.5: a rate must be between 0 and 1"
    );
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\nphone_range = [0.5, 0.2]\n");
    assert_eq!(line, Some(4));
    assert!(
        msg.contains("phone_rate: the range 0.5..0.2 has low above high"),
        "{msg}"
    );
    let (line, msg) =
        refused("[[table]]\nname = \"A\"\nrows = 1\nmatch_range = [0.5, 0.6]\nmatch_rate = 0.9\n");
    assert_eq!(line, Some(4), "the first line of the rate's keys");
    assert!(msg.starts_with("table `A`: match_rate"), "{msg}");
    let (line, msg) = refused(
        "[[table]]\nname = \"A\"\nrows = 1\nai_data_columns = [ { name = \"Fit\", fill_rate = 2.0 } ]\n",
    );
    assert_eq!(line, Some(4));
    assert!(msg.contains("AI Data column `Fit`: fill_rate = 2"), "{msg}");
    let (line, msg) = refused(
        "[[table]]\nname = \"A\"\nrows = 1\nsignals_columns = [ { name = \"Hiring\", hit_range = [0.9, 0.1] } ]\n",
    );
    assert_eq!(line, Some(4));
    assert!(msg.contains("Signals column `Hiring`: hit_rate"), "{msg}");
    // A second table's rate is found on its own lines, not the first table's.
    let (line, _) = refused(
        "[[table]]\nname = \"A\"\nrows = 1\nemail_rate = 0.5\n[[table]]\nname = \"B\"\nrows = 1\nemail_rate = 7\n",
    );
    assert_eq!(line, Some(8));
}

#[test]
fn read_keys_belong_to_sourced_tables() {
    for key in [
        "map = { email = \"E\" }",
        "sheet = \"S\"",
        "delimiter = \";\"",
        "encoding = \"latin1\"",
    ] {
        let (line, msg) = refused(&format!("[[table]]\nname = \"A\"\nrows = 1\n{key}\n"));
        assert_eq!(line, Some(3), "{key}: the line of `rows`");
        let k = key.split(' ').next().unwrap();
        assert_eq!(
            msg,
            format!(
                "table `A`: `{k}` is for a table read from a `source` file; this table is a row count"
            )
        );
    }
}

#[test]
fn tables_need_names_of_their_own() {
    let (line, msg) =
        refused("[[table]]\nname = \"EMEA\"\nrows = 1\n\n[[table]]\nname = \" emea \"\nrows = 2\n");
    assert_eq!(line, Some(5), "the header of the second table of the name");
    assert_eq!(
        msg,
        "two tables are named `emea`: give each table its own `name`"
    );
    let mut spec = parse("[[table]]\nname = \"A\"\nrows = 1\n");
    spec.tables.push(TableSpec::new_rows(" ", 1, &book()));
    assert_eq!(
        spec.check_names(),
        Err((1, "table 2 has no name".to_string()))
    );
}

#[test]
fn a_free_name_counts_on_from_two() {
    let mut spec = parse("[[table]]\nname = \"EMEA\"\nrows = 1\n");
    assert_eq!(spec.free_name("APAC"), "APAC");
    assert_eq!(spec.free_name("emea"), "emea 2");
    spec.tables.push(TableSpec::new_rows("EMEA 2", 1, &book()));
    assert_eq!(spec.free_name("EMEA"), "EMEA 3");
    assert_eq!(spec.free_name("  "), "Table 2");
}

#[test]
fn sourced_tables_read_their_list_beside_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("emea.csv"), "Email\na@x.com\n").unwrap();
    let spec_path = dir.path().join("plan.toml");
    let text = "[[table]]\nsource = \"emea.csv\"\ndelimiter = \";\"\nsheet = \"S1\"\nencoding = \"latin1\"\nmap = { email = [\"Work Email\", \"Email\"], phone = \"Mobile\", linkedin_url = [] }\n\n[[table]]\nrows = 3\n";
    let (spec, _) = Spec::parse(text, &spec_path, None).unwrap();
    let t = &spec.tables[0];
    assert_eq!(t.name, "emea", "named after the file");
    let TableSource::List { path, read, map } = &t.source else {
        panic!("a list: {:?}", t.source)
    };
    assert_eq!(path, &dir.path().join("emea.csv"));
    assert_eq!(
        read,
        &SourceRead {
            delimiter: Some(b';'),
            encoding: Some("latin1".into()),
            sheet: Some("S1".into())
        }
    );
    let o = read.options();
    assert_eq!(
        (
            o.delimiter,
            o.encoding.as_deref(),
            o.sheet.as_deref(),
            o.date_order
        ),
        (Some(b';'), Some("latin1"), Some("S1"), None)
    );
    // Roles in key order (a TOML table), columns in the order given; an empty list keeps
    // the role with no column (not used).
    assert_eq!(
        map,
        &[
            (Role::Email, "Work Email".to_string()),
            (Role::Email, "Email".to_string()),
            (Role::LinkedinUrl, String::new()),
            (Role::Phone, "Mobile".to_string()),
        ]
    );
    let sources: Vec<&Path> = spec.sources().collect();
    assert_eq!(sources, [dir.path().join("emea.csv").as_path()]);
    // A source that is not there, a bad delimiter, an unknown role: refused on their lines.
    let (line, msg) = refused_at(
        "[[table]]\nname = \"A\"\nsource = \"gone.csv\"\n",
        &spec_path,
    );
    assert_eq!(line, Some(3));
    assert!(msg.starts_with("table `A`: the source "), "{msg}");
    assert!(
        msg.ends_with("gone.csv does not exist or is not a file"),
        "{msg}"
    );
    let (line, msg) = refused_at(
        "[[table]]\nname = \"A\"\nsource = \"emea.csv\"\ndelimiter = \"::\"\n",
        &spec_path,
    );
    assert_eq!(line, Some(4));
    assert!(msg.starts_with("table `A`: `delimiter`: "), "{msg}");
    for role in ["fax", "date"] {
        let (line, msg) = refused_at(
            &format!(
                "[[table]]\nname = \"A\"\nsource = \"emea.csv\"\nmap = {{ {role} = \"X\" }}\n"
            ),
            &spec_path,
        );
        assert_eq!(line, Some(4));
        assert!(
            msg.starts_with(&format!(
                "table `A`: `map`: unknown role `{role}`; roles: first_name,"
            )),
            "{msg}"
        );
    }
}

/// Written back, a spec reads the same: rows and sourced tables, ranges, every action.
#[test]
fn a_spec_written_back_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lists")).unwrap();
    std::fs::write(dir.path().join("lists/emea.csv"), "Email\na@x.com\n").unwrap();
    let spec_path = dir.path().join("plan.toml");
    let text = format!(
        "pricebook = \"{id}\"\n{EXAMPLE}email_range = [0.5, 0.8]\n\n[[table]]\nname = \"Sourced\"\nsource = \"lists/emea.csv\"\ndelimiter = \"tab\"\nmap = {{ email = \"Email\" }}\nreveal = [\"email\"]\nai_data_columns = [ {{ name = \"Fit\", fill_range = [0.2, 0.6] }} ]\nsignals_columns = [ {{ name = \"Hiring\", hit_rate = 0.3, hit_range = [0.1, 0.5] }} ]\ncsv_exports = [\"all\"]\n",
        id = book().id
    );
    let (spec, _) = Spec::parse(&text, &spec_path, None).unwrap();
    let written = spec.to_toml(&spec_path).unwrap();
    assert!(
        written.starts_with("# enrichplan Workspace plan"),
        "{written}"
    );
    assert!(
        written.contains("source = \"lists/emea.csv\""),
        "relative to the spec: {written}"
    );
    let (again, _) = Spec::parse(&written, &spec_path, None).unwrap();
    assert_eq!(again, spec, "{written}");
    // A plan with nothing optional writes nothing optional (rates given alone have no
    // range to write).
    let plain = parse(
        "[[table]]\nname = \"P\"\nrows = 4\nmatch_rate = 0.5\nemail_rate = 0.5\nphone_rate = 0.5\n",
    );
    let written = plain.to_toml(Path::new("plan.toml")).unwrap();
    for absent in [
        "ai_chat_prompts",
        "crm_exports",
        "_range",
        "pricebook",
        "csv_exports",
        "source",
    ] {
        assert!(!written.contains(absent), "{absent} in {written}");
    }
    assert_eq!(parse(&written), plain);
}

#[test]
fn a_spec_is_summed_up_by_what_its_tables_share() {
    let b = book();
    let mut spec = parse(
        "ai_chat_prompts = 4\n[[table]]\nname = \"A\"\nrows = 1\nreveal = [\"email\"]\n[[table]]\nname = \"B\"\nrows = 1\n",
    );
    let s = spec.summary_settings(&b);
    assert_eq!(s.channel, Channel::Workspace);
    assert_eq!(
        s.selection,
        Selection {
            email: true,
            phone: false
        }
    );
    assert_eq!(s.workspace.ai_chat_prompts, 4);
    assert_eq!(s.assumptions, spec.tables[0].assumptions, "shared rates");
    spec.tables[1].assumptions.match_rate = RateRange::exact(0.125);
    spec.tables[0].assumptions.match_rate = RateRange::exact(0.125);
    assert_eq!(
        spec.summary_settings(&b).assumptions.match_rate,
        RateRange::exact(0.125)
    );
    spec.tables[1].assumptions.match_rate = RateRange::exact(0.25);
    assert_eq!(
        spec.summary_settings(&b).assumptions,
        Assumptions::from_book(&b),
        "rates that differ: the book's"
    );
    spec.tables[1].selection.phone = true;
    assert!(spec.summary_settings(&b).selection.phone);
}

#[test]
fn a_list_on_the_workspace_channel_is_a_one_table_spec() {
    let b = book();
    let mut s = Settings::defaults(&b);
    s.channel = Channel::Workspace;
    s.workspace.crm_exports = 3;
    s.workspace.ai_chat_prompts = 9;
    let t = TableSpec::of_list(Path::new("/data/emea leads.csv"), &s);
    assert_eq!(t.name, "emea leads");
    assert_eq!(
        t.source,
        TableSource::list(PathBuf::from("/data/emea leads.csv"))
    );
    assert_eq!(t.actions.crm_exports, 3);
    assert_eq!(t.actions.ai_chat_prompts, 0, "chat stays with the settings");
    assert_eq!(TableSpec::of_list(Path::new("/"), &s).name, "Table 1");
    let n = TableSpec::new_rows("New", 25, &b);
    assert_eq!(n.source, TableSource::Rows(25));
    assert_eq!(n.assumptions, Assumptions::from_book(&b));
    assert!(n.actions.is_empty());
    assert!(!n.selection.email && !n.selection.phone);
}

#[test]
fn spec_files_are_toml_files() {
    assert!(is_spec_path(Path::new("plan.toml")));
    assert!(is_spec_path(Path::new("PLAN.TOML")));
    assert!(!is_spec_path(Path::new("list.csv")));
    assert!(!is_spec_path(Path::new("toml")));
}

/// A price book named in the spec is used (a shipped id, or a path beside the spec); a
/// book given by the caller wins; an unknown one is refused on its line.
#[test]
fn the_spec_names_its_price_book() {
    let books = pricebook::shipped();
    let other = books
        .iter()
        .find(|b| b.id != book().id)
        .expect("two shipped books");
    let text = format!("\npricebook = \"{}\"\n[[table]]\nrows = 1\n", other.id);
    let (spec, used) = Spec::parse(&text, Path::new("plan.toml"), None).unwrap();
    assert_eq!(spec.pricebook.as_deref(), Some(other.id.as_str()));
    assert_eq!(used.id, other.id);
    let (_, used) = Spec::parse(&text, Path::new("plan.toml"), Some(&book())).unwrap();
    assert_eq!(used.id, book().id, "the caller's book wins");
    let (line, msg) = refused("\npricebook = \"no-such-book\"\n[[table]]\nrows = 1\n");
    assert_eq!(line, Some(2));
    assert!(msg.contains("no-such-book"), "{msg}");
    // A relative path is read beside the spec.
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/pricebooks")
        .join(format!("{}.toml", other.id));
    let mut toml_text = std::fs::read_to_string(src).unwrap();
    toml_text = toml_text.replacen(&format!("id = \"{}\"", other.id), "id = \"mine\"", 1);
    std::fs::write(dir.path().join("mine.toml"), toml_text).unwrap();
    let (_, used) = Spec::parse(
        "pricebook = \"mine.toml\"\n[[table]]\nrows = 1\n",
        &dir.path().join("plan.toml"),
        None,
    )
    .unwrap();
    assert_eq!(used.id, "mine");
}

/// A table built in the window may carry chat prompts in its actions; its settings never
/// do (chat belongs to the spec).
#[test]
fn a_tables_settings_never_carry_chat() {
    let mut t = TableSpec::new_rows("T", 10, &book());
    t.actions.ai_chat_prompts = 5;
    t.actions.crm_exports = 2;
    let s = t.settings();
    assert_eq!(s.workspace.ai_chat_prompts, 0);
    assert_eq!(s.workspace.crm_exports, 2);
}

/// The two-bracket hint is for a table written `[table]` only: not for a key given the
/// wrong kind of value, nor for a line the parser cannot read.
#[test]
fn the_two_bracket_hint_only_where_it_helps() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\nreveal = \"email\"\n");
    assert_eq!(line, Some(4));
    assert!(!msg.contains("two brackets"), "{msg}");
    assert!(msg.contains("`reveal`"), "{msg}");
    let (_, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\n}\n");
    assert!(!msg.contains("two brackets"), "{msg}");
}

/// An error found at the end of a line is on that line, not the next.
#[test]
fn a_value_missing_at_the_end_of_a_line_is_on_that_line() {
    let (line, msg) = refused("[[table]]\nname = \"A\"\nrows =\ncrm_exports = 1\n");
    assert_eq!(line, Some(3), "{msg}");
}

/// Saved, a spec is on disk and reads back the same.
#[test]
fn a_saved_spec_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let spec = parse(EXAMPLE);
    spec.save(&path).unwrap();
    let (again, _) = Spec::load(&path, None).unwrap();
    assert_eq!(again, spec);
}

/// Only a bare key names itself in a message: not a quoted one, not an empty one.
#[test]
fn only_bare_keys_are_named() {
    let (_, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\n\"crm exports\" = 3\n");
    assert!(!msg.contains("`\"crm exports\"`:"), "{msg}");
    let (_, msg) = refused("[[table]]\nname = \"A\"\nrows = 1\n= 5\n");
    assert!(!msg.contains("``"), "{msg}");
}

/// A blank name is no name: the table is named after its source or its position.
#[test]
fn a_blank_name_is_no_name() {
    let spec = parse("[[table]]\nname = \"   \"\nrows = 1\n");
    assert_eq!(spec.tables[0].name, "Table 1");
}
