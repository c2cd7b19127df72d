// The client address used for login throttling. With no trusted proxy it is the socket's peer.
// Behind `trustedHops` reverse proxies (TRUST_PROXY), each proxy appends the address it got the
// request from to X-Forwarded-For, so only the last `trustedHops` entries were written by our
// proxies: the client is the entry that many places from the right. Anything further left is
// whatever the client sent and is never believed. In-process tests have no socket.

import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export function clientAddress(c: Context, trustedHops = 0): string {
  const peer = socketAddress(c);
  if (trustedHops <= 0) return peer;
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  // Fewer entries than proxies: the request did not come through all of them; the leftmost
  // entry is still one a proxy of ours wrote.
  return forwarded[Math.max(0, forwarded.length - trustedHops)] ?? peer;
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
