//! Every string a reader sees, in one place: one table per edition.
//!
//! [`Words`] holds the plain strings; [`Text`] (an edition's table, with
//! the digits its site settings chose) formats the ones that carry a
//! number or a name, by each language's grammar. A table is a struct, so
//! an edition that lacks a word does not compile; the tests check that no
//! Arabic entry is empty or in English. Nothing outside this module spells
//! out reader-facing words.
//!
//! Both tables are in every build (the Arabic strings are about 2 KB of
//! brotli'd wasm; `docs/editions.md` has the edition's whole cost): loading one on demand
//! would put a request before the first render of every Arabic page.

use std::ops::Deref;

use dispatch_model::{newsletter::Problem, parse_date, CalendarDate, Digits, Edition, InsightKind};

use crate::error::ApiError;

/// Defines [`Words`]: the fields written out, and after them every plain
/// string, each a `&'static str`, which the tests also read as one list
/// (`Words::strings`): so no string of a table can be left out of them.
macro_rules! words {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The plain strings of one edition.
        pub struct Words {
            /// The digits the edition writes unless its `site.json` says otherwise.
            pub digits: Digits,
            /// The three paragraphs of the privacy notice.
            pub privacy_notice: [&'static str; 3],
            /// The months, January first, as a dateline writes them.
            pub months: [&'static str; 12],
            $($(#[$doc])* pub $name: &'static str,)*
        }

        #[cfg(test)]
        impl Words {
            /// Every plain string of the table, in the order of its fields.
            fn strings(&self) -> Vec<&'static str> {
                vec![$(self.$name),*]
            }
        }
    };
}

words! {
    /// What stands between the earlier names of a byline.
    list_separator,
    /// What stands between a card's date and its reading time. Not the
    /// middle dot in Arabic, where it reads as the digit zero (٠).
    meta_separator,
    /// The edition's name in its own language, as the other editions'
    /// pages offer it ("العربية" on an English page).
    edition_name,
    /// An article's link to its counterpart in this edition, in this
    /// edition's language.
    read_in_edition,
    site_name,
    tagline,
    skip_to_content,
    home_link_label,
    footer_note,
    latest_heading,
    loading_latest,
    loading_article,
    no_articles,
    by,
    updated,
    /// What stands between the last two names of a byline.
    byline_last_separator,
    sections_label,
    dark_theme,
    tags_label,
    about_the_author,
    you_may_also_like,
    more_insights,
    share_label,
    copy_link,
    link_copied,
    copy_failed,
    share_email,
    share_linkedin,
    share_x,
    loading_list,
    loading_author,
    pagination_label,
    newer,
    older,
    unsafe_image,
    /// The heading of an article's footnotes.
    notes_heading,
    /// What a table without a caption is called, for the box it scrolls in.
    table_label,
    not_found_title,
    not_found_body,
    back_to_front_page,
    error_title,
    retry,
    newsletter_link,
    newsletter_title,
    newsletter_pitch,
    newsletter_page_title,
    newsletter_page_description,
    email_label,
    digests_legend,
    daily_digest,
    daily_hint,
    weekly_digest,
    weekly_hint,
    privacy_notice_link,
    honeypot_label,
    subscribe,
    subscribing,
    subscribe_another,
    signup_sending,
    signup_confirm,
    signup_done,
    signup_offline,
    signup_resumed,
    signup_fix,
    privacy_heading,
    search_link,
    search_page_title,
    search_page_description,
    search_words_label,
    search_words_hint,
    search_section_label,
    search_region_label,
    all_sections,
    all_regions,
    search_order_label,
    order_relevance,
    order_newest,
    search_button,
    search_results_label,
    searching,
    search_start,
    /// Said before the app starts (or where JavaScript is off): the search
    /// runs in the browser.
    search_needs_script,
    /// Said where the search page's own app did not load (a host serving
    /// every page the same shell, or the dev server, which builds one app).
    search_elsewhere,
    no_results_hint,
    search_everywhere,
    more_results,
    /// The front page's meta description. Every page sets its own through
    /// leptos_meta, so index.html carries none (two would disagree).
    site_description,
}

/// The English edition's words.
pub static ENGLISH: Words = Words {
    digits: Digits::Latin,
    list_separator: ", ",
    privacy_notice: [
        "We use your email address only to send the digests you chose. We do not sell it or share it with advertisers.",
        "Every digest has a link to unsubscribe at once. Until your subscription is confirmed we keep your address for at most 30 days.",
        "Your browser keeps a signup that could not be sent yet, so that it is not lost, and remembers which digests you chose; nothing else about you is stored.",
    ],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    meta_separator: " · ",
    edition_name: "English",
    read_in_edition: "Read this article in English",
    site_name: "Dispatch",
    tagline: "Cybersecurity news, analysis and commentary from around the world",
    skip_to_content: "Skip to content",
    home_link_label: "Dispatch, front page",
    footer_note: "Dispatch reports on threats, vulnerabilities and breaches, with a focus on the Middle East & Africa and the Asia Pacific.",
    latest_heading: "Latest News",
    loading_latest: "Loading the latest news…",
    loading_article: "Loading the article…",
    no_articles: "No articles have been published yet.",
    by: "By",
    updated: "Updated",
    byline_last_separator: " and ",
    sections_label: "Sections",
    dark_theme: "Dark theme",
    tags_label: "Topics in this article",
    about_the_author: "About the Author",
    you_may_also_like: "You May Also Like",
    more_insights: "More Insights",
    share_label: "Share this article",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_failed: "Could not copy the link; copy it from the address bar.",
    share_email: "Email",
    share_linkedin: "LinkedIn",
    share_x: "X",
    loading_list: "Loading the articles…",
    loading_author: "Loading the author's page…",
    pagination_label: "More articles",
    newer: "Newer",
    older: "Older",
    unsafe_image: "This image could not be shown.",
    notes_heading: "Notes",
    table_label: "Table",
    not_found_title: "Page not found",
    not_found_body: "We could not find that page. It may have moved, or the link may be mistyped.",
    back_to_front_page: "Go to the front page",
    error_title: "This page did not load",
    retry: "Try again",
    newsletter_link: "Newsletters",
    newsletter_title: "Get the Dispatch digest",
    newsletter_pitch: "The latest threats, newly found vulnerabilities, breaches and trends, delivered to your inbox every weekday morning or once a week.",
    newsletter_page_title: "Newsletters",
    newsletter_page_description: "Sign up for Dispatch's daily or weekly digest of cybersecurity news from the Middle East & Africa, the Asia Pacific and the world.",
    email_label: "Email address",
    digests_legend: "Digests",
    daily_digest: "Daily digest",
    daily_hint: "Every weekday morning",
    weekly_digest: "Weekly digest",
    weekly_hint: "The week's top stories, on Fridays",
    privacy_notice_link: "privacy notice",
    honeypot_label: "Leave this field empty",
    subscribe: "Subscribe",
    subscribing: "Subscribing…",
    subscribe_another: "Sign up another address",
    signup_sending: "Sending your signup…",
    signup_confirm: "Almost done: we have sent you an email. Open the link in it to confirm your subscription.",
    signup_done: "You are subscribed. Thank you for reading Dispatch.",
    signup_offline: "You are offline. Your signup is saved on this device and will be sent when you are back online.",
    signup_resumed: "Your signup from your last visit had not gone through; sending it now…",
    signup_fix: "Please correct the fields marked above.",
    privacy_heading: "Privacy notice",
    search_link: "Search",
    search_page_title: "Search",
    search_page_description: "Search Dispatch's cybersecurity news, analysis and commentary by word, section and region.",
    search_words_label: "Search for",
    search_words_hint: "A threat actor, a vulnerability, a company or a country",
    search_section_label: "Section",
    search_region_label: "Region",
    all_sections: "All sections",
    all_regions: "All regions",
    search_order_label: "Order",
    order_relevance: "Best match",
    order_newest: "Newest first",
    search_button: "Search",
    search_results_label: "Search results",
    searching: "Searching…",
    search_start: "Type a word or a phrase to search every article, then narrow the results by section or region.",
    search_needs_script: "Search runs in your browser and needs JavaScript. Meanwhile, every article is in its section:",
    search_elsewhere: "Search could not start on this page. Every article is also in its section, linked above.",
    no_results_hint: "Check the spelling, or try fewer or other words.",
    search_everywhere: "Search all sections and regions",
    more_results: "More results",
    site_description: "Cybersecurity news, analysis and commentary from around the world, with a focus on the Middle East & Africa and the Asia Pacific.",
};

/// The Arabic edition's words, in Modern Standard Arabic.
pub static ARABIC: Words = Words {
    digits: Digits::ArabicIndic,
    list_separator: "، ",
    privacy_notice: [
        "لا نستخدم عنوان بريدك الإلكتروني إلا لإرسال الموجزات التي اخترتها، ولا نبيعه ولا نشاركه مع المعلنين.",
        "في كل موجز رابط لإلغاء الاشتراك فورًا. وإلى أن تؤكد اشتراكك، نحتفظ بعنوانك مدة أقصاها ثلاثون يومًا.",
        "يحتفظ متصفحك بطلب الاشتراك الذي لم يُرسل بعد حتى لا يضيع، ويتذكر الموجزات التي اخترتها؛ ولا يُخزَّن عنك شيء غير ذلك.",
    ],
    // The names the Gulf, Egypt and most pan-Arab newsrooms print; the
    // Levant's Syriac names (كانون الثاني…) would be a second table.
    months: [
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
    ],
    meta_separator: "، ",
    edition_name: "العربية",
    read_in_edition: "اقرأ هذا المقال بالعربية",
    site_name: "ديسباتش",
    tagline: "أخبار الأمن السيبراني وتحليلات ومقالات رأي من حول العالم",
    skip_to_content: "انتقل إلى المحتوى",
    home_link_label: "ديسباتش، الصفحة الرئيسية",
    footer_note: "تغطي ديسباتش التهديدات والثغرات والاختراقات، مع تركيز خاص على منطقتَي الشرق الأوسط وأفريقيا، وآسيا والمحيط الهادئ.",
    latest_heading: "آخر الأخبار",
    loading_latest: "جارٍ تحميل آخر الأخبار…",
    loading_article: "جارٍ تحميل المقال…",
    no_articles: "لم يُنشر أي مقال بعد.",
    by: "بقلم",
    updated: "آخر تحديث",
    byline_last_separator: " و",
    sections_label: "الأقسام",
    dark_theme: "الوضع الداكن",
    tags_label: "موضوعات هذا المقال",
    about_the_author: "عن الكاتب",
    you_may_also_like: "قد يهمك أيضًا",
    more_insights: "المزيد من الرؤى",
    share_label: "شارك هذا المقال",
    copy_link: "انسخ الرابط",
    link_copied: "تم نسخ الرابط",
    copy_failed: "تعذّر نسخ الرابط؛ انسخه من شريط العنوان.",
    share_email: "البريد الإلكتروني",
    share_linkedin: "لينكد إن",
    share_x: "إكس",
    loading_list: "جارٍ تحميل المقالات…",
    loading_author: "جارٍ تحميل صفحة الكاتب…",
    pagination_label: "مزيد من المقالات",
    newer: "مقالات أحدث",
    older: "مقالات أقدم",
    unsafe_image: "تعذّر عرض هذه الصورة.",
    notes_heading: "الحواشي",
    table_label: "جدول",
    not_found_title: "الصفحة غير موجودة",
    not_found_body: "لم نعثر على هذه الصفحة. ربما نُقلت، أو قد يكون في الرابط خطأ.",
    back_to_front_page: "اذهب إلى الصفحة الرئيسية",
    error_title: "تعذّر تحميل هذه الصفحة",
    retry: "أعد المحاولة",
    newsletter_link: "النشرات البريدية",
    newsletter_title: "اشترك في موجز ديسباتش",
    newsletter_pitch: "أحدث التهديدات والثغرات المكتشفة حديثًا والاختراقات والاتجاهات، تصل إلى بريدك الإلكتروني صباح كل يوم عمل أو مرة في الأسبوع.",
    newsletter_page_title: "النشرات البريدية",
    newsletter_page_description: "اشترك في موجز ديسباتش اليومي أو الأسبوعي لأخبار الأمن السيبراني من منطقتَي الشرق الأوسط وأفريقيا، وآسيا والمحيط الهادئ، ومن العالم.",
    email_label: "البريد الإلكتروني",
    digests_legend: "الموجزات",
    daily_digest: "الموجز اليومي",
    daily_hint: "صباح كل يوم عمل",
    weekly_digest: "الموجز الأسبوعي",
    weekly_hint: "أبرز أخبار الأسبوع، كل يوم خميس",
    privacy_notice_link: "إشعار الخصوصية",
    honeypot_label: "اترك هذا الحقل فارغًا",
    subscribe: "اشترك",
    subscribing: "جارٍ الاشتراك…",
    subscribe_another: "سجّل عنوانًا آخر",
    signup_sending: "جارٍ إرسال طلب اشتراكك…",
    signup_confirm: "بقيت خطوة أخيرة: أرسلنا إليك رسالة بالبريد الإلكتروني. افتح الرابط الذي فيها لتأكيد اشتراكك.",
    signup_done: "تمّ اشتراكك. شكرًا لقراءتك ديسباتش.",
    signup_offline: "أنت غير متصل بالإنترنت. حُفظ طلب اشتراكك على هذا الجهاز، وسيُرسل عند عودة الاتصال.",
    signup_resumed: "لم يكتمل طلب اشتراكك في زيارتك السابقة؛ نرسله الآن…",
    signup_fix: "يُرجى تصحيح الحقول المشار إليها أعلاه.",
    privacy_heading: "إشعار الخصوصية",
    search_link: "بحث",
    search_page_title: "البحث",
    search_page_description: "ابحث في أخبار الأمن السيبراني وتحليلاته ومقالات الرأي على ديسباتش حسب الكلمة والقسم والمنطقة.",
    search_words_label: "ابحث عن",
    search_words_hint: "جهة تهديد، أو ثغرة، أو شركة، أو بلد",
    search_section_label: "القسم",
    search_region_label: "المنطقة",
    all_sections: "كل الأقسام",
    all_regions: "كل المناطق",
    search_order_label: "الترتيب",
    order_relevance: "الأكثر صلة",
    order_newest: "الأحدث أولًا",
    search_button: "ابحث",
    search_results_label: "نتائج البحث",
    searching: "جارٍ البحث…",
    search_start: "اكتب كلمة أو عبارة للبحث في كل المقالات، ثم ضيّق النتائج حسب القسم أو المنطقة.",
    search_needs_script: "يعمل البحث في متصفحك ويحتاج إلى جافاسكربت. وفي الأثناء، تجد كل مقال في قسمه:",
    search_elsewhere: "تعذّر بدء البحث في هذه الصفحة. وتجد كل مقال أيضًا في قسمه، في الروابط أعلاه.",
    no_results_hint: "تحقق من الإملاء، أو جرّب كلمات أقل أو كلمات أخرى.",
    search_everywhere: "ابحث في كل الأقسام والمناطق",
    more_results: "مزيد من النتائج",
    site_description: "أخبار الأمن السيبراني وتحليلات ومقالات رأي من حول العالم، مع تركيز خاص على منطقتَي الشرق الأوسط وأفريقيا، وآسيا والمحيط الهادئ.",
};

/// An edition's words with the digits its site settings chose: what every
/// component reads, through [`use_text`]. Plain strings come through
/// [`Deref`] (`text.subscribe`); the methods format the rest.
#[derive(Clone, Copy)]
pub struct Text {
    pub edition: Edition,
    pub digits: Digits,
    words: &'static Words,
}

impl Deref for Text {
    type Target = Words;

    fn deref(&self) -> &Words {
        self.words
    }
}

/// Plural forms of an Arabic noun counted by a number, by CLDR's Arabic
/// plural rules (one, two, few for 3 to 10, many for 11 to 99, other).
struct Counted {
    one: &'static str,
    two: &'static str,
    /// 3 to 10, and every hundred plus 3 to 10: the plural.
    few: &'static str,
    /// Everything else: the singular that follows a number.
    many: &'static str,
}

impl Text {
    /// `edition`'s table, written in `digits`.
    pub fn new(edition: Edition, digits: Digits) -> Text {
        let words = match edition {
            Edition::English => &ENGLISH,
            Edition::Arabic => &ARABIC,
        };
        Text { edition, digits, words }
    }

    /// `edition`'s table in the digits its site settings chose (`None`:
    /// the edition's default).
    pub fn for_site(edition: Edition, digits: Option<Digits>) -> Text {
        let text = Text::of(edition);
        digits.map_or(text, |digits| Text::new(edition, digits))
    }

    /// `edition`'s table in the digits it writes by default.
    pub fn of(edition: Edition) -> Text {
        let text = Text::new(edition, Digits::Latin);
        Text { digits: text.words.digits, ..text }
    }

    fn arabic(&self) -> bool {
        self.edition == Edition::Arabic
    }

    /// `number` in the edition's digits.
    pub fn number(&self, number: impl std::fmt::Display) -> String {
        self.digits.write(&number.to_string())
    }

    /// "3 دقائق", "11 دقيقة", "دقيقتان".
    fn counted(&self, count: u64, forms: Counted) -> String {
        match count {
            1 => forms.one.to_string(),
            2 => forms.two.to_string(),
            _ if (3..=10).contains(&(count % 100)) => format!("{} {}", self.number(count), forms.few),
            _ => format!("{} {}", self.number(count), forms.many),
        }
    }

    /// A screen reader's name for the reference to note `number` (the
    /// visible text is the bare number).
    pub fn note_ref_label(&self, number: u32) -> String {
        match self.arabic() {
            false => format!("Note {number}"),
            true => format!("الحاشية {}", self.number(number)),
        }
    }

    /// A screen reader's name for the link from note `number` back to the text.
    pub fn note_back_label(&self, number: u32) -> String {
        match self.arabic() {
            false => format!("Back to the text of note {number}"),
            true => format!("العودة إلى موضع الحاشية {} في النص", self.number(number)),
        }
    }

    /// The consent line names exactly what the reader is agreeing to; the
    /// privacy notice's link follows it.
    pub fn consent(&self, daily: bool, weekly: bool) -> String {
        if self.arabic() {
            let what = match (daily, weekly) {
                (true, true) => "الموجزين اليومي والأسبوعي",
                (true, false) => "الموجز اليومي",
                (false, true) => "الموجز الأسبوعي",
                (false, false) => "الموجزات التي أختارها",
            };
            return format!("أوافق على أن تصلني رسائل {what} من ديسباتش بالبريد الإلكتروني، وفق ما يوضحه ");
        }
        let what = match (daily, weekly) {
            (true, true) => "the daily and weekly digests",
            (true, false) => "the daily digest",
            (false, true) => "the weekly digest",
            (false, false) => "the digests I choose",
        };
        format!("I agree to receive {what} from Dispatch by email, as described in the ")
    }

    /// Said next to the field that has the problem.
    pub fn signup_problem(&self, problem: Problem) -> String {
        if self.arabic() {
            return match problem {
                Problem::EmailMissing => "أدخل عنوان بريدك الإلكتروني.".to_string(),
                Problem::EmailTooLong => {
                    format!(
                        "هذا العنوان أطول مما ينبغي: يجب ألا يتجاوز عنوان البريد الإلكتروني {} حرفًا.",
                        self.number(254)
                    )
                }
                Problem::EmailInvalid => "أدخل عنوان بريد إلكتروني صحيحًا، مثل name@example.com.".to_string(),
                Problem::NoDigest => "اختر الموجز اليومي أو الأسبوعي أو كليهما.".to_string(),
                Problem::NoConsent => "ضع علامة في هذا المربع للموافقة، حتى نتمكن من مراسلتك.".to_string(),
            };
        }
        match problem {
            Problem::EmailMissing => "Enter your email address.",
            Problem::EmailTooLong => "This address is too long: an email address has at most 254 characters.",
            Problem::EmailInvalid => "Enter an email address like name@example.com.",
            Problem::NoDigest => "Choose the daily digest, the weekly digest, or both.",
            Problem::NoConsent => "Tick this box to agree, so that we may email you.",
        }
        .to_string()
    }

    /// What the call to action says to a reader who has signed up before.
    pub fn subscribed_already(&self, daily: bool, weekly: bool) -> String {
        if self.arabic() {
            let what = match (daily, weekly) {
                (true, true) => "الموجزين اليومي والأسبوعي",
                (true, false) => "الموجز اليومي",
                _ => "الموجز الأسبوعي",
            };
            return format!("اشتركت في {what} من هذا الجهاز. شكرًا لقراءتك ديسباتش.");
        }
        let what = match (daily, weekly) {
            (true, true) => "the daily and weekly digests",
            (true, false) => "the daily digest",
            _ => "the weekly digest",
        };
        format!("You have signed up for {what} on this device. Thank you for reading Dispatch.")
    }

    /// A signup that did not go through, and what happens next.
    pub fn signup_failed(&self, error: &ApiError, retry_in: Option<u32>) -> String {
        if self.arabic() {
            let next = match retry_in {
                Some(seconds) => format!(" سنحاول مجددًا بعد {}، أو يمكنك المحاولة الآن.", self.wait(seconds)),
                None => String::new(),
            };
            let saved = "حُفظ طلب اشتراكك على هذا الجهاز.";
            let why = match error {
                ApiError::Refused(message) if !message.is_empty() => format!("ردّت خدمة النشرات البريدية: {message}"),
                ApiError::Refused(_) => "لم تقبل خدمة النشرات البريدية طلب الاشتراك هذا.".to_string(),
                ApiError::TooMany(Some(seconds)) => {
                    format!("وصل من اتصالك عدد كبير من طلبات الاشتراك. يُرجى المحاولة مجددًا بعد {}.", self.wait(*seconds))
                }
                ApiError::TooMany(None) => "وصل من اتصالك عدد كبير من طلبات الاشتراك. يُرجى المحاولة لاحقًا.".to_string(),
                ApiError::Server(status) => {
                    format!("واجهت خدمة النشرات البريدية مشكلة (الخطأ {}). {saved}", self.number(status))
                }
                ApiError::Timeout => format!("تستغرق خدمة النشرات البريدية وقتًا أطول مما ينبغي للرد. {saved}"),
                ApiError::NotFound | ApiError::Malformed(_) => {
                    format!("لا تستجيب خدمة النشرات البريدية كما ينبغي. {saved}")
                }
                ApiError::Network => format!("تعذّر الوصول إلى خدمة النشرات البريدية. {saved}"),
            };
            return why + &next;
        }
        let next = match retry_in {
            Some(seconds) => format!(" We will try again in {}, or you can try now.", self.wait(seconds)),
            None => String::new(),
        };
        let why = match error {
            ApiError::Refused(message) if !message.is_empty() => format!("The newsletter service said: {message}"),
            ApiError::Refused(_) => "The newsletter service did not accept this signup.".to_string(),
            ApiError::TooMany(Some(seconds)) => {
                format!("Too many signups from your connection. Please try again in {}.", self.wait(*seconds))
            }
            ApiError::TooMany(None) => "Too many signups from your connection. Please try again later.".to_string(),
            ApiError::Server(status) => {
                format!("The newsletter service had a problem (error {status}). Your signup is saved on this device.")
            }
            ApiError::Timeout => {
                "The newsletter service is taking too long to answer. Your signup is saved on this device.".to_string()
            }
            ApiError::NotFound | ApiError::Malformed(_) => {
                "The newsletter service is not answering as it should. Your signup is saved on this device.".to_string()
            }
            ApiError::Network => {
                "We could not reach the newsletter service. Your signup is saved on this device.".to_string()
            }
        };
        why + &next
    }

    /// "45 seconds", "2 minutes"; in Arabic as the object of "بعد" (after).
    fn wait(&self, seconds: u32) -> String {
        if self.arabic() {
            let (count, forms) = match seconds {
                0..=90 => (
                    seconds.max(1),
                    Counted {
                        one: "ثانية واحدة", two: "ثانيتين", few: "ثوانٍ", many: "ثانية"
                    },
                ),
                _ => (
                    seconds.div_ceil(60),
                    Counted {
                        one: "دقيقة واحدة", two: "دقيقتين", few: "دقائق", many: "دقيقة"
                    },
                ),
            };
            return self.counted(u64::from(count), forms);
        }
        match seconds {
            0..=1 => "a second".to_string(),
            2..=90 => format!("{seconds} seconds"),
            _ => format!("{} minutes", seconds.div_ceil(60)),
        }
    }

    /// The `<title>` of a page: "Headline | Dispatch", or the site name alone.
    pub fn document_title(&self, page: &str) -> String {
        if page.is_empty() {
            self.site_name.to_string()
        } else {
            format!("{page} | {}", self.site_name)
        }
    }

    /// What the search found, announced to screen readers as it changes:
    /// "12 results for “ransomware”", "1 result for …", "No results for …".
    pub fn search_count(&self, total: usize, words: &str) -> String {
        if self.arabic() {
            let found = match total {
                0 => "لا نتائج".to_string(),
                _ => self.counted(
                    total as u64,
                    Counted {
                        one: "نتيجة واحدة", two: "نتيجتان", few: "نتائج", many: "نتيجة"
                    },
                ),
            };
            return format!("{found} للبحث عن «{}»", isolated(words));
        }
        match total {
            0 => format!("No results for \u{201c}{words}\u{201d}"),
            1 => format!("1 result for \u{201c}{words}\u{201d}"),
            _ => format!("{total} results for \u{201c}{words}\u{201d}"),
        }
    }

    /// Which results are shown, when there are more than fit at once.
    pub fn search_shown(&self, shown: usize, total: usize) -> String {
        match self.arabic() {
            false => format!("Showing {shown} of {total}."),
            true => format!("عرض {} من أصل {}.", self.number(shown), self.number(total)),
        }
    }

    /// A search that did not finish. Every cause is worth a retry: the
    /// index is static files, so a failure is a connection's or a deploy's.
    pub fn search_failed(&self, error: &ApiError) -> &'static str {
        match (self.arabic(), error) {
            (false, ApiError::Timeout) => "The search is taking too long. Check your connection and try again.",
            (false, ApiError::Network) => "The search could not load. Check your connection and try again.",
            (false, _) => "The search index could not be read. Try again; if it keeps failing, come back later.",
            (true, ApiError::Timeout) => "يستغرق البحث وقتًا طويلًا. تحقق من اتصالك وأعد المحاولة.",
            (true, ApiError::Network) => "تعذّر تحميل البحث. تحقق من اتصالك وأعد المحاولة.",
            (true, _) => "تعذّرت قراءة فهرس البحث. أعد المحاولة، وإن تكرر الخطأ فعُد لاحقًا.",
        }
    }

    /// The meta description of a section, region or tag page.
    pub fn listing_description(&self, heading: &str) -> String {
        match self.arabic() {
            false => format!("{heading}: the latest cybersecurity news, analysis and commentary from Dispatch."),
            true => format!("{}: آخر أخبار الأمن السيبراني وتحليلاته ومقالات الرأي من ديسباتش.", isolated(heading)),
        }
    }

    /// A listing's document title: its heading on page 1, and
    /// "Threat Intelligence, page 7" on an older page, so that each page's
    /// title is its own in search results and tabs. (Older pages count from
    /// the oldest and never change, so no "of N".)
    pub fn page_title(&self, heading: &str, page: u32) -> String {
        match (page <= 1, self.arabic()) {
            (true, _) => heading.to_string(),
            (false, false) => format!("{heading}, page {page}"),
            (false, true) => format!("{}، الصفحة {}", isolated(heading), self.number(page)),
        }
    }

    /// "Articles by this author (12)"; without the count on an older page,
    /// which says nothing that changes when a story is published.
    pub fn all_by_author(&self, count: Option<u32>) -> String {
        let (words, count) = match self.arabic() {
            false => ("Articles by this author", count.map(|count| count.to_string())),
            true => ("كل المقالات", count.map(|count| self.number(count))),
        };
        match count {
            Some(count) => format!("{words} ({count})"),
            None => words.to_string(),
        }
    }

    pub fn insight_kind(&self, kind: InsightKind) -> &'static str {
        match (self.arabic(), kind) {
            (false, InsightKind::Report) => "Report",
            (false, InsightKind::Webinar) => "Webinar",
            (false, InsightKind::Event) => "Event",
            (false, InsightKind::WhitePaper) => "White Paper",
            (true, InsightKind::Report) => "تقرير",
            (true, InsightKind::Webinar) => "ندوة عبر الإنترنت",
            (true, InsightKind::Event) => "فعالية",
            (true, InsightKind::WhitePaper) => "ورقة بيضاء",
        }
    }

    /// The heading of a tag page: "Topic: Ransomware".
    pub fn tag_heading(&self, name: &str) -> String {
        match self.arabic() {
            false => format!("Topic: {name}"),
            true => format!("الموضوع: {}", isolated(name)),
        }
    }

    /// "4 Min Read"; never zero.
    pub fn min_read(&self, minutes: u32) -> String {
        let minutes = minutes.max(1);
        match self.arabic() {
            false => format!("{minutes} Min Read"),
            true => {
                let forms = Counted {
                    one: "دقيقة واحدة", two: "دقيقتان", few: "دقائق", many: "دقيقة"
                };
                format!("{} للقراءة", self.counted(u64::from(minutes), forms))
            }
        }
    }

    /// "Nov 27, 2026" or "٢٧ نوفمبر ٢٠٢٦", from an RFC 3339 timestamp, in
    /// the offset it was written with (the compiler writes each stamp in
    /// its edition's display time zone); the stamp itself if it is not
    /// one, so a bad date never hides the article.
    pub fn date(&self, stamp: &str) -> String {
        match parse_date(stamp) {
            Some(CalendarDate { year, month, day }) => {
                let month = self.months[usize::from(month - 1)];
                match self.arabic() {
                    false => format!("{month} {day}, {year}"),
                    true => format!("{} {month} {}", self.number(day), self.number(year)),
                }
            }
            None => stamp.to_string(),
        }
    }

    /// What went wrong, in words a reader can act on.
    pub fn error_message(&self, error: &ApiError) -> String {
        if let ApiError::Refused(_) | ApiError::TooMany(_) = error {
            return self.signup_failed(error, None);
        }
        if let ApiError::NotFound = error {
            return self.not_found_body.to_string();
        }
        if self.arabic() {
            return match error {
                ApiError::Server(status) => format!(
                    "واجه خادمنا مشكلة (الخطأ {}). عادةً ما تكون عابرة: يُرجى إعادة المحاولة بعد لحظات.",
                    self.number(status)
                ),
                ApiError::Network => "تعذّر الوصول إلى ديسباتش. تحقق من اتصالك، ثم أعد المحاولة.".to_string(),
                ApiError::Timeout => "يستغرق الخادم وقتًا طويلًا للرد. يُرجى إعادة المحاولة.".to_string(),
                _ => "وصلت هذه الصفحة تالفة وتعذّر عرضها. يُرجى إعادة المحاولة.".to_string(),
            };
        }
        match error {
            ApiError::Server(status) => {
                format!("Our server had a problem (error {status}). It is usually brief: please try again in a moment.")
            }
            ApiError::Network => "We could not reach Dispatch. Check your connection, then try again.".to_string(),
            ApiError::Timeout => "The server is taking too long to answer. Please try again.".to_string(),
            _ => "This page arrived damaged and could not be shown. Please try again.".to_string(),
        }
    }
}

