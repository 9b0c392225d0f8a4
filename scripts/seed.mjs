// Seeds the demo sites into local D1 and R2 through wrangler, the same tool that
// manages production storage. Idempotent: existing sites (and their edits) are kept.
//
//   node scripts/seed.mjs [--persist-to DIR]
import { createHash, randomBytes } from 'node:crypto';
import { passwordHash, sqlText } from './password-hash.mjs';
import { workingDays } from './working-days.mjs';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const persistArgs = process.argv.includes('--persist-to')
  ? ['--persist-to', process.argv[process.argv.indexOf('--persist-to') + 1]]
  : [];

/** The demo sites, in the order of their ids (as `SITES` in shared/src/demo.rs). */
export const DEMO_SITES = [
  { id: 1, slug: 'mincifra', file: 'shared/demo/mincifra.json', data: 'shared/demo/mincifra-data.json' },
  { id: 2, slug: 'kasimov', file: 'shared/demo/kasimov.json', data: 'shared/demo/kasimov-data.json' },
  { id: 3, slug: 'school7', file: 'shared/demo/school7.json', data: 'shared/demo/school7-data.json' },
  { id: 4, slug: 'gb4', file: 'shared/demo/gb4.json', data: 'shared/demo/gb4-data.json' },
];

function wrangler(...args) {
  return execFileSync(join(root, 'node_modules/.bin/wrangler'), [...args, '--local', ...persistArgs], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString();
}


const statements = [];
for (const site of DEMO_SITES) {
  const body = readFileSync(join(root, site.file));
  const document = JSON.parse(body);
  const key = `docs/${site.id}/${createHash('sha256').update(body).digest('hex')}.json`;
  wrangler('r2', 'object', 'put', `civic-docs/${key}`, '--file', join(root, site.file), '--content-type', 'application/json');
  wrangler('r2', 'object', 'put', `civic-docs/data/${site.id}.json`, '--file', join(root, site.data), '--content-type', 'application/json');
  statements.push(
    `INSERT OR IGNORE INTO sites (id, slug, name, kind, draft_version, draft_key, published_revision) VALUES ` +
      `(${site.id}, ${sqlText(site.slug)}, ${sqlText(document.site.name)}, ${sqlText(document.site.kind)}, 1, ${sqlText(key)}, 1);`,
    `INSERT OR IGNORE INTO revisions (site_id, revision, doc_key, draft_version) VALUES (${site.id}, 1, ${sqlText(key)}, 1);`,
  );
  // Collections editors maintain live in D1 (civic_shared::collection_items); appeal figures
  // come from the appeals below. The data file's polls are rendered polls with counts: they
  // become «Голосования» items (civic_shared::collections::PollItem) and their counts votes.
  const data = JSON.parse(readFileSync(join(root, site.data), 'utf8'));
  data.polls = (data.polls ?? []).map(pollItem);
  for (const collection of ['news', 'announcements', 'documents', 'staff', 'phones', 'reception', 'vacancies', 'polls']) {
    (data[collection] ?? []).forEach((item, position) => {
      statements.push(
        `INSERT OR IGNORE INTO collection_items (site_id, collection, id, position, date, body) VALUES ` +
          `(${site.id}, ${sqlText(collection)}, ${sqlText(item.id)}, ${position}, ${sqlText(item.date ?? '')}, ${sqlText(JSON.stringify(item))});`,
      );
    });
  }
  for (const poll of JSON.parse(readFileSync(join(root, site.data), 'utf8')).polls ?? []) {
    poll.options.forEach((option, index) => {
      // Answer ids are positions, as civic_shared::polls::option_id: "1", "2"…
      statements.push(
        `WITH RECURSIVE n(i) AS (SELECT 1 WHERE ${option.votes} > 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${option.votes}) ` +
          `INSERT OR IGNORE INTO poll_votes (site_id, poll_id, voter, options) ` +
          `SELECT ${site.id}, ${sqlText(poll.id)}, 'demo-${index + 1}-' || i, '["${index + 1}"]' FROM n;`,
      );
    });
  }
}

/** A rendered demo poll as the item editors keep. */
function pollItem(poll) {
  return {
    id: poll.id, question: poll.question, options: poll.options.map((o) => o.text), multiple: poll.multiple,
    opens: poll.opens ?? '', closes: poll.closes ?? '', results: poll.show_results ? 'during' : 'after',
    login_required: false, closed: !poll.open,
  };
}
// Demo accounts: the operator, the administrator and one editor per demo site. The hash
// format is the worker's own (edge/src/accounts.rs): pbkdf2-sha256$<rounds>$<salt>$<hash>.
const accounts = JSON.parse(readFileSync(join(root, 'scripts/demo-accounts.json'), 'utf8'));
function addUser({ login, password, name, role }) {
  statements.push(
    `INSERT OR IGNORE INTO users (login, name, role, password_hash) VALUES ` +
      `(${sqlText(login)}, ${sqlText(name)}, ${sqlText(role)}, ${sqlText(passwordHash(password))});`,
  );
}
addUser(accounts.operator);
addUser(accounts.administrator);
for (const site of DEMO_SITES) {
  const editor = accounts.editors[site.slug];
  if (!editor) continue;
  addUser({ ...editor, role: 'editor' });
  statements.push(
    `INSERT OR IGNORE INTO memberships (user_id, site_id) SELECT id, ${site.id} FROM users WHERE login = ${sqlText(editor.login)};`,
  );
}

// Demo appeals, so the inbox, the deadlines and «Анализ обращений» have real rows to count:
// spread over this year up to today, most answered in time, a few late, the latest still open,
// one past its registration deadline. Deterministic per site; re-seeding adds nothing.
const NAMES = ['Иванова Мария Петровна', 'Смирнов Алексей Викторович', 'Кузнецова Елена Сергеевна', 'Попов Игорь Николаевич',
  'Соколова Анна Дмитриевна', 'Лебедев Павел Андреевич', 'Новикова Татьяна Игоревна', 'Морозов Сергей Владимирович'];
function formTopics(document) {
  const walk = (blocks) => blocks.flatMap((b) => [b, ...walk([b.blocks, ...(b.columns ?? []), ...(b.tabs ?? []), ...(b.items ?? [])]
    .flatMap((g) => (Array.isArray(g) ? g : g?.blocks ?? [])))]);
  const forms = Object.values(document.pages).flatMap((page) => walk(page.blocks)).filter((b) => b.type === 'appeal_form');
  const topics = forms.flatMap((f) => f.topics ?? []);
  return { topics: topics.length ? [...new Set(topics)] : ['Другое'], page: Object.entries(document.pages).find(([, p]) => walk(p.blocks).some((b) => b.type === 'appeal_form'))?.[0] ?? 'home', form: forms[0]?.id ?? 'appeal-form' };
}
const day = (date) => date.toISOString().slice(0, 10);
const plus = (iso, n) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000));
const today = day(new Date());
const year = today.slice(0, 4);
for (const site of DEMO_SITES) {
  const document = JSON.parse(readFileSync(join(root, site.file), 'utf8'));
  const { topics, page, form } = formTopics(document);
  let state = site.id * 7919;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const first = `${year}-01-09`;
  const span = Math.max(1, (Date.parse(today) - Date.parse(first)) / 86400000 - 1);
  const received = Array.from({ length: 50 + site.id * 12 }, () => plus(first, Math.floor(random() * span))).sort();
  received.push(plus(today, -5));
  received.forEach((date, index) => {
    const age = (Date.parse(today) - Date.parse(date)) / 86400000;
    const topic = topics[Math.floor(random() * topics.length)];
    let status = 'received', registered = null, answered = null, answer = null;
    if (index < received.length - 1 && age >= 2) {
      registered = plus(date, 1);
      if (age > 35 || random() < 0.3) {
        const late = random() < 0.08;
        answered = plus(registered, late ? 31 + Math.floor(random() * 4) : 3 + Math.floor(random() * 26));
        if (answered > today) answered = today;
        status = random() < 0.07 ? 'closed' : 'answered';
        answer = status === 'closed' ? 'Заявитель отозвал обращение.' : `Ваше обращение по теме «${topic}» рассмотрено. Меры приняты, подробности направлены на указанный адрес.`;
      } else {
        status = 'registered';
      }
    }
    const seq = index + 1;
    const name = NAMES[Math.floor(random() * NAMES.length)];
    statements.push(
      `INSERT OR IGNORE INTO appeals (site_id, year, seq, number, code_hash, page_id, form_id, topic, text, name, contact, status, received, registered, answer, answered_on) VALUES ` +
        `(${site.id}, ${year}, ${seq}, '${year}-${String(seq).padStart(5, '0')}', ${sqlText(createHash('sha256').update(randomBytes(16)).digest('hex'))}, ` +
        `${sqlText(page)}, ${sqlText(form)}, ${sqlText(topic)}, ${sqlText(`Прошу рассмотреть вопрос по теме «${topic}» и сообщить о принятых мерах.`)}, ` +
        `${sqlText(name)}, 'demo@example.ru', '${status}', '${date}', ${registered ? `'${registered}'` : 'NULL'}, ` +
        `${answer ? sqlText(answer) : 'NULL'}, ${answered ? `'${answered}'` : 'NULL'});`,
    );
  });
  // The three latest answers published on the site, in the body's words (no names); once.
  statements.push(
    `UPDATE appeals SET published_question = 'Прошу рассмотреть вопрос по теме «' || topic || '» и сообщить о принятых мерах.', ` +
      `published_answer = answer WHERE id IN (SELECT id FROM appeals WHERE site_id = ${site.id} AND status = 'answered' ` +
      `ORDER BY answered_on DESC, seq DESC LIMIT 3) AND NOT EXISTS (SELECT 1 FROM appeals WHERE site_id = ${site.id} AND published_answer IS NOT NULL);`,
  );
}

