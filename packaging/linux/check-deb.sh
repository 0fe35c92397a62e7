#!/usr/bin/env bash
# CI's packaging check: build the .deb from the debug build the tests made, install it
# with dpkg -i, and run the installed binary. Needs root, cargo-deb, dpkg-dev and
# desktop-file-utils (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."

packaging/linux/build-deb.sh --profile dev
deb=$(ls target/debian/enrichplan_*.deb)
dpkg -i "$deb"

want="enrichplan $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
got=$(/usr/bin/enrichplan --version)
[ "$got" = "$want" ] || { echo "check-deb: --version says '$got', Cargo.toml '$want'" >&2; exit 1; }

# The installed binary on the installed sample gives the numbers the built one gives.
sample=/usr/share/enrichplan/sample-data/contacts.csv
/usr/bin/enrichplan estimate "$sample" --format json > target/packaging/installed.json
target/debug/enrichplan estimate sample-data/contacts.csv --format json > target/packaging/built.json
python3 - target/packaging/installed.json target/packaging/built.json <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["rows"] > 0 and a["credits"]["expected"] > 0, a
for k in ("rows", "billable_contacts", "credits", "breakdown"):
    assert a[k] == b[k], (k, a[k], b[k])
print("check-deb: installed estimate:", a["rows"], "rows,", a["credits"]["expected"], "credits expected")
PY
/usr/bin/enrichplan estimate --spec /usr/share/enrichplan/sample-data/workspace-plan.toml > /dev/null

desktop-file-validate /usr/share/applications/enrichplan.desktop
for f in /usr/share/man/man1/enrichplan.1.gz /usr/share/man/man1/enrichplan-estimate.1.gz \
    /usr/share/bash-completion/completions/enrichplan /usr/share/zsh/vendor-completions/_enrichplan \
    /usr/share/fish/vendor_completions.d/enrichplan.fish /usr/share/mime/packages/enrichplan.xml \
    /usr/share/icons/hicolor/256x256/apps/enrichplan.png /usr/share/icons/hicolor/scalable/apps/enrichplan.svg; do
    [ -s "$f" ] || { echo "check-deb: $f missing from the package" >&2; exit 1; }
done
bash -n /usr/share/bash-completion/completions/enrichplan
# The desktop knows the plan type once shared-mime-info has run its trigger.
grep -q 'application/x-enrichplan-plan' /usr/share/mime/globs2
echo "check-deb: $deb installed and checked"
