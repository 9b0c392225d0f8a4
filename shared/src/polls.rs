//! Votes in a site's polls: whether a poll takes votes on a day, which choices a posted vote
//! may carry, the results as the published counts plus the stored votes, and how an edited
//! poll ([`PollItem`]) becomes the poll visitors see. Pure.

use crate::collections::{Poll, PollItem, PollOption, PollResults};
use crate::validate::{Problem, ProblemKind};

/// Where a poll stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollState {
    /// Its opening day has not come.
    Upcoming,
    /// Takes votes.
    Open,
    /// Closed by staff, or its closing day has passed.
    Closed,
}

/// The poll's state on `today` (`YYYY-MM-DD`); an empty `today` (the constructor's preview)
/// ignores the dates.
pub fn state(poll: &Poll, today: &str) -> PollState {
    let dated = !today.is_empty();
    if !poll.open || (dated && !poll.closes.is_empty() && today > poll.closes.as_str()) {
        PollState::Closed
    } else if dated && !poll.opens.is_empty() && today < poll.opens.as_str() {
        PollState::Upcoming
    } else {
        PollState::Open
    }
}

/// What a login-required poll says to visitors who are not signed in.
pub const STAFF_ONLY: &str = "Голосовать могут только сотрудники, вошедшие в систему.";

/// The id of the answer at `index` (0-based) of an edited poll. Ids follow the order of the
/// answers, so editing the question or the dates keeps them; the answers themselves may not
/// change once the poll has votes ([`check_edit`]).
pub fn option_id(index: usize) -> String {
    (index + 1).to_string()
}

/// The poll visitors see, with no votes counted yet.
pub fn poll_of(item: &PollItem) -> Poll {
    Poll {
        id: item.id.clone(),
        question: item.question.clone(),
        multiple: item.multiple,
        open: !item.closed,
        opens: item.opens.clone(),
        closes: item.closes.clone(),
        show_results: item.results == PollResults::During,
        login_required: item.login_required,
        options: item.options.iter().enumerate().map(|(i, text)| PollOption { id: option_id(i), text: text.clone(), votes: 0 }).collect(),
    }
}

/// Whether `new` may replace `old`, a poll with `votes` stored votes: once anyone has voted,
/// the answers stay as they are (the votes name them by position); the rest may change.
pub fn check_edit(old: &PollItem, new: &PollItem, votes: u64) -> Result<(), Problem> {
    if votes > 0 && old.options != new.options {
        return Err(Problem { path: "options".into(), kind: ProblemKind::AnswersHaveVotes });
    }
    Ok(())
}

/// Why a vote is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteRefused {
    /// The poll is closed (or its closing day has passed).
    Closed,
    /// The poll's opening day has not come.
    NotYetOpen,
    /// No answer chosen.
    NothingChosen,
    /// More than one answer in a single-choice poll, or an answer the poll does not have.
    BadChoice,
}

impl VoteRefused {
    pub fn message(self) -> &'static str {
        match self {
            VoteRefused::Closed => "Голосование завершено.",
            VoteRefused::NotYetOpen => "Голосование еще не началось.",
            VoteRefused::NothingChosen => "Выберите ответ и нажмите «Проголосовать».",
            VoteRefused::BadChoice => "Такого ответа в опросе нет.",
        }
    }
}

/// The options a vote chooses (ids, without repeats, in the poll's order), if it may be counted
/// on `today` (`YYYY-MM-DD`).
pub fn check_vote(poll: &Poll, chosen: &[String], today: &str) -> Result<Vec<String>, VoteRefused> {
    match state(poll, today) {
        PollState::Closed => return Err(VoteRefused::Closed),
        PollState::Upcoming => return Err(VoteRefused::NotYetOpen),
        PollState::Open => {}
    }
    if chosen.is_empty() {
        return Err(VoteRefused::NothingChosen);
    }
    if chosen.iter().any(|id| !poll.options.iter().any(|o| &o.id == id)) {
        return Err(VoteRefused::BadChoice);
    }
    let options: Vec<String> = poll.options.iter().filter(|o| chosen.contains(&o.id)).map(|o| o.id.clone()).collect();
    if !poll.multiple && options.len() > 1 {
        return Err(VoteRefused::BadChoice);
    }
    Ok(options)
}

/// Adds stored votes (each the JSON list of a vote's option ids) to the poll's counts.
pub fn add_votes(poll: &mut Poll, votes: &[Vec<String>]) {
    for vote in votes {
        for id in vote {
            if let Some(option) = poll.options.iter_mut().find(|o| &o.id == id) {
                option.votes = option.votes.saturating_add(1);
            }
        }
    }
}