/// `value` (a reader's search words, a tag's or a section's name) set
/// apart from the Arabic words around it: between U+2068 FIRST STRONG
/// ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (Unicode UAX #9, the text
/// form of `<bdi>`), it takes its own direction from its first letter, so
/// a Latin name ending in neutral characters ("C++", "Node.js 22?") keeps
/// its order inside a right-to-left sentence, in a heading and in a
/// `<title>` alike.
fn isolated(value: &str) -> String {
    format!("\u{2068}{value}\u{2069}")
}

/// The page's edition's words, provided by the app (and by each part the
/// app mounts on its own) as a context. Panics outside one: a part that
/// forgot it would otherwise show another edition's words.
pub fn use_text() -> Text {
    leptos::prelude::expect_context::<Text>()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: fn() -> Text = || Text::of(Edition::English);
    const AR: fn() -> Text = || Text::of(Edition::Arabic);

    #[test]
    fn formats_the_dateline() {
        assert_eq!(EN().date("2026-11-27T09:30:00+04:00"), "Nov 27, 2026");
        assert_eq!(EN().date("2027-01-03T23:59:00-05:00"), "Jan 3, 2027");
        assert_eq!(EN().date("yesterday"), "yesterday");
        assert_eq!(AR().date("2026-11-27T09:30:00+03:00"), "٢٧ نوفمبر ٢٠٢٦");
        assert_eq!(Text::new(Edition::Arabic, Digits::Latin).date("2027-01-03T10:00:00+03:00"), "3 يناير 2027");
    }

    #[test]
    fn counts_pages_and_articles() {
        assert_eq!(EN().page_title("Policy", 1), "Policy");
        assert_eq!(EN().page_title("Policy", 7), "Policy, page 7");
        assert_eq!(EN().all_by_author(Some(12)), "Articles by this author (12)");
        assert_eq!(EN().all_by_author(None), "Articles by this author");
        assert_eq!(EN().insight_kind(InsightKind::WhitePaper), "White Paper");
        assert_eq!(EN().tag_heading("Ransomware"), "Topic: Ransomware");
        assert_eq!(AR().page_title("السياسات", 7), "\u{2068}السياسات\u{2069}، الصفحة ٧");
        assert_eq!(AR().all_by_author(Some(12)), "كل المقالات (١٢)");
    }

    #[test]
    fn reading_time_never_says_zero_and_arabic_counts_by_its_plural_rules() {
        assert_eq!(EN().min_read(4), "4 Min Read");
        assert_eq!(EN().min_read(0), "1 Min Read");
        let arabic = Text::new(Edition::Arabic, Digits::Latin);
        assert_eq!(arabic.min_read(0), "دقيقة واحدة للقراءة");
        assert_eq!(arabic.min_read(2), "دقيقتان للقراءة");
        assert_eq!(arabic.min_read(3), "3 دقائق للقراءة");
        assert_eq!(arabic.min_read(10), "10 دقائق للقراءة");
        assert_eq!(arabic.min_read(11), "11 دقيقة للقراءة");
        assert_eq!(arabic.min_read(103), "103 دقائق للقراءة", "CLDR: few is n mod 100 in 3..10");
        assert_eq!(AR().min_read(4), "٤ دقائق للقراءة");
        assert_eq!(arabic.search_count(0, "فدية"), "لا نتائج للبحث عن «\u{2068}فدية\u{2069}»");
        assert_eq!(arabic.search_count(2, "فدية"), "نتيجتان للبحث عن «\u{2068}فدية\u{2069}»");
        assert_eq!(arabic.search_count(25, "فدية"), "25 نتيجة للبحث عن «\u{2068}فدية\u{2069}»");
        assert_eq!(arabic.tag_heading("C++"), "الموضوع: \u{2068}C++\u{2069}", "a Latin name keeps its order");
        assert_eq!(EN().tag_heading("C++"), "Topic: C++");
    }

    #[test]
    fn every_error_has_words_and_names_the_status() {
        for text in [EN(), AR()] {
            assert!(text.error_message(&ApiError::Server(503)).contains(&text.number(503)));
            for error in [ApiError::NotFound, ApiError::Network, ApiError::Timeout, ApiError::Malformed("x".into())] {
                let message = text.error_message(&error);
                assert!(message.ends_with('.'), "{message}");
                assert!(!message.contains("x\""), "no library text leaks: {message}");
            }
        }
        assert_eq!(EN().document_title(""), "Dispatch");
        assert_eq!(AR().document_title("عنوان"), "عنوان | ديسباتش");
    }

    #[test]
    fn signup_failures_say_what_happens_next() {
        let text = EN();
        assert_eq!(
            text.signup_failed(&ApiError::Refused("That is not a valid email address.".into()), None),
            "The newsletter service said: That is not a valid email address."
        );
        assert!(text.signup_failed(&ApiError::TooMany(Some(40)), None).ends_with("try again in 40 seconds."));
        assert!(text.signup_failed(&ApiError::TooMany(Some(600)), None).ends_with("try again in 10 minutes."));
        let waiting = text.signup_failed(&ApiError::Server(503), Some(4));
        assert!(
            waiting.contains("503")
                && waiting.contains("saved on this device")
                && waiting.ends_with("in 4 seconds, or you can try now.")
        );
        assert!(text.signup_failed(&ApiError::Network, None).contains("could not reach"));
        let arabic = AR().signup_failed(&ApiError::Server(503), Some(4));
        assert!(arabic.contains("٥٠٣") && arabic.contains("بعد ٤ ثوانٍ"), "{arabic}");
        assert!(AR().signup_failed(&ApiError::TooMany(Some(120)), None).contains("بعد دقيقتين"));
    }

    #[test]
    fn consent_names_the_frequency() {
        let text = EN();
        assert!(text.consent(true, false).contains("the daily digest from"));
        assert!(text.consent(false, true).contains("the weekly digest from"));
        assert!(text.consent(true, true).contains("daily and weekly digests"));
        assert!(text.subscribed_already(true, true).contains("daily and weekly"));
        assert!(text.signup_problem(Problem::NoConsent).ends_with('.'));
        assert_eq!(text.document_title("Headline"), "Headline | Dispatch");
        assert!(AR().consent(true, true).contains("الموجزين اليومي والأسبوعي"));
    }

    /// Every string an Arabic page can show, from the table and from each
    /// formatter: none empty, none with a Latin word (an English word left
    /// untranslated), except the example address a reader is shown.
    #[test]
    fn the_arabic_table_is_complete_and_has_no_english_word() {
        let text = AR();
        let mut shown: Vec<String> = ARABIC.strings().into_iter().map(str::to_string).collect();
        shown.extend(text.privacy_notice.iter().map(|s| s.to_string()));
        shown.extend(text.months.iter().map(|s| s.to_string()));
        shown.extend([
            text.note_ref_label(3),
            text.note_back_label(3),
            text.consent(true, true),
            text.consent(false, false),
            text.subscribed_already(true, false),
            text.document_title("عنوان"),
            text.search_count(7, "فدية"),
            text.search_shown(10, 25),
            text.listing_description("السياسات"),
            text.page_title("السياسات", 2),
            text.all_by_author(Some(3)),
            text.tag_heading("الفدية"),
            text.min_read(5),
            text.date("2026-11-27T09:30:00+03:00"),
        ]);
        for problem in
            [Problem::EmailMissing, Problem::EmailTooLong, Problem::EmailInvalid, Problem::NoDigest, Problem::NoConsent]
        {
            shown.push(text.signup_problem(problem).replace("name@example.com", ""));
        }
        for kind in [InsightKind::Report, InsightKind::Webinar, InsightKind::Event, InsightKind::WhitePaper] {
            shown.push(text.insight_kind(kind).to_string());
        }
        for error in [
            ApiError::NotFound,
            ApiError::Server(500),
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Malformed(String::new()),
            ApiError::Refused(String::new()),
            ApiError::TooMany(Some(30)),
            ApiError::TooMany(None),
        ] {
            shown.push(text.error_message(&error));
            shown.push(text.signup_failed(&error, Some(8)));
            shown.push(text.search_failed(&error).to_string());
        }
        for string in shown {
            assert!(!string.trim().is_empty(), "an empty Arabic string");
            assert!(!string.chars().any(|c| c.is_ascii_alphabetic()), "an Arabic string with a Latin letter: {string}");
        }
    }
}
