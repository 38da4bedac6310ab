#!/usr/bin/env bash
# Checks the signed APK as Android will read it: package, SDK levels, launchable activity; prints its size.
# Called by Maven in the verify phase (after apksigner verify). Usage: check-apk.sh APK
set -euo pipefail
apk="$1"
badging=$(aapt dump badging "$apk")
expect() {
  grep -q -- "$1" <<<"$badging" || { echo "APK check failed: no '$1' in aapt dump badging" >&2; echo "$badging" >&2; exit 1; }
}
expect "package: name='uk.lifeline.app'"
expect "sdkVersion:'26'"
expect "targetSdkVersion:'34'"
expect "launchable-activity: name='uk.lifeline.app.ui.screen.wallet.WalletActivity'"
aapt list "$apk" | grep -qx 'classes.dex' || { echo "APK check failed: no classes.dex" >&2; exit 1; }
size=$(stat -c %s "$apk")
limit=$((2 * 1024 * 1024))
echo "APK $apk: $size bytes (limit $limit)"
grep -E "^(package|sdkVersion|targetSdkVersion|launchable-activity|uses-permission)" <<<"$badging"
if [ "$size" -gt "$limit" ]; then
  echo "APK check failed: larger than 2 MB" >&2
  exit 1
fi