/// Adds counts of stored votes, as the database sums them (option id, votes), to the poll's
/// counts; an option the poll no longer has counts for nothing.
pub fn add_counts(poll: &mut Poll, counts: &[(String, u64)]) {
    for (id, votes) in counts {
        if let Some(option) = poll.options.iter_mut().find(|o| &o.id == id) {
            option.votes = option.votes.saturating_add(*votes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(multiple: bool) -> Poll {
        Poll {
            id: "p".into(),
            question: "?".into(),
            multiple,
            open: true,
            opens: "2026-11-01".into(),
            closes: "2026-12-31".into(),
            show_results: true,
            login_required: false,
            options: ["a", "b", "c"].iter().map(|id| PollOption { id: (*id).into(), text: id.to_uppercase(), votes: 10 }).collect(),
        }
    }
    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_and_multiple_choice() {
        assert_eq!(check_vote(&poll(false), &ids(&["b"]), "2026-11-23"), Ok(ids(&["b"])));
        assert_eq!(check_vote(&poll(false), &ids(&["a", "b"]), "2026-11-23"), Err(VoteRefused::BadChoice));
        assert_eq!(check_vote(&poll(true), &ids(&["c", "a", "c"]), "2026-11-23"), Ok(ids(&["a", "c"])));
        assert_eq!(check_vote(&poll(true), &ids(&["z"]), "2026-11-23"), Err(VoteRefused::BadChoice));
        assert_eq!(check_vote(&poll(true), &[], "2026-11-23"), Err(VoteRefused::NothingChosen));
    }

    #[test]
    fn a_closed_poll_takes_no_votes() {
        assert_eq!(check_vote(&poll(false), &ids(&["a"]), "2027-01-01"), Err(VoteRefused::Closed), "after its closing day");
        let closed = Poll { open: false, ..poll(false) };
        assert_eq!(check_vote(&closed, &ids(&["a"]), "2026-11-23"), Err(VoteRefused::Closed));
        assert_eq!(check_vote(&poll(false), &ids(&["a"]), "2026-12-31"), Ok(ids(&["a"])), "on its closing day");
    }

    #[test]
    fn a_poll_before_its_opening_day_takes_no_votes() {
        assert_eq!(check_vote(&poll(false), &ids(&["a"]), "2026-10-31"), Err(VoteRefused::NotYetOpen));
        assert_eq!(check_vote(&poll(false), &ids(&["a"]), "2026-11-01"), Ok(ids(&["a"])), "on its opening day");
        assert_eq!(state(&poll(false), "2026-10-31"), PollState::Upcoming);
        assert_eq!(state(&poll(false), ""), PollState::Open, "the preview ignores dates");
        let undated = Poll { opens: String::new(), closes: String::new(), ..poll(false) };
        assert_eq!(state(&undated, "1999-01-01"), PollState::Open);
        assert_eq!(state(&Poll { open: false, ..undated }, "1999-01-01"), PollState::Closed);
    }

    fn item() -> PollItem {
        PollItem {
            id: "p".into(),
            question: "Какой кружок открыть?".into(),
            options: vec!["Шахматы".into(), "Театр".into()],
            opens: "2026-11-01".into(),
            closes: "2026-12-31".into(),
            results: PollResults::After,
            ..PollItem::default()
        }
    }

    #[test]
    fn an_edited_poll_becomes_the_poll_visitors_see() {
        let poll = poll_of(&item());
        let options: Vec<(&str, &str)> = poll.options.iter().map(|o| (o.id.as_str(), o.text.as_str())).collect();
        assert_eq!(options, [("1", "Шахматы"), ("2", "Театр")]);
        assert!(poll.open && !poll.show_results && !poll.multiple && !poll.login_required);
        assert_eq!((poll.opens.as_str(), poll.closes.as_str()), ("2026-11-01", "2026-12-31"));
        let closed = poll_of(&PollItem { closed: true, results: PollResults::During, login_required: true, ..item() });
        assert!(!closed.open && closed.show_results && closed.login_required);
    }

    #[test]
    fn option_ids_survive_edits_of_the_question_and_dates() {
        let edited = PollItem { question: "Какой кружок открыть в 2027 году?".into(), closes: "2027-01-31".into(), multiple: true, ..item() };
        assert_eq!(check_edit(&item(), &edited, 12), Ok(()));
        let ids = |p: &PollItem| poll_of(p).options.into_iter().map(|o| (o.id, o.text)).collect::<Vec<_>>();
        assert_eq!(ids(&item()), ids(&edited));
    }

    #[test]
    fn answers_of_a_poll_with_votes_do_not_change() {
        let refused = Err(Problem { path: "options".into(), kind: ProblemKind::AnswersHaveVotes });
        let renamed = PollItem { options: vec!["Шахматы".into(), "Кукольный театр".into()], ..item() };
        let removed = PollItem { options: vec!["Шахматы".into()], ..item() };
        let added = PollItem { options: vec!["Шахматы".into(), "Театр".into(), "Робототехника".into()], ..item() };
        let swapped = PollItem { options: vec!["Театр".into(), "Шахматы".into()], ..item() };
        for new in [&renamed, &removed, &added, &swapped] {
            assert_eq!(check_edit(&item(), new, 1), refused, "{:?}", new.options);
            assert_eq!(check_edit(&item(), new, 0), Ok(()), "no votes yet: {:?}", new.options);
        }
        assert!(ProblemKind::AnswersHaveVotes.message(crate::Lang::Ru).starts_with("в голосовании уже есть голоса: ответы менять нельзя"));
    }

    #[test]
    fn stored_votes_add_to_the_counts() {
        let mut p = poll(true);
        add_votes(&mut p, &[ids(&["a", "c"]), ids(&["a"]), ids(&["gone"])]);
        let votes: Vec<u64> = p.options.iter().map(|o| o.votes).collect();
        assert_eq!(votes, [12, 10, 11]);
    }

    #[test]
    fn summed_votes_add_to_the_counts_as_the_votes_themselves_would() {
        let (mut summed, mut each) = (poll(true), poll(true));
        add_counts(&mut summed, &[("a".into(), 2), ("c".into(), 1), ("gone".into(), 7)]);
        add_votes(&mut each, &[ids(&["a", "c"]), ids(&["a"])]);
        assert_eq!(summed, each);
    }
}
