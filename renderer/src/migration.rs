//! Papers of the move onto the platform: the printable act of completed migration (one A4 page
//! per site) and the SVG chart of the decrees' targets for the operator's dashboard. Both are
//! drawn here from plain figures, so the worker serves them without a browser.

use civic_shared::migration::Progress;

use crate::{escape, format};

/// What one act says.
pub struct Act<'a> {
    /// «2026-0003»: the year and the site's number.
    pub number: &'a str,
    pub organisation: &'a str,
    pub kind: &'a str,
    /// The site's address.
    pub address: &'a str,
    /// What was moved: («Страницы», 24), («Новости», 12)…
    pub moved: &'a [(String, usize)],
    pub compliance_score: u8,
    /// Responsible people on the organisation's side.
    pub responsible: &'a str,
    /// Who moved the content (the platform's side), and when the site became checked.
    pub moved_by: &'a str,
    pub checked_on: &'a str,
    /// The operator's signature: name and day, once signed.
    pub signed: Option<(&'a str, &'a str)>,
}

const ACT_STYLE: &str = "body{font:12pt/1.45 \"PT Serif\",\"Times New Roman\",serif;color:#000;margin:0;background:#e9edf2}\
.act{background:#fff;max-width:186mm;margin:1rem auto;padding:14mm 12mm;box-sizing:border-box}\
h1{font-size:14pt;text-align:center;margin:0 0 .25rem;text-transform:uppercase}.sub{text-align:center;margin:0 0 1.25rem}\
table{border-collapse:collapse;width:100%;margin:.75rem 0}th,td{border:1px solid #000;padding:.25rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right;width:7rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:700}dd{margin:0}\
.signatures{display:grid;grid-template-columns:1fr 1fr;gap:2rem;margin-top:2rem}.line{border-bottom:1px solid #000;height:2rem;margin:.5rem 0 .25rem}\
.signed{color:#0b5d1e;font-weight:700}.unsigned{color:#8a1c1c;font-weight:700}\
@page{size:A4;margin:12mm}@media print{body{background:#fff}.act{margin:0;max-width:none;padding:0;break-after:page}}";

/// The style of an act page, for its Content-Security-Policy hash.
pub fn act_style() -> &'static str {
    ACT_STYLE
}

