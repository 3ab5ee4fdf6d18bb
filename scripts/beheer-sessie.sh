#!/usr/bin/env bash
# Logs in on the admin port as the console does (password, then the TOTP code) and prints two shell lines:
# the cookie jar and the CSRF token, for curl calls to /beheer/api/**. For the demo run:
#   eval "$(scripts/beheer-sessie.sh beheerder1)"
#   curl --cacert certs-example/out/ca.crt -b "$BEHEER_JAR" https://localhost:8444/beheer/api/v1/dode-brieven
#   curl --cacert certs-example/out/ca.crt -b "$BEHEER_JAR" -H "X-CSRF-TOKEN: $BEHEER_CSRF" -X POST ...
# Reads the user's password and TOTP secret from certs-example/out/demo-beheerders.txt (the demo file), or from
# BEHEER_WACHTWOORD and BEHEER_TOTP_GEHEIM. Needs curl and python3 (for the TOTP code, RFC 6238).
set -euo pipefail
naam=${1:?usage: $0 <gebruikersnaam>}
basis=${BEHEER_URL:-https://localhost:8444/beheer}
ca=${BEHEER_CA:-certs-example/out/ca.crt}
demo=certs-example/out/demo-beheerders.txt
wachtwoord=${BEHEER_WACHTWOORD:-$(awk -v n="$naam" '$1==n{w=$2} END{print w}' "$demo")}
geheim=${BEHEER_TOTP_GEHEIM:-$(awk -v n="$naam" '$1==n{g=$4} END{print g}' "$demo")}
jar=$(mktemp -t beheer-sessie.XXXXXX)

csrf() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * ((8 - len(sys.argv[1]) % 8) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

token=$(curl -sf --cacert "$ca" -c "$jar" "$basis/inloggen" | csrf)
curl -sf --cacert "$ca" -b "$jar" -c "$jar" -o /dev/null --data-urlencode "gebruikersnaam=$naam" \
     --data-urlencode "wachtwoord=$wachtwoord" --data-urlencode "_csrf=$token" "$basis/inloggen"
token=$(curl -sf --cacert "$ca" -b "$jar" -c "$jar" "$basis/tweede-stap" | csrf)
curl -sf --cacert "$ca" -b "$jar" -c "$jar" -o /dev/null --data-urlencode "code=$(totp "$geheim")" \
     --data-urlencode "_csrf=$token" "$basis/tweede-stap"
meta=$(curl -sf --cacert "$ca" -b "$jar" -c "$jar" "$basis/" | grep -o '<meta name="_csrf" content="[^"]*"' | sed 's/.*content="//; s/"$//')
if [ -z "$meta" ]; then
  echo "login as $naam failed (password, TOTP code, or the account is locked)" >&2
  rm -f "$jar"
  exit 1
fi
echo "BEHEER_JAR=$jar"
echo "BEHEER_CSRF=$meta"
