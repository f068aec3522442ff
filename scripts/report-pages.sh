#!/usr/bin/env bash
# Renders the demo's Q2 committee report in Word, converts it to PDF with LibreOffice, renders the app's own PDF, and
# writes a few pages of each to PNG for the README (docs/screenshots/report-word-page-*.png, report-pdf-page-*.png):
# the check that both read like the seed report. Usage: scripts/report-pages.sh ["WORD PAGES"] ["PDF PAGES"]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=(--plan "Trafford ADP 2013/14" --period "2013/14 Q2")
node bin/outturn.js --database "$work/demo.sqlite" demo >/dev/null
node bin/outturn.js --database "$work/demo.sqlite" report "${plan[@]}" --format docx --out "$work/report.docx"
node bin/outturn.js --database "$work/demo.sqlite" report "${plan[@]}" --format pdf --out "$work/app.pdf"
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null
echo "The Word report has $(pdfinfo "$work/report.pdf" | awk '/^Pages/ { print $2 }') pages (LibreOffice)."
echo "The app's PDF has $(pdfinfo "$work/app.pdf" | awk '/^Pages/ { print $2 }') pages."
mkdir -p docs/screenshots
for p in ${1:-4 7 15}; do
  pdftoppm -f "$p" -l "$p" -r 60 -png -singlefile "$work/report.pdf" "docs/screenshots/report-word-page-$p"
  echo "Wrote docs/screenshots/report-word-page-$p.png"
done
for p in ${2:-6 14 19}; do
  pdftoppm -f "$p" -l "$p" -r 60 -png -singlefile "$work/app.pdf" "docs/screenshots/report-pdf-page-$p"
  echo "Wrote docs/screenshots/report-pdf-page-$p.png"
done
