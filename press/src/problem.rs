use std::{fmt, path::PathBuf};

/// One thing wrong with the content, where an editor can find it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Problems gathered while reading one file.
pub struct Report<'a> {
    file: &'a std::path::Path,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a std::path::Path, problems: &'a mut Vec<Problem>) -> Self {
        Report { file, problems }
    }

    pub fn at(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem { file: self.file.to_path_buf(), line, message: message.into() });
    }
}
