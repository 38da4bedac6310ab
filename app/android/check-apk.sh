#!/usr/bin/env bash
# Checks a signed APK as Android will read it: package, SDK levels, launchable activity, the network security
# config (release: no plain HTTP anywhere; debug: only to this computer), backup and transfer rules, the bundled
# supplier configuration, and its size. Called by Maven in the verify phase (after apksigner verify).
# Usage: check-apk.sh APK debug|release
set -euo pipefail
apk="$1"; variant="$2"
fail() { echo "APK check failed ($apk): $1" >&2; exit 1; }
badging=$(aapt dump badging "$apk")
manifest=$(aapt dump xmltree "$apk" AndroidManifest.xml)
nsc=$(aapt dump xmltree "$apk" res/xml/network_security_config.xml)
expect() { grep -q -- "$1" <<<"$badging" || { echo "$badging" >&2; fail "no '$1' in aapt dump badging"; }; }
expect "package: name='uk.lifeline.app'"
expect "sdkVersion:'26'"
expect "targetSdkVersion:'34'"
expect "launchable-activity: name='uk.lifeline.app.ui.screen.wallet.WalletActivity'"
aapt list "$apk" | grep -qx 'classes.dex' || fail "no classes.dex"
aapt list "$apk" | grep -qx 'assets/suppliers.jws' || fail "no bundled supplier configuration"
grep -q 'networkSecurityConfig' <<<"$manifest" || fail "no network security config"
grep -q 'dataExtractionRules' <<<"$manifest" || fail "no data extraction rules"
grep -q 'usesCleartextTraffic' <<<"$manifest" && fail "usesCleartextTraffic is set"
if grep -q 'allowBackup(0x0101027f)=(type 0x12)0xffffffff' <<<"$manifest"; then fail "backup is allowed"; fi
case "$variant" in
  release)
    grep -q 'debuggable' <<<"$manifest" && fail "a release is debuggable"
    grep -q 'cleartextTrafficPermitted(0x[0-9a-f]*)=(type 0x12)0xffffffff' <<<"$nsc" && fail "cleartext is permitted"
    grep -q 'domain-config' <<<"$nsc" && fail "a release has per-domain exceptions"
    unzip -p "$apk" assets/suppliers.jws | grep -q 'eyJ' || fail "the supplier configuration is empty"
    echo "Release: cleartext off everywhere, not debuggable, nothing backed up or transferred" ;;
  debug)
    grep -q 'debuggable' <<<"$manifest" || fail "the debug APK is not debuggable" ;;
  *) fail "variant must be debug or release" ;;
esac
size=$(stat -c %s "$apk")
limit=$((2 * 1024 * 1024))
echo "APK $apk ($variant): $size bytes (limit $limit)"
grep -E "^(package|sdkVersion|targetSdkVersion|launchable-activity|uses-permission)" <<<"$badging"
if [ "$size" -gt "$limit" ]; then
  fail "larger than 2 MB"
fi
