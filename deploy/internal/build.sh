#!/bin/sh
# Builds the internal site for Netlify (base directory deploy/internal) into
# deploy/internal/dist/internal, and refuses to build an unprotected one:
#
#   ROADMAPGEN_BASIC_AUTH="user:password [user2:password2 ...]"
#       Netlify Basic-Auth (Pro and Enterprise plans). The credentials are
#       written to the deploy's _headers file, which is itself behind them.
#   ROADMAPGEN_PASSWORD_PROTECTION=netlify
#       you have turned on Netlify's password protection for all deploys of
#       this site (Site configuration > Access & security > Visitor access).
#
# ROADMAPGEN overrides the command that runs roadmapgen (tests use a built
# binary); URL is set by Netlify.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fail() {
	echo "deploy/internal/build.sh: $*" >&2
	exit 1
}
nl='
'
if [ -n "${ROADMAPGEN_BASIC_AUTH:-}" ]; then
	case "$ROADMAPGEN_BASIC_AUTH" in
	*"$nl"*) fail "ROADMAPGEN_BASIC_AUTH must be one line: user:password pairs separated by spaces" ;;
	*:*) ;;
	*) fail "ROADMAPGEN_BASIC_AUTH must be user:password pairs separated by spaces" ;;
	esac
elif [ "${ROADMAPGEN_PASSWORD_PROTECTION:-}" != "netlify" ]; then
	fail "refusing to build the internal site without protection: set ROADMAPGEN_BASIC_AUTH to user:password, or turn on Netlify password protection for all deploys and set ROADMAPGEN_PASSWORD_PROTECTION=netlify"
fi
cd "$here/../.."
${ROADMAPGEN:-go run ./cmd/roadmapgen} build --site internal --out "$here/dist" ${URL:+--base-url="$URL"}
if [ -n "${ROADMAPGEN_BASIC_AUTH:-}" ]; then
	umask 077
	printf '/*\n  Basic-Auth: %s\n' "$ROADMAPGEN_BASIC_AUTH" >"$here/dist/internal/_headers"
fi
