import { describe, expect, test } from "bun:test";
import { cidrContains, isPrivateAddress, parseCidr, parseIp } from "../src/index.ts";

describe("parseIp", () => {
  test("parses IPv4, IPv6 and brackets; maps IPv4-mapped IPv6 to IPv4", () => {
    expect(parseIp("192.168.1.2")).toEqual({ version: 4, value: 0xc0a80102n });
    expect(parseIp("::1")).toEqual({ version: 6, value: 1n });
    expect(parseIp("[2001:db8::]")).toEqual({ version: 6, value: 0x20010db8n << 96n });
    expect(parseIp("::ffff:127.0.0.1")).toEqual({ version: 4, value: 0x7f000001n });
    expect(parseIp("::ffff:7f00:1")).toEqual({ version: 4, value: 0x7f000001n });
    expect(parseIp("fe80::1%eth0")).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
  });

  test("rejects malformed and ambiguous text", () => {
    for (const bad of [
      "256.1.1.1",
      "1.2.3",
      "01.2.3.4",
      "1::2::3",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "x",
      "",
    ]) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });

  test("CIDR containment", () => {
    const range = parseCidr("172.16.0.0/12")!;
    expect(cidrContains(range, parseIp("172.31.255.255")!)).toBe(true);
    expect(cidrContains(range, parseIp("172.32.0.0")!)).toBe(false);
    expect(cidrContains(parseCidr("::ffff:10.0.0.0/104")!, parseIp("10.2.3.4")!)).toBe(true);
  });
});

describe("isPrivateAddress", () => {
  test("refuses loopback, private, link-local, unspecified, CGNAT and their mapped forms", () => {
    for (const address of [
      "127.0.0.1",
      "127.9.9.9",
      "::1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.254",
      "192.168.0.10",
      "fc00::1",
      "fd12:3456::1",
      "169.254.169.254",
      "fe80::abcd",
      "0.0.0.0",
      "::",
      "100.64.0.1",
      "100.127.255.255",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:a9fe:a9fe",
      "2002:7f00:1::", // 6to4 wrapping 127.0.0.1
      "64:ff9b::a00:1", // NAT64 wrapping 10.0.0.1
      "224.0.0.1",
      "255.255.255.255",
    ]) {
      expect({ address, private: isPrivateAddress(address) }).toEqual({ address, private: true });
    }
  });

  test("allows public addresses", () => {
    for (const address of [
      "8.8.8.8",
      "1.1.1.1",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]) {
      expect({ address, private: isPrivateAddress(address) }).toEqual({ address, private: false });
    }
  });
});
