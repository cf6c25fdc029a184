#!/bin/bash
# Container health check: GET /health on the server's own port answers 200.
# Uses bash's /dev/tcp because slim base images carry neither curl nor wget.
set -eu
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8000}"
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS=' ' read -r _ status _ <&3
exec 3<&-
[ "$status" = 200 ]
