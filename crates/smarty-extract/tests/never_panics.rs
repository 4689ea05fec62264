//! The extractor's contract: any input gives records and diagnostics, never a panic.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

const GUIDE: &str = include_str!("../../../data/smarty-good-practice-guide.txt");

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in "\\PC{0,2000}") {
        let _ = smarty_extract::extract(&text);
    }

    #[test]
    fn template_words_in_any_order(lines in proptest::collection::vec(prop_oneof![
        Just("About this good practice".to_owned()),
        Just("Resources needed".to_owned()),
        Just("Evidence of success".to_owned()),
        Just("Main institution:".to_owned()),
        Just("Contact:".to_owned()),
        Just("Start - end date:".to_owned()),
        Just("Website:".to_owned()),
        Just("Contents".to_owned()),
        Just("Theme 1: x".to_owned()),
        Just(String::new()),
        "[£€0-9 .,MKk-]{0,20}",
        "\\PC{0,40}",
    ], 0..80)) {
        let _ = smarty_extract::extract(&lines.join("\n"));
    }

    #[test]
    fn the_guide_with_lines_removed_or_repeated(cuts in proptest::collection::vec((0usize..1800, 0usize..3), 0..40)) {
        let mut lines: Vec<&str> = GUIDE.lines().collect();
        for (at, op) in cuts {
            if lines.is_empty() { break; }
            let at = at % lines.len();
            match op {
                0 => { lines.remove(at); }
                1 => { let l = lines[at]; lines.insert(at, l); }
                _ => { let other = (at + 7) % lines.len(); lines.swap(at, other); }
            }
        }
        let x = smarty_extract::extract(&lines.join("\n"));
        prop_assert!(x.practices.len() <= 40);
    }
}
