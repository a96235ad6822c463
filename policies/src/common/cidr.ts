// Address ranges for judging CIDRs by the addresses they cover, whatever their spelling (0.0.0.0/0, 10.0.0.0/0,
// two /1 halves, ::/0, 0:0::0/0, 2000::/3 ...). Ranges are inclusive [lo, hi] pairs of bigints per address family.

export type Family = 4 | 6;

export interface Range { lo: bigint; hi: bigint }

export interface Cidr { family: Family; range: Range; prefix: number }

function parseV4(s: string): bigint | undefined {
    const parts = s.split(".");
    if (parts.length !== 4 || parts.some(p => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n);
}

function parseV6(s: string): bigint | undefined {
    let text = s.toLowerCase();
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
        const n = parseV4(v4[1]);
        if (n === undefined) {
            return undefined;
        }
        text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
    }
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const head = halves[0] === "" ? [] : halves[0].split(":");
    const tail = halves.length === 2 && halves[1] !== "" ? halves[1].split(":") : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) {
        return undefined;
    }
    const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (groups.length !== 8 || groups.some(g => !/^[0-9a-f]{1,4}$/.test(g))) {
        return undefined;
    }
    return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Parses "a.b.c.d/n", "x:y::z/n" or a bare address (a /32 or /128). Host bits are ignored, as Kubernetes does. */
export function parseCidr(text: unknown): Cidr | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const m = /^\s*([^/\s]+)(?:\/(\d{1,3}))?\s*$/.exec(text);
    if (!m) {
        return undefined;
    }
    const family: Family = m[1].includes(":") ? 6 : 4;
    const bits = family === 4 ? 32 : 128;
    const addr = family === 4 ? parseV4(m[1]) : parseV6(m[1]);
    const prefix = m[2] === undefined ? bits : Number(m[2]);
    if (addr === undefined || prefix > bits) {
        return undefined;
    }
    const hostBits = BigInt(bits - prefix);
    const lo = (addr >> hostBits) << hostBits;
    return { family, prefix, range: { lo, hi: lo + (1n << hostBits) - 1n } };
}

/** Sorted, merged union of ranges. */
export function union(ranges: readonly Range[]): Range[] {
    const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    const out: Range[] = [];
    for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && r.lo <= last.hi + 1n) {
            if (r.hi > last.hi) {
                last.hi = r.hi;
            }
        } else {
            out.push({ ...r });
        }
    }
    return out;
}

/** `from` minus every range of `cut`. */
export function subtract(from: readonly Range[], cut: readonly Range[]): Range[] {
    let out = union(from);
    for (const c of union(cut)) {
        const next: Range[] = [];
        for (const r of out) {
            if (c.hi < r.lo || c.lo > r.hi) {
                next.push(r);
                continue;
            }
            if (c.lo > r.lo) {
                next.push({ lo: r.lo, hi: c.lo - 1n });
            }
            if (c.hi < r.hi) {
                next.push({ lo: c.hi + 1n, hi: r.hi });
            }
        }
        out = next;
    }
    return out;
}

/** True when `ranges` contain every address of `target`. */
export function coversAll(ranges: readonly Range[], target: readonly Range[]): boolean {
    return subtract(target, ranges).length === 0;
}

function cidrs(...texts: string[]): Range[] {
    return texts.map(t => parseCidr(t)!.range);
}

/**
 * The publicly routable IPv4 space: everything but the special-use blocks (RFC 6890). A peer set that covers it is
 * "the whole Internet", however private ranges are carved out.
 */
export const PUBLIC_V4: Range[] = subtract(cidrs("0.0.0.0/0"), cidrs(
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
    "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "224.0.0.0/4", "240.0.0.0/4"));

/** The IPv6 global unicast space (2000::/3). */
export const PUBLIC_V6: Range[] = cidrs("2000::/3");
