//! The one pass that reads and analyses a list without holding its rows
//! (`engine::OnePass::analyze`, the CLI's estimate) gives exactly what reading the list
//! whole and analysing it gives — every per-row vector, the tally, the warnings, the
//! detected roles and the errors — on generated lists and logs, the hostile corpus, the
//! layouts, workbooks, and lists of several runs with a footer across the last two.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use enrichplan::analysis::Analysis;
use enrichplan::cycle::{Cycle, CycleLength};
use enrichplan::engine::{self, AnalysisInput};
use enrichplan::input::reader::{ContactTable, ReadOptions};
use enrichplan::input::roles::Mapping;
use enrichplan::progress::Progress;
use polars::prelude::DataFrame;

use crate::common;
use crate::generator::{self, Rng};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn cycle() -> Cycle {
    Cycle {
        renewal: NaiveDate::from_ymd_opt(2026, 12, 10),
        length: CycleLength::Monthly,
    }
}

/// What a run gives, as comparable text: the numbers and vectors, or the error.
#[derive(Debug, PartialEq)]
struct Seen {
    headers: Vec<String>,
    read_warnings: Vec<String>,
    source: (u8, &'static str, u64),
    mapping: Mapping,
    tally: enrichplan::analysis::Tally,
    row_contact: Vec<u32>,
    contact_rep: Vec<u32>,
    contact_flags: Vec<u8>,
    row_company: Vec<u32>,
    company_first_row: Vec<u32>,
    table_rows: Vec<std::ops::Range<u32>>,
    log: Option<enrichplan::analysis::LogSummary>,
    warnings: Vec<String>,
    /// Every column's cells (the one pass keeps the columns asked for whole).
    cells: Vec<(String, Vec<Option<String>>)>,
}

fn seen(table: &ContactTable, mapping: &Mapping, a: Analysis, cells: &DataFrame) -> Seen {
    let cells = cells
        .columns()
        .iter()
        .map(|c| {
            let v = c
                .str()
                .unwrap()
                .iter()
                .map(|x| x.map(str::to_string))
                .collect();
            (c.name().to_string(), v)
        })
        .collect();
    Seen {
        cells,
        headers: table.headers.clone(),
        read_warnings: table.warnings.clone(),
        source: (table.delimiter, table.encoding, table.bytes),
        mapping: mapping.clone(),
        tally: a.tally,
        row_contact: a.row_contact,
        contact_rep: a.contact_rep,
        contact_flags: a.contact_flags,
        row_company: a.row_company,
        company_first_row: a.company_first_row,
        table_rows: a.table_rows,
        log: a.log,
        warnings: a.warnings,
    }
}

fn load_log(log: Option<&Path>) -> enrichplan::Result<Option<(ContactTable, Mapping)>> {
    let Some(path) = log else {
        return Ok(None);
    };
    let l = engine::load_log(path, &ReadOptions::default(), &Progress::new())?;
    let m = l.detection.mapping.clone();
    Ok(Some((l.table, m)))
}

/// Read whole, then analyse.
fn whole(path: &Path, log: Option<&Path>) -> Result<Seen, String> {
    let p = Progress::new();
    let list = engine::load_list(path, &ReadOptions::default(), &p).map_err(|e| e.to_string())?;
    let mapping = list.detection.mapping.clone();
    let log = load_log(log).map_err(|e| e.to_string())?;
    let a = engine::analyze(
        &AnalysisInput {
            list: &list.table,
            mapping: &mapping,
            log: log.as_ref().map(|(t, m)| (t, m)),
            cycle: cycle(),
            today: today(),
        },
        &p,
    )
    .map_err(|e| e.to_string())?;
    Ok(seen(&list.table, &mapping, a, &list.table.df))
}

/// The one pass, with the detected mapping unless `mapping_of` says otherwise.
fn stream(
    path: &Path,
    log: Option<&Path>,
    mapping_of: &dyn Fn(&engine::LoadedList) -> enrichplan::Result<Mapping>,
    cells: &[String],
    progress: &Progress,
) -> enrichplan::Result<engine::Streamed> {
    engine::OnePass {
        path,
        opts: &ReadOptions::default(),
        mapping_of,
        log_of: &|| load_log(log),
        cycle: cycle(),
        today: today(),
        cells,
    }
    .analyze(progress)
}

fn detected(l: &engine::LoadedList) -> enrichplan::Result<Mapping> {
    Ok(l.detection.mapping.clone())
}

/// Read and analysed in one pass.
fn streamed(path: &Path, log: Option<&Path>) -> Result<Seen, String> {
    // Every column asked for whole, by its name.
    let headers: Vec<String> = engine::load_list(path, &ReadOptions::default(), &Progress::new())
        .map(|l| l.table.headers)
        .unwrap_or_default();
    let s = stream(path, log, &detected, &headers, &Progress::new()).map_err(|e| e.to_string())?;
    Ok(seen(&s.list.table, &s.mapping, s.analysis, &s.cells))
}

fn assert_same(path: &Path, log: Option<&Path>) {
    let (w, s) = (whole(path, log), streamed(path, log));
    assert!(w == s, "{}: whole {w:#?}\nstreamed {s:#?}", path.display());
}

#[test]
fn generated_lists_and_logs_give_the_same_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let mut ok = 0;
    for seed in 0..160u64 {
        let mut rng = Rng::new(0x57ea_0000 + seed);
        let g = if seed % 8 == 7 {
            generator::gen_big_case(&mut rng)
        } else {
            generator::gen_case(&mut rng, 60)
        };
        let list = dir.path().join(format!("list-{seed}.csv"));
        std::fs::write(&list, generator::encode(&g.list_csv, g.list_encoding)).unwrap();
        let log = g.log_csv.as_ref().map(|text| {
            let p = dir.path().join(format!("log-{seed}.csv"));
            std::fs::write(&p, generator::encode(text, g.log_encoding)).unwrap();
            p
        });
        assert_same(&list, log.as_deref());
        ok += whole(&list, log.as_deref()).is_ok() as usize;
    }
    // Most cases analyse (a log with both date orders is refused, the same way).
    assert!(ok > 120, "{ok} of 160 analysed");
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if !p
            .extension()
            .is_some_and(|e| e == "md" || e == "py" || e == "toml" || e == "tsv")
        {
            out.push(p);
        }
    }
}

