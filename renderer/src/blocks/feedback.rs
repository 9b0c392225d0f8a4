//! Feedback: the appeal form, polls and the appeal analysis. Forms post to the worker and
//! work without JavaScript; charts are server-drawn SVG beside the numbers they show.

use civic_shared::collections::Poll;
use civic_shared::polls::{self, PollState};
use civic_shared::{AppealAnalysis, AppealForm, PollBlock};

use super::{block_title, element, empty, labelled_by, open_tag_with};
use crate::{escape, format, texts, RenderContext};

/// Prefix of field ids, so two forms on a page never share an id.
fn field_id(block_id: &str, name: &str, out: &mut String) {
    escape::attr(out, block_id);
    out.push('-');
    out.push_str(name);
}

fn label(block_id: &str, name: &str, text: &str, required: bool, out: &mut String) {
    out.push_str("<label for=\"");
    field_id(block_id, name, out);
    out.push_str("\">");
    out.push_str(text);
    if required {
        out.push_str(" <span class=\"required\" title=\"");
        out.push_str(texts::REQUIRED_MARK);
        out.push_str("\">*</span>");
    }
    out.push_str("</label>");
}

pub fn appeal_form(ctx: &RenderContext, f: &AppealForm, out: &mut String) {
    // A form sent back with problems shows what was typed and what to fix.
    let state = ctx.options.appeal.filter(|state| state.form == f.id && state.page == ctx.page_id);
    let value = |name: &str| state.and_then(|s| s.values.iter().find(|(k, _)| k == name)).map_or("", |(_, v)| v.as_str());
    let problem = |name: &str| state.and_then(|s| s.problems.iter().find(|(k, _)| k == name)).map(|(_, message)| message.as_str());
    let mut extra = String::from(" method=\"post\" enctype=\"multipart/form-data\" action=\"");
    escape::attr(&mut extra, ctx.options.base_path);
    extra.push('/');
    extra.push_str(crate::APPEAL_ROUTE);
    extra.push('"');
    extra.push_str(&labelled_by(&f.id, &f.title));
    open_tag_with(ctx, "form", "appeal-form", &f.id, &extra, out);
    out.push('\n');
    block_title(&f.id, &f.title, out);
    element("p", texts::APPEAL_NOTE, out);
    if let Some(state) = state {
        error_summary(&f.id, f, state, out);
    }
    for (name, value) in [("page", ctx.page_id), ("form", f.id.as_str())] {
        out.push_str("<input type=\"hidden\" name=\"");
        out.push_str(name);
        out.push_str("\" value=\"");
        escape::attr(out, value);
        out.push_str("\">");
    }
    out.push('\n');
    if !f.topics.is_empty() {
        out.push_str("<p class=\"field\">");
        label(&f.id, "topic", texts::APPEAL_TOPIC, true, out);
        out.push_str("<select name=\"topic\" required id=\"");
        field_id(&f.id, "topic", out);
        out.push('"');
        invalid(&f.id, "topic", problem("topic"), out);
        out.push('>');
        for topic in &f.topics {
            out.push_str(if state.is_some() && value("topic") == topic { "<option selected>" } else { "<option>" });
            escape::text(out, topic);
            out.push_str("</option>");
        }
        out.push_str("</select>");
        field_error(&f.id, "topic", problem("topic"), out);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"field\">");
    label(&f.id, "text", texts::APPEAL_TEXT, true, out);
    out.push_str("<textarea name=\"text\" rows=\"8\" maxlength=\"20000\" required id=\"");
    field_id(&f.id, "text", out);
    out.push('"');
    invalid(&f.id, "text", problem("text"), out);
    out.push('>');
    escape::text(out, value("text"));
    out.push_str("</textarea>");
    field_error(&f.id, "text", problem("text"), out);
    out.push_str("</p>\n");
    for (name, text, autocomplete) in [("name", texts::APPEAL_NAME, "name"), ("contact", texts::APPEAL_CONTACT, "email")] {
        out.push_str("<p class=\"field\">");
        label(&f.id, name, text, true, out);
        out.push_str("<input type=\"text\" name=\"");
        out.push_str(name);
        out.push_str("\" autocomplete=\"");
        out.push_str(autocomplete);
        out.push_str("\" maxlength=\"300\" required id=\"");
        field_id(&f.id, name, out);
        out.push_str("\" value=\"");
        escape::attr(out, value(name));
        out.push('"');
        invalid(&f.id, name, problem(name), out);
        out.push('>');
        field_error(&f.id, name, problem(name), out);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"field\">");
    label(&f.id, "files", texts::APPEAL_FILES, false, out);
    out.push_str("<input type=\"file\" name=\"files\" multiple accept=\".pdf,.jpg,.jpeg,.png,.doc,.docx,.odt\" id=\"");
    field_id(&f.id, "files", out);
    out.push_str("\" aria-describedby=\"");
    field_id(&f.id, "files-hint", out);
    if problem("files").is_some() {
        out.push(' ');
        field_id(&f.id, "files-error", out);
        out.push_str("\" aria-invalid=\"true");
    }
    out.push('"');
    out.push_str("><span class=\"hint\" id=\"");
    field_id(&f.id, "files-hint", out);
    out.push_str("\">");
    out.push_str(texts::APPEAL_FILES_HINT);
    if state.is_some() {
        out.push(' ');
        out.push_str(texts::APPEAL_FILES_AGAIN);
    }
    out.push_str("</span>");
    field_error(&f.id, "files", problem("files"), out);
    out.push_str("</p>\n");
    // A field people never see or reach; bots fill it and are turned away.
    out.push_str("<p class=\"hp\" aria-hidden=\"true\"><label>");
    out.push_str(texts::HONEYPOT);
    out.push_str(" <input type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></p>\n");
    out.push_str("<p class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"yes\" required id=\"");
    field_id(&f.id, "consent", out);
    out.push('"');
    if state.is_some() && value("consent") == "yes" {
        out.push_str(" checked");
    }
    invalid(&f.id, "consent", problem("consent"), out);
    out.push_str("> ");
    label(&f.id, "consent", texts::APPEAL_CONSENT, true, out);
    field_error(&f.id, "consent", problem("consent"), out);
    out.push_str("</p>\n<p><button type=\"submit\" class=\"button\">");
    out.push_str(texts::APPEAL_SUBMIT);
    out.push_str("</button></p>\n<p class=\"meta\"><a href=\"");
    escape::attr(out, ctx.options.base_path);
    out.push('/');
    out.push_str(crate::APPEAL_ROUTE);
    out.push_str("/status\">");
    out.push_str(texts::APPEAL_STATUS_LINK);
    out.push_str("</a></p></form>\n");
    if f.show_answers {
        published_answers(ctx, &f.id, out);
    }
}

