//! The pages of feedback a visitor sees: an appeal's receipt with the registration number and
//! the secret code, its status page found by both, and the page after a vote in a poll. Plain
//! HTML forms, no script.

use civic_shared::SiteDocument;

use crate::escape;
use crate::layout::system_page;
use crate::{RenderOptions, APPEAL_ROUTE};

mod text {
    pub const ACCEPTED: &str = "Обращение принято";
    pub const NUMBER: &str = "Номер обращения";
    pub const CODE: &str = "Код для проверки статуса";
    pub const KEEP: &str = "Сохраните номер и код: по ним вы узнаете, как рассматривается обращение, и прочитаете ответ. Код показывается только один раз.";
    pub const RECEIVED: &str = "Дата поступления";
    pub const REGISTER_BY: &str = "Будет зарегистрировано не позднее";
    pub const ANSWER_IN: &str = "Ответ дается в течение 30 дней со дня регистрации (Федеральный закон от 02.05.2006 № 59-ФЗ).";
    pub const TO_STATUS: &str = "Проверить статус обращения";
    pub const STATUS_TITLE: &str = "Статус обращения";
    pub const STATUS_INTRO: &str = "Введите номер обращения и код, которые вы получили после отправки.";
    pub const FIND: &str = "Показать";
    pub const NOT_FOUND: &str = "Обращение с таким номером и кодом не найдено. Проверьте, нет ли опечатки.";
    pub const TOO_MANY: &str = "Слишком много попыток. Попробуйте снова через час.";
    pub const STATUS: &str = "Статус";
    pub const DUE: &str = "Срок ответа";
    pub const EXTENDED: &str = "Срок рассмотрения продлен";
    pub const ANSWER: &str = "Ответ";
    pub const ANSWERED_ON: &str = "Дата ответа";
    pub const TOPIC: &str = "Тема";
}

/// What the receipt says.
pub struct Receipt<'a> {
    pub number: &'a str,
    pub code: &'a str,
    /// `YYYY-MM-DD`.
    pub received: &'a str,
    pub register_by: &'a str,
}

/// The page after an appeal is stored: its number and code, once.
pub fn render_appeal_receipt(site: &SiteDocument, options: &RenderOptions, receipt: &Receipt, out: &mut String) {
    let status = status_path(options);
    system_page(site, options, text::ACCEPTED, &status, |out| {
        out.push_str("<div class=\"appeal-receipt\" role=\"status\"><dl>");
        row(text::NUMBER, receipt.number, out);
        row(text::CODE, receipt.code, out);
        row(text::RECEIVED, &date(receipt.received), out);
        row(text::REGISTER_BY, &date(receipt.register_by), out);
        out.push_str("</dl></div>\n<p>");
        out.push_str(text::KEEP);
        out.push_str("</p>\n<p>");
        out.push_str(text::ANSWER_IN);
        out.push_str("</p>\n<p><a class=\"button\" href=\"");
        escape::attr(out, &status);
        out.push_str("\">");
        out.push_str(text::TO_STATUS);
        out.push_str("</a></p>\n");
    }, out);
}

/// What the status page found.
pub enum StatusLookup<'a> {
    /// Nothing asked yet: only the form.
    NotAsked,
    NotFound,
    TooManyAttempts,
    Found(&'a AppealStatus),
}

/// An appeal as its author may see it: no other person's data, nothing internal.
pub struct AppealStatus {
    pub number: String,
    pub topic: String,
    pub received: String,
    /// In words: «зарегистрировано, рассматривается»…
    pub status: String,
    /// The answer's deadline, when one runs.
    pub due: Option<String>,
    pub extension_reason: Option<String>,
    pub answer: Option<String>,
    pub answered_on: Option<String>,
}

