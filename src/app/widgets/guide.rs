//! The Help menu's guide: the README, bundled, drawn plainly (headings, paragraphs, lists,
//! code and tables in monospace; pictures left out), so the guide is there offline and
//! always matches the version running.

use eframe::egui::{self, RichText};

const README: &str = include_str!("../../../README.md");

/// One block of the README as drawn.
#[derive(Debug, PartialEq)]
enum Block<'a> {
    Heading(usize, &'a str),
    /// A paragraph or a list item (its lines joined).
    Text(String),
    /// A code block or a table, kept as written.
    Mono(String),
}

fn blocks(md: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut mono: Option<Vec<&str>> = None;
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Block<'_>>| {
        if !para.is_empty() {
            out.push(Block::Text(para.join(" ")));
            para.clear();
        }
    };
    for line in md.lines() {
        if let Some(code) = &mut mono {
            if line.trim_start().starts_with("```") {
                out.push(Block::Mono(code.join("\n")));
                mono = None;
            } else {
                code.push(line);
            }
            continue;
        }
        let t = line.trim();
        if t.starts_with("```") {
            flush(&mut para, &mut out);
            mono = Some(Vec::new());
        } else if t.starts_with('#') {
            flush(&mut para, &mut out);
            let level = t.chars().take_while(|c| *c == '#').count();
            out.push(Block::Heading(level, t[level..].trim()));
        } else if t.is_empty() || t.starts_with("![") {
            flush(&mut para, &mut out);
        } else if t.starts_with('|') {
            flush(&mut para, &mut out);
            match out.last_mut() {
                Some(Block::Mono(m)) if m.starts_with('|') => {
                    m.push('\n');
                    m.push_str(t);
                }
                _ => out.push(Block::Mono(t.to_string())),
            }
        } else if t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(". ") && para.is_empty()
        {
            flush(&mut para, &mut out);
            para.push(line.trim_end());
        } else {
            para.push(t);
        }
    }
    flush(&mut para, &mut out);
    if let Some(code) = mono {
        out.push(Block::Mono(code.join("\n")));
    }
    out
}

/// The guide's text as drawn, markup taken out of a paragraph (`code`, **bold**, links).
fn plain(s: &str) -> String {
    let mut out = s.replace("**", "").replace('`', "");
    // [text](target) → text
    while let (Some(a), Some(b)) = (out.find("]("), out.find('[')) {
        let Some(end) = out[a..].find(')').map(|e| a + e) else {
            break;
        };
        if b > a {
            break;
        }
        out = format!("{}{}{}", &out[..b], &out[b + 1..a], &out[end + 1..]);
    }
    out
}

/// Draw the guide in a window while `open`.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Guide")
        .open(open)
        .default_size([640.0, 520.0])
        .vscroll(true)
        .show(ctx, |ui| {
            // Parsed once, not every frame the guide is open.
            static BLOCKS: std::sync::OnceLock<Vec<Block<'static>>> = std::sync::OnceLock::new();
            for b in BLOCKS.get_or_init(|| blocks(README)) {
                match b {
                    Block::Heading(1, t) => {
                        ui.heading(*t);
                    }
                    Block::Heading(_, t) => {
                        ui.add_space(6.0);
                        ui.label(RichText::new(*t).strong().size(16.0));
                    }
                    Block::Text(t) => {
                        ui.label(plain(t));
                    }
                    Block::Mono(t) => {
                        ui.label(RichText::new(t.as_str()).monospace().size(12.0));
                    }
                }
                ui.add_space(4.0);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_reads_as_headings_text_and_code() {
        let b = blocks(README);
        assert!(matches!(b[0], Block::Heading(1, "enrichplan")));
        assert!(
            b.iter()
                .any(|x| matches!(x, Block::Heading(2, "Two commands")))
        );
        assert!(
            b.iter()
                .any(|x| matches!(x, Block::Mono(m) if m.contains("enrichplan account login")))
        );
        // No picture's markup and no code fence is drawn as text.
        assert!(
            !b.iter()
                .any(|x| matches!(x, Block::Text(t) if t.contains("![") || t.contains("```")))
        );
    }

    #[test]
    fn markup_is_taken_out_of_a_paragraph() {
        assert_eq!(
            plain("See **the** `guide` in [ARCHITECTURE.md](ARCHITECTURE.md) now."),
            "See the guide in ARCHITECTURE.md now."
        );
    }
}