/// The answers the body published, newest first, each under its topic and number.
fn published_answers(ctx: &RenderContext, block_id: &str, out: &mut String) {
    out.push_str("<section class=\"published-answers\" aria-labelledby=\"");
    field_id(block_id, "answers", out);
    out.push_str("\"><h2 id=\"");
    field_id(block_id, "answers", out);
    out.push_str("\">");
    out.push_str(texts::PUBLISHED_ANSWERS);
    out.push_str("</h2>\n");
    if ctx.data.published_answers.is_empty() {
        empty(texts::EMPTY_PUBLISHED_ANSWERS, out);
    }
    for answer in &ctx.data.published_answers {
        out.push_str("<article><h3>");
        escape::text(out, &answer.topic);
        out.push_str("</h3>\n<p class=\"meta\">№ ");
        escape::text(out, &answer.number);
        out.push_str(", ");
        format::date_ru(&answer.answered_on, out);
        out.push_str("</p>\n<p><strong>");
        out.push_str(texts::PUBLISHED_QUESTION);
        out.push_str(":</strong> ");
        escape::text(out, &answer.question);
        out.push_str("</p>\n<p><strong>");
        out.push_str(texts::PUBLISHED_ANSWER);
        out.push_str(":</strong> ");
        escape::text(out, &answer.answer);
        out.push_str("</p></article>\n");
    }
    out.push_str("</section>\n");
}

/// The list of a sent-back form's problems, each a link to its field, announced on arrival.
fn error_summary(block_id: &str, f: &AppealForm, state: &crate::AppealFormState, out: &mut String) {
    out.push_str("<div class=\"form-errors\" role=\"alert\" tabindex=\"-1\" id=\"");
    field_id(block_id, "errors", out);
    out.push_str("\"><p>");
    out.push_str(texts::APPEAL_FIX);
    out.push_str("</p><ul>");
    for (name, message) in &state.problems {
        let label = match name.as_str() {
            "topic" if !f.topics.is_empty() => texts::APPEAL_TOPIC,
            "text" => texts::APPEAL_TEXT,
            "name" => texts::APPEAL_NAME,
            "contact" => texts::APPEAL_CONTACT,
            "consent" => texts::APPEAL_CONSENT_SHORT,
            "files" => texts::APPEAL_FILES_SHORT,
            _ => continue,
        };
        out.push_str("<li><a href=\"#");
        field_id(block_id, name, out);
        out.push_str("\">");
        out.push_str(label);
        out.push_str(": ");
        escape::text(out, message);
        out.push_str("</a></li>");
    }
    out.push_str("</ul></div>\n");
}