/// Every file of the hostile corpus, the header references and the fixtures (CSV, text,
/// workbooks, broken files): the same result or the same error.
#[test]
fn every_reference_and_fixture_file_gives_the_same_result_or_error() {
    let mut files = Vec::new();
    files_under(&common::shared().join("reference"), &mut files);
    files_under(&common::repo("tests/fixtures"), &mut files);
    files_under(&common::repo("sample-data"), &mut files);
    assert!(files.len() > 100, "{} files", files.len());
    for f in &files {
        assert_same(f, None);
    }
    let log = common::repo("sample-data/reveal-log.csv");
    assert_same(&common::repo("sample-data/contacts.csv"), Some(&log));
}

/// Rows in several runs of the reader, a row count on a run boundary, and a report footer
/// that starts in the next-to-last run and ends in the last.
#[test]
fn runs_boundaries_and_a_footer_across_the_last_two_runs() {
    const RUN: usize = 1 << 16;
    let dir = tempfile::tempdir().unwrap();
    let person = |r: usize| {
        let p = r % 5000;
        format!(
            "Ann{p},Lee,Acme {},acme{}.com,a{p}@acme{}.com,+1 555 {r}\n",
            p % 300,
            p % 300,
            p % 300
        )
    };
    for (rows, footer) in [
        (RUN - 1, 0),
        (RUN, 0),
        (RUN + 1, 0),
        (2 * RUN - 2, 5),
        (2 * RUN + 40, 3),
    ] {
        let mut text = String::from("First Name,Last Name,Company,Website,Email,Phone\n");
        for r in 0..rows {
            text.push_str(&person(r));
        }
        for k in 0..footer {
            text.push_str(if k == 0 {
                "Total,,,,,\n"
            } else {
                "Generated by CRM,,,,,\n"
            });
        }
        let path = dir.path().join(format!("list-{rows}-{footer}.csv"));
        std::fs::write(&path, text).unwrap();
        let s = streamed(&path, None).unwrap();
        assert_eq!(s.tally.rows, rows as u64, "{rows} rows, footer {footer}");
        assert_eq!(
            s.read_warnings.iter().any(|w| w.contains("footer")),
            footer > 0
        );
        assert_same(&path, None);
    }
}