// The move onto the platform, one site at each stage: the ministry official with its act signed,
// the district checked and waiting for the act, the school moving its content, the hospital new.
// And the decrees' kind of targets (scaled to four sites). Once: re-seeding changes nothing.
const MOVES = [
  { id: 1, status: 'official', responsible: 'Иванова Е. А., начальник отдела информационной политики', steps: ['new', 'migrating', 'checked', 'act_signed', 'official'], days: 40 },
  { id: 2, status: 'checked', responsible: 'Кузнецов Д. С., пресс-секретарь администрации', steps: ['new', 'migrating', 'checked'], days: 20 },
  { id: 3, status: 'migrating', responsible: 'Морозова О. П., заместитель директора', steps: ['new', 'migrating'], days: 10 },
];
for (const move of MOVES) {
  const at = (i) => `${plus(today, -move.days + i * 3)} 10:00:00`;
  const signed = move.status === 'official';
  statements.push(
    `INSERT OR IGNORE INTO site_migration (site_id, status, responsible, moved_by, changed_at, checked_on, act_signed_by, act_signed_on) VALUES ` +
      `(${move.id}, '${move.status}', ${sqlText(move.responsible)}, 'admin', '${at(move.steps.length - 2)}', ${move.steps.includes('checked') ? `'${plus(today, -move.days + 6)}'` : 'NULL'}, ` +
      `${signed ? `'Соколова Марина Викторовна', '${plus(today, -move.days + 9)}'` : 'NULL, NULL'});`,
  );
  move.steps.slice(1).forEach((to, i) => {
    const login = to === 'act_signed' || to === 'official' ? 'operator' : 'admin';
    statements.push(
      `INSERT INTO migration_events (site_id, from_status, to_status, login, at) SELECT ${move.id}, '${move.steps[i]}', '${to}', '${login}', '${at(i)}' ` +
        `WHERE (SELECT count(*) FROM migration_events WHERE site_id = ${move.id}) < ${i + 1};`,
    );
  });
}
// The decrees also count trained employees («Прохождение обучения… не менее 628 сотрудников
// органов и организаций», seeds/000): here four, one per demo organisation.
statements.push(
  `INSERT INTO migration_targets (label, kind, measure, status, count, due) SELECT * FROM (VALUES ` +
    `('Перенос контента сайтов школ', 'school', 'sites', 'checked', 1, '${year}-12-15'), ` +
    `('Акты о завершении миграции', NULL, 'sites', 'act_signed', 3, '${year}-12-29'), ` +
    `('Прохождение обучения сотрудниками органов и организаций', NULL, 'trained_staff', 'official', 4, '${year}-12-30'), ` +
    `('Официальные сайты органов и организаций', NULL, 'sites', 'official', 4, '${year}-12-31')) ` +
    `WHERE NOT EXISTS (SELECT 1 FROM migration_targets);`,
);
// Support requests («СРО»): one of Kasimov's past its deadline (on the operator's overview),
// one of the school's just arrived, one of the hospital's done. Their deadlines follow the
// rule the platform applies (shared::support::due_date): three working days after arrival,
// weekends and the holidays of migration 0015 skipped.
const overdueSince = workingDays(today, -8);
const doneSince = workingDays(today, -15);
const TICKETS = [
  { site: 2, category: 'components', subject: 'Подключить форму записи на приём к главе', text: 'Просим подключить готовую форму записи на личный приём на странице «Обращения граждан».', status: 'in_progress', received: overdueSince, due: workingDays(overdueSince, 3), by: 'editor.kasimov' },
  { site: 3, category: 'accounts', subject: 'Учётная запись для нового учителя информатики', text: 'Прошу создать учётную запись редактора для Сидорова П. А., учителя информатики.', status: 'new', received: today, due: workingDays(today, 3), by: 'editor.school7' },
  { site: 4, category: 'consultation', subject: 'Как опубликовать график приёма врачей', text: 'Подскажите, в каком разделе размещать график приёма.', status: 'resolved', received: doneSince, due: workingDays(doneSince, 3), by: 'editor.gb4' },
];
TICKETS.forEach((t, i) => {
  statements.push(
    `INSERT INTO support_tickets (id, site_id, category, subject, text, status, received, due, created_by) SELECT ${i + 1}, ${t.site}, '${t.category}', ` +
      `${sqlText(t.subject)}, ${sqlText(t.text)}, '${t.status}', '${t.received}', '${t.due}', '${t.by}' WHERE NOT EXISTS (SELECT 1 FROM support_tickets WHERE id = ${i + 1});`,
  );
});
statements.push(
  `INSERT INTO support_events (ticket_id, kind, text, author, at) SELECT 1, 'take', '', 'admin', '${workingDays(overdueSince, 1)} 09:30:00' WHERE NOT EXISTS (SELECT 1 FROM support_events);`,
  `INSERT INTO support_events (ticket_id, kind, text, author, at) SELECT 3, 'resolve', 'Раздел «Сведения»: блок «Приём граждан».', 'admin', '${workingDays(doneSince, 1)} 15:00:00' WHERE (SELECT count(*) FROM support_events) = 1;`,
);

