#!/usr/bin/env bash
# Extract the interface strings into locales/messages.pot and merge them into every
# locales/<lang>/LC_MESSAGES/messages.po (new strings arrive untranslated; the
# completeness test then fails until they are translated).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k t -k N_ -k translate:2 -k ngettext:1,2 --no-location --sort-output \
  --project "migration-dashboard" -o locales/messages.pot .
for po in locales/*/LC_MESSAGES/messages.po; do
  lang=$(basename "$(dirname "$(dirname "$po")")")
  .venv/bin/pybabel update -i locales/messages.pot -d locales -l "$lang" --no-fuzzy-matching --ignore-obsolete -w 100
done
