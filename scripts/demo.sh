#!/usr/bin/env bash
# Sets everything up and starts the demo on http://127.0.0.1:8787.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/local-db.sh
cat <<MSG

  Civic работает локально.
    Публичный сайт министерства:  http://127.0.0.1:8787/s/mincifra/
    То же по имени хоста:         curl -H 'Host: mincifra.civic.localhost' http://127.0.0.1:8787/
    Муниципальный округ:          http://127.0.0.1:8787/s/kasimov/
    Школа:                        http://127.0.0.1:8787/s/school7/
    Больница:                     http://127.0.0.1:8787/s/gb4/
    Конструктор:                  http://127.0.0.1:8787/admin/?site=mincifra
MSG
node -e '
const a = require("./scripts/demo-accounts.json");
const rows = [["Оператор", a.operator], ["Администратор", a.administrator],
  ...Object.entries(a.editors).map(([site, e]) => ["Редактор " + site, e])];
console.log("  Учётные записи (только для этого компьютера):");
for (const [who, u] of rows) console.log(`    ${who.padEnd(22)} логин ${u.login.padEnd(18)} пароль ${u.password}`);
console.log("\n  Остановить: Ctrl+C.\n");
'

export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
# The public worker and the jobs worker its queue feeds, in one local session.
exec node_modules/.bin/wrangler dev -c wrangler.toml -c jobs/wrangler.toml --local --test-scheduled --ip 127.0.0.1 --port 8787
