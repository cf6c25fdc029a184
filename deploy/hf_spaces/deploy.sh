#!/usr/bin/env bash
# Stages a Hugging Face Docker Space that serves the openenv-bench benchmark server, and pushes it.
#
#   deploy/hf_spaces/deploy.sh --repo-id OWNER/NAME [--private] [--dry-run]
#                              [--stage-dir DIR] [--with-prebuilt]
#
# The Space holds a README with Space front matter (sdk: docker, app_port), the Dockerfile and the
# sources it builds from; Hugging Face builds the image (JDK image -> jlinked runtime on
# debian:bookworm-slim) and runs it as uid 1000.
#
#   --repo-id OWNER/NAME  the Space (or env HF_REPO_ID)
#   --private             create the Space private (only when it does not exist yet)
#   --dry-run             stage only: print the staged folder and the files a push would send
#   --stage-dir DIR       stage into DIR (default: a new temp dir, kept so you can inspect it)
#   --with-prebuilt       also stage target/openenv-bench.jar and a jlinked runtime under
#                         prebuilt/ so the image builds without a JDK image (offline builds;
#                         a real push of these large files needs git-lfs)
# Environment: HF_TOKEN (a write token; needed to push), HF_USERNAME (git user for the push,
# default OWNER), HF_ENDPOINT (default https://huggingface.co), APP_PORT (default 8000),
# WORKERS / MAX_CONCURRENT_ENVS (baked into the Space's Dockerfile as ENV defaults).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
repo_id=${HF_REPO_ID:-} private=false dry_run=false stage="" prebuilt=false

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case $1 in
    --repo-id) repo_id=${2:?--repo-id needs OWNER/NAME}; shift 2 ;;
    --private) private=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    --stage-dir) stage=${2:?--stage-dir needs a path}; shift 2 ;;
    --with-prebuilt) prebuilt=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "deploy.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if [[ ! $repo_id =~ ^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
  echo "deploy.sh: --repo-id OWNER/NAME is required (got '${repo_id}')" >&2
  exit 2
fi
owner=${repo_id%%/*} name=${repo_id#*/}
app_port=${APP_PORT:-8000}
endpoint=${HF_ENDPOINT:-https://huggingface.co}

stage=${stage:-$(mktemp -d -t hf-space-XXXXXX)}
mkdir -p "$stage"
# The sources the Dockerfile's build stage needs, nothing else.
(cd "$root" && tar -c --exclude=target pom.xml mvnw .mvn src/main bin deploy/docker) | tar -x -C "$stage"
cp "$root/deploy/docker/Dockerfile" "$stage/Dockerfile"
sed "s/^app_port: .*/app_port: $app_port/" "$root/deploy/hf_spaces/space-README.md" >"$stage/README.md"
# The Space's port and uid are fixed by the front matter; the env defaults come from here.
sed -i -e "s/^    PORT=8000 /    PORT=$app_port /" -e "s/^EXPOSE 8000/EXPOSE $app_port/" \
  -e "s/^    WORKERS=1 /    WORKERS=${WORKERS:-1} /" \
  -e "s/^    MAX_CONCURRENT_ENVS=100$/    MAX_CONCURRENT_ENVS=${MAX_CONCURRENT_ENVS:-100}/" \
  "$stage/Dockerfile"
if $prebuilt; then
  # shellcheck source=bin/find-java.sh
  . "$root/bin/find-java.sh"
  JAVA_HOME=$(find_java_home) || exit 4
  [[ -f $root/target/openenv-bench.jar ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)
  mkdir -p "$stage/prebuilt"
  cp "$root/target/openenv-bench.jar" "$stage/prebuilt/"
  rm -rf "$stage/prebuilt/runtime"
  "$JAVA_HOME/bin/jlink" --add-modules "$(cat "$root/deploy/docker/jlink-modules.txt")" \
    --strip-debug --no-man-pages --no-header-files --output "$stage/prebuilt/runtime"
fi

space_host=$(printf '%s-%s' "$owner" "$name" | tr 'A-Z._' 'a-z--')
echo "staged Space: $stage"
echo "Space repo:   $endpoint/spaces/$repo_id (private=$private)"
echo "Space URL:    https://$space_host.hf.space (app_port $app_port)"
if $dry_run; then
  echo "dry run: would push these files:"
  # sed, not head: head closes the pipe early, and under pipefail that fails the script (141).
  (cd "$stage" && find . -type f ! -path './.git/*' | sed 's|^\./|  |' | sort | sed -n '1,200p')
  echo "dry run: $(cd "$stage" && find . -type f ! -path './.git/*' | wc -l) files, $(du -sh "$stage" | cut -f1)"
  exit 0
fi

: "${HF_TOKEN:?deploy.sh: set HF_TOKEN to a Hugging Face write token (or use --dry-run)}"
# Create the Space if needed; 409 means it exists already.
code=$(curl -sS -o /dev/stderr -w '%{http_code}' -X POST "$endpoint/api/repos/create" \
  -H "Authorization: Bearer $HF_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"type\":\"space\",\"name\":\"$name\",\"organization\":\"$owner\",\"private\":$private,\"sdk\":\"docker\"}")
if [[ $code != 200 && $code != 409 ]]; then
  echo "deploy.sh: creating the Space failed (HTTP $code)" >&2
  exit 1
fi
# The token reaches git through GIT_ASKPASS, never through the command line or the remote URL.
askpass=$(mktemp)
trap 'rm -f "$askpass"' EXIT
# shellcheck disable=SC2016  # $HF_TOKEN expands when git runs the helper
printf '#!/bin/sh\nprintf "%%s\\n" "$HF_TOKEN"\n' >"$askpass"
chmod 700 "$askpass"
cd "$stage"
git init -q -b main 2>/dev/null || git init -q
git add -A
git -c user.name="${HF_USERNAME:-$owner}" -c user.email="${HF_USERNAME:-$owner}@users.noreply.huggingface.co" \
  commit -q -m "openenv-bench server Space" || true
GIT_ASKPASS=$askpass GIT_TERMINAL_PROMPT=0 git push --force \
  "https://${HF_USERNAME:-$owner}@${endpoint#https://}/spaces/$repo_id" HEAD:main
echo "pushed; the Space builds at $endpoint/spaces/$repo_id and serves https://$space_host.hf.space"
