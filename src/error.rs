//! The crate's one error type. It carries no JS types: `src/wasm.rs` turns it into a JS `Error`
//! and the CLI turns it into a message on stderr and an exit code.

use std::fmt;

/// Everything that can go wrong in the core, with enough context for a person to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input holds no text at all (empty, or only whitespace).
    EmptyInput { name: String },
    /// The input looks like a binary file (image, archive, executable), not text.
    Binary { name: String },
    /// One record of a corpus could not be read; `line` is 1-based.
    BadRecord { name: String, line: usize, message: String },
    /// A setting is out of range or inconsistent.
    Config(String),
    /// Two MinHash signatures built with different seeds or sizes cannot be compared.
    IncompatibleSignatures(String),
    /// Reading a file failed (native only).
    Io { name: String, message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EmptyInput { name } => write!(f, "{name}: the input is empty (no text to analyse)"),
            Error::Binary { name } => {
                write!(f, "{name}: this looks like a binary file, not text (NUL bytes or mostly control characters)")
            }
            Error::BadRecord { name, line, message } => write!(f, "{name}:{line}: {message}"),
            Error::Config(message) => write!(f, "invalid setting: {message}"),
            Error::IncompatibleSignatures(message) => write!(f, "incompatible MinHash signatures: {message}"),
            Error::Io { name, message } => write!(f, "{name}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