/// A mapping refused after the first rows stops the reader and is the error shown; a
/// cancelled pass ends as cancelled (neither hangs).
#[test]
fn an_error_or_a_cancel_stops_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Email\n");
    for r in 0..300_000 {
        text.push_str(&format!("p{r}@x.com\n"));
    }
    let path = dir.path().join("big.csv");
    std::fs::write(&path, text).unwrap();
    let refuse = |_: &engine::LoadedList| Err(enrichplan::Error::Setting("no such column".into()));
    let refused = stream(&path, None, &refuse, &[], &Progress::new());
    assert!(
        matches!(&refused, Err(enrichplan::Error::Setting(m)) if m == "no such column"),
        "{:?}",
        refused.err()
    );
    let progress = Progress::new();
    progress.cancel();
    let cancelled = stream(&path, None, &detected, &[], &progress);
    assert!(matches!(cancelled, Err(enrichplan::Error::Cancelled)));
}

/// Late runs leave the columns no role reads empty; what the file says of them (cells that
/// are not UTF-8) is still counted, and nothing else changes.
#[test]
fn columns_no_role_reads_still_count_in_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"Email,Notes,Company\n".to_vec();
    let rows = 6 * (1 << 16);
    for r in 0..rows {
        bytes.extend_from_slice(format!("p{}@x{}.com,", r % 70_000, r % 7).as_bytes());
        if r % 100_000 == 99_999 {
            bytes.extend_from_slice(b"caf\xe9 \xff");
        } else {
            bytes.extend_from_slice(b"note");
        }
        bytes.extend_from_slice(format!(",Acme {}\n", r % 9).as_bytes());
    }
    let path = dir.path().join("wide.csv");
    std::fs::write(&path, bytes).unwrap();
    let s = streamed(&path, None).unwrap();
    assert!(
        s.read_warnings
            .iter()
            .any(|w| w.contains("3 cells") && w.contains("UTF-8")),
        "{:?}",
        s.read_warnings
    );
    assert_eq!(s.tally.rows, rows as u64);
    assert_same(&path, None);
}

/// Line numbers far into a file (the reader keeps only the line breaks ahead of it): a
/// short row and a quote left open, each named by its line, read whole and streamed.
#[test]
fn lines_far_into_a_file_are_still_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Email,Company\n");
    for r in 0..300_000 {
        // Line r + 2; a blank line and a CRLF now and then shift the count.
        match r {
            150_000 => text.push_str("short@x.com\n"),
            _ if r % 50_000 == 7 => text.push_str(&format!("p{r}@x.com,Acme\r\n\n")),
            _ => text.push_str(&format!("p{r}@x.com,Acme\n")),
        }
    }
    // Three blank lines come before the short row (after r = 7, 50007 and 100007).
    let short_line = 150_000 + 2 + 3;
    let path = dir.path().join("long.csv");
    std::fs::write(&path, &text).unwrap();
    let s = streamed(&path, None).unwrap();
    assert!(
        s.read_warnings
            .iter()
            .any(|w| w.contains(&format!("first at line {short_line}"))),
        "{:?}",
        s.read_warnings
    );
    assert_same(&path, None);
    text.push_str("open@x.com,\"Acme\nmore@x.com,Beta\n");
    std::fs::write(&path, &text).unwrap();
    let lines = text.lines().count();
    let e = streamed(&path, None).unwrap_err();
    assert!(e.contains(&format!("line {}", lines - 1)), "{e}");
    assert_eq!(whole(&path, None).unwrap_err(), e);
}