/// ` aria-invalid="true" aria-describedby="…-error"` on a field with a problem.
fn invalid(block_id: &str, name: &str, problem: Option<&str>, out: &mut String) {
    if problem.is_some() {
        out.push_str(" aria-invalid=\"true\" aria-describedby=\"");
        field_id(block_id, name, out);
        out.push_str("-error\"");
    }
}

/// The problem under a field.
fn field_error(block_id: &str, name: &str, problem: Option<&str>, out: &mut String) {
    if let Some(message) = problem {
        out.push_str("<span class=\"field-error\" id=\"");
        field_id(block_id, name, out);
        out.push_str("-error\">");
        escape::text(out, message);
        out.push_str("</span>");
    }
}

pub fn poll(ctx: &RenderContext, b: &PollBlock, out: &mut String) {
    let today = ctx.options.today;
    // With no poll chosen: the newest open one, else the next to open.
    let poll = if b.poll_id.is_empty() {
        let first_in = |wanted: PollState| ctx.data.polls.iter().find(|p| polls::state(p, today) == wanted);
        first_in(PollState::Open).or_else(|| first_in(PollState::Upcoming))
    } else {
        ctx.data.polls.iter().find(|p| p.id == b.poll_id)
    };
    let title_id = format!("{}-question", b.id);
    let Some(poll) = poll else {
        open_tag_with(ctx, "section", "poll", &b.id, "", out);
        empty(texts::NO_POLL, out);
        out.push_str("</section>\n");
        return;
    };
    let state = polls::state(poll, today);
    let mut extra = String::from(" aria-labelledby=\"");
    escape::attr(&mut extra, &title_id);
    extra.push('"');
    open_tag_with(ctx, "section", "poll", &b.id, &extra, out);
    out.push_str("<h2 id=\"");
    escape::attr(out, &title_id);
    out.push_str("\">");
    escape::text(out, &poll.question);
    out.push_str("</h2>\n");
    let meta = match state {
        PollState::Upcoming => Some((texts::POLL_OPENS, poll.opens.as_str())),
        PollState::Open if poll.closes.is_empty() => None,
        PollState::Open => Some((texts::POLL_CLOSES, poll.closes.as_str())),
        PollState::Closed => Some((texts::POLL_CLOSED, "")),
    };
    if let Some((text, date)) = meta {
        out.push_str("<p class=\"meta\">");
        out.push_str(text);
        if !date.is_empty() {
            out.push(' ');
            format::date_ru(date, out);
        }
        out.push_str("</p>\n");
    }
    if state == PollState::Open {
        if poll.login_required {
            // Pages are the same for everyone (and cached): the vote itself checks the session.
            out.push_str("<p>");
            out.push_str(polls::STAFF_ONLY);
            out.push_str(" <a href=\"");
            out.push_str(crate::LOGIN_PATH);
            out.push_str("\">");
            out.push_str(texts::SIGN_IN);
            out.push_str("</a></p>\n");
        }
        poll_form(ctx, poll, out);
    }
    if state == PollState::Closed || (state == PollState::Open && poll.show_results) {
        poll_results(poll, out);
    }
    out.push_str("</section>\n");
}

/// A poll's results as a table with bars.
pub(crate) fn poll_results(poll: &civic_shared::collections::Poll, out: &mut String) {
    // Saturating: vote counts come from outside, and an overflow must not stop the page.
    let total = poll.options.iter().fold(0u64, |sum, o| sum.saturating_add(o.votes));
    let rows: Vec<(&str, u64)> = poll.options.iter().map(|o| (o.text.as_str(), o.votes)).collect();
    bar_table(texts::RESULTS, texts::ANSWER, texts::VOTES, &rows, total, out);
}

