#!/usr/bin/env bash
# Makes the README's pictures of a real lead email and of the PMG digest: runs the shipped
# configuration on the seed data (November, then December 2016, so the digest has continuing and
# resolved exceptions, plus one comment), takes the HTML part of each .eml from the pickup folder
# with its inline charts, and renders it with headless Chromium (Debian's chromium, installed when
# missing) to docs/images/lead-email.png and docs/images/pmg-digest.png, the whole page each.
#
#   tests/scripts/email-pictures.sh [OUTPUT_FOLDER]      (default: docs/images)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(cd "${1:-$root/docs/images}" && pwd)"
cd "$root"

if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q chromium >&2; else sudo -n apt-get install -y -q chromium >&2; fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CSPALERTS_State__Path="$work/state.db" CSPALERTS_Mail__PickupPath="$work/outbox" CSPALERTS_Smtp__Host=""
dotnet build src/CspAlerts.Cli -c Release -v quiet -nologo >&2
cli=(dotnet src/CspAlerts.Cli/bin/Release/net10.0/cspalerts.dll)
"${cli[@]}" run --data seeds --period 2016-11 >/dev/null
rm -f "$work"/outbox/*.eml
"${cli[@]}" run --data seeds >/dev/null
"${cli[@]}" comment add --indicator theft-of-motor-vehicle --area barking-and-dagenham \
    --author "Strategic lead for crime" --text "Vehicle crime is the January tasking priority; a joint operation with the MPS starts on 9 January." >/dev/null
"${cli[@]}" digest >/dev/null

# Each .eml's HTML, with cid: images as data: URIs, written beside it as <recipient>.html.
/usr/bin/python3 - "$work/outbox" <<'PY'
import base64, email, email.policy, pathlib, sys
for eml in pathlib.Path(sys.argv[1]).glob("*.eml"):
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    html = msg.get_body(preferencelist=("html",)).get_content()
    for part in msg.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_type().startswith("image/"):
            data = base64.b64encode(part.get_payload(decode=True)).decode()
            html = html.replace("cid:" + cid.strip("<>"), f"data:{part.get_content_type()};base64,{data}")
    to = str(msg["To"]).split("@")[0]
    (eml.parent / f"{to}.html").write_text(html, encoding="utf-8")
PY

# The page's full height, then a screenshot of exactly that.
shoot() {
    local html="$1" png="$2" width=760 height
    # Headless Chromium screenshots the window only: measure the page by rendering a copy that writes its height into its title.
    sed 's|</body>|<script>document.title = document.documentElement.scrollHeight;</script></body>|' "$html" > "$html.measure.html"
    height="$(chromium --headless --no-sandbox --disable-gpu --window-size=$width,800 --dump-dom "file://$html.measure.html" 2>/dev/null \
        | sed -n 's|.*<title>\([0-9]*\)</title>.*|\1|p')"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=$width,"${height:-2000}" \
        --screenshot="$png" "file://$html" >/dev/null 2>&1
    echo "wrote $png (${width}×${height} px)" >&2
}
shoot "$work/outbox/crime.lead.html" "$out/lead-email.png"
shoot "$work/outbox/pmg.chair.html" "$out/pmg-digest.png"
