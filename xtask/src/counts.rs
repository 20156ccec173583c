//! Reading test counts from each runner's own summary lines.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Sums every `test result: ok. 3 passed; 0 failed; …` line, as printed by
/// `cargo test` and by wasm-bindgen-test-runner.
pub fn from_cargo(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines().filter_map(|line| line.trim().strip_prefix("test result: ")) {
        total.passed += number_before(line, " passed").unwrap_or(0);
        total.failed += number_before(line, " failed").unwrap_or(0);
    }
    total
}

/// Reads node's test runner summary: `ℹ pass 3` / `ℹ fail 0` (spec
/// reporter) or `# pass 3` / `# fail 0` (TAP).
pub fn from_node(output: &str) -> Counts {
    let mut total = Counts::default();
    for line in output.lines() {
        let line = line.trim_start_matches(['ℹ', '#', ' ']);
        if let Some(n) = line.strip_prefix("pass ").and_then(|n| n.trim().parse::<u64>().ok()) {
            total.passed += n;
        } else if let Some(n) = line.strip_prefix("fail ").and_then(|n| n.trim().parse::<u64>().ok()) {
            total.failed += n;
        }
    }
    total
}

fn number_before(line: &str, label: &str) -> Option<u64> {
    let end = line.find(label)?;
    let start = line[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    line[start..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let output = "running 2 tests\ntest a ... ok\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\
                      test result: FAILED. 5 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(from_cargo(output), Counts { passed: 7, failed: 1 });
        assert_eq!(from_cargo("no tests here"), Counts::default());
    }

    #[test]
    fn reads_node_spec_and_tap_summaries() {
        let spec = "✔ renders (12ms)\nℹ tests 4\nℹ suites 0\nℹ pass 3\nℹ fail 1\nℹ cancelled 0\n";
        assert_eq!(from_node(spec), Counts { passed: 3, failed: 1 });
        let tap = "ok 1 - x\n# tests 2\n# pass 2\n# fail 0\n";
        assert_eq!(from_node(tap), Counts { passed: 2, failed: 0 });
    }
}
