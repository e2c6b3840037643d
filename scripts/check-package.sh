#!/usr/bin/env bash
# The packed package as a user gets it: publint (package.json fields against the files shipped) and
# @arethetypeswrong/cli (every export's types resolve, under the ESM-only profile: the package has no
# CommonJS build, so node10 and require() resolutions are out of scope). Builds first; packs without
# scripts so the build is not run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
npm pack --ignore-scripts --silent --pack-destination "$dir" >/dev/null
tarball=$(ls "$dir"/*.tgz)
publint "$tarball"
attw "$tarball" --profile esm-only
