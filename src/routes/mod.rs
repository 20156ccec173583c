//! One file per page. Pages fetch through [`crate::api`] and hand the data
//! to components as props.

pub mod article;
pub mod author;
pub mod files;
pub mod home;
pub mod listing;
pub mod loader;
pub mod newsletter;
pub mod not_found;
pub mod search;
