#!/usr/bin/env bash
# Signs the release APK. Usage: release-sign.sh ALIGNED_APK OUT_APK MIN_SDK
# The key comes from configuration, never from the repository:
#   LIFELINE_RELEASE_KEYSTORE           path to the release keystore (PKCS#12 or JKS)
#   LIFELINE_RELEASE_KEYSTORE_PASSWORD  its password (read by apksigner from the environment, never echoed)
#   LIFELINE_RELEASE_KEY_ALIAS          the key's alias (default: lifeline)
# Without LIFELINE_RELEASE_KEYSTORE (CI, a developer's machine) a THROWAWAY key is made in target/ to prove the
# release path builds and verifies: its certificate says so, and so does the marker file beside the APK.
set -euo pipefail
in="$1"; out="$2"; min_sdk="$3"
marker="$out.THROWAWAY-KEY.txt"
rm -f "$marker"
if [ -n "${LIFELINE_RELEASE_KEYSTORE:-}" ]; then
  : "${LIFELINE_RELEASE_KEYSTORE_PASSWORD:?LIFELINE_RELEASE_KEYSTORE_PASSWORD must be set with LIFELINE_RELEASE_KEYSTORE}"
  apksigner sign --ks "$LIFELINE_RELEASE_KEYSTORE" --ks-pass env:LIFELINE_RELEASE_KEYSTORE_PASSWORD \
    --ks-key-alias "${LIFELINE_RELEASE_KEY_ALIAS:-lifeline}" --min-sdk-version "$min_sdk" --out "$out" "$in"
  echo "Release APK $out signed with the key in $LIFELINE_RELEASE_KEYSTORE"
else
  dir="$(dirname "$out")/throwaway-release-key"
  mkdir -p "$dir"
  ks="$dir/THROWAWAY-release.p12"
  pass="throwaway-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  rm -f "$ks"
  keytool -genkeypair -keystore "$ks" -storetype PKCS12 -storepass "$pass" -alias throwaway -keyalg EC \
    -groupname secp256r1 -validity 2 -dname "CN=THROWAWAY release key made by the build - not for distribution" \
    -noprompt 2>/dev/null
  THROWAWAY_PASS="$pass" apksigner sign --ks "$ks" --ks-pass env:THROWAWAY_PASS --ks-key-alias throwaway \
    --min-sdk-version "$min_sdk" --out "$out" "$in"
  echo "This APK is signed with a THROWAWAY key made by the build ($ks), only to prove the release path." > "$marker"
  echo "Release APK $out signed with a THROWAWAY key (no LIFELINE_RELEASE_KEYSTORE): not for distribution"
fi
