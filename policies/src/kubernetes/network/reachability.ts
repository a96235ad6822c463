// NetworkPolicy rules judged by the reachability they grant. Rules add up, so a set of rules "allows all" when,
// for some protocol, every port is open to every peer: every pod of every namespace (a namespace selector that any
// namespace matches) or every public address (ipBlocks that together cover the Internet, however spelled:
// 0.0.0.0/0, 10.0.0.0/0, two /1 halves, ::/0, 2000::/3, with or without private ranges carved out).

import { PUBLIC_V4, PUBLIC_V6, Range, coversAll, parseCidr, subtract, union } from "../../common/cidr";
import { Tri } from "../../common/tri";
import { UNKNOWN, asArray, isObject, isUnknownValue, peek } from "../../common/util";
import { selectsEverything } from "../model/selector";

export const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
type Protocol = typeof PROTOCOLS[number];
const MAX_PORT = 65535;

interface PortRange { protocol: Protocol; lo: number; hi: number }
interface Peers { everything: boolean; why: string[]; v4: Range[]; v6: Range[] }
interface Reach { ports: PortRange[]; peers: Peers; label: string }

export interface LabeledRule { rule: unknown; label: string }

export interface Verdict { verdict: Tri; reason?: string }

function known(v: unknown): boolean {
    return v !== UNKNOWN && !isUnknownValue(v);
}

/** The ports a rule opens, or undefined when a part is not known yet. Named ports open one port each: never all. */
function portsOf(rule: unknown): PortRange[] | undefined {
    const ports = peek(rule, "ports");
    if (!known(ports)) {
        return undefined;
    }
    const list = asArray(ports);
    if (list.length === 0) {
        return PROTOCOLS.map(protocol => ({ protocol, lo: 1, hi: MAX_PORT }));
    }
    const out: PortRange[] = [];
    for (const p of list) {
        if (!isObject(p)) {
            continue;
        }
        const proto = peek(p, "protocol");
        const port = peek(p, "port");
        const end = peek(p, "endPort");
        if (!known(proto) || !known(port) || !known(end)) {
            return undefined;
        }
        const protocol = String(proto ?? "TCP").trim().toUpperCase() as Protocol;
        if (!PROTOCOLS.includes(protocol)) {
            continue;
        }
        const n = typeof port === "number" ? port : typeof port === "string" && /^\s*\d+\s*$/.test(port) ? Number(port) : undefined;
        if (port === undefined || port === null) {
            out.push({ protocol, lo: 1, hi: MAX_PORT });
        } else if (n !== undefined) {
            const e = typeof end === "number" ? end : n;
            out.push({ protocol, lo: Math.max(1, n), hi: Math.min(MAX_PORT, Math.max(n, e)) });
        }
    }
    return out;
}

/** The peers a rule admits, or undefined when a part is not known yet. */
function peersOf(rule: unknown, key: "from" | "to"): Peers | undefined {
    const peers = peek(rule, key);
    if (!known(peers)) {
        return undefined;
    }
    const out: Peers = { everything: false, why: [], v4: [], v6: [] };
    const list = asArray(peers);
    if (list.length === 0) {
        return { ...out, everything: true, why: [`no ${key} (every peer)`] };
    }
    for (const p of list) {
        if (!isObject(p)) {
            continue;
        }
        const block = peek(p, "ipBlock");
        if (block !== undefined) {
            const cidr = peek(block, "cidr");
            const except = peek(block, "except");
            if (!known(block) || !known(cidr) || !known(except)) {
                return undefined;
            }
            const c = parseCidr(cidr);
            if (c) {
                const cut = asArray(except).map(parseCidr).filter(x => x && x.family === c.family).map(x => x!.range);
                const left = subtract([c.range], cut);
                (c.family === 4 ? out.v4 : out.v6).push(...left);
                out.why.push(`ipBlock ${cidr}${cut.length > 0 ? ` except ${asArray(except).join(", ")}` : ""}`);
            }
            continue;
        }
        const ns = peek(p, "namespaceSelector");
        if (ns !== undefined) {
            const all: Tri = selectsEverything(ns, true) === "maybe" || selectsEverything(peek(p, "podSelector"), false) === "maybe"
                ? "maybe" : selectsEverything(ns, true) === "yes" && selectsEverything(peek(p, "podSelector"), false) === "yes" ? "yes" : "no";
            if (all === "maybe") {
                return undefined;
            }
            if (all === "yes") {
                out.everything = true;
                out.why.push(`every pod of every namespace (namespaceSelector ${JSON.stringify(ns)})`);
            }
        }
    }
    return out;
}

