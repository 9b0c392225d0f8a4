//! The built-in course for new editors («Обучение»): a few steps done on the editor's own
//! site, each completed by the server when the real action succeeds (a saved draft with a new
//! block, a publication, a news item…), never by a click on «готово». The regional decrees
//! count trained employees («Прохождение обучения… не менее 628 сотрудников»): an editor who
//! has done every required step counts as trained. Pure: the shell records and reads the steps.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::collection_items::Collection;
use crate::{Block, Lang, SiteDocument};

/// One step of the course, in the order it is taught.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A saved draft has more blocks than the one before it.
    AddBlock,
    /// A saved draft changes the text of a heading or text block that was already there.
    EditText,
    /// The draft was published.
    Publish,
    /// The compliance report («Требования закона») was opened.
    ComplianceReport,
    /// A news item was created.
    AddNews,
    /// An appeal was answered (optional: not every site has appeals yet).
    AnswerAppeal,
}

impl Step {
    /// Every step, in the course's order.
    pub const ALL: [Step; 6] = [Step::AddBlock, Step::EditText, Step::Publish, Step::ComplianceReport, Step::AddNews, Step::AnswerAppeal];

    /// The step as stored and sent: `add_block`, `edit_text`…
    pub fn as_str(self) -> &'static str {
        match self {
            Step::AddBlock => "add_block",
            Step::EditText => "edit_text",
            Step::Publish => "publish",
            Step::ComplianceReport => "compliance_report",
            Step::AddNews => "add_news",
            Step::AnswerAppeal => "answer_appeal",
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.as_str() == text)
    }

    /// Whether the step is needed to count as trained. Answering an appeal is not: a new
    /// site may have none to answer.
    pub fn required(self) -> bool {
        self != Step::AnswerAppeal
    }

    /// The step's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Step::AddBlock, Lang::Ru) => "Добавьте блок на страницу",
            (Step::AddBlock, Lang::En) => "Add a block to a page",
            (Step::EditText, Lang::Ru) => "Измените текст",
            (Step::EditText, Lang::En) => "Change a text",
            (Step::Publish, Lang::Ru) => "Опубликуйте изменения",
            (Step::Publish, Lang::En) => "Publish the changes",
            (Step::ComplianceReport, Lang::Ru) => "Проверьте требования закона",
            (Step::ComplianceReport, Lang::En) => "Check the legal requirements",
            (Step::AddNews, Lang::Ru) => "Добавьте новость",
            (Step::AddNews, Lang::En) => "Add a news item",
            (Step::AnswerAppeal, Lang::Ru) => "Ответьте на обращение",
            (Step::AnswerAppeal, Lang::En) => "Answer an appeal",
        }
    }

    /// What to do, naming the constructor's buttons and menus as they are labelled.
    pub fn instruction(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Step::AddBlock, Lang::Ru) => {
                "В разделе «Страницы» выберите страницу в списке слева, в панели «Добавить блок» нажмите на блок, например «+ Текст», и нажмите «Сохранить»."
            }
            (Step::AddBlock, Lang::En) => "In Pages choose a page on the left, click a block in the Add block panel (for example + Text) and press Save.",
            (Step::EditText, Lang::Ru) => {
                "Выберите заголовок или текст, который уже есть на странице, в списке «Блоки страницы», измените его в панели «Свойства блока» и нажмите «Сохранить»."
            }
            (Step::EditText, Lang::En) => "Choose a heading or text already on the page in Page blocks, change it in Block properties and press Save.",
            (Step::Publish, Lang::Ru) => "Нажмите «Опубликовать», посмотрите в окне «Перед публикацией», что изменится для посетителей, и подтвердите публикацию.",
            (Step::Publish, Lang::En) => "Press Publish, look in Before publishing at what visitors will see change, and confirm.",
            (Step::ComplianceReport, Lang::Ru) => "Откройте «Требования закона» и посмотрите, каких обязательных разделов и сведений не хватает на сайте.",
            (Step::ComplianceReport, Lang::En) => "Open Legal requirements and see which mandatory sections and data the site still lacks.",
            (Step::AddNews, Lang::Ru) => "Откройте «Данные сайта», выберите «Новости», нажмите «Добавить запись», заполните поля и нажмите «Сохранить запись».",
            (Step::AddNews, Lang::En) => "Open Site data, choose News, press Add item, fill in the fields and press Save item.",
            (Step::AnswerAppeal, Lang::Ru) => {
                "Откройте «Обращения», нажмите «Зарегистрировать» у нового обращения, напишите ответ и нажмите «Отправить ответ». Если обращений ещё нет, шаг можно пропустить."
            }
            (Step::AnswerAppeal, Lang::En) => "Open Appeals, press Register on a new appeal, write the answer and press Send answer. Without appeals yet, skip this step.",
        }
    }
}

