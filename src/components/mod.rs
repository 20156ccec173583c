//! Presentational pieces: each takes its data as props and only renders.

pub mod article_body;
pub mod article_card;
pub mod article_header;
pub mod author_card;
pub mod edition_switch;
pub(crate) mod element;
pub mod error_notice;
pub mod figure;
pub mod insights;
pub mod later;
pub mod page_head;
pub mod pagination;
pub mod related;
pub mod share_links;
pub mod site_header;
pub mod skeleton;
pub mod tag_list;
pub mod theme_toggle;
