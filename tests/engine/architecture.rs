//! The house's rules, read from the source's `crate::` paths (issue 27): no engine module
//! imports the faces, and the engine modules have no import circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo;

/// The top-level module a source file belongs to (`src/input/roles.rs` → `input`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every module's uses of other top-level modules (`crate::NAME`), test code left out.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(m) = module_of(&src, &f) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        // Unit tests may reach anywhere; what the module itself uses is above them.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            // Comments and docs may name any module (`[`crate::cli`]`).
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let code = code.as_str();
        let uses = g.entry(m.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` lists and `crate::Error` (re-exported at the root) aside.
            if !name.is_empty() && name.chars().next().unwrap().is_ascii_lowercase() && name != m {
                uses.insert(name);
            }
        }
        // `use crate::{a::X, b}` groups.
        for (i, _) in code.match_indices("crate::{") {
            let group = &code[i + "crate::{".len()..];
            let group = &group[..group.find('}').unwrap_or(0)];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != m {
                    uses.insert(name);
                }
            }
        }
    }
    g
}

#[test]
fn no_engine_module_imports_the_window_or_the_command_line() {
    let g = graph();
    assert!(g.contains_key("pricing") && g.contains_key("app"), "{g:?}");
    for (m, uses) in &g {
        if m == "app" || m == "cli" {
            continue;
        }
        for face in ["app", "cli"] {
            assert!(!uses.contains(face), "`{m}` imports `{face}`");
        }
    }
    assert!(
        !g["app"].contains("cli"),
        "the window imports the command line"
    );
    assert!(
        !g["cli"].contains("app"),
        "the command line imports the window"
    );
}

#[test]
fn the_engine_modules_have_no_import_circle() {
    let g = graph();
    // Depth-first search for a back edge; the path found is the circle.
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut circle = path[i..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if next == "app" || next == "cli" || !g.contains_key(next) {
                continue;
            }
            if let Some(c) = visit(next, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in g.keys().filter(|m| *m != "app" && *m != "cli") {
        if let Some(c) = visit(m, &g, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", c.join(" → "));
        }
    }
    // The check can see a circle: analysis uses identity (so identity → analysis would be one).
    assert!(g["analysis"].contains("identity"), "{:?}", g["analysis"]);
}