/// `--group-by` and a priority column read one column: the one pass keeps it whole beside
/// the analysis. The JSON is the whole read's (forced here by `--rows-out`, which reads
/// every cell), for a 20,000-row list (four runs, repeated people, a group column in
/// several spellings, priorities that are not numbers) and the sample, and a column the list
/// lacks is the same error.
#[test]
fn group_by_and_priority_in_one_pass_are_the_whole_reads() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let mut text = String::from("Name,Email,Country,Score\n");
    let mut rng = Rng::new(7);
    for i in 0..20_000u64 {
        let person = rng.below(12_000);
        text.push_str(&format!(
            "P{person},p{person}@c{}.example,{},{}\n",
            person % 300,
            ["DE", "fr", "US", " de ", ""][(i % 5) as usize],
            if i % 7 == 0 {
                "n/a".to_string()
            } else {
                (person % 97).to_string()
            }
        ));
    }
    std::fs::write(&big, text).unwrap();
    let sample = common::repo("sample-data/contacts.csv");
    for (list, group, priority) in [(&big, "country", "Score"), (&sample, "Country", "Notes")] {
        let l = list.to_str().unwrap();
        let rows = dir.path().join("rows.csv");
        let args = [
            "estimate",
            l,
            "--group-by",
            group,
            "--priority",
            priority,
            "--budget",
            "2000",
            "--format",
            "json",
        ];
        let one_pass = common::json(&args);
        // It did take the one pass.
        let timed = std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"))
            .args(args)
            .env("ENRICHPLAN_TIMINGS", "1")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&timed.stderr);
        assert!(said.contains("(one pass)"), "{said}");
        let mut forced = args.to_vec();
        forced.extend(["--rows-out", rows.to_str().unwrap()]);
        let whole = common::json(&forced);
        assert_eq!(one_pass, whole, "{l}");
        assert!(one_pass["groups"].as_array().unwrap().len() >= 3, "{l}");
        assert!(one_pass["budget"]["fit_contacts"].as_u64().is_some(), "{l}");
    }
    let missing = |extra: &[&str]| {
        let mut args = vec!["estimate", big.to_str().unwrap(), "--group-by", "Owner"];
        args.extend(extra);
        let o = common::run(&args);
        assert!(!o.status.success());
        String::from_utf8_lossy(&o.stderr).to_string()
    };
    let rows = dir.path().join("rows2.csv");
    assert_eq!(
        missing(&[]),
        missing(&["--rows-out", rows.to_str().unwrap()])
    );
    assert!(
        missing(&[]).contains("no column named `Owner`"),
        "{}",
        missing(&[])
    );
}

/// Lists whose rows are hard to find again: a byte order mark, CRLF line ends, quoted cells
/// over several lines, lines before the header, Excel's `sep=` line, comments, a repeated
/// header, ragged rows, a footer, and files in Latin-1 and UTF-16.
pub fn hard_to_read_back() -> Vec<(&'static str, Vec<u8>)> {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Name,Email,Company\r\nZoë Ñúñez,zoe@acme.com,\"Acme, Inc.\"\r\nBob,bob@x.com,\"Beta\r\nGroup\"\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    vec![
        (
            "bom-crlf-preamble.csv",
            "\u{feff}Report: leads 2026\r\n\r\nFirst Name,Last Name,Email,Company,Notes\r\nAnn,Lee,ann@acme.com,Acme,\"two\r\nlines\"\r\n\r\nBob,Ray,bob@beta.io,Beta,\"said \"\"hi\"\"\"\r\nCy,Dee,,\"Gamma, Ltd\",\"x\ny\nz\"\r\nAnn,Lee,ANN@acme.com,Acme,last\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "latin1.csv",
            b"Name,Email,Company\nJos\xe9 M\xfcller,jose@x.com,Caf\xe9 GmbH\n\"Fran\xe7ois\nII\",f@y.fr,\"S\xe9rie, SA\"\nAnn,ann@z.com,Z\n".to_vec(),
        ),
        ("utf16.csv", utf16),
        (
            "sep-comments-ragged-footer.csv",
            b"sep=;\nName;Email;Company\nAnn;ann@x.com;Acme\n# a comment\nName;Email;Company\nBob;bob@y.com\nCy;cy@z.com;Zed;extra\n\"Dee\r\nDoe\";dee@w.com;W\nTotal;;\nGenerated by CRM;;\n".to_vec(),
        ),
        (
            "no-final-newline.csv",
            b"Email,Company\na@x.com,\"Acme\nInc\"\nb@y.com,\"Beta\"".to_vec(),
        ),
    ]
}