/// A printable page of acts, one per site.
pub fn render_acts(acts: &[Act], out: &mut String) {
    out.push_str("<!doctype html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    match acts {
        [one] => {
            out.push_str("Акт о завершении миграции — ");
            escape::text(out, one.organisation);
        }
        _ => out.push_str("Акты о завершении миграции"),
    }
    out.push_str("</title>\n<style>");
    out.push_str(ACT_STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    for act in acts {
        render_act(act, out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
}

fn render_act(act: &Act, out: &mut String) {
    out.push_str("<article class=\"act\">\n<h1>Акт о завершении миграции контента</h1>\n<p class=\"sub\">на официальный сайт № ");
    escape::text(out, act.number);
    out.push_str("</p>\n<dl>\n");
    let mut row = |term: &str, value: &dyn Fn(&mut String)| {
        out.push_str("<dt>");
        out.push_str(term);
        out.push_str("</dt><dd>");
        value(out);
        out.push_str("</dd>\n");
    };
    row("Организация", &|out| escape::text(out, act.organisation));
    row("Вид организации", &|out| escape::text(out, act.kind));
    row("Адрес сайта", &|out| escape::text(out, act.address));
    row("Соответствие требованиям", &|out| out.push_str(&format!("{} %", act.compliance_score)));
    row("Ответственные от организации", &|out| escape::text(out, act.responsible));
    row("Перенос выполнил", &|out| escape::text(out, act.moved_by));
    row("Сайт проверен", &|out| format::date_ru(act.checked_on, out));
    out.push_str("</dl>\n<table>\n<caption>Перенесено на сайт</caption>\n<thead><tr><th scope=\"col\">Что</th><th scope=\"col\">Количество</th></tr></thead>\n<tbody>\n");
    for (what, n) in act.moved {
        out.push_str("<tr><th scope=\"row\">");
        escape::text(out, what);
        out.push_str("</th><td class=\"n\">");
        out.push_str(&n.to_string());
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n<p>Контент с прежнего сайта организации перенесён на официальный сайт в полном объёме; сайт соответствует обязательным требованиям к составу сведений.</p>\n");
    out.push_str("<div class=\"signatures\">\n<div><p>От организации</p><div class=\"line\"></div><p>");
    escape::text(out, act.responsible);
    out.push_str("</p></div>\n<div><p>Региональный оператор</p>");
    match act.signed {
        Some((name, day)) => {
            out.push_str("<p class=\"signed\">Подписано в системе ");
            format::date_ru(day, out);
            out.push_str("</p><p>");
            escape::text(out, name);
            out.push_str("</p>");
        }
        None => out.push_str("<div class=\"line\"></div><p class=\"unsigned\">Не подписан</p>"),
    }
    out.push_str("</div>\n</div>\n</article>\n");
}

/// The targets' progress as horizontal bars: the planned count as the track, the sites done as
/// the bar, overdue targets in red. Titled and described for screen readers; the dashboard
/// shows the same figures in a table beside it.
pub fn render_progress_svg(progress: &[Progress], out: &mut String) {
    const WIDTH: u32 = 720;
    const ROW: u32 = 64;
    const BAR_X: u32 = 16;
    const BAR_W: u32 = WIDTH - 2 * BAR_X;
    let height = ROW * progress.len().max(1) as u32 + 16;
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"t d\" font-family=\"system-ui,sans-serif\" font-size=\"14\">\n<title id=\"t\">Переезд сайтов: выполнение плановых показателей</title>\n<desc id=\"d\">"
    ));
    for p in progress {
        escape::text(out, &format!("{}: {} из {} ({} %), срок {}. ", p.target.label, p.done, p.target.count, p.percent, p.target.due));
    }
    if progress.is_empty() {
        out.push_str("Плановые показатели не заданы.");
    }
    out.push_str("</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    for (i, p) in progress.iter().enumerate() {
        let y = 8 + ROW * i as u32;
        let filled = BAR_W * u32::from(p.percent) / 100;
        let colour = if p.overdue { "#a4161a" } else if p.percent >= 100 { "#1b7a3a" } else { "#22577a" };
        out.push_str(&format!("<text x=\"{BAR_X}\" y=\"{}\" fill=\"#1b1f24\">", y + 16));
        escape::text(out, &p.target.label);
        out.push_str(&format!(
            " — {} из {} к {}{}</text>\n<rect x=\"{BAR_X}\" y=\"{}\" width=\"{BAR_W}\" height=\"20\" rx=\"4\" fill=\"#e3e8ef\"/>\n<rect x=\"{BAR_X}\" y=\"{}\" width=\"{filled}\" height=\"20\" rx=\"4\" fill=\"{colour}\"/>\n<text x=\"{}\" y=\"{}\" fill=\"#1b1f24\" text-anchor=\"end\">{} %</text>\n",
            p.done,
            p.target.count,
            short_date(&p.target.due),
            if p.overdue { " (срок прошёл)" } else { "" },
            y + 26,
            y + 26,
            WIDTH - BAR_X,
            y + 60,
            p.percent
        ));
    }
    if progress.is_empty() {
        out.push_str("<text x=\"16\" y=\"32\" fill=\"#4a5561\">Плановые показатели не заданы.</text>\n");
    }
    out.push_str("</svg>\n");
}

/// `2026-12-31` → `31.12.2026`.
fn short_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use civic_shared::migration::{progress, Counted, Measure, Status, Target};

    #[test]
    fn an_act_names_the_organisation_what_moved_and_who_signed() {
        let moved = vec![("Страницы".to_string(), 24), ("Новости".to_string(), 12)];
        let mut act = Act {
            number: "2026-0003",
            organisation: "МБОУ «Средняя школа № 7» <script>",
            kind: "Школа",
            address: "https://school7.civic.localhost/",
            moved: &moved,
            compliance_score: 100,
            responsible: "Морозова О. П.",
            moved_by: "admin",
            checked_on: "2026-11-20",
            signed: None,
        };
        let mut html = String::new();
        render_acts(std::slice::from_ref(&act), &mut html);
        assert!(html.contains("МБОУ «Средняя школа № 7» &lt;script&gt;"), "names are text");
        assert!(html.contains("<th scope=\"row\">Новости</th><td class=\"n\">12</td>"));
        assert!(html.contains("Не подписан"));
        act.signed = Some(("Соколова М. В.", "2026-11-23"));
        html.clear();
        render_acts(&[act], &mut html);
        assert!(html.contains("Подписано в системе 23 ноября 2026 г."));
    }

    #[test]
    fn the_chart_draws_each_target_and_says_it_in_words() {
        let target = Target { id: 1, label: "Школы".into(), kind: None, measure: Measure::Sites, status: Status::Official, count: 4, due: "2026-12-31".into() };
        let site = Counted { kind: civic_shared::OrgKind::School, status: Status::Official, trained: 0 };
        let figures = progress(&[target], &[site], "2026-11-23");
        let mut svg = String::new();
        render_progress_svg(&figures, &mut svg);
        assert!(svg.contains("<desc id=\"d\">Школы: 1 из 4 (25 %), срок 2026-12-31. </desc>"));
        assert!(svg.contains("width=\"172\""), "a quarter of the 688-pixel track: {svg}");
        assert!(svg.contains("1 из 4 к 31.12.2026"));
    }
}
