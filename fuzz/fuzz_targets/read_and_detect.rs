//! Any bytes a user might pick: reading (encoding, dialect, preamble, footer, quotes) and
//! role detection must return a table or a clear error, never panic or hang.
#![no_main]

use std::io::Write;

use enrichplan::input::reader::{ReadOptions, read_table};
use enrichplan::input::roles::{Role, detect};
use enrichplan::progress::Progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut f = tempfile_in_tmp();
    f.1.write_all(data).unwrap();
    drop(f.1);
    if let Ok(t) = read_table(&f.0, &ReadOptions::default(), &Progress::new()) {
        assert_eq!(t.lines.len(), t.rows());
        assert_eq!(t.headers.len(), t.df.width());
        let d = detect(&t.headers, &t.profiles(200), &Role::ALL);
        for (role, cols) in &d.mapping.roles {
            for c in cols {
                assert!(t.headers.contains(c), "{role}: {c}");
            }
        }
    }
    let _ = std::fs::remove_file(&f.0);
});

fn tempfile_in_tmp() -> (std::path::PathBuf, std::fs::File) {
    let p = std::env::temp_dir().join(format!("enrichplan-fuzz-{}.csv", std::process::id()));
    let f = std::fs::File::create(&p).unwrap();
    (p, f)
}
