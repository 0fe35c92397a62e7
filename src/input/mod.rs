//! Getting a contact file into memory and deciding which column is what.

pub mod mapping_file;
pub mod profile;
pub mod reader;
pub mod roles;
pub mod sniff;
pub mod vocab;
pub mod workbook;