// The course for new editors (civic_shared::training): the ministry's and the district's
// editors finished it, the school's is half-way, the hospital's has just opened the report.
// The e2e tests make their own fresh editors. Once per account and step.
const TRAINED = {
  'editor.mincifra': ['add_block', 'edit_text', 'publish', 'compliance_report', 'add_news', 'answer_appeal'],
  'editor.kasimov': ['add_block', 'edit_text', 'publish', 'compliance_report', 'add_news'],
  'editor.school7': ['add_block', 'edit_text', 'compliance_report'],
  'editor.gb4': ['compliance_report'],
};
for (const [login, steps] of Object.entries(TRAINED)) {
  const site = DEMO_SITES.find((s) => accounts.editors[s.slug]?.login === login);
  steps.forEach((step, i) => {
    statements.push(
      `INSERT OR IGNORE INTO training_steps (account_id, step, site_id, done_at) SELECT id, ${sqlText(step)}, ${site.id}, ` +
        `'${plus(today, -30 + site.id * 3 + i)} 1${i}:15:00' FROM users WHERE login = ${sqlText(login)};`,
    );
  });
}

// Visits (civic_shared::visits): four weeks of a plausible audience for the ministry, the
// district and the school, up to yesterday (fewer on weekends); the hospital's site has none
// yet (the empty state). Only per-day counts exist, as the worker keeps them; the e2e test
// compares with what is there before it visits.
const VISITORS_A_DAY = { 1: 140, 2: 60, 3: 35 };
for (const site of DEMO_SITES.filter((s) => VISITORS_A_DAY[s.id])) {
  const document = JSON.parse(readFileSync(join(root, site.file), 'utf8'));
  const ids = Object.keys(document.pages);
  const path = (id) => {
    const slugs = [];
    for (let at = id; at && at !== ids[0]; at = document.pages[at].parent) slugs.unshift(document.pages[at].slug);
    return `/${slugs.join('/')}`;
  };
  // The home page, then the first pages in the site's order, each less visited than the last.
  const paths = ['/', ...ids.slice(1, 6).map(path)];
  const shares = [0.42, 0.2, 0.14, 0.1, 0.08, 0.06];
  let state = site.id * 104729;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let n = 28; n >= 1; n -= 1) {
    const date = plus(today, -n);
    const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const visitors = Math.round(VISITORS_A_DAY[site.id] * (weekend ? 0.35 : 1) * (0.75 + random() * 0.5));
    const views = paths.map((_, i) => Math.round(visitors * (1.4 + random() * 0.8) * shares[i]));
    statements.push(`INSERT OR IGNORE INTO visit_days (site_id, day, visitors) VALUES (${site.id}, '${date}', ${visitors});`);
    paths.forEach((p, i) => {
      if (views[i] > 0) statements.push(`INSERT OR IGNORE INTO page_views (site_id, day, path, views) VALUES (${site.id}, '${date}', ${sqlText(p)}, ${views[i]});`);
    });
  }
}

const sqlFile = join(mkdtempSync(join(tmpdir(), 'civic-seed-')), 'seed.sql');
writeFileSync(sqlFile, statements.join('\n'));
wrangler('d1', 'execute', 'DB', '--file', sqlFile);
console.log(`Демо-сайты готовы: ${DEMO_SITES.map((s) => s.slug).join(', ')}`);
