#!/usr/bin/env bash
# A real SMTP server for the mail tests: aiosmtpd, delivering every message it accepts into a
# Maildir. Installs Debian's python3-aiosmtpd (and openssl for --tls) when missing.
#
#   smtp.sh start PORT MAILDIR [--tls]   start on 127.0.0.1:PORT in the background; returns when it answers
#   smtp.sh stop MAILDIR                 stop the server started for MAILDIR
#
# start writes MAILDIR/{tmp,new,cur}, and beside them smtpd.pid, smtpd.log and, with --tls, a fresh
# self-signed certificate for localhost in MAILDIR/tls/{cert,key}.pem (offered by STARTTLS, not
# required). When SMTP_OWNER_PID is set the server also stops when that process ends, so a test
# run that dies leaves no server behind.
set -euo pipefail

PYTHON=/usr/bin/python3 # Debian's python, which apt installs aiosmtpd for; a python3 on PATH may lack it

usage() {
    echo "usage: $0 start PORT MAILDIR [--tls] | stop MAILDIR" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
        echo "smtp.sh: '$*' needs root" >&2
        return 1
    fi
}

# apt-get install, once at a time (test fixtures may start servers in parallel), with an update when the lists are stale.
install_packages() {
    (
        flock 9
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get install -y -q "$@" >&2 || { as_root apt-get update -q >&2 && as_root apt-get install -y -q "$@" >&2; }
    ) 9>/tmp/cspalerts-smtp-apt.lock
}

ensure_installed() {
    if ! "$PYTHON" -c 'import aiosmtpd' 2>/dev/null; then
        install_packages python3-aiosmtpd
    fi
    if [ "${1:-}" = --tls ] && ! command -v openssl >/dev/null; then
        install_packages openssl
    fi
}

start() {
    [ $# -ge 2 ] || usage
    local port=$1 maildir=$2 tls=${3:-}
    [[ $port =~ ^[0-9]+$ ]] || usage
    [ -z "$tls" ] || [ "$tls" = --tls ] || usage
    ensure_installed "$tls"
    mkdir -p "$maildir"/tmp "$maildir"/new "$maildir"/cur
    maildir=$(cd "$maildir" && pwd)
    local args=(-n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox)
    if [ "$tls" = --tls ]; then
        mkdir -p "$maildir/tls"
        openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
            -keyout "$maildir/tls/key.pem" -out "$maildir/tls/cert.pem" 2>/dev/null
        args+=(--tlscert "$maildir/tls/cert.pem" --tlskey "$maildir/tls/key.pem" --no-requiretls)
    fi
    # setsid: the server is not in the caller's process group, so it outlives this script.
    setsid "$PYTHON" -m aiosmtpd "${args[@]}" -- "$maildir" >"$maildir/smtpd.log" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$maildir/smtpd.pid"
    if [ -n "${SMTP_OWNER_PID:-}" ]; then
        local owner=$SMTP_OWNER_PID
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 2; done; kill "$2" 2>/dev/null' \
            _ "$owner" "$pid" >/dev/null 2>&1 </dev/null &
    fi
    for _ in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "smtp.sh: aiosmtpd exited at start:" >&2
            cat "$maildir/smtpd.log" >&2
            exit 1
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "smtp.sh: aiosmtpd (pid $pid) on 127.0.0.1:$port${tls:+ with STARTTLS}, delivering to $maildir"
            return 0
        fi
        sleep 0.1
    done
    echo "smtp.sh: aiosmtpd did not answer on 127.0.0.1:$port within 10 s" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
}

stop() {
    [ $# -eq 1 ] || usage
    local pidfile=$1/smtpd.pid pid
    [ -f "$pidfile" ] || { echo "smtp.sh: no server was started for $1" >&2; return 0; }
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
*) usage ;;
esac
