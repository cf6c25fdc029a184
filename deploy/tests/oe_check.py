#!/usr/bin/env python3
"""A small OpenEnv batch client for the deployment tests (standard library only).

Runs N concurrent benchmark sessions against a deployment and prints one JSON summary line:
WS sessions are connect -> reset -> step(wait_seconds) -> close on /ws; HTTP sessions are
POST /reset + POST /step. Exit status 0 when every session succeeded and at least
--expect-hosts distinct host_url values answered, 1 otherwise (2 on bad arguments).
It stands in for `openenv-bench run` where the harness is not available; it measures nothing.
"""
import argparse
import base64
import http.client
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse


def ws_session(host, port, wait, timeout):
    sock = socket.create_connection((host, port), timeout=timeout)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        reader = sock.makefile("rb")
        status = reader.readline().decode(errors="replace").strip()
        if " 101 " not in status + " ":
            raise RuntimeError(f"upgrade refused: {status!r}")
        while reader.readline() not in (b"\r\n", b""):
            pass
        ws_send(sock, {"type": "reset", "data": {}})
        expect_observation(ws_read(reader))
        ws_send(sock, {"type": "step", "data": {"wait_seconds": wait}})
        observation = expect_observation(ws_read(reader))
        ws_send(sock, {"type": "close"})
        return observation
    finally:
        sock.close()


def ws_send(sock, message):
    payload = json.dumps(message).encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(payload) < 126:
        header += bytes([0x80 | len(payload)])
    else:
        header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(header + mask + masked)


def ws_read(reader):
    first, second = read_exact(reader, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", read_exact(reader, 2))[0]
    elif length == 127:
        length = struct.unpack("!Q", read_exact(reader, 8))[0]
    payload = read_exact(reader, length)
    if first & 0x0F == 0x8:
        raise RuntimeError("server closed the WebSocket")
    return json.loads(payload)


def read_exact(reader, count):
    data = reader.read(count)
    if len(data) != count:
        raise RuntimeError("connection closed mid-frame")
    return data


def expect_observation(reply):
    if reply.get("type") != "observation":
        raise RuntimeError(f"expected an observation, got {json.dumps(reply)[:200]}")
    return reply["data"]["observation"]


def http_session(host, port, wait, timeout):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        for path, body in (("/reset", None), ("/step", {"action": {"wait_seconds": wait}})):
            data = None if body is None else json.dumps(body)
            headers = {} if body is None else {"Content-Type": "application/json"}
            conn.request("POST", path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}: {text[:200]!r}")
        return json.loads(text)["observation"]
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--mode", choices=("ws", "http"), default="ws")
    parser.add_argument("-n", "--requests", type=int, default=10)
    parser.add_argument("-w", "--wait", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--expect-hosts", type=int, default=1)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    session = ws_session if args.mode == "ws" else http_session
    results = [None] * args.requests
    start = threading.Barrier(args.requests)

    def run(index):
        try:
            start.wait()
            results[index] = ("ok", session(host, port, args.wait, args.timeout))
        except Exception as error:  # a session ends as a value, never as a crash
            results[index] = ("error", f"{type(error).__name__}: {error}")

    began = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(args.requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    observations = [value for kind, value in results if kind == "ok"]
    errors = sorted({value for kind, value in results if kind == "error"})
    summary = {
        "url": args.url, "mode": args.mode, "requests": args.requests,
        "successful": len(observations), "failed": args.requests - len(observations),
        "wall_seconds": round(time.monotonic() - began, 3),
        "hosts": sorted({o["host_url"] for o in observations}),
        "pids": len({o["pid"] for o in observations}),
        "sessions": len({o["session_hash"] for o in observations}),
        "errors": errors[:5],
    }
    print(json.dumps(summary))
    ok = not errors and len(summary["hosts"]) >= args.expect_hosts
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