fn poll_form(ctx: &RenderContext, poll: &Poll, out: &mut String) {
    out.push_str("<form method=\"post\" action=\"");
    escape::attr(out, ctx.options.base_path);
    out.push('/');
    out.push_str(crate::POLL_ROUTE);
    out.push('/');
    escape::attr(out, &poll.id);
    out.push_str("\"><input type=\"hidden\" name=\"back\" value=\"");
    escape::attr(out, ctx.page_id);
    out.push_str("\"><fieldset><legend>");
    escape::text(out, &poll.question);
    out.push_str("</legend>\n");
    let kind = if poll.multiple { "checkbox" } else { "radio" };
    for option in &poll.options {
        out.push_str("<p><label><input type=\"");
        out.push_str(kind);
        out.push_str("\" name=\"option\" value=\"");
        escape::attr(out, &option.id);
        out.push('"');
        if !poll.multiple {
            out.push_str(" required");
        }
        out.push_str("> ");
        escape::text(out, &option.text);
        out.push_str("</label></p>\n");
    }
    out.push_str("</fieldset><p><button type=\"submit\" class=\"button\">");
    out.push_str(texts::VOTE);
    out.push_str("</button></p></form>\n");
}

/// A table of (label, count) with a bar drawn in SVG next to each number. The numbers are
/// the accessible content; the bars are decoration (`aria-hidden`).
pub(crate) fn bar_table(caption: &str, row_header: &str, unit: &str, rows: &[(&str, u64)], total: u64, out: &mut String) {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    super::open_table_wrap(caption, out);
    out.push_str("<table class=\"bars\">");
    element("caption", caption, out);
    out.push_str("<thead><tr><th scope=\"col\">");
    out.push_str(row_header);
    out.push_str("</th><th scope=\"col\">");
    out.push_str(texts::COUNT);
    out.push_str("</th></tr></thead>\n<tbody>\n");
    for (label, count) in rows {
        out.push_str("<tr><th scope=\"row\">");
        escape::text(out, label);
        out.push_str("</th><td><svg class=\"bar\" width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect height=\"12\" width=\"");
        // In u128: `count * 160` of a u64 count can overflow.
        out.push_str(&(u128::from(*count) * 160 / u128::from(max)).to_string());
        out.push_str("\"></rect></svg> ");
        out.push_str(&count.to_string());
        if total > 0 {
            out.push_str(&format!(" ({}&nbsp;%)", u128::from(*count) * 100 / u128::from(total)));
        }
        if !unit.is_empty() {
            out.push_str(" <span class=\"visually-hidden\">");
            out.push_str(unit);
            out.push_str("</span>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

pub fn appeal_analysis(ctx: &RenderContext, a: &AppealAnalysis, out: &mut String) {
    open_tag_with(ctx, "section", "appeal-analysis", &a.id, &labelled_by(&a.id, &a.title), out);
    out.push('\n');
    block_title(&a.id, &a.title, out);
    match &ctx.data.appeal_stats {
        None => empty(texts::NO_STATS, out),
        Some(stats) => {
            out.push_str("<dl class=\"figures\"><div><dt>");
            out.push_str(texts::TOTAL_APPEALS);
            if !stats.period.is_empty() {
                out.push_str(", ");
                escape::text(out, &stats.period);
            }
            out.push_str("</dt><dd>");
            out.push_str(&stats.total.to_string());
            out.push_str("</dd></div><div><dt>");
            out.push_str(texts::ON_TIME);
            out.push_str("</dt><dd>");
            out.push_str(&stats.on_time_percent.min(100).to_string());
            out.push_str("&nbsp;%</dd></div></dl>\n");
            for (caption, header, rows) in [
                (texts::BY_TOPIC, texts::TOPIC, &stats.by_topic),
                (texts::BY_MONTH, texts::MONTH, &stats.by_month),
                (texts::BY_OUTCOME, texts::OUTCOME, &stats.by_outcome),
            ] {
                if !rows.is_empty() {
                    let rows: Vec<(&str, u64)> = rows.iter().map(|(label, n)| (label.as_str(), *n)).collect();
                    bar_table(caption, header, "", &rows, stats.total, out);
                }
            }
            out.push_str("<p><a href=\"");
            escape::attr(out, ctx.options.base_path);
            out.push('/');
            out.push_str(crate::APPEAL_ROUTE);
            out.push_str("/analiz.csv\">");
            out.push_str(texts::FIGURES_CSV);
            out.push_str("</a></p>\n");
        }
    }
    out.push_str("</section>\n");
}

pub fn discussion(ctx: &RenderContext, d: &civic_shared::Discussion, out: &mut String) {
    let today = ctx.options.today;
    let (state, open) = match today {
        "" => (texts::DISCUSSION_OPEN, true),
        t if t < d.opens.as_str() => (texts::DISCUSSION_NOT_YET, false),
        t if t > d.closes.as_str() => (texts::DISCUSSION_OVER, false),
        _ => (texts::DISCUSSION_OPEN, true),
    };
    open_tag_with(ctx, "section", "discussion", &d.id, &labelled_by(&d.id, &d.title), out);
    out.push_str("\n<h2 id=\"");
    escape::attr(out, &d.id);
    out.push_str("-title\">");
    out.push_str(texts::DISCUSSION);
    out.push_str(": ");
    escape::text(out, &d.title);
    out.push_str("</h2>\n<p class=\"meta\">");
    out.push_str(texts::DISCUSSION_PERIOD);
    out.push(' ');
    format::date_ru(&d.opens, out);
    out.push_str(" — ");
    format::date_ru(&d.closes, out);
    out.push_str(": ");
    out.push_str(state);
    out.push_str("</p>\n");
    if !d.document_href.is_empty() {
        out.push_str("<p><a");
        escape::site_url_attr(out, "href", &d.document_href, ctx.options.base_path, civic_shared::validate::is_link);
        out.push('>');
        out.push_str(texts::DISCUSSION_DOCUMENT);
        out.push_str("</a></p>\n");
    }
    let key = format!("{}/{}", ctx.page_id, d.id);
    let comments: Vec<_> = ctx.data.comments.iter().filter(|c| c.discussion == key).collect();
    out.push_str("<h3>");
    out.push_str(texts::COMMENTS);
    out.push_str(" (");
    out.push_str(&comments.len().to_string());
    out.push_str(")</h3>\n");
    if comments.is_empty() {
        empty(texts::NO_COMMENTS, out);
    } else {
        out.push_str("<ol class=\"comments\">\n");
        for comment in comments {
            out.push_str("<li><p class=\"meta\">");
            escape::text(out, &comment.name);
            out.push_str(", ");
            format::date_ru(&comment.date, out);
            out.push_str("</p>");
            for paragraph in comment.text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                element("p", paragraph, out);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    if open {
        comment_form(ctx, d, out);
    } else if !d.summary.is_empty() {
        out.push_str("<h3>");
        out.push_str(texts::SUMMARY);
        out.push_str("</h3>\n");
        for paragraph in d.summary.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            element("p", paragraph, out);
        }
    }
    out.push_str("</section>\n");
}

fn comment_form(ctx: &RenderContext, d: &civic_shared::Discussion, out: &mut String) {
    out.push_str("<form class=\"appeal-form\" method=\"post\" action=\"");
    escape::attr(out, ctx.options.base_path);
    out.push('/');
    out.push_str(crate::COMMENT_ROUTE);
    out.push_str("\">\n");
    element("p", texts::COMMENT_NOTE, out);
    for (name, value) in [("page", ctx.page_id), ("discussion", d.id.as_str())] {
        out.push_str("<input type=\"hidden\" name=\"");
        out.push_str(name);
        out.push_str("\" value=\"");
        escape::attr(out, value);
        out.push_str("\">");
    }
    out.push_str("\n<p class=\"field\">");
    label(&d.id, "text", texts::COMMENT_TEXT, true, out);
    out.push_str("<textarea name=\"text\" rows=\"6\" maxlength=\"5000\" required id=\"");
    field_id(&d.id, "text", out);
    out.push_str("\"></textarea></p>\n<p class=\"field\">");
    label(&d.id, "name", texts::COMMENT_NAME, true, out);
    out.push_str("<input type=\"text\" name=\"name\" autocomplete=\"name\" maxlength=\"300\" required id=\"");
    field_id(&d.id, "name", out);
    out.push_str("\"></p>\n<p class=\"hp\" aria-hidden=\"true\"><label>");
    out.push_str(texts::HONEYPOT);
    out.push_str(" <input type=\"text\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></p>\n");
    out.push_str("<p class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"yes\" required id=\"");
    field_id(&d.id, "consent", out);
    out.push_str("\"> ");
    label(&d.id, "consent", texts::COMMENT_CONSENT, true, out);
    out.push_str("</p>\n<p><button type=\"submit\" class=\"button\">");
    out.push_str(texts::COMMENT_SUBMIT);
    out.push_str("</button></p></form>\n");
}