/// How far an editor is in the course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Steps done, of `total`.
    pub done: usize,
    pub total: usize,
    /// The first step of the course not done yet.
    pub next: Option<Step>,
    /// Every required step is done.
    pub trained: bool,
}

/// The editor's progress from the steps they have done (in any order, repeats allowed).
pub fn progress(done: &[Step]) -> Progress {
    let done_set: BTreeSet<Step> = done.iter().copied().collect();
    Progress {
        done: done_set.len(),
        total: Step::ALL.len(),
        next: Step::ALL.into_iter().find(|step| !done_set.contains(step)),
        trained: is_trained(done),
    }
}

/// Whether every required step is done.
pub fn is_trained(done: &[Step]) -> bool {
    Step::ALL.into_iter().filter(|step| step.required()).all(|step| done.contains(&step))
}

/// The steps a draft save completes: more blocks than the stored draft → «add a block»; a
/// heading or text block kept (same page, same id) with other content → «change a text».
pub fn steps_of_save(stored: &SiteDocument, saved: &SiteDocument) -> Vec<Step> {
    let mut steps = Vec::new();
    if block_count(saved) > block_count(stored) {
        steps.push(Step::AddBlock);
    }
    let texts = |document: &SiteDocument| -> BTreeMap<(String, String), Block> {
        let mut found = BTreeMap::new();
        for (page_id, page) in &document.pages {
            collect_texts(&page.blocks, &mut |block| {
                found.insert((page_id.clone(), block.id().to_string()), block.clone());
            });
        }
        found
    };
    let before = texts(stored);
    if texts(saved).iter().any(|(key, block)| before.get(key).is_some_and(|old| old != block)) {
        steps.push(Step::EditText);
    }
    steps
}

/// The step an item created in `collection` completes.
pub fn step_of_item(collection: Collection) -> Option<Step> {
    (collection == Collection::News).then_some(Step::AddNews)
}

fn block_count(document: &SiteDocument) -> usize {
    fn count(blocks: &[Block]) -> usize {
        blocks.iter().map(|block| 1 + block.child_groups().into_iter().map(count).sum::<usize>()).sum()
    }
    document.pages.values().map(|page| count(&page.blocks)).sum()
}

fn collect_texts(blocks: &[Block], found: &mut dyn FnMut(&Block)) {
    for block in blocks {
        if matches!(block, Block::Heading(_) | Block::Text(_)) {
            found(block);
        }
        for group in block.child_groups() {
            collect_texts(group, found);
        }
    }
}