function coversEveryone(peers: Peers[]): { yes: boolean; why: string[] } {
    const why = peers.flatMap(p => p.why);
    if (peers.some(p => p.everything)) {
        return { yes: true, why };
    }
    const v4 = union(peers.flatMap(p => p.v4));
    const v6 = union(peers.flatMap(p => p.v6));
    return { yes: coversAll(v4, PUBLIC_V4) || coversAll(v6, PUBLIC_V6), why };
}

/** Does this set of rules open every port of some protocol to every peer? */
export function allowsAll(rules: readonly LabeledRule[], key: "from" | "to"): Verdict {
    const reach: Reach[] = [];
    let undecided = false;
    for (const { rule, label } of rules) {
        if (!known(rule)) {
            undecided = true;
            continue;
        }
        const ports = portsOf(rule);
        const peers = peersOf(rule, key);
        if (!ports || !peers) {
            undecided = true;
            continue;
        }
        reach.push({ ports, peers, label });
    }
    for (const protocol of PROTOCOLS) {
        const mine = reach.map(r => ({ r, ranges: r.ports.filter(p => p.protocol === protocol) })).filter(x => x.ranges.length > 0);
        const cuts = [...new Set([1, MAX_PORT + 1, ...mine.flatMap(x => x.ranges.flatMap(p => [p.lo, p.hi + 1]))])].sort((a, b) => a - b);
        const used = new Set<Reach>();
        const why = new Set<string>();
        let all = mine.length > 0;
        for (let i = 0; all && i < cuts.length - 1; i++) {
            const port = cuts[i];
            const open = mine.filter(x => x.ranges.some(p => p.lo <= port && port <= p.hi)).map(x => x.r);
            const cover = coversEveryone(open.map(r => r.peers));
            all = cover.yes;
            open.forEach(r => used.add(r));
            cover.why.forEach(w => why.add(w));
        }
        if (all) {
            const labels = [...used].map(r => r.label);
            const peers = [...why].join(", ");
            const single = labels.length === 1;
            const noPorts = [...used].every(r => r.ports.length === PROTOCOLS.length && r.ports.every(p => p.lo === 1 && p.hi === MAX_PORT));
            const reason = single && noPorts && [...used][0].peers.why[0]?.startsWith("no ")
                ? `${labels[0]} is a rule without ${key} and ports (all peers, all ports)`
                : `${labels.join(" + ")} ${single ? "is a rule allowing" : "together allow"} ${peers} on every ${protocol} port`;
            return { verdict: "yes", reason };
        }
    }
    return { verdict: undecided ? "maybe" : "no" };
}

/** The rules of one direction of a NetworkPolicy spec (raw), unless policyTypes switches that direction off. */
export function rulesOf(spec: unknown, direction: "ingress" | "egress", labelPrefix = ""): LabeledRule[] {
    const types = peek(spec, "policyTypes");
    if (Array.isArray(types) && !types.map(t => String(t).toLowerCase()).includes(direction)) {
        return [];
    }
    const rules = peek(spec, direction);
    if (rules === UNKNOWN) {
        return [{ rule: UNKNOWN, label: `${labelPrefix}spec.${direction}` }];
    }
    return asArray(rules).map((rule, i) => ({ rule, label: `${labelPrefix}spec.${direction}[${i}]` }));
}

export const PEERS_KEY = { ingress: "from", egress: "to" } as const;
