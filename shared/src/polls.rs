//! Votes in a site's polls: which choices a posted vote may carry, and the results as the
//! published counts plus the stored votes. Pure.

use crate::collections::Poll;

/// Why a vote is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteRefused {
    /// The poll is closed (or its closing day has passed).
    Closed,
    /// No answer chosen.
    NothingChosen,
    /// More than one answer in a single-choice poll, or an answer the poll does not have.
    BadChoice,
}

impl VoteRefused {
    pub fn message(self) -> &'static str {
        match self {
            VoteRefused::Closed => "Голосование завершено.",
            VoteRefused::NothingChosen => "Выберите ответ и нажмите «Проголосовать».",
            VoteRefused::BadChoice => "Такого ответа в опросе нет.",
        }
    }
}

/// The options a vote chooses (ids, without repeats, in the poll's order), if it may be counted
/// on `today` (`YYYY-MM-DD`).
pub fn check_vote(poll: &Poll, chosen: &[String], today: &str) -> Result<Vec<String>, VoteRefused> {
    if !poll.open || (!poll.closes.is_empty() && today > poll.closes.as_str()) {
        return Err(VoteRefused::Closed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::PollOption;

    fn poll(multiple: bool) -> Poll {
        Poll {
            id: "p".into(),
            question: "?".into(),
            multiple,
            open: true,
            closes: "2026-12-31".into(),
            show_results: true,
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
    }

    #[test]
    fn stored_votes_add_to_the_counts() {
        let mut p = poll(true);
        add_votes(&mut p, &[ids(&["a", "c"]), ids(&["a"]), ids(&["gone"])]);
        let votes: Vec<u64> = p.options.iter().map(|o| o.votes).collect();
        assert_eq!(votes, [12, 10, 11]);
    }
}
