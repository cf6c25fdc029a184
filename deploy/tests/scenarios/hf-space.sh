#!/usr/bin/env bash
# deploy/hf_spaces/deploy.sh stages a Docker Space (front matter sdk: docker + app_port, uid 1000);
# the staged folder builds and serves on its app_port. The push itself needs the Hub and a token:
# only its refusal without HF_TOKEN is checked here.
# shellcheck source=deploy/tests/lib/all.sh
. "$(dirname "$0")/../lib/all.sh"
need docker:docker.io dockerd:docker.io debootstrap:debootstrap python3:python3
stage=$OE_WORK/hf-space
out=$(APP_PORT=7860 deploy/hf_spaces/deploy.sh --repo-id ci-test/openenv-bench --dry-run \
  --with-prebuilt --stage-dir "$stage")
echo "$out" | sed -n '1,4p' >&2
grep -qx "staged Space: $stage" <<<"$out" || fail "dry run did not print the staged path"
grep -q '^dry run: would push these files:' <<<"$out" || fail "dry run did not list the files"
for file in Dockerfile README.md prebuilt/openenv-bench.jar; do
  grep -qx "  $file" <<<"$out" || fail "$file not in the staged Space"
done
front=$(awk 'NR==1 && /^---$/ {on=1; next} on && /^---$/ {exit} on' "$stage/README.md")
grep -qx 'sdk: docker' <<<"$front" || fail "README front matter lacks 'sdk: docker'"
grep -qx 'app_port: 7860' <<<"$front" || fail "README front matter lacks 'app_port: 7860'"
grep -qx 'USER 1000:1000' "$stage/Dockerfile" || fail "staged Dockerfile does not run as uid 1000"

if env -u HF_TOKEN deploy/hf_spaces/deploy.sh --repo-id ci-test/openenv-bench --stage-dir "$OE_WORK/hf-push" \
  >"$OE_WORK/hf-push.out" 2>&1; then
  fail "deploy.sh pushed without HF_TOKEN"
fi
grep -q 'HF_TOKEN' "$OE_WORK/hf-push.out" || fail "deploy.sh without HF_TOKEN did not say why"

docker_up
docker_base_image
docker build -q --build-arg "BASE_IMAGE=$OE_BASE_IMAGE" --build-arg "BUILD_IMAGE=$OE_BASE_IMAGE" \
  -t oe-test-space:ci "$stage" >/dev/null
# Spaces run the image as uid 1000 with only the Dockerfile's environment.
docker run -d --name oe-test-space --user 1000 --init -p 127.0.0.1::7860 oe-test-space:ci >/dev/null
healthy() { [[ $(docker inspect -f '{{.State.Health.Status}}' oe-test-space) == healthy ]]; }
wait_for 90 "the Space container to be healthy" healthy
url="http://127.0.0.1:$(docker port oe-test-space 7860/tcp | head -n 1 | sed 's/.*://')"
say "Space image healthy on app_port 7860, published at $url"
batch "$url" ws 10 0.2 1
batch "$url" http 5 0.2 1
docker rm -f oe-test-space >/dev/null