/// The status page: the form (number and code) and what it found.
pub fn render_appeal_status(site: &SiteDocument, options: &RenderOptions, number: &str, lookup: &StatusLookup, out: &mut String) {
    let action = status_path(options);
    system_page(site, options, text::STATUS_TITLE, &action, |out| {
        out.push_str("<p>");
        out.push_str(text::STATUS_INTRO);
        out.push_str("</p>\n<form class=\"appeal-lookup\" method=\"get\" action=\"");
        escape::attr(out, &action);
        out.push_str("\"><p class=\"field\"><label for=\"appeal-number\">");
        out.push_str(text::NUMBER);
        out.push_str("</label><input type=\"text\" name=\"number\" id=\"appeal-number\" required maxlength=\"40\" autocomplete=\"off\" value=\"");
        escape::attr(out, number);
        out.push_str("\"></p><p class=\"field\"><label for=\"appeal-code\">");
        out.push_str(text::CODE);
        out.push_str("</label><input type=\"text\" name=\"code\" id=\"appeal-code\" required maxlength=\"40\" autocomplete=\"off\"></p><p><button type=\"submit\" class=\"button\">");
        out.push_str(text::FIND);
        out.push_str("</button></p></form>\n");
        match lookup {
            StatusLookup::NotAsked => {}
            StatusLookup::NotFound => message(text::NOT_FOUND, out),
            StatusLookup::TooManyAttempts => message(text::TOO_MANY, out),
            StatusLookup::Found(appeal) => {
                out.push_str("<section class=\"appeal-status\" aria-labelledby=\"appeal-status-title\"><h2 id=\"appeal-status-title\">");
                out.push_str(text::NUMBER);
                out.push(' ');
                escape::text(out, &appeal.number);
                out.push_str("</h2><dl>");
                row(text::STATUS, &appeal.status, out);
                if !appeal.topic.is_empty() {
                    row(text::TOPIC, &appeal.topic, out);
                }
                row(text::RECEIVED, &date(&appeal.received), out);
                if let Some(due) = &appeal.due {
                    row(text::DUE, &date(due), out);
                }
                if let Some(reason) = &appeal.extension_reason {
                    row(text::EXTENDED, reason, out);
                }
                if let Some(on) = &appeal.answered_on {
                    row(text::ANSWERED_ON, &date(on), out);
                }
                out.push_str("</dl>");
                if let Some(answer) = &appeal.answer {
                    out.push_str("<h3>");
                    out.push_str(text::ANSWER);
                    out.push_str("</h3>");
                    for paragraph in answer.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                        out.push_str("<p>");
                        escape::text(out, paragraph);
                        out.push_str("</p>");
                    }
                }
                out.push_str("</section>\n");
            }
        }
    }, out);
}

/// `2026-11-23` → «23 ноября 2026».
fn date(iso: &str) -> String {
    let mut out = String::new();
    crate::format::date_ru(iso, &mut out);
    out
}

fn status_path(options: &RenderOptions) -> String {
    format!("{}/{APPEAL_ROUTE}/status", options.base_path)
}

fn row(term: &str, value: &str, out: &mut String) {
    out.push_str("<dt>");
    out.push_str(term);
    out.push_str("</dt><dd>");
    escape::text(out, value);
    out.push_str("</dd>");
}

fn message(text: &str, out: &mut String) {
    out.push_str("<p class=\"notice\" role=\"status\">");
    out.push_str(text);
    out.push_str("</p>\n");
}

/// What became of a vote.
pub enum VoteOutcome<'a> {
    Counted,
    /// This browser has voted in the poll already.
    AlreadyVoted,
    /// Why the vote could not be counted.
    Refused(&'a str),
}

/// The page after a vote: what became of it, the results, and the way back to the page.
pub fn render_vote_page(
    site: &SiteDocument,
    options: &RenderOptions,
    poll: &civic_shared::collections::Poll,
    outcome: &VoteOutcome,
    back_page: &str,
    out: &mut String,
) {
    let mut back = String::new();
    crate::push_page_path(site, back_page, options.base_path, String::push_str, &mut back);
    let title = match outcome {
        VoteOutcome::Counted => "Спасибо, ваш голос учтен",
        VoteOutcome::AlreadyVoted => "Вы уже проголосовали в этом опросе",
        VoteOutcome::Refused(_) => "Голос не учтен",
    };
    system_page(site, options, title, &back, |out| {
        if let VoteOutcome::Refused(why) = outcome {
            message(why, out);
        }
        out.push_str("<h2>");
        escape::text(out, &poll.question);
        out.push_str("</h2>\n");
        // Results as the poll's setting says, whoever asks: during voting only if it shows them
        // then, always once it is over, never before it opens.
        let shown = match civic_shared::polls::state(poll, options.today) {
            civic_shared::polls::PollState::Open => poll.show_results,
            civic_shared::polls::PollState::Closed => true,
            civic_shared::polls::PollState::Upcoming => false,
        };
        if shown {
            crate::blocks::poll_results(poll, out);
        }
        out.push_str("<p><a href=\"");
        escape::attr(out, &back);
        out.push_str("\">Вернуться на страницу</a></p>\n");
    }, out);
}

/// The page after a comment is sent: it waits for moderation.
pub fn render_comment_received(site: &SiteDocument, options: &RenderOptions, back_page: &str, accepted: bool, out: &mut String) {
    let mut back = String::new();
    crate::push_page_path(site, back_page, options.base_path, String::push_str, &mut back);
    let (title, body) = if accepted {
        ("Предложение отправлено", "Спасибо! Предложение будет опубликовано после проверки модератором.")
    } else {
        ("Предложение не отправлено", "Заполните текст и имя, отметьте согласие и отправьте снова; прием предложений должен идти.")
    };
    system_page(site, options, title, &back, |out| {
        message(body, out);
        out.push_str("<p><a href=\"");
        escape::attr(out, &back);
        out.push_str("\">Вернуться к обсуждению</a></p>\n");
    }, out);
}