/// Trained editors per site from every recorded `(site, account, step)`: an editor counts for
/// each site they belong to once they have done every required step.
pub fn trained_per_site(records: &[(i64, i64, Step)]) -> BTreeMap<i64, u32> {
    let mut steps: BTreeMap<(i64, i64), Vec<Step>> = BTreeMap::new();
    for (site, account, step) in records {
        steps.entry((*site, *account)).or_default().push(*step);
    }
    let mut trained = BTreeMap::new();
    for ((site, _), done) in steps {
        let count = trained.entry(site).or_insert(0);
        if is_trained(&done) {
            *count += 1;
        }
    }
    trained
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Heading, Text, TextBlock, TextRun};

    fn document(blocks: Vec<Block>) -> SiteDocument {
        let mut doc = crate::demo::ministry();
        let home = doc.pages.keys().next().cloned().unwrap();
        for (id, page) in doc.pages.iter_mut() {
            page.blocks = if *id == home { blocks.clone() } else { Vec::new() };
        }
        doc
    }

    fn heading(id: &str, text: &str) -> Block {
        Block::Heading(Heading { id: id.into(), level: 2, text: text.into() })
    }

    fn text(id: &str, words: &str) -> Block {
        Block::Text(Text { id: id.into(), content: vec![TextBlock::Paragraph { runs: vec![TextRun::plain(words)] }] })
    }

    #[test]
    fn a_new_editor_starts_at_the_first_step_and_is_trained_without_the_optional_one() {
        let fresh = progress(&[]);
        assert_eq!((fresh.done, fresh.total, fresh.next, fresh.trained), (0, 6, Some(Step::AddBlock), false));
        let some = progress(&[Step::Publish, Step::AddBlock, Step::AddBlock]);
        assert_eq!((some.done, some.next), (2, Some(Step::EditText)), "repeats count once; the next is the first not done");
        let required: Vec<Step> = Step::ALL.into_iter().filter(|s| s.required()).collect();
        assert!(is_trained(&required));
        assert_eq!(progress(&required).next, Some(Step::AnswerAppeal));
        assert!(!is_trained(&required[1..]), "every required step counts");
        assert_eq!(progress(&Step::ALL).next, None);
    }

    #[test]
    fn a_save_with_a_new_block_or_a_changed_text_completes_those_steps_and_nothing_else() {
        let before = document(vec![heading("h", "О нас"), text("t", "Старый текст")]);
        let added = document(vec![heading("h", "О нас"), text("t", "Старый текст"), text("t2", "Новый")]);
        assert_eq!(steps_of_save(&before, &added), vec![Step::AddBlock]);
        let edited = document(vec![heading("h", "О нас"), text("t", "Новый текст")]);
        assert_eq!(steps_of_save(&before, &edited), vec![Step::EditText]);
        let renamed = document(vec![heading("h", "Об учреждении"), text("t", "Старый текст"), heading("h2", "Ещё")]);
        assert_eq!(steps_of_save(&before, &renamed), vec![Step::AddBlock, Step::EditText]);
        assert!(steps_of_save(&before, &before).is_empty(), "saving the same draft teaches nothing");
        let removed = document(vec![heading("h", "О нас")]);
        assert!(steps_of_save(&before, &removed).is_empty(), "deleting a block is neither step");
    }

    #[test]
    fn only_a_news_item_is_the_news_step() {
        assert_eq!(step_of_item(Collection::News), Some(Step::AddNews));
        assert_eq!(step_of_item(Collection::Documents), None);
    }

    #[test]
    fn trained_editors_are_counted_per_site_they_belong_to() {
        let all: Vec<Step> = Step::ALL.into_iter().filter(|s| s.required()).collect();
        let mut records: Vec<(i64, i64, Step)> = all.iter().map(|s| (1, 10, *s)).collect();
        records.extend(all.iter().map(|s| (2, 10, *s)));
        records.extend(all[..2].iter().map(|s| (1, 11, *s)));
        let counted = trained_per_site(&records);
        assert_eq!(counted.get(&1), Some(&1), "the partly trained editor does not count");
        assert_eq!(counted.get(&2), Some(&1));
        assert_eq!(counted.get(&3), None);
    }

    #[test]
    fn steps_round_trip_and_every_instruction_is_written() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Some(step));
            assert!(step.instruction(Lang::Ru).contains('«'), "{step:?} names the buttons");
            assert!(!step.instruction(Lang::En).contains('«'));
        }
        assert_eq!(Step::parse("graduate"), None);
    }
}