/// The window keeps no cell of a list: each row's line and where its record starts, and
/// reads cells back from there (`ListRows`). Every row read back, every column read again,
/// and every run read again are the whole read's, on the hard cases, every reference and
/// fixture file, and generated lists (several encodings).
#[test]
fn rows_read_back_by_offset_are_the_whole_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, bytes) in hard_to_read_back() {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    }
    files_under(&common::shared().join("reference"), &mut files);
    files_under(&common::repo("tests/fixtures"), &mut files);
    files_under(&common::repo("sample-data"), &mut files);
    for seed in 0..24u64 {
        let mut rng = Rng::new(0x0ff5_0000 + seed);
        let g = generator::gen_case(&mut rng, 60);
        let p = dir.path().join(format!("gen-{seed}.csv"));
        std::fs::write(&p, generator::encode(&g.list_csv, g.list_encoding)).unwrap();
        files.push(p);
    }
    let text = |df: &DataFrame, h: &str| -> Vec<String> {
        df.column(h)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect()
    };
    let mut checked = 0;
    for f in &files {
        let p = Progress::new();
        let Ok(whole) = engine::load_list(f, &ReadOptions::default(), &p) else {
            continue;
        };
        let t = &whole.table;
        let (_, rows) = engine::OnePass {
            path: f,
            opts: &ReadOptions::default(),
            mapping_of: &detected,
            log_of: &|| Ok(None),
            cycle: cycle(),
            today: today(),
            cells: &[],
        }
        .index(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.display();
        assert_eq!(rows.rows(), t.rows(), "{name}");
        assert_eq!(rows.lines, t.lines, "{name}");
        assert_eq!(rows.headers, t.headers, "{name}");
        let all: Vec<u32> = (0..t.rows() as u32).collect();
        let back = rows.cells(&all).unwrap();
        for (i, h) in t.headers.iter().enumerate() {
            let column: Vec<String> = back.iter().map(|r| r[i].clone()).collect();
            assert_eq!(column, text(&t.df, h), "{name}: column {h}");
        }
        // Rows out of order and one at a time.
        let some: Vec<u32> = all.iter().rev().step_by(3).copied().collect();
        let picked = rows.cells(&some).unwrap();
        for (r, cells) in some.iter().zip(&picked) {
            assert_eq!(cells, &back[*r as usize], "{name}: row {r}");
        }
        // A column read again, and every run read again.
        if let Some(h) = t.headers.last() {
            let c = rows.columns(std::slice::from_ref(h), &p).unwrap();
            assert_eq!(text(&c.df, h), text(&t.df, h), "{name}: column {h} again");
        }
        let mut again: Vec<Vec<String>> = vec![Vec::new(); t.headers.len()];
        let mut lines = Vec::new();
        rows.each_run(None, &p, &mut |run, first| {
            assert_eq!(first, lines.len());
            lines.extend_from_slice(&run.lines);
            for (i, h) in t.headers.iter().enumerate() {
                again[i].extend(text(&run.df, h));
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(lines, t.lines, "{name}");
        for (i, h) in t.headers.iter().enumerate() {
            assert_eq!(again[i], text(&t.df, h), "{name}: runs, column {h}");
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked} files read back");
}

/// A list changed after it was read is said, not shown at offsets that no longer start its
/// rows.
#[test]
fn a_list_changed_since_it_was_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("list.csv");
    std::fs::write(&p, "Email,Company\na@x.com,Acme\nb@y.com,Beta\n").unwrap();
    let (_, rows) = engine::OnePass {
        path: &p,
        opts: &ReadOptions::default(),
        mapping_of: &detected,
        log_of: &|| Ok(None),
        cycle: cycle(),
        today: today(),
        cells: &[],
    }
    .index(&Progress::new())
    .unwrap();
    assert_eq!(rows.cells(&[1]).unwrap(), [["b@y.com", "Beta"]]);
    std::fs::write(
        &p,
        "Email,Company\nlonger@x.com,Acme\nb@y.com,Beta\nc@z.com,C\n",
    )
    .unwrap();
    let e = rows.cells(&[1]).unwrap_err().to_string();
    assert!(e.contains("changed since it was read"), "{e}");
    let e = rows
        .each_run(None, &Progress::new(), &mut |_, _| Ok(()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("changed since it was read"), "{e}");
}
