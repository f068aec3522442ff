#!/usr/bin/env bash
# Renders the demo's Q2 committee report in Word, converts it to PDF with LibreOffice and two pages to PNG for the
# README (docs/screenshots/report-page-*.png): the check that the Word file reads like the seed report.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bin/outturn.js --database "$work/demo.sqlite" demo >/dev/null
node bin/outturn.js --database "$work/demo.sqlite" report --plan "Trafford ADP 2013/14" --period "2013/14 Q2" --format docx --out "$work/report.docx"
libreoffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages/ { print $2 }')
echo "The Word report has $pages pages."
mkdir -p docs/screenshots
for page in "${@:-2 6}"; do
  for p in $page; do
    pdftoppm -f "$p" -l "$p" -r 80 -png -singlefile "$work/report.pdf" "docs/screenshots/report-page-$p"
    echo "Wrote docs/screenshots/report-page-$p.png"
  done
done
